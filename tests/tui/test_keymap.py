"""Every binding has an id and speaks the language of the run; [keys] in config.toml is checked.

The screens and dialogs are found by walking ``sipmote.tui`` (not listed by hand), so a new screen
whose keys are translated at import, or that has no way to be built here, fails.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY
from test_tui_helpers import make_app, open_register, text_of
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

import sipmote.tui
from sipmote import i18n
from sipmote.tui import keyhelp
from sipmote.tui.footer import KeyFooter
from sipmote.tui.keys import Keys, _tr, key_name, load_keymap

MODULES = [importlib.import_module(m.name) for m in pkgutil.walk_packages(sipmote.tui.__path__, "sipmote.tui.")]
CLASSES = sorted({c for mod in MODULES for c in vars(mod).values()
                  if inspect.isclass(c) and issubclass(c, DOMNode) and c.__module__.startswith("sipmote.")},
                 key=lambda c: f"{c.__module__}:{c.__qualname__}")
SCREENS = [c for c in CLASSES if issubclass(c, Screen)]
#: every other node with keys a user reads (the app, the meeting's phase bodies …): built as ``cls()``
WIDGETS = [c for c in CLASSES if not issubclass(c, Screen) and "BINDINGS" in vars(c)
           and any(getattr(b, "description", "") for b in list.__iter__(vars(c)["BINDINGS"]))]
#: mixins of a screen (never shown alone; their keys are checked through the screen)
MIXINS = {"PrepareFields", "PeopleAndConsents", "PlanRecordActions"}


def _factories(app: Any, plan: Any) -> dict[str, Callable[[], Any]]:
    """Every screen and dialog of sipmote, built as the app builds it."""
    from sipmote.tui.dialogs import base, choice, confirm, form, view
    from sipmote.tui.screens import (
        dialogs,
        export_modal,
        followup,
        help,
        meeting,
        participants,
        passphrase,
        prepare,
        register,
        stats,
    )

    here = keyhelp.view_help("register")
    return {
        "Dialog": lambda: base.Dialog(),
        "ChoiceDialog": lambda: choice.ChoiceDialog("?", [("a", 1)]),
        "ConfirmDialog": lambda: confirm.ConfirmDialog("?"),
        "FormDialog": lambda: form.FormDialog("?", []),
        "TextDialog": lambda: form.TextDialog("?"),
        "TextViewDialog": lambda: view.TextViewDialog("?", "text"),
        "ClosePlanDialog": lambda: dialogs.ClosePlanDialog(plan, TODAY),
        "DeviationDraftsDialog": lambda: dialogs.DeviationDraftsDialog([]),
        "EvaluationDialog": lambda: dialogs.EvaluationDialog("?"),
        "ExportModal": lambda: export_modal.ExportModal(plan),
        "FollowUpScreen": lambda: followup.FollowUpScreen(plan.id),
        "HelpScreen": lambda: help.HelpScreen(here, here),
        "MeetingScreen": lambda: meeting.MeetingScreen(plan),
        "ParticipantsModal": lambda: participants.ParticipantsModal(plan, plan.latest_meeting),
        "PassphraseModal": lambda: passphrase.PassphraseModal(),
        "PrepareScreen": lambda: prepare.PrepareScreen(None),
        "RegisterScreen": lambda: register.RegisterScreen(None),
        "StatsScreen": lambda: stats.StatsScreen(None),
    }


def _declared(cls: type) -> list[tuple[type, Binding]]:
    """(class, binding as written: its description a catalogue key) of sipmote's classes in the MRO."""
    out = []
    for klass in cls.__mro__:
        if klass.__module__.startswith("sipmote.") and "BINDINGS" in vars(klass):
            raw = list.__iter__(vars(klass)["BINDINGS"])  # as written, not translated
            out += [(klass, b if isinstance(b, Binding) else Binding(*b)) for b in raw]
    return out


def _own_bindings(cls: type) -> list[Binding]:
    return [b for klass, b in _declared(cls) if klass is cls]


def test_every_screen_and_dialog_is_known_to_the_help_and_the_keymap():
    known = {p.split(":")[1] for owners in keyhelp.VIEWS.values() for p in owners} | \
            {p.split(":")[1] for p in keyhelp.DIALOGS}
    missing = [c.__qualname__ for c in SCREENS if c.__qualname__ not in known | MIXINS | {"Dialog"}]
    assert not missing, f"add to keyhelp.VIEWS or keyhelp.DIALOGS (F1, [keys] checks, the guide): {missing}"


