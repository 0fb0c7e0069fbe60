"""The statistics screen: counts with bars, a period to choose, CSV export (Textual Pilot)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from conftest import Host
from textual.widgets import DataTable, Input, Static

from sipmote.model import Attendance, MeetingStatus, OrgKind, Participant
from sipmote.store import Register
from sipmote.tui.screens.stats import StatsScreen, bar


def make_register(home, demo, n: int = 4) -> Register:
    reg = Register(home).open()
    for i in range(n):
        plan = demo.model_copy(deep=True, update={"id": f"plan{i:08d}"})
        m = plan.meetings[0]
        m.status = MeetingStatus.held
        m.date = dt.date(2022, 3, 1) + dt.timedelta(days=30 * i)
        if i % 2:  # region did not come: not all three parties
            m.participants = [p for p in m.participants if p.org_kind != OrgKind.regional_health]
            m.participants.append(Participant(name="[bold]Lars[/]", org_kind=OrgKind.regional_health,
                                              attendance=Attendance.no_show))
        plan.person.name = "[red]Elsa[/red]"
        reg.save(plan)
    return reg


def rows_of(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def find(rows: list[list[str]], label: str) -> list[str]:
    hits = [r for r in rows if r[0].strip() == label]
    assert hits, label
    return hits[0]


async def wait_counted(pilot, screen: StatsScreen) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_screen_shows_counts_with_bars_and_exports_csv(home, demo, tmp_path):
    reg = make_register(home, demo)
    app = Host(reg, lambda: StatsScreen(csv_dir=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        await wait_counted(pilot, screen)
        table = screen.query_one("#stats-table", DataTable)
        rows = rows_of(table)
        assert find(rows, "Antal genomförda SIP-möten")[1] == "4"
        all_three = find(rows, "Alla tre parter: skola, socialtjänst och region")
        assert all_three[1:3] == ["2", "50 %"]
        assert all_three[3] == "█" * 15  # half of the 30-cell bar
        assert find(rows, "Skola")[3] == "█" * 30
        assert "Elsa" not in str(rows) and "Lars" not in str(rows)

        # export CSV: the path field is prefilled in csv_dir; F2 writes it
        path_input = screen.query_one("#stats-csv", Input)
        assert path_input.value.startswith(str(tmp_path))
        path_input.value = str(tmp_path / "statistik.csv")
        await pilot.press("f2")
        await pilot.pause()
        text = (tmp_path / "statistik.csv").read_text(encoding="utf-8-sig")
        by_key = {r["nyckel"]: r for r in csv.DictReader(io.StringIO(text))}
        assert by_key["meetings"]["antal"] == "4"
        assert by_key["no_show.regional_health"]["antal"] == "2"
        assert "CSV sparad" in str(screen.query_one("#stats-message", Static).render())
    reg.close()


async def test_period_bad_date_and_empty_period(home, demo, tmp_path):
    reg = make_register(home, demo)
    app = Host(reg, lambda: StatsScreen(csv_dir=tmp_path, start=dt.date(2022, 3, 1), end=dt.date(2022, 4, 15)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_counted(pilot, screen)
        table = screen.query_one("#stats-table", DataTable)
        assert find(rows_of(table), "Antal genomförda SIP-möten")[1] == "2"

        screen.query_one("#stats-from", Input).value = "2022-02-31"
        await pilot.click("#stats-show")
        await pilot.pause()
        message = screen.query_one("#stats-message", Static)
        assert "Ogiltigt datum" in str(message.render()) and message.has_class("error")

        screen.query_one("#stats-from", Input).value = "2030-01-01"
        screen.query_one("#stats-to", Input).value = ""
        await pilot.press("f5")
        await wait_counted(pilot, screen)
        assert "Inga genomförda SIP-möten under perioden 2030-01-01 – …" in str(message.render())
        assert table.row_count == 0
        await pilot.press("f2")  # nothing to export is not an error: writes the zero figures
        await pilot.pause()
        assert len(list(tmp_path.glob("sipmote-statistik-*.csv"))) == 1
    reg.close()


def test_bar_lengths():
    assert bar(None) == ""
    assert bar(0) == ""
    assert bar(100) == "█" * 30
    assert bar(50, width=10) == "█" * 5
    assert bar(55, width=10) == "█" * 5 + "▌"
    assert bar(250, width=4) == "████"


async def test_f9_opens_statistics_from_the_app(home, demo):
    from sipmote.tui.app import SipmoteApp

    reg = make_register(home, demo, n=2)
    app = SipmoteApp(register=reg, today=dt.date(2022, 6, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        await wait_counted(pilot, app.screen)
        rows = rows_of(app.screen.query_one("#stats-table", DataTable))
        assert find(rows, "Antal genomförda SIP-möten")[1] == "2"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, StatsScreen)
    reg.close()


async def test_with_school_filter_and_the_regional_layout_on_the_screen(home, demo):
    from textual.widgets import Checkbox

    reg = make_register(home, demo)
    plan = demo.model_copy(deep=True, update={"id": "noschool0001"})  # social services and region only
    m = plan.meetings[0]
    m.status, m.date = MeetingStatus.held, dt.date(2022, 4, 1)
    m.participants = [p for p in m.participants if p.org_kind != OrgKind.school]
    m.convened_by = m.convened_by.model_copy(update={"org_kind": OrgKind.social_services})
    reg.save(plan)
    app = Host(reg, StatsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_counted(pilot, screen)
        table = screen.query_one("#stats-table", DataTable)
        assert find(rows_of(table), "Antal genomförda SIP-möten")[1] == "5"
        screen.query_one("#stats-school", Checkbox).value = True
        await pilot.pause()
        await wait_counted(pilot, screen)
        assert find(rows_of(table), "Antal genomförda SIP-möten")[1] == "4"
        assert "Bara SIP-möten där skolan var inblandad" in str(screen.query_one("#stats-head", Static).render())
        screen.query_one("#stats-layout", Checkbox).value = True
        await pilot.pause()
        rows = rows_of(table)
        assert find(rows, "Genomförda SIP-möten")[1] == "4"
        assert [r[0] for r in rows if not r[0].startswith(" ")][:2] == ["Skolans deltagande på SIP-möte",
                                                                       "Socialtjänstens deltagande på SIP-möte"]
        assert any(r[0].startswith("Obs: en SIP kan ha flera huvudmål") for r in rows)
    reg.close()


async def test_the_screen_exports_the_figures_for_merging_with_a_source(home, demo, tmp_path):
    import json
    import os

    reg = make_register(home, demo)
    app = Host(reg, lambda: StatsScreen(csv_dir=tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_counted(pilot, screen)
        screen.query_one("#stats-source", Input).value = "Strandskolan, Exempelstad"
        target = screen.query_one("#stats-json", Input)
        assert target.value.startswith(str(tmp_path)) and target.value.endswith(".json")
        target.value = str(tmp_path / "strand.json")
        target.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert "Statistiken (4 möten, utan personuppgifter) är sparad" in str(
            screen.query_one("#stats-message", Static).render())
        target.value = str(tmp_path / "strand2.json")
        await pilot.click("#stats-json-btn")
        await pilot.pause()
    reg.close()
    doc = json.loads((tmp_path / "strand.json").read_text())
    assert doc["figures"]["meetings"] == 4
    assert [s["label"] for s in doc["sources"]] == ["Strandskolan, Exempelstad"]
    second = json.loads((tmp_path / "strand2.json").read_text())
    assert second["sources"][0]["export_id"] != doc["sources"][0]["export_id"]  # a fresh id per export
    if os.name == "posix":
        assert (tmp_path / "strand.json").stat().st_mode & 0o777 == 0o600
    # the same figures from the same source and period are refused when merged
    from sipmote import cli

    assert cli.main(["stats", "--merge", str(tmp_path / "strand.json"), str(tmp_path / "strand2.json")]) == 2


async def test_export_paths_default_to_the_documents_folder_and_the_apps_today(home, demo, tmp_path):
    """The CSV and share files are suggested where the export dialog writes documents (config.toml's
    [export] folder), named by the app's today — not the home folder and the machine's calendar."""
    docs = tmp_path / "Dokument"
    reg = make_register(home, demo)
    (home / "config.toml").write_text(f"[export]\nfolder = '{docs.as_posix()}'\n", encoding="utf-8")
    app = Host(reg, StatsScreen, today=dt.date(2031, 5, 4))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_counted(pilot, app.screen)
        assert app.screen.query_one("#stats-csv", Input).value == str(docs / "sipmote-statistik-2031-05-04.csv")
        assert app.screen.query_one("#stats-json", Input).value == str(docs / "sipmote-statistik-2031-05-04.json")
    reg.close()
