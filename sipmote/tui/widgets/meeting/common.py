"""Shared helpers of the meeting views: literal user text, tables, the view base."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any, Protocol, cast

from rich.cells import cell_len
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


# a word with the slash or hyphen that ends it ("Socialsekreterare/", "hälso-"), a word, or the
# spaces between words: a line may break after each (every table of the app: one rule)
_PIECES = re.compile(r"[^\s/-]*[/-]+|[^\s/-]+|\s+")


def break_points(text: str, width: int) -> list[int]:
    """Where ``text`` breaks into lines of at most ``width`` cells: at a space or after a '/' or '-', in
    a word only when the word alone is longer than a line."""
    out: list[int] = []
    col = 0
    for m in _PIECES.finditer(text):
        piece = m.group()
        n = cell_len(piece)
        if piece.isspace():
            col += n
            continue
        if col and col + n > width:
            out.append(m.start())
            col = 0
        start = m.start()
        while n > width:  # one word longer than the line: break it where the line ends
            cut = start + max(1, width - col)
            out.append(cut)
            n -= cut - start
            start, col = cut, 0
        col += n
    return out


def longest_word(text: str) -> int:
    """The narrowest a column can be without breaking a word of ``text`` (a '/' may end a line)."""
    return max([1] + [cell_len(m.group()) for m in _PIECES.finditer(text) if not m.group().isspace()])


def keep_words(want: int, cells: list[Text], most: int) -> int:
    """A wrapped column's width: ``want``, widened to the longest word of its ``cells`` (at most
    ``most``), so a word is not broken ("familjebehandl" / "ingen") while it fits."""
    return max(want, min(most, max([0] + [longest_word(c.plain) for c in cells])))


def share_room(room: int, first: list[str], second: list[str]) -> tuple[int, int]:
    """Widths of two columns sharing ``room`` cells (their cells' texts row by row, headings
    included): each as wide as its longest cell when both fit; else the split whose rows take the
    fewest lines, no word broken (the second column wider on a tie)."""
    natural = [max(cell_len(x) for x in col) for col in (first, second)]
    least = [max(longest_word(x) for x in col) for col in (first, second)]
    if sum(natural) <= room:
        return natural[0], natural[1]
    best: tuple[int, int, int] | None = None
    for a in range(least[0], natural[0] + 1):
        b = min(natural[1], room - a)
        if b < least[1]:
            break
        lines = sum(max(len(break_points(x, a)), len(break_points(y, b))) for x, y in zip(first, second, strict=True))
        if best is None or lines <= best[0]:
            best = (lines, a, b)
    if best is None:  # not even the longest words fit: the first gives way
        return max(1, room - least[1]), least[1]
    return best[1], best[2]


def _longest_spaced(text: str) -> int:
    return max([0] + [cell_len(w) for w in text.split()])


def wrap_words(text: Text, width: int) -> Text:
    """``text`` as lines of at most ``width`` cells, broken at word boundaries (or after "/" or "-");
    the styles stay."""
    lines = text.divide(break_points(text.plain, max(1, width)))
    for line in lines:
        line.rstrip()
    return Text("\n").join(lines)


def hanging(text: str, width: int, indent: int) -> str:
    """``text`` wrapped at words to ``width`` cells after an ``indent`` already written on its first
    line; the lines after it indented as far (an answer under its label, not under the margin)."""
    room = max(10, width - indent)
    cuts = [0, *break_points(text, room), len(text)]
    return ("\n" + " " * indent).join(text[a:b].rstrip() for a, b in pairwise(cuts))


def wrap_items(text: str, width: int, sep: str = ", ") -> str:
    """``text`` (items joined by ``sep``, e.g. "k = kom inte, n = klart") wrapped between its items,
    never inside one that fits a line ("f =" / "frånvaro anmäld" split a key from its meaning)."""
    lines: list[str] = []
    for item in text.split(sep):
        if lines and cell_len(lines[-1] + sep + item) <= width:
            lines[-1] += sep + item
        else:
            if lines:
                lines[-1] += sep.rstrip()
            lines.append(item)
    return "\n".join(lines)


def clip_words(text: str, n: int) -> str:
    """``text`` in ``n`` cells: whole, or cut after its last whole word (or '/') with "…"; in a word
    only when the first word alone is longer."""
    text = safe_line(text)
    if len(text) <= n:
        return text
    head = text[: n - 1]
    stops = [m.end() for m in _PIECES.finditer(head) if m.end() < len(head) or text[len(head)] in " /-"]
    stops = [e for e in stops if not head[:e].isspace()]
    cut = head[: stops[-1]].rstrip(" ,;:–-") if stops else head
    return (cut or head) + "…"


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

    # Home/End go to the first/last row (the stock keys scroll sideways and leave the cursor where
    # it was: "End k" marked the first person in the roll call, not the last)
    def action_scroll_home(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_top()
        else:
            super().action_scroll_home()

    def action_scroll_end(self) -> None:
        if self.cursor_type == "row":
            self.action_scroll_bottom()
        else:
            super().action_scroll_end()

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


DETAIL_MOST = 8  # lines a detail line may take below its table


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

    def put_detail(self, static: Any, text: Text) -> None:
        """Show the selected row whole under its table, on as many lines as it takes (two at least,
        so the table does not jump between short rows; at most ``DETAIL_MOST``). The layout is
        redone only when that number changes."""
        lines = min(DETAIL_MOST, max(2, len(break_points(text.plain, max(10, self.width_hint() - 2))) + 1))
        if static.styles.height is None or static.styles.height.value != lines:
            static.styles.height = lines
            static.update(text)
        else:
            static.update(text, layout=False)

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
            long = [i for i in wrap if i < len(cells) and cells[i].cell_len > widths[i]]
            # the table wraps at spaces; a word longer than the column ("Socialsekreterare/handläggare,")
            # is broken here after its '/' (the table would break it anywhere)
            cells = [wrap_words(c, widths[i]) if i in long and _longest_spaced(c.plain) > widths[i] else c
                     for i, c in enumerate(cells)]
            table.add_row(*cells, key=key, height=None if long else 1)
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