async def test_every_screen_dialog_and_view_speaks_the_language_of_the_run_not_of_the_first_import(home, demo):
    # the modules were imported (their classes built) above, in Swedish
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, None, lang="en")
    checked = []
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            factories = _factories(app, demo)
            unbuilt = [c.__qualname__ for c in SCREENS if c.__qualname__ not in factories | dict.fromkeys(MIXINS)]
            assert not unbuilt, f"a screen this test cannot build: add it to _factories: {unbuilt}"
            factories["SipmoteApp"] = lambda: app
            for cls in SCREENS + WIDGETS:
                if cls.__qualname__ in MIXINS:
                    continue
                for klass, _b in _declared(cls):
                    assert isinstance(vars(klass)["BINDINGS"], Keys), \
                        f"{klass.__qualname__}.BINDINGS: Keys([...]) with catalogue keys (tui/keys.py)"
                node = factories.get(cls.__qualname__, cls)()
                by_key: dict[str, Binding] = {}  # a subclass's binding replaces its base's for the key
                for _klass, b in reversed(_declared(cls)):
                    by_key.update({k.strip(): b for k in b.key.split(",")})
                expected = {(k, b.action, _tr(b.description)) for k, b in by_key.items() if b.description}
                shown = {(key, b.action, b.description) for key, bs in node._bindings.key_to_bindings.items()
                         for b in bs if b.description and any(e[:2] == (key, b.action) for e in expected)}
                assert shown == expected, cls.__qualname__
                checked.append(cls.__qualname__)
    finally:
        i18n.set_language("sv")
    reg.close()
    assert {"RegisterScreen", "FormDialog", "ConfirmDialog", "PrepareScreen", "StatsScreen", "SipmoteApp",
            "ListenBody", "PlanBody"} <= set(checked), checked
    # what a user reads: the register's keys in English, not the Swedish of the import
    i18n.set_language("en")
    try:
        from sipmote.tui.screens.register import RegisterScreen

        texts = {b.description for bs in RegisterScreen(None)._bindings.key_to_bindings.values() for b in bs}
        assert "New plan" in texts and "Ny plan" not in texts, texts
    finally:
        i18n.set_language("sv")


def test_every_binding_has_an_id_and_an_id_is_one_key():
    ids: dict[str, set[str]] = {}
    no_id = []
    for cls in CLASSES:
        for b in _own_bindings(cls):
            if not b.id:
                no_id.append(f"{cls.__qualname__}: {b.key} {b.action}")
            else:
                ids.setdefault(b.id, set()).add(b.key)
    assert not no_id, no_id
    # an id names one key: a dialog's Esc is "dialog.cancel" in every dialog (moved once, moved everywhere)
    shared = {i: keys for i, keys in ids.items() if len(keys) > 1}
    assert not shared, shared
    assert set(ids) <= set(keyhelp.all_bindings()), set(ids) - set(keyhelp.all_bindings())


def test_the_meeting_tables_enter_keys_are_known():
    calls = {}
    for path in Path(sipmote.tui.__file__).parent.joinpath("widgets", "meeting").glob("*.py"):
        for table, key in re.findall(r'make_table\("([^"]+)", "([^"]+)"', path.read_text(encoding="utf-8")):
            calls[table] = key
    assert calls == {table: key for table, (_view, key) in keyhelp.TABLES.items()}


@pytest.mark.parametrize(("written", "name"), [("ctrl+s", "ctrl+s"), ("F2", "f2"), ("?", "question_mark"),
                                                ("ctrl++", "ctrl+plus"), ("Ctrl+S", "ctrl+s"), ("right", "right"),
                                                ("ctrl+++", None), ("ctrl+", None), ("hyper+space+x", None),
                                                ("högerpil", None), ("ctrl+ctrl+s", None)])
def test_a_key_name_is_read_as_textual_reads_it_or_refused(written, name):
    assert key_name(written) == name


