"""Export from the meeting's Summary: a modal that asks which document, which
format and where, then runs the headless writer (``sipmote.export``) in a
thread worker and tells the result.

``ExportModal(plan, meeting)`` dismisses an ``ExportResult`` when a file was
written, or None when cancelled. An existing file is never overwritten without
a second, explicit "Skriv över". Errors (no folder, LibreOffice missing, a bad
template) keep the modal open with the message.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static
from textual.worker import Worker, WorkerState

from sipmote.clock import today_of
from sipmote.errors import SipmoteError
from sipmote.export import DocKind, ExportError, ExportResult, check_target, export, pick_meeting, signoff_missing
from sipmote.i18n import t
from sipmote.model import Meeting, Plan
from sipmote.tui.dialogs import Dialog
from sipmote.tui.dialogs.base import CSS_FILE as DIALOG_CSS
from sipmote.tui.keys import Keys

KINDS = (DocKind.sip, DocKind.invitation, DocKind.invitation_family, DocKind.min_plan)
FORMATS = ("docx", "pdf")
STEM_KEY = {DocKind.sip: "export.modal.stem_sip", DocKind.invitation: "export.modal.stem_invitation",
            DocKind.invitation_family: "export.modal.stem_invitation_family",
            DocKind.min_plan: "export.modal.stem_min_plan"}


def two_lines(text: str, width: int) -> str:
    """``text`` wrapped to ``width``, at most two lines, the second ending in … when cut."""
    lines = textwrap.wrap(text, max(20, width), break_on_hyphens=False)
    if len(lines) > 2:
        lines = [lines[0], lines[1][: max(20, width) - 1].rstrip() + "…"]
    return "\n".join(lines)


@dataclass(frozen=True)
class ExportRequest:
    kind: DocKind
    fmt: str  # "docx" or "pdf"
    path: Path
    force: bool = False


def default_folder(home: Path | None = None) -> Path:
    """``[export] folder`` in config.toml, else the system's Documents folder (desktop.documents_dir)."""
    from sipmote.config import ConfigError
    from sipmote.desktop import documents_dir

    try:
        return documents_dir(home)
    except ConfigError:  # a broken config.toml is reported where it is read; the home folder here
        return Path.home()


def default_name(kind: DocKind, fmt: str, meeting: Meeting | None, today: dt.date) -> str:
    """``SIP-2026-03-02-1300-ab12cd.docx``: the meeting's day, time and the start of its id,
    so two meetings of one day (of one plan or two) never suggest the same file."""
    if meeting is None:
        return f"{t(STEM_KEY[kind])}-{today.isoformat()}.{fmt}"
    day = (meeting.date or today).isoformat()
    clock = f"-{meeting.time.strftime('%H%M')}" if meeting.time else ""
    return f"{t(STEM_KEY[kind])}-{day}{clock}-{meeting.id[:6]}.{fmt}"


def run_export(request: ExportRequest, plan: Plan, meeting: Meeting, *, home: Path | None = None) -> ExportResult:
    """The headless call the worker makes (kept apart so it is testable without a UI)."""
    target: dict[str, Path | None] = {"docx": None, "pdf": None}
    target[request.fmt] = request.path
    return export(request.kind, plan, meeting, docx=target["docx"], pdf=target["pdf"], force=request.force,
                  home=home)


class ChoiceList(RadioSet):
    """The dialog's choice lists: ↑↓ highlight, space chooses, Enter chooses the highlighted
    option and writes (as the hint says: "↑↓ välj · … · Enter skriv")."""

    BINDINGS = Keys([Binding("enter", "choose_and_write", show=False, id="export.choose_and_write")])

    @dataclass
    class WriteRequested(Message):
        #: the highlighted option was chosen just now: write once its Changed has been handled
        chose: bool

    def action_choose_and_write(self) -> None:
        chose = self._selected is not None and self._selected != self.pressed_index
        if chose:
            self.action_toggle_button()
        self.post_message(self.WriteRequested(chose))


