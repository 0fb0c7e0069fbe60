"""Issue 12 items 4, 12 and 13: what the family reads on the projector at 100x30 and 80x24 —
the Lyssna notes get the width (the leader prompts step aside, `l` brings them back) and the
selected speaker is shown whole on a detail line; the summary reads back who and when per
insats with the sign-off checklist in sight; the attendance dialog shows whole roles."""

from __future__ import annotations

import datetime as dt

import pytest
from test_tui_helpers import FakeClock, make_app, open_register

from sipmote.model import Goal, Measure, OrgKind, Responsible

SIZES = pytest.mark.parametrize("size", [(100, 30), (80, 24)], ids=["100x30", "80x24"])
NOTE = "Elsa sover dåligt och har ont i magen på morgnarna innan skolan"


def _lines(app) -> list[str]:
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


def _visible(app, text: str) -> bool:
    return any(text in line for line in _lines(app))


async def _open(home, plan, size, *keys: str):
    reg = open_register(home)
    reg.save(plan)
    app = make_app(reg, plan.id, FakeClock())
    return reg, app


@SIZES
async def test_lyssna_notes_readable_with_the_speaker_whole_on_a_detail_line(home, demo, size):
    m = demo.latest_meeting
    speaker = m.speaking_order()[1]
    speaker.speaker_notes = NOTE
    m.current_speaker_id = speaker.id
    social = next(p for p in m.participants if p.role_label.startswith("Socialsekreterare"))
    reg, app = await _open(home, demo, size)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#prompts").display  # the notes get the width
        assert app.screen.query_one("#speakers").max_scroll_x == 0  # and no more (a remote name is longer)
        # at least 30 characters of a note on one line (it was 8-11 at 100x30 beside the prompts)
        assert _visible(app, NOTE[:30]), "\n".join(_lines(app))
        assert _visible(app, f"{speaker.name} · {speaker.role_label}")  # the detail line
        table = app.screen.query_one("#speakers")
        table.move_cursor(row=[p.id for p in m.speaking_order()].index(social.id))
        await pilot.pause()
        role = f"{social.role_label}, {social.organisation}"  # cut in the table, whole below it
        assert any(role in line for line in _lines(app)[-6:])
        await pilot.press("l")  # the leader prompts on demand
        await pilot.pause()
        assert app.screen.query_one("#prompts").display and _visible(app, "Ledarstöd")
    reg.close()


@SIZES
async def test_summary_reads_back_who_and_when_with_the_checklist_in_sight(home, demo, size):
    m = demo.latest_meeting
    m.goals = [Goal(text="Elsa är i skolan varje förmiddag", measures=[
        Measure(what="Mentorssamtal", responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan",
                                                              person="Omar Haddad"),
                start=dt.date(2026, 3, 9), until=dt.date(2026, 6, 12), frequency="varje vecka", place="Skolan"),
        Measure(what="Sömnbedömning"),
    ])]
    reg, app = await _open(home, demo, size)
    async with app.run_test(size=size) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert _visible(app, "Ansvarig: Omar Haddad · När: 2026-03-09 →"), "\n".join(_lines(app))
        assert _visible(app, "2026-06-12, varje vecka")
        assert _visible(app, "Ansvarig: – · När: –")  # the insats nobody has taken on
        checklist = app.screen.query_one("#summary-missing")
        region = checklist.region
        assert region.y + region.height <= size[1] - 1 and region.height >= 4  # above the footer
        assert _visible(app, "Saknas före underskrift") and _visible(app, "Ingen huvudansvarig är utsedd")
        assert _visible(app, "Insatsen ”Sömnbedömning” saknar")
    reg.close()