def _config(home, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[keys]\n" + text, encoding="utf-8")


def test_keymap_problems_are_told_in_swedish(home):
    _config(home, '"meeting.nxt_phase" = "right"\n"meeting.zzz" = "x"\n"meeting.previous_phase" = "ctrl+++"\n'
                  '"listen.notes" = "s"\n"meeting.prompts" = "F7"\n')
    keymap, message = load_keymap(home)
    assert keymap == {"listen.notes": "s", "meeting.prompts": "f7"}  # only what applies
    lines = message.splitlines()
    assert 'config.toml: [keys] "meeting.nxt_phase" finns inte i sipmote – menade du "meeting.next_phase"? ' \
           "Raden används inte." in lines
    assert any('"meeting.zzz" finns inte' in line and "menade du" not in line for line in lines), lines
    assert any('"meeting.previous_phase": "ctrl+++" är ingen tangent' in line and "Tangenten är kvar: b." in line
               for line in lines), lines
    assert any("tangenten s gör två saker i Mötet – Lyssna" in line and "meeting.summary" in line
               and "listen.notes" in line for line in lines), lines
    assert len(lines) == 4


def test_a_key_the_meetings_table_keeps_is_told(home):
    _config(home, '"meeting.next_phase" = "up"\n"listen.notes" = "enter"\n"meeting.summary" = "left"\n'
                  '"register.new" = "pagedown"\n')
    _keymap, message = load_keymap(home)
    lines = message.splitlines()
    assert any('"meeting.next_phase": ↑ flyttar markören i tabellen' in line for line in lines), lines
    assert any("tangenten Enter gör två saker i Mötet – Lyssna: speakers.enter / listen.notes" in line
               for line in lines), lines
    assert any('"register.new": PgDn flyttar markören i tabellen (t.ex. i Registret' in line for line in lines), lines
    assert len(lines) == 3  # ← is passed on by a row cursor: moving a key there works


async def _meeting_with_keys(home, demo, keys: str, press: str) -> tuple[str, str, str, set]:
    """With ``keys`` under [keys]: (the notices at start, the footer at 120 columns, the phase after
    pressing ``press`` in Lyssna, the palette's (command, help))."""
    _config(home, keys)
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = "\n".join(n.message for n in app._notifications)
        line = app.screen.query_one(KeyFooter).line(120).plain
        palette = {(c.title, c.help) for c in app.get_system_commands(app.screen)}
        assert "LYSSNA" in text_of(app, "#ph-name")
        await pilot.press(press)
        await pilot.pause()
        phase = text_of(app, "#ph-name")
    reg.close()
    return shown, line, phase, palette


async def test_the_app_tells_keymap_problems_at_start_and_keeps_the_default_key(home, demo):
    shown, _line, phase, _palette = await _meeting_with_keys(
        home, demo, '"meeting.nxt_phase" = "right"\n"meeting.next_phase" = "ctrl+++"\n', "n")
    assert 'menade du "meeting.next_phase"' in shown and '"ctrl+++" är ingen tangent' in shown, shown
    assert "PROBLEMATISERA" in phase  # the default key still works


async def test_a_moved_key_is_shown_in_the_footer_and_the_palette(home, demo):
    _shown, line, phase, palette = await _meeting_with_keys(home, demo, '"meeting.next_phase" = "right"\n', "right")
    assert "→ Nästa" in line and "n Nästa" not in line, line
    assert ("Nästa", "Tangent: →") in palette, palette
    assert "PROBLEMATISERA" in phase  # what the footer says is true


async def test_a_key_moved_onto_one_the_table_keeps_is_not_shown_as_working(home, demo):
    _shown, line, phase, _palette = await _meeting_with_keys(home, demo, '"meeting.next_phase" = "up"\n', "up")
    assert "Nästa" not in line, line
    assert "LYSSNA" in phase  # ↑ moved the table's cursor, as the notice at start says


def test_the_user_guide_lists_every_key_a_user_may_move():
    """docs/anvandarguide.md, "Tangenter": the table is the bindings' own (on failure, paste the
    table printed below between the two markers)."""
    guide = Path(__file__).parents[2].joinpath("docs", "anvandarguide.md").read_text(encoding="utf-8")
    start = guide.index("\n", guide.index("<!-- tangenter:")) + 1
    table = guide[start:guide.index("<!-- /tangenter -->")]
    expected = keyhelp.keymap_markdown()
    assert table == expected, "\n" + expected
    for binding_id in ("meeting.next_phase", "dialog.save", "prepare.section_person", "speakers.enter"):
        assert f"| `{binding_id}` |" in table