class ExportModal(Dialog[ExportResult | None]):
    CSS_PATH = [DIALOG_CSS, "export_modal.tcss"]
    BINDINGS = Keys([Binding("escape", "cancel", "export.modal.cancel", id="dialog.cancel"),
                     Binding("ctrl+o", "write_open", "platform.write_and_open", id="export.write_open")])

    def __init__(self, plan: Plan | str, meeting: Meeting | str | None = None, *,
                 folder: Path | None = None, today: dt.date | None = None) -> None:
        super().__init__(draft_key="export")  # the document, format and file name as chosen
        self._plan_ref = plan
        self._meeting_ref = meeting
        self.folder = folder
        self._today = today
        self.plan: Plan | None = None
        self.meeting: Meeting | None = None
        self.busy = False
        self.confirm_path: Path | None = None  # the existing file the user may overwrite
        self._write_when_chosen = False  # Enter on a list chose an option: write once it is applied
        self._restored_path = ""

    # ---- setup
    def _resolve(self) -> str | None:
        """Find the plan and meeting; returns an error message instead of raising."""
        try:
            plan = self._plan_ref
            if isinstance(plan, str):  # the plan's session: the same plan the meeting edits
                session = getattr(self.app, "session", None)
                plan = session(plan).plan if callable(session) else getattr(self.app, "register").load(plan)  # noqa: B009
            meeting = self._meeting_ref
            if not isinstance(meeting, Meeting):
                meeting = pick_meeting(plan, meeting)
        except SipmoteError as exc:  # ExportError, StoreError: a message for the user
            return exc.message
        except Exception as exc:  # noqa: BLE001 - a bug: said in general terms, never a crash
            return t("export.modal.failed", reason=type(exc).__name__)
        self.plan, self.meeting = plan, meeting
        return None

    def today(self) -> dt.date:
        return today_of(self.app, self._today)

    def compose(self) -> ComposeResult:
        problem = self._resolve()
        folder = self.folder or default_folder(self._config_home())
        path = folder / default_name(DocKind.sip, "docx", self.meeting, self.today())
        with Vertical(id="form", classes="dialog export"):
            yield Static(t("export.modal.title"), id="form-title")
            yield Static(t("export.modal.keys"), id="keys", classes="hint")
            yield Label(t("export.modal.kind"))
            with ChoiceList(id="kind"):
                for i, kind in enumerate(KINDS):
                    yield RadioButton(t(f"export.modal.kind_{kind.value}"), value=i == 0, id=f"kind-{kind.value}")
            with Horizontal(id="fmt-row"):  # the label beside its choice: a row for the sign-off note
                yield Label(t("export.modal.format"), id="fmt-label")
                with ChoiceList(id="fmt"):
                    yield RadioButton(t("export.modal.docx"), value=True, id="fmt-docx")
                    yield RadioButton(t("export.modal.pdf"), id="fmt-pdf")
            yield Label(t("export.modal.path"))
            yield Input(str(path), id="path")
            yield Static("", id="status")
            with Horizontal(classes="buttons"):
                yield Button(t("export.modal.write"), id="write", variant="primary", disabled=problem is not None)
                yield Button(t("platform.write_and_open"), id="write-open", disabled=problem is not None)
                yield Button(t("export.modal.overwrite"), id="overwrite", variant="error")
                yield Button(t("export.modal.cancel"), id="cancel")
        self._initial_problem = problem

    def on_mount(self) -> None:
        self.query_one("#overwrite", Button).display = False
        if self._initial_problem:
            self.show_status(self._initial_problem, error=True)
        else:
            self.show_signoff_note()
        self.query_one("#kind", RadioSet).focus()
        self.start_drafts()

    # ---- state
    @property
    def kind(self) -> DocKind:
        idx = self.query_one("#kind", RadioSet).pressed_index
        return KINDS[idx if idx >= 0 else 0]

    @property
    def fmt(self) -> str:
        idx = self.query_one("#fmt", RadioSet).pressed_index
        return FORMATS[idx if idx >= 0 else 0]

    def show_status(self, message: str, *, error: bool = False) -> None:
        status = self.query_one("#status", Static)
        status.set_class(False, "note")
        status.update(Text(message))  # paths and messages are data, never markup
        status.set_class(error, "error")

    def show_signoff_note(self) -> None:
        """Before writing the SIP: what the sign-off check misses (an insats without a
        responsible, ...), on one line; the whole list is told again once it is written."""
        if self.plan is None or self.meeting is None:
            return
        missing = signoff_missing(self.kind, self.plan, self.meeting)
        if missing:  # an insats nobody is responsible for first: it is what the room must settle
            from sipmote.summary import missing_before_signoff

            ordered = sorted(missing_before_signoff(self.plan, self.meeting),
                             key=lambda m: m.key != "missing.measure_responsible")
            missing = [m.text() for m in ordered]
        status = self.query_one("#status", Static)
        status.set_class(False, "error")
        status.set_class(bool(missing), "note")
        text = t("export.modal.missing", n=len(missing), items="; ".join(missing)) if missing else ""
        status.update(Text(two_lines(text, self._inner_width())))

    def _inner_width(self) -> int:
        """The dialog's text width (76 columns or 96 % of the screen, less border and padding)."""
        return min(76, int(self.app.size.width * 0.96)) - 4

    def _reset_confirm(self) -> None:
        self.confirm_path = None
        self.query_one("#overwrite", Button).display = False

    @on(RadioSet.Changed)
    def _choice_changed(self, event: RadioSet.Changed) -> None:
        inp = self.query_one("#path", Input)
        if self._restored_path:  # a crash draft was put back: its name stands
            inp.value, self._restored_path = self._restored_path, ""
            return
        path = Path(inp.value.strip() or default_name(self.kind, self.fmt, self.meeting, self.today()))
        stems = {default_name(k, f, self.meeting, self.today()).rsplit(".", 1)[0] for k in KINDS for f in FORMATS}
        stem = path.stem
        if stem in stems:  # still our suggestion: follow the chosen document
            stem = default_name(self.kind, self.fmt, self.meeting, self.today()).rsplit(".", 1)[0]
        inp.value = str(path.with_name(f"{stem}.{self.fmt}"))
        self._reset_confirm()
        if self.fmt == "pdf":
            from sipmote.export.pdf import find_soffice

            if find_soffice() is None:
                self._write_when_chosen = False
                self.show_status(t("export.soffice_missing"), error=True)
                return
        self.show_signoff_note()
        if self._write_when_chosen:
            self._write_when_chosen = False
            self.submit(force=False)

    @on(ChoiceList.WriteRequested)
    def _write_from_list(self, event: ChoiceList.WriteRequested) -> None:
        if event.chose:  # the name follows the chosen document first (_choice_changed)
            self._write_when_chosen = True
        else:
            self.submit(force=False)

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self._reset_confirm()
        self.report_draft()

    # ---- drafts (the kit's): a file name being typed is kept within a second
    def draft_title(self) -> str:
        return t("export.modal.title")

    def draft_values(self) -> dict[str, str]:
        return {"kind": self.kind.value, "fmt": self.fmt, "path": self.query_one("#path", Input).value}

    def restore_values(self, values: dict[str, str]) -> None:
        for kind in KINDS:
            if kind.value == values.get("kind"):
                self.query_one(f"#kind-{kind.value}", RadioButton).value = True
        if values.get("fmt") in FORMATS:
            self.query_one(f"#fmt-{values['fmt']}", RadioButton).value = True
        if values.get("path"):  # kept when the choices' Changed comes (it suggests a name)
            self._restored_path = values["path"]
            self.query_one("#path", Input).value = values["path"]

    # ---- actions
    def action_cancel(self) -> None:
        if not self.busy:
            self.finish(None)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.action_cancel()

    @on(Input.Submitted, "#path")
    @on(Button.Pressed, "#write")
    def _write(self) -> None:
        self.submit(force=False)

    @on(Button.Pressed, "#overwrite")
    def _overwrite(self) -> None:
        self.submit(force=True)

    # ---- open after writing (issue 16): Ctrl+O or "Skriv och öppna"
    open_after = False

    @on(Button.Pressed, "#write-open")
    def action_write_open(self) -> None:
        if not self.busy:
            self.open_after = True
            self.submit(force=False)

    def _config_home(self) -> Path | None:
        """The data folder whose config.toml holds the documents folder."""
        return getattr(getattr(self.app, "register", None), "root", None)

    def _open_written(self, result: ExportResult) -> None:
        from sipmote.desktop import OpenError, open_in_system

        wanted = [p for p in result.written if p.suffix.lower() == f".{self.fmt}"] or result.written
        try:
            open_in_system(wanted[-1])
        except OpenError as exc:
            self.app.notify(exc.message, severity="warning", markup=False, timeout=10)

    def request(self, *, force: bool) -> ExportRequest | None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.show_status(t("export.no_output"), error=True)
            return None
        path = Path(raw).expanduser()
        if not path.is_absolute():
            path = (self.folder or default_folder(self._config_home())) / path
        if path.suffix.lower() != f".{self.fmt}":  # a DOCX is never saved as "x.pdf" or "x.json"
            path = path.with_name(f"{path.name}.{self.fmt}")
        if str(path) != raw:
            with self.prevent(Input.Changed):
                self.query_one("#path", Input).value = str(path)
        return ExportRequest(self.kind, self.fmt, path, force=force and self.confirm_path == path)

    def submit(self, *, force: bool) -> None:
        if self.busy or self.plan is None or self.meeting is None:
            return
        req = self.request(force=force)
        if req is None:
            return
        try:
            check_target(req.path, force=req.force)
        except ExportError as exc:
            if req.path.exists() and not req.path.is_dir():
                self.confirm_path = req.path
                self.query_one("#overwrite", Button).display = True
                self.show_status(t("export.modal.exists", path=str(req.path)), error=True)
            else:
                self.show_status(exc.message, error=True)
            return
        self.busy = True
        for b in self.query(Button):
            b.disabled = True
        self.show_status(t("export.modal.working"))
        # a snapshot: the worker never sees the live plan change under it
        plan = self.plan.model_copy(deep=True)
        meeting = plan.meeting(self.meeting.id) or self.meeting.model_copy(deep=True)
        self.run_worker(lambda: self._work(req, plan, meeting), thread=True, exclusive=True,
                        group="export", exit_on_error=False)

    def _work(self, req: ExportRequest, plan: Plan, meeting: Meeting) -> ExportResult | None:
        try:
            return run_export(req, plan, meeting)
        except SipmoteError as exc:  # ExportError, StoreError (disk full): its message
            self.app.call_from_thread(self._failed, exc.message)
        except Exception as exc:  # noqa: BLE001 - a bug: said in general terms, never a crash
            self.app.call_from_thread(self._failed, t("export.modal.failed", reason=type(exc).__name__))
        return None

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Done only once the worker has finished: dismissing from inside the worker removed
        the screen (and so cancelled its worker) while the worker was still running."""
        if event.worker.group == "export" and event.state == WorkerState.SUCCESS and event.worker.result:
            self._done(event.worker.result)

    def _failed(self, message: str) -> None:
        self.busy = False
        for b in self.query(Button):
            b.disabled = False
        self.show_status(message, error=True)

    def _done(self, result: ExportResult) -> None:
        self.busy = False
        # one toast: nine separate ones (one per missing item) stacked up over the dialogs that
        # follow at 80x24 ("Är mötet genomfört?", the deviations); the list is the Summary's
        paths = ", ".join(str(p) for p in result.written)
        lines = [t("export.modal.written", path=paths), *result.warnings]
        if result.missing:
            lines.append(t("export.modal.written_missing", n=len(result.missing)))
        warn = bool(result.missing or result.warnings)
        self.app.notify("\n".join(lines), title=t("export.modal.title"), markup=False,
                        severity="warning" if warn else "information", timeout=10 if warn else 5)
        if self.open_after and result.written:
            self._open_written(result)
        self.finish(result)
