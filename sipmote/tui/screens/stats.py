"""The statistics screen: the register's anonymous figures as bars, exported as CSV.

All figures come from the headless ``sipmote.stats`` (the same rows as
``sipmote stats``); counting runs in a thread worker so a big register never
freezes the screen. Labels are catalogue text, rendered as ``rich.text.Text``
(never markup)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Button, Checkbox, DataTable, Header, Input, Static

from sipmote import stats
from sipmote.clock import today_of
from sipmote.formats import date_text
from sipmote.i18n import t
from sipmote.store import Register, StoreError
from sipmote.tui.autosave import host
from sipmote.tui.dialogs.screen_drafts import ScreenDraft
from sipmote.tui.footer import KeyFooter
from sipmote.tui.keys import Keys, rebind
from sipmote.tui.screens.dialogs import RegisterContext

BAR_WIDTH = 30
STATS_DRAFT = "stats"  # the key of the screen's draft in the register's slot for drafts without a plan
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(pct: float | None, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for 0-100 %, with eighth-block precision."""
    if pct is None:
        return ""
    eighths = round(max(0.0, min(100.0, pct)) / 100 * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


class StatsScreen(RegisterContext, Screen):
    CSS_PATH = "stats.tcss"

    BINDINGS: ClassVar[list[BindingType]] = Keys([
        Binding("escape", "close", "stats.tui.close", id="stats.close"),
        Binding("f2", "export_csv", "stats.tui.export", id="stats.export_csv"),
        Binding("f5", "refresh", "stats.tui.show", id="stats.refresh"),
    ])

    def __init__(self, register: Register | None = None, *, start: dt.date | None = None, end: dt.date | None = None,
                 csv_dir: Path | None = None) -> None:
        super().__init__()
        rebind(self)  # the keys' texts in the language of this run (tui/keys.py)
        self._register = register
        self._start, self._end = start, end
        self.csv_dir = Path(csv_dir) if csv_dir else None  # None: the documents folder (as the export)
        self.doc: stats.StatsDoc | None = None
        self.draft = ScreenDraft(self)  # the period, the source and the file names as typed


    def _default_paths(self) -> tuple[Path, Path]:
        """Where F2 and the share button write: the export dialog's documents folder (config.toml,
        else the system's Documents), named by the app's today."""
        from sipmote.tui.screens.export_modal import default_folder

        folder = self.csv_dir or default_folder(getattr(self.register, "root", None))
        stem = f"sipmote-statistik-{today_of(self.app).isoformat()}"
        return folder / f"{stem}.csv", folder / f"{stem}.json"

    def compose(self) -> ComposeResult:
        csv_path, json_path = self._default_paths()
        yield Header()
        with Horizontal(id="stats-period"):
            yield Input(value=date_text(self._start), placeholder=t("stats.tui.from"),
                        id="stats-from")
            yield Input(value=date_text(self._end), placeholder=t("stats.tui.to"),
                        id="stats-to")
            yield Checkbox(t("stats.tui.with_school"), id="stats-school")
            yield Checkbox(t("stats.tui.layout"), id="stats-layout")
            yield Button(t("stats.tui.show"), id="stats-show")
        yield Static("", id="stats-head", markup=False)
        yield Static(t("stats.tui.loading"), id="stats-message", markup=False)
        yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="stats-export"):
            yield Input(value=str(csv_path),
                        placeholder=t("stats.tui.csv_path"), id="stats-csv")
            yield Button(t("stats.tui.export"), id="stats-export-btn", variant="primary")
        with Horizontal(id="stats-share"):  # the anonymous figures for whoever merges the units' counts
            yield Input(placeholder=t("stats.tui.source"), id="stats-source")
            yield Input(value=str(json_path),
                        placeholder=t("stats.tui.json_path"), id="stats-json")
            yield Button(t("stats.tui.share"), id="stats-json-btn")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.title = t("stats.tui.title")
        table = self.query_one("#stats-table", DataTable)
        table.add_column(t("stats.tui.col_label"), key="label")
        table.add_column(t("stats.tui.col_count"), key="count")
        table.add_column(t("stats.tui.col_pct"), key="pct")
        table.add_column(t("stats.tui.col_bar"), key="bar")
        table.focus()
        self.action_refresh()
        self.call_after_refresh(self._start_draft)

    def _start_draft(self) -> None:
        """What is typed here is a draft of the register (no plan): offered back after a crash."""
        self.draft.attach(host(self.app).sessions_for(self.register).new_plan(), STATS_DRAFT, t("stats.tui.title"))
        if self.draft.typed():  # put back: count with the period that was typed
            self.action_refresh()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.draft.report()

    # ---- counting
    def action_refresh(self) -> None:
        try:
            period = stats.parse_period(self.query_one("#stats-from", Input).value,
                                        self.query_one("#stats-to", Input).value)
        except stats.StatsError as exc:
            self._message(exc.message, error=True)
            return
        self._message(t("stats.tui.loading"))
        self._count(period, self.query_one("#stats-school", Checkbox).value)

    @work(thread=True, exclusive=True, group="stats")
    def _count(self, period: stats.Period, with_school: bool) -> None:
        doc = stats.register_stats(self.register, period, with_school=with_school)
        self.app.call_from_thread(self.show_doc, doc)

    @property
    def layout_name(self) -> str:
        return "region" if self.query_one("#stats-layout", Checkbox).value else "detailed"

    def show_doc(self, doc: stats.StatsDoc) -> None:
        self.doc = doc
        self.query_one("#stats-head", Static).update(Text("\n".join(stats.header_lines(doc))))
        self._message(stats.empty_message(doc) or "")
        table = self.query_one("#stats-table", DataTable)
        table.clear()
        if not doc.figures.meetings:
            return
        current = None
        units = stats.load_units(self.register.root)
        for i, row in enumerate(stats.report_rows(doc, self.layout_name, units)):
            if row.section != current:
                if current and stats.section_note(current):
                    table.add_row(Text(stats.section_note(current), style="italic"), "", "", "", key=f"n:{current}")
                current = row.section
                table.add_row(Text(stats.section_title(current), style="bold"), "", "", "", key=f"s:{current}")
            label = Text("  " * (row.level + 1) + row.label)
            if row.value is not None:
                count = Text(f"{stats.fmt_number(row.value)} {row.unit}".rstrip(), justify="right")
            else:
                count = Text(str(row.count), justify="right")
            pct = Text(stats.fmt_pct(row.pct), justify="right")
            table.add_row(label, count, pct, Text(bar(row.pct), style="bold"), key=f"r:{i}:{row.key}")
        if current and stats.section_note(current):
            table.add_row(Text(stats.section_note(current), style="italic"), "", "", "", key=f"n:{current}")

    def _message(self, text: str, *, error: bool = False) -> None:
        msg = self.query_one("#stats-message", Static)
        msg.update(Text(text))
        msg.set_class(error, "error")

    # ---- events
    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "stats-show":
            self.action_refresh()
        elif event.button.id == "stats-export-btn":
            self.action_export_csv()
        elif event.button.id == "stats-json-btn":
            self.action_export_json()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "stats-school":
            self.action_refresh()
        elif self.doc is not None:
            self.show_doc(self.doc)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "stats-csv":
            self.action_export_csv()
        elif event.input.id in ("stats-source", "stats-json"):
            self.action_export_json()
        else:
            self.action_refresh()

    def action_export_csv(self) -> None:
        if self.doc is None:
            return
        path = self.query_one("#stats-csv", Input).value.strip()
        if not path:
            self._message(t("stats.tui.csv_path"), error=True)
            return
        try:
            written = stats.write_csv(path, self.doc, self.layout_name, stats.load_units(self.register.root))
        except StoreError as exc:
            self._message(exc.message, error=True)
            self.notify(exc.message, severity="error", markup=False)
            return
        done = t("stats.tui.exported", path=str(written))
        self._message(done)
        self.notify(done, markup=False)

    def action_export_json(self) -> None:
        """The figures as an export file (0600) with a source label and a fresh export id, for
        ``sipmote stats --merge`` at the region."""
        if self.doc is None:
            return
        path = self.query_one("#stats-json", Input).value.strip()
        if not path:
            self._message(t("stats.tui.json_path"), error=True)
            return
        doc = self.doc
        try:
            shared = stats.document(doc.figures, doc.span, with_school=doc.with_school,
                                    label=self.query_one("#stats-source", Input).value)
            written = stats.write_export(path, shared)
        except (StoreError, stats.StatsError) as exc:
            self._message(exc.message, error=True)
            self.notify(exc.message, severity="error", markup=False)
            return
        done = t("stats.exported", path=str(written), meetings=doc.figures.meetings)
        self._message(done)
        self.notify(done, markup=False)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
