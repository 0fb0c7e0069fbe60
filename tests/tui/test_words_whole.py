"""What the room reads is never cut mid-word (audit of issue 12): roles in Lyssna get the room the
notes do not need; the roll call's role and attendance share the width without breaking a word
(a long role breaks after its '/'); Home/End move the roll call's cursor; the roll call names
the agenda's first phase."""

from __future__ import annotations

import datetime as dt

import pytest
from test_tui_helpers import FakeClock, followed_up, just_prepared, make_app, open_register, text_of

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
SOCIAL = "Socialsekreterare/handläggare, Socialtjänsten Exempelstad"


def _lines(app) -> list[str]:
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def _words_whole(app, text: str) -> None:
    """Every word of ``text`` (a '/' may end a line) is on one screen line."""
    lines = _lines(app)
    for word in text.replace("/", "/ ").split():
        assert any(word in line for line in lines), (word, "\n".join(lines))


@SIZES
async def test_lyssna_roles_whole_while_the_notes_need_no_room(home, demo, size):
    """It read "Socialsekreterare/handl…" at 100 and "Biträdande rektor, S…" at 80 beside an
    empty notes column."""
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.body_kind() == "listen"
        for role in ("Biträdande rektor, Strandskolan", "Lärare/mentor, Strandskolan", SOCIAL):
            _words_whole(app, role)
        assert not any("…" in line for line in _lines(app)[6:16])
    reg.close()


@SIZES
async def test_roll_call_role_and_attendance_share_the_width_without_breaking_words(home, demo, size):
    """The role broke "handläg / gare" while Närvaro kept its widest label's room."""
    reg = open_register(home)
    reg.save(just_prepared(demo))
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("f", "r", "k", "f", "r", "k", "f")  # long attendance labels
        await pilot.pause()
        for text in (SOCIAL, "Biträdande rektor, Strandskolan", "Frånvarande med återbud", "Deltar på distans"):
            _words_whole(app, text)
        # the keys above the table: a key stays with its meaning ("f =" ended a line at 80)
        assert not any(line.rstrip().endswith("=") for line in _lines(app)), "\n".join(_lines(app))
    reg.close()


async def test_home_and_end_move_the_roll_call_cursor(home, demo):
    """"End k" marked the first person: End scrolled sideways and left the cursor."""
    reg = open_register(home)
    reg.save(just_prepared(demo))
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("end", "k")
        await pilot.pause()
        rows = app.screen.query_one("#rollcall-table")
        marks = [str(rows.get_row_at(i)[2]) for i in range(rows.row_count)]
        assert marks[-1] == "Kom inte" and marks[0] == "Kallad", marks
        await pilot.press("home", "f")
        await pilot.pause()
        assert str(rows.get_row_at(0)[2]) == "Frånvarande med återbud"
    reg.close()


async def test_follow_up_roll_call_names_its_first_phase(home, demo, today):
    followed_up(demo, today, today + dt.timedelta(days=1))
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        title = text_of(app, "#rollcall-title")
        assert "n = klart (Hur går det?)" in title and "Lyssna" not in title, title
    reg.close()


ANSWERS = ["Skolan och BUP gör en plan för kortare dagar först",
           "Vem hjälper familjen på kvällarna? Socialtjänsten erbjuder familjestöd",
           "Familjestöd två kvällar i veckan"]


@SIZES
async def test_problematisera_shows_every_question_and_answer_whole(home, demo, size):
    """At 100x30 with Ledarstöd on the question box cut the second answer (the Behov heading
    followed it directly); `l` was needed to read it."""
    for q, answer in zip(demo.questions, ANSWERS, strict=False):
        q.answer = answer
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#prompts").display == (size[0] >= 100)  # Ledarstöd as by default
        for q in demo.questions:
            _words_whole(app, q.text)
        for answer in ANSWERS:
            _words_whole(app, answer)
        lines = _lines(app)
        last_answer = max(i for i, line in enumerate(lines) if "familjestöd" in line or "Familjestöd" in line)
        heading = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Behov"))
        assert heading > last_answer, "\n".join(lines)
    reg.close()


@SIZES
async def test_planera_detail_line_shows_the_selected_insats_whole(home, demo, size):
    """At 80x24 the detail line was cut after "måndagar ·": the place was missing."""
    from sipmote.model import Goal, Measure, OrgKind, Responsible

    measure = Measure(
        what="Familjebehandling med fokus på morgonrutiner och sömn",
        responsible=Responsible(org_kind=OrgKind.social_services, organisation="Socialtjänsten Exempelstad",
                                person="Sofia Nilsson"),
        start=dt.date(2026, 3, 9), until=dt.date(2026, 6, 12), frequency="två kvällar i veckan, måndagar",
        place="Hemma hos familjen på Storgatan 12")
    demo.latest_meeting.goals = [Goal(text="Elsa sover på nätterna", measures=[measure])]
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, demo.id, FakeClock())
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", "n", "down")
        await pilot.pause()
        below = "\n".join(_lines(app)[-7:])  # the detail line(s) under the table, above the footer
        for part in (measure.what, "Socialtjänsten Exempelstad", "Sofia Nilsson", measure.frequency,
                     "Hemma hos familjen på Storgatan 12"):
            for word in part.split():
                assert word in below, (word, below)
        assert "Storgatan 12" in below
    reg.close()


@pytest.mark.parametrize("width", [80, 100])
async def test_the_window_title_names_the_plan_whole(home, demo, today, width):
    """At 80 columns the follow-up's title read "Uppföljning – Elsa Lin…": the app's long name
    gives way first."""
    from sipmote.tui.screens.followup import FollowUpScreen

    fu = followed_up(demo, today, today + dt.timedelta(days=1))
    reg = open_register(home)
    reg.save(demo)
    app = make_app(reg, None, FakeClock())
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        await app.push_screen(FollowUpScreen(demo.id, fu.id))
        await pilot.pause()
        top = _lines(app)[0]
        assert "Uppföljning – Elsa Lindqvist" in top and "…" not in top, top
        assert ("samordnad individuell plan" in top) == (width >= 100), top
    reg.close()
