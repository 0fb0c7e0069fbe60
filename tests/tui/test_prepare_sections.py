"""The preparation screen in sections (issue 12 item 10, issue 17): it opens with the
person's fields only, a section is built when opened (F2-F6 or Enter on its heading),
the person is listed among the invited, the tables show every column at 80 and 100
columns and take Home/End as row moves, labels are whole, the focused dropdown is plain
to see, and consent is one key away."""

from __future__ import annotations

import itertools

import pytest
from rich.cells import cell_len
from test_lifecycle_support import TODAY, Host
from test_prepare_screen import PID, prepared_plan
from textual.color import Color
from textual.widgets import DataTable, Input, Label, Select

from sipmote.i18n import label
from sipmote.model import OrgKind, Participant
from sipmote.store import Register
from sipmote.tui.dialogs import ConfirmDialog
from sipmote.tui.screens.prepare import PrepareScreen
from sipmote.tui.screens.prepare_form import Section

SECTIONS = ("need", "meeting", "people", "consent")


@pytest.fixture
def reg(home):
    p = prepared_plan()
    p.meetings[0].participants.append(Participant(
        id="pp3", name="Sofia Nilsson-Johansson", org_kind=OrgKind.social_services,
        organisation="Socialtjänsten Exempelstad, barn och unga", role="handläggare"))
    p.consents[0].withdrawn_on = None
    r = Register(home).open()
    r.save(p)
    yield r
    r.close()


