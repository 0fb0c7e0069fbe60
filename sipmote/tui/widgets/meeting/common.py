"""Shared helpers of the meeting views: literal user text, tables, the view base."""

from __future__ import annotations

from typing import Any, Protocol, cast

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Region
from textual.widgets import DataTable

from sipmote.agenda import PhaseClock
from sipmote.i18n import label, t
from sipmote.model import ROLES, Attendance, Meeting, OrgKind, Plan, Responsible
from sipmote.textview import safe_line
from sipmote.tui.keys import Keys, rebind


class MeetingView(Protocol):
    """What a view reads from the screen it is on (it changes nothing there: it posts messages)."""

    plan: Plan
    meeting: Meeting
    clock: PhaseClock

    def pnr_display(self) -> str: ...

    def prompts_threshold(self, kind: str) -> int: ...


def lit(text: str | None, style: str = "") -> Text:
    """User text, shown literally on one line."""
    return Text(safe_line(text or ""), style=style)


def clip(text: str, n: int) -> str:
    text = safe_line(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def short_date(d) -> str:
    """Day/month on screen (the full date is in the form and the documents)."""
    return f"{d.day}/{d.month}" if d else "…"


def org_options() -> list[tuple[str, OrgKind]]:
    return [(label(k), k) for k in OrgKind]


def unit_options(app: Any) -> list[tuple[str, str]]:
    """The units (enheter) to complete an organisation field with: the shipped list and the
    register's own ``units.toml`` (``app.register``); free text stays possible."""
    from sipmote.stats.units import load_units

    return [(name, name) for name in load_units(app.register.root).names()]


def role_options() -> list[tuple[str, str]]:
    """Every known role as (label, key), each label once: what a role field suggests (typing
    "Socialsekreterare" offers "Socialsekreterare/handläggare"; taking it stores the key)."""
    out: dict[str, str] = {}
    for keys in ROLES.values():
        for k in keys:
            out.setdefault(t(f"role.{k}"), k)
    return list(out.items())


def party_roles(kind: object) -> list[str]:
    """The role labels of the party ``kind`` (an OrgKind; none for anything else): offered first
    where a role is typed, so "So" for social services is Socialsekreterare, not Skolkurator."""
    return [t(f"role.{k}") for k in ROLES.get(kind, ())] if isinstance(kind, OrgKind) else []


def responsible_text(r: Responsible) -> Text:
    if not r.is_set:
        return Text("⚠ " + t("mt.no_responsible"), style="bold red")
    return lit(r.display())


class MeetingTable(DataTable):
    """A row-cursor table of a meeting view; remembers its headings and column widths."""

    column_labels: list[str]
    shape: tuple[tuple[str, ...], tuple[int, ...]] | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        rebind(self)

    # Up/Down move the cursor here, where the key arrives: unhandled, a key climbs the view's
    # containers and the screen to the app one message queue at a time before the table's own
    # binding runs (issue 17: about a sixth of a cursor key's CPU on Planera). The table's
    # binding is the first in the chain for these keys anyway (the focused widget comes first);
    # a priority binding has been checked before the key reached the table.
    def key_down(self, event: events.Key) -> None:
        event.stop()
        self.action_cursor_down()

    def key_up(self, event: events.Key) -> None:
        event.stop()
        self.action_cursor_up()

    def _set_hover_cursor(self, active: bool) -> None:
        # every cursor key hides the mouse's hover cursor and redraws the row it was on, also
        # when it was hidden already (a wrapped row: 2-3 lines more to draw on every key)
        if active or self._show_hover_cursor:
            super()._set_hover_cursor(active)

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        """A cursor that leaves the view brings its row to the middle, not to the edge: the
        rows around it show too, and the next keys move the cursor without scrolling (each
        scroll redraws the whole table; wrapped rows scroll it on nearly every key at the edge)."""
        before = self.scroll_y
        super()._scroll_cursor_into_view(animate=animate)
        if self.scroll_y == before or self.cursor_type != "row" or not self.row_count:
            return
        fixed = self._get_fixed_offset()
        _, y, width, height = self._get_row_region(self.cursor_row)
        self.scroll_to_region(Region(int(self.scroll_x) + fixed.left, y, width - fixed.left, height),
                              spacing=fixed, animate=animate, center=True, force=True)


def make_table(table_id: str, enter_key: str, *columns: str) -> MeetingTable:
    """A row-cursor DataTable whose Enter shows the text ``enter_key`` (a catalogue key) in the footer."""
    cls = _TABLE_CLASSES.get(table_id)
    if cls is None:
        cls = type("MeetingTable", (MeetingTable,), {"BINDINGS": Keys([
            Binding("enter", "select_cursor", enter_key, show=True, key_display="⏎", id=f"{table_id}.enter")])})
        _TABLE_CLASSES[table_id] = cls
    table = cls(id=table_id, cursor_type="row")
    table.column_labels = list(columns)
    table.add_columns(*columns)
    return table


_TABLE_CLASSES: dict[str, type[MeetingTable]] = {}


class Body(Vertical):
    """Base: a view of the meeting; it reads the model from its screen and posts its edits as messages."""

    body_kind = ""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        rebind(self)  # the keys' texts in the language of this run

    @property
    def ctx(self) -> MeetingView:
        return cast(MeetingView, self.screen)

    def show(self) -> None:  # pragma: no cover - overridden
        pass

    def on_resize(self) -> None:
        if self.display and self.is_mounted:
            self.show()

    def width_hint(self) -> int:
        """The width this view has (before the first layout: the screen's, less the prompts)."""
        if self.size.width:
            return self.size.width
        width = self.app.size.width
        return width - 31 if width >= self.ctx.prompts_threshold(self.body_kind) else width

    def focus_main(self) -> None:
        tables = self.query(DataTable)
        if tables:
            tables.first().focus()
        else:
            self.focus()

    @staticmethod
    def fill(table: DataTable, rows: list[tuple[str, list]], wrap: dict[int, int] | None = None) -> None:
        """Replace the rows, keeping the cursor on the same row index.

        ``wrap`` caps columns (index -> width): a longer cell wraps and its row grows to show it
        whole (read on the projector without moving the cursor); short rows stay one line high."""
        wrap = wrap or {}
        row = table.cursor_row
        labels = list(getattr(table, "column_labels", None) or [str(c.label) for c in table.columns.values()])
        # explicit widths from the content: DataTable's auto widths only ever grow
        # (at least 1: Textual 8's auto-height rows fail on a zero-width column's empty render)
        widths = tuple(
            min(max([1, Text(heading).cell_len] + [cells[i].cell_len for _, cells in rows if i < len(cells)]),
                wrap.get(i, 10_000))
            for i, heading in enumerate(labels)
        )
        if (tuple(labels), widths) != getattr(table, "shape", None):
            table.clear(columns=True)
            for heading, width in zip(labels, widths, strict=True):
                table.add_column(heading, width=width)
            if isinstance(table, MeetingTable):
                table.shape = (tuple(labels), widths)
        else:
            table.clear()
        for key, cells in rows:
            tall = any(cells[i].cell_len > widths[i] for i in wrap if i < len(cells))
            table.add_row(*cells, key=key, height=None if tall else 1)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1), animate=False)

    def select(self, key: str) -> None:
        """Put the cursor of the main table on the row ``key`` (after an edit added it)."""
        tables = self.query(DataTable)
        if not tables:
            return
        table = tables.first()
        try:
            table.move_cursor(row=table.get_row_index(key), animate=False)
        except Exception:  # noqa: BLE001 - the row is gone
            pass

    @staticmethod
    def cursor_key(table: DataTable) -> str | None:
        if not table.row_count:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or moving table has no key
            return None


ATTENDANCE_CYCLE = [Attendance.present, Attendance.remote, Attendance.absent_notice, Attendance.no_show,
                    Attendance.invited]