async def test_attendance_dialog_shows_whole_roles_at_80x24(home, demo):
    reg, app = await _open(home, demo, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("d")
        await pilot.pause()
        table = app.screen.query_one("#participants")
        roles = [str(table.get_row_at(r)[2]) for r in range(table.row_count)]
        assert "Socialsekreterare/handläggare, Socialtjänsten Exempelstad" in roles  # cut at 30 before
        assert not any("…" in line for line in _lines(app))  # a long role wraps in its row
        assert _visible(app, "Socialsekreterare/handläggare,")
    reg.close()


async def test_planera_shows_how_often_and_where_at_80x24(home, demo):
    demo.latest_meeting.goals = [Goal(text="Elsa är i skolan varje förmiddag", measures=[
        Measure(what="Mentorssamtal", responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan"),
                start=dt.date(2026, 3, 9), until=dt.date(2026, 6, 12), frequency="varje vecka", place="Skolan")])]
    reg, app = await _open(home, demo, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        while app.screen.body_kind() != "plan":  # (the roll call ->) Lyssna -> Problematisera -> Planera
            await pilot.press("n")
            await pilot.pause()
        assert _visible(app, "När, hur ofta, var")  # the column header whole (it was dropped)
        assert _visible(app, "9/3→12/6 varje") and _visible(app, "vecka, Skolan")  # with the cursor on the goal
    reg.close()


async def test_export_dialog_tells_the_insats_without_a_responsible_whole_at_80x24(home, demo):
    demo.latest_meeting.goals = [Goal(text="Elsa är i skolan", measures=[Measure(what="Sömnbedömning")])]
    reg, app = await _open(home, demo, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s", "x")
        await pilot.pause()
        lines = _lines(app)
        note = " ".join(line.strip(" █") for line in lines if "Före underskrift" in line or "ansvarig;" in line)
        assert "Insatsen ”Sömnbedömning” saknar ansvarig" in " ".join(note.split()), "\n".join(lines)
        assert _visible(app, "Skriv och öppna") and _visible(app, "Avbryt")  # the buttons on screen
    reg.close()


@SIZES
async def test_follow_up_review_shows_a_long_effect_whole(home, demo, size):
    effect = "Elsa kommer oftare i tid: tre av fem dagar den senaste månaden, mot en förut"
    m = demo.latest_meeting
    m.agenda_id, m.phases = "uppfoljning", []
    m.goals = [Goal(text="Elsa är i skolan", measures=[Measure(what="Mentorssamtal", effect=effect)])]
    reg, app = await _open(home, demo, size)
    async with app.run_test(size=size) as pilot:
        while app.screen.body_kind() != "review":
            await pilot.press("n")
            await pilot.pause()
        words = " ".join(" ".join(_lines(app)).split())
        for chunk in ("Elsa kommer oftare i", "senaste", "mot en förut"):  # it was cut at 40 characters
            assert chunk in words
        assert "…" not in "".join(str(c) for c in app.screen.query_one("#review-table").get_row_at(0))
    reg.close()


@SIZES
async def test_roll_call_shows_names_and_roles_whole(home, demo, size):
    from sipmote.model import Attendance

    for p in demo.latest_meeting.participants:
        p.attendance = Attendance.invited  # a meeting just prepared: the roll call first
    reg, app = await _open(home, demo, size)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.body_kind() == "rollcall"
        words = " ".join(" ".join(_lines(app)).split())
        assert "…" not in words  # the roles were cut at 38 (80x24) and 28 (100x30)
        assert "Socialsekreterare/handläggare," in words and "Biträdande rektor," in words
    reg.close()


async def test_answers_dialog_shows_the_questions_whole_at_80x24(home, demo):
    reg, app = await _open(home, demo, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        while app.screen.body_kind() != "problem":
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("f")
        await pilot.pause()
        for i, q in enumerate(demo.questions, 1):  # cut at 60 characters in the label column before
            assert _visible(app, f"F{i} {q.text}"), "\n".join(_lines(app))
        assert _visible(app, "Esc avbryter")  # three answer boxes and the keys fit 80x24
    reg.close()


@SIZES
async def test_follow_up_screen_fits_the_width_and_wraps(home, size):
    """The follow-up screen's table was 102 columns wide (fixed widths): it scrolled sideways at
    100 columns and hid the effect at 80; now it fits and a long cell wraps in its row."""
    from conftest import Host
    from test_lifecycle_support import TODAY, plan

    from sipmote import lifecycle as life
    from sipmote.tui.screens.followup import FollowUpScreen

    reg = open_register(home)
    p = plan("fu0000000001", "Elsa Lindqvist", held=dt.date(2026, 1, 19), follow_up=dt.date(2026, 3, 9))
    fu = life.start_follow_up(p, TODAY)
    fu.goals[0].measures[0].effect = "Elsa kommer i tid tre av fem dagar, och mentorn ringer hem varje fredag"
    reg.save(p)
    app = Host(reg, lambda: FollowUpScreen(p.id, fu.id))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#items")
        assert table.max_scroll_x == 0
        words = " ".join(" ".join(_lines(app)).split())
        assert "mentorn ringer" in words and "varje fredag" in words and "Strandskolan," in words
        other = (80, 24) if size[0] > 80 else (120, 30)  # the projector's resolution changes: refitted
        await pilot.resize_terminal(*other)
        await pilot.pause()
        assert table.max_scroll_x == 0
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= other[0]
        assert "varje fredag" in " ".join(" ".join(_lines(app)).split())
    reg.close()


async def test_register_at_80x24_shows_long_names_whole_and_the_next_meeting(home):
    from conftest import Host
    from test_lifecycle_support import sample_register

    from sipmote.tui.screens.register import RegisterScreen

    reg = open_register(home)
    sample_register(reg)
    app = Host(reg, lambda: RegisterScreen())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = _lines(app)
        rows = [line for line in lines if "-****" in line]
        assert len(rows) == 6 and not any("…" in line for line in rows)  # '[bold]Kim[/bo…', 'Elsa Lindqvi…' before
        assert _visible(app, "Elsa Lindqvist") and _visible(app, "[bold]Kim[/bol")
        assert _visible(app, "Nästa möte") and _visible(app, "2026-02-23 ⚠ 7 d sen")
    reg.close()


async def test_a_long_checklist_stays_whole_at_80x24(home, demo):
    """Ten lines of missing items (three insatser without a responsible among them): all in sight."""
    demo.latest_meeting.goals = [Goal(text="Elsa är i skolan", measures=[
        Measure(what=w) for w in ("Sömnbedömning", "Samtal om oro", "Läxhjälp")])]
    reg, app = await _open(home, demo, (80, 24))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        for text in ("”Sömnbedömning” saknar", "”Läxhjälp” saknar", "Ingen uppföljning är bokad",
                     "deltog på distans", "(muntligt, klockslag)"):
            assert _visible(app, text), "\n".join(_lines(app))
    reg.close()