async def test_only_the_persons_section_is_built_when_the_screen_opens(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        assert s.focused is s.query_one("#name", Input)
        assert not s.query("#date") and not s.query("#p_name") and not s.query("#consents")
        heads = {sec.sid: str(sec.head.render()) for sec in s.query(Section)}
        assert "2026-03-16 13:00 Strandskolan" in heads["meeting"]  # a closed section says what it holds
        assert "4 kallade: Elsa Lindqvist, Anna Berg" in heads["people"]
        await pilot.press("f4")
        await pilot.pause()
        date = s.query_one("#date", Input)
        assert date.value == "2026-03-16" and s.focused is date  # built with the stored value, cursor in it
        date.value = "2026-03-17"
        head = s.section("meeting").head
        head.focus()
        await pilot.press("enter")  # closed again: the value is kept
        await pilot.pause()
        assert not s.section("meeting").opened and "2026-03-17" in str(head.render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert str(reg.load(PID).meetings[0].date) == "2026-03-17"


async def test_consent_is_one_key_from_a_participants_name(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await pilot.press("f5")
        await pilot.pause()
        assert s.focused is s.query_one("#p_name", Input)
        await pilot.press("f6")
        await pilot.pause()
        assert s.focused is s.query_one("#c_who", Input)
        assert s.query_one("#c_who").region.y < app.size.height - 1  # on screen, not below the fold


async def test_the_person_is_invited_and_cannot_be_removed(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await s.open_section("people")
        table = s.query_one("#prep-participants", DataTable)
        row = [str(c).replace("\n", " ") for c in table.get_row_at(0)]  # (a long cell wraps between words)
        assert row[:2] == ["Elsa Lindqvist", "Den som planen gäller"]  # whole
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("delete")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        assert any("alltid kallad" in str(n.message) for n in app._notifications)
        assert table.row_count == 4
        s.query_one("#name", Input).focus()
        await pilot.press("end", *" Maria")  # the person's row follows the name as it is typed
        await pilot.pause()
        assert str(table.get_row_at(0)[0]) == "Elsa Lindqvist Maria"


async def test_home_and_end_move_the_row_cursor_never_sideways(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(80, 24)) as pilot:
        s = app.screen
        await s.open_section("people")
        table = s.query_one("#prep-participants", DataTable)
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 3 and table.scroll_x == 0
        assert str(table.get_row_at(table.cursor_row)[0]).startswith("Sofia")  # the last one, whole row in view
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and table.scroll_x == 0


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_every_column_and_every_label_is_in_view(reg, size):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=size) as pilot:
        s = app.screen
        for sid in SECTIONS:
            await s.open_section(sid, focus=False)
        await pilot.press("ctrl+o", "j")  # a withdrawn consent: the longest status
        await pilot.pause()
        for tid in ("prep-participants", "consents"):
            table = s.query_one(f"#{tid}", DataTable)
            widths = sum(c.get_render_width(table) for c in table.columns.values())
            assert widths <= table.scrollable_content_region.width and table.max_scroll_x == 0, (tid, size)
        last = [str(c) for c in s.query_one("#prep-participants", DataTable).get_row_at(3)]
        assert last[-1] == "Kallad"  # attendance, whole
        state = [str(c) for c in s.query_one("#consents", DataTable).get_row_at(0)][-1]
        assert state == f"Återkallat {TODAY.isoformat()}"
        for label in s.query(".row Label").results(Label):
            text = str(label.render())
            assert cell_len(text) <= label.content_region.width, (text, size)
        assert "Vad är viktigt för dig?" in [str(lbl.render()) for lbl in s.query(".row Label").results(Label)]
        for field in s.query(".row Input").results(Input):  # an empty field's hint says what goes there: whole
            if not field.value and field.placeholder:
                assert cell_len(str(field.placeholder)) <= field.content_region.width, (field.id, size)


def _distance(a: Color, b: Color) -> float:
    return sum((x - y) ** 2 for x, y in zip(a.rgb, b.rgb, strict=True)) ** 0.5


async def test_a_focused_dropdown_is_plain_to_see(reg):
    from sipmote.tui.app import SipmoteApp  # its style sheet: the one focus look lives there

    app = SipmoteApp(register=reg, today=TODAY)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.push_screen(PrepareScreen(PID, register=reg, today=TODAY))
        await pilot.pause()
        s = app.screen
        await s.open_section("meeting", focus=False)
        mode = s.query_one("#mode", Select)
        current = mode.query_one("SelectCurrent")
        before = current.background_colors[1]
        mode.focus()
        await pilot.pause()
        after = current.background_colors[1]
        assert _distance(before, after) > 40, (before, after)  # Textual's own mark: a 5 % tint (~15)
        place = s.query_one("#place", Input)
        before = place.background_colors[1]
        place.focus()
        await pilot.pause()
        assert _distance(before, place.background_colors[1]) > 40  # a text field: the same look


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_persons_fields_and_every_sections_key_are_in_view_on_opening(reg, size):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        s = app.screen
        form = s.query_one("#prep-form")
        bottom = form.region.bottom
        for wid in ("name", "pnr", "address", "phone", "g1name", "g2phone"):
            assert s.query_one(f"#{wid}").region.bottom <= bottom, (wid, size)
        for sec in s.query(Section):
            assert 0 < sec.head.region.bottom <= bottom, (sec.sid, size)
            assert sec.key.upper() in str(sec.head.render())  # its key, F2-F6


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_long_invited_list_scrolls_down_never_sideways(reg, size):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=size) as pilot:
        s = app.screen
        await s.open_section("people")
        for i in range(8):  # twelve invited with the person: more rows than the table's height
            s.query_one("#p_name", Input).value = f"Deltagare nummer {i} Långnamnsson"
            s.query_one("#p_unit", Input).value = "Habiliteringen, barn- och ungdomsteamet"
            s.query_one("#p_role", Input).value = "Socialsekreterare/handläggare"
            s.query_one("#p_name", Input).focus()
            await pilot.press("enter")
        await pilot.pause()
        table = s.query_one("#prep-participants", DataTable)
        assert table.row_count == 12 and table.max_scroll_y > 0  # it scrolls down ...
        assert table.max_scroll_x == 0  # ... and never sideways
        table.focus()
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 11 and table.scroll_x == 0


async def test_withdrawing_opens_the_closed_consent_section_first(reg):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await pilot.press("f6")
        s.section("consent").head.focus()
        await pilot.press("enter")  # built, then closed again
        await pilot.pause()
        assert not s.section("consent").opened
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Maria Lindqvist" in app.screen.question
        assert s.section("consent").opened and s.section("consent").body.display  # whose consent: in view


async def test_the_invited_are_listed_when_the_section_is_opened_from_its_heading(home):
    """Audit: n, a name, F3, Tab x8 to '▸ F5 Kallade deltagare', Enter: the heading said
    '1 kallad' but the table's rows stayed blank until the terminal was resized."""
    reg = Register(home).open()
    app = Host(reg, lambda: PrepareScreen(None))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await pilot.press(*"Sara Nyström", "f3")
        await pilot.pause()
        for _ in range(20):  # Tab on, as the secretary does, to the invited's heading
            if s.focused is s.section("people").head:
                break
            await pilot.press("tab")
        assert s.focused is s.section("people").head
        await pilot.press("enter", *"Eva Lind")  # the name typed right after lands in Namn, as after F5
        await pilot.pause()
        assert s.query_one("#p_name", Input).value == "Eva Lind"
        table = s.query_one("#prep-participants", DataTable)
        rows = [[str(c).replace("\n", " ") for c in table.get_row_at(r)] for r in range(table.row_count)]
        assert rows and rows[0][0] == "Sara Nyström" and rows[0][1] == "Den som planen gäller"
    reg.close()


async def test_a_participants_name_is_five_tabs_from_the_consent(reg):
    """The 'Lägg till' buttons are for the mouse (Enter in the row adds): no Tab stop."""
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=(100, 30)) as pilot:
        s = app.screen
        await pilot.press("f6", "f5")  # both sections open
        await pilot.pause()
        assert s.focused is s.query_one("#p_name", Input)
        await pilot.press(*["tab"] * 5)
        assert s.focused is s.query_one("#c_who", Input)
        await pilot.press(*"Eva Ek", "tab", *"Kurator", "shift+tab", "shift+tab", "shift+tab")
        assert s.focused is s.query_one("#p_role", Input)  # back over the heading to the role: no button between
    reg.close()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_a_wrapped_cell_breaks_between_words_or_after_a_slash(reg, size):
    app = Host(reg, lambda: PrepareScreen(PID))
    async with app.run_test(size=size) as pilot:
        s = app.screen
        await s.open_section("people", focus=False)
        s.participants.append(Participant(id="pp9", name="Eva Lind", org_kind=OrgKind.social_services,
                                          organisation="Socialtjänsten Gävle, barn och unga",
                                          role="socialsekreterare"))
        s._refresh_tables()
        await pilot.pause()
        table = s.query_one("#prep-participants", DataTable)
        widths = [c.width for c in table.ordered_columns]
        role = str(table.get_row_at(table.row_count - 1)[1])
        assert role.splitlines()[0] in ("Socialsekreterare/", "Socialsekreterare/handläggare"), role
        people = s._person_rows + s.participants
        said = {x for p in people for x in (p.name, p.organisation, p.role_label, label(p.org_kind))}
        cells = []
        for r in range(table.row_count):
            for c, w in zip(table.get_row_at(r), widths, strict=True):
                text = str(c)
                cells.append(text)
                assert all(len(line) <= w for line in text.splitlines()), (text, w, size)  # the table folds none
                lines = text.split("\n")  # each break was a space, or comes after a / or -
                joins = [[" ", ""] if line.endswith(("/", "-")) else [" "] for line in lines[:-1]]
                readings = {"".join(x for pair in zip(lines, [*glue, ""], strict=True) for x in pair)
                            for glue in itertools.product(*joins)}
                assert readings & said or len(lines) == 1, (text, size)  # broken where a word ends only
        assert any("\n" in c for c in cells)  # (something did wrap)
