"""The agenda in the meeting's header (audit of issue 12's projector view): every phase with its
minutes, the current one marked and whole; the others shortened only as far as needed, at word
boundaries, never to a stub like "Insa"; the roll call and the summary are named as what the room
sees. Checked on screen for the follow-up at 100x30 and 80x24, and for every shipped agenda file
(and a long one) at both widths and every phase."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_tui_helpers import FakeClock, followed_up, make_app, open_register

from sipmote.agenda import PhaseClock, init_phases, load_agenda_file, parse_agenda
from sipmote.model import Meeting
from sipmote.resources import agenda_dir
from sipmote.tui.widgets.phase_header import PhaseHeader, header_room, shortenings

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
FOLLOW_UP = [("Hur går det?", 15), ("Insatserna", 15), ("Revidera eller avsluta", 20)]


def _header(app) -> str:
    """The header's three lines as the room sees them."""
    strips = app.screen._compositor.render_strips()[:3]
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def _shows_every_phase(header: str, phases, current: int, stubs: bool = False) -> None:
    """Each phase with its minutes; the current one whole and marked; the others whole or cut at a
    word boundary (kept words, then "…") - or, with ``stubs`` (no room for words), at least a letter."""
    for i, (name, minutes) in enumerate(phases):
        if i == current:
            assert f"●{name} {minutes}" in header, header
            continue
        labels = shortenings(name) + ([name[:k] + "…" for k in range(1, len(name))] if stubs else [])
        assert any(f"{label} {minutes}" in header for label in labels), (name, header)


def _clear_of_clock(app, header: str) -> None:
    """A blank column between the text and the big clock (at 80x24 "Revidera… 20" ran into it)."""
    x = app.screen.query_one("#ph-digits").region.x
    for line in header.splitlines():
        assert line[x - 1:x] == " ", (x, header)


@SIZES
async def test_follow_up_header_names_every_phase_whole_or_at_a_word(home, demo, today, size):
    reg = open_register(home)
    followed_up(demo, today)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        header = _header(app)  # the roll call: before the first phase, its clock marked
        assert header.lstrip().startswith("UPPROP"), header
        _shows_every_phase(header, FOLLOW_UP, 0)
        await pilot.press("a", "n")
        for i, title in enumerate(["HUR GÅR DET?", "INSATSERNA", "REVIDERA ELLER AVSLUTA"]):
            await pilot.pause()
            header = _header(app)
            assert title in header and (f"{i + 1}/3" in header or f"fas {i + 1} av 3" in header), header
            _shows_every_phase(header, FOLLOW_UP, i)
            _clear_of_clock(app, header)
            await pilot.press("n")
        await pilot.pause()
        header = _header(app)  # the summary, the clock still in the last phase
        assert header.lstrip().startswith("SAMMANFATTNING") and "REVIDERA ELLER" not in header, header
        _shows_every_phase(header, FOLLOW_UP, 2)
        assert "✓Hur går det? 15" in header and "✓Insatserna 15" in header
    reg.close()


async def test_summary_opened_from_lyssna_is_named_summary_not_lyssna(home, demo):
    """`s` in Lyssna shows the summary while the clock stays in Lyssna: the header says so (it read
    "LYSSNA 1/3 · SAMMANFATTNING"); `b` goes back to Lyssna."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        header = _header(app)
        assert header.lstrip().startswith("SAMMANFATTNING") and "LYSSNA" not in header, header
        assert "●Lyssna 20›Problematisera 20›Planera 20" in header
        await pilot.press("b")
        await pilot.pause()
        assert _header(app).lstrip().startswith("LYSSNA  1/3  ●Lyssna 20"), _header(app)
    reg.close()


LONG = """id = "lang"
name = "Lång agenda"
[[phase]]
key = "a"
name = "Inledning och sammanhangsmarkering"
minutes = 10
[[phase]]
key = "b"
name = "Aktuell situation och nuläge"
minutes = 15
[[phase]]
key = "c"
name = "Aktuellt behov, mål och insatser"
minutes = 25
[[phase]]
key = "d"
name = "Sammanfattning"
minutes = 5
[[phase]]
key = "e"
name = "Avslut"
minutes = 5
"""


def _agendas():
    shipped = [load_agenda_file(p) for p in sorted(Path(agenda_dir()).glob("*.toml"))]
    assert {a.id for a in shipped} >= {"sip-20-20-20", "uppfoljning"}
    return [*shipped, parse_agenda(LONG, Path("lang.toml"))]


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("view", [None, "UPPROP", "SAMMANFATTNING"])
def test_every_agenda_fits_the_header_at_every_phase(width, view):
    room = header_room(width)
    for agenda in _agendas():
        meeting = Meeting(date=dt.date(2026, 3, 2))
        init_phases(meeting, agenda)
        phases = [(p.name, round(p.minutes)) for p in agenda.phases]
        for i in range(len(phases)):
            meeting.current_phase = i
            name, below = PhaseHeader.lines_for(PhaseClock(meeting), view, room)
            assert name.cell_len <= room and (below is None or below.cell_len <= room), (agenda.id, i)
            # the long agenda has no room for five names at 80 or 100 columns: first letters then
            _shows_every_phase(name.plain + "\n" + (below.plain if below else ""), phases, i,
                               stubs=agenda.id == "lang")


def test_shortening_keeps_words_never_stubs():
    assert shortenings("Revidera eller avsluta") == ["Revidera eller avsluta", "Revidera eller…", "Revidera…"]
    assert shortenings("Hur går det?") == ["Hur går det?", "Hur går…"]
    assert shortenings("Insatserna") == ["Insatserna"]
