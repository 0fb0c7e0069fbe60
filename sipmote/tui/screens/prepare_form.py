"""The preparation form's parts that are built only when they are opened (issue 17: the
screen opens at once). The form is five sections; the person's is open when the screen
opens, the others show a one-line summary and build their fields when opened (Enter
on the heading, or its F-key from anywhere). ``FormValues`` holds every field's value
whether its section has been built or not, and the widgets of those that have, so
filling, reading and drafts never search the screen for a field by id."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import DataTable, Input, Select, SelectionList, Static, TextArea

from sipmote.tui.keys import Keys
from sipmote.tui.widgets.meeting.common import longest_word, wrap_words  # the tables' one wrap rule

FieldValue = Any  # str (text fields), an enum or None (a dropdown), list[str] (a tick list)


class FormValues:
    """Every field's value by key; a built field's widget is the one place its value lives."""

    def __init__(self) -> None:
        self.widgets: dict[str, Widget] = {}
        self.values: dict[str, FieldValue] = {}

    def get(self, key: str, default: FieldValue = "") -> FieldValue:
        w = self.widgets.get(key)
        if w is None:
            return self.values.get(key, default)
        if isinstance(w, Input):
            return w.value
        if isinstance(w, TextArea):
            return w.text
        if isinstance(w, Select):
            return None if w.value is Select.NULL else w.value
        if isinstance(w, SelectionList):
            return list(w.selected)
        raise TypeError(key)

    def set(self, key: str, value: FieldValue) -> None:
        w = self.widgets.get(key)
        if w is None:
            self.values[key] = value
        elif isinstance(w, Input):
            w.value = value
        elif isinstance(w, TextArea):
            w.text = value
        elif isinstance(w, Select):
            if value is None:
                w.clear()
            else:
                w.value = value
        elif isinstance(w, SelectionList):
            w.deselect_all()
            for v in value:
                w.select(v)

    def keep(self, key: str, widget: Widget) -> Widget:
        """``widget`` (made with the field's value) holds the value from now on."""
        self.widgets[key] = widget
        self.values.pop(key, None)
        return widget

    # drafts: every field as text (a dropdown by its value, a tick list comma separated)
    def as_text(self, keys: Iterable[str]) -> dict[str, str]:
        out = {}
        for key in keys:
            v = self.get(key)
            if isinstance(v, list):
                out[key] = ",".join(str(x) for x in v)
            elif v is None:
                out[key] = ""
            else:
                out[key] = str(getattr(v, "value", v))
        return out


class SectionHead(Static, can_focus=True):
    """A section's heading: its F-key, its title and, closed, what it holds. Enter or
    space opens or closes it."""

    BINDINGS = Keys([Binding("enter,space", "open_close", show=False, id="prepare.open_section")])

    def __init__(self, section: Section) -> None:
        super().__init__(classes="section-head")
        self.section = section

    async def action_open_close(self) -> None:
        await self.section.toggle()


class SectionBody(Vertical):
    def __init__(self, build: Callable[[], ComposeResult]) -> None:
        super().__init__(classes="section-body")
        self._build = build

    def compose(self) -> ComposeResult:
        yield from self._build()


class Section(Vertical):
    """A heading and, once opened, the fields under it (built then, kept when closed)."""

    def __init__(self, sid: str, title: str, key: str, build: Callable[[], ComposeResult], *,
                 opened: bool = False, summary: Callable[[], str] = lambda: "",
                 built: Callable[[], None] = lambda: None) -> None:
        super().__init__(id=f"sec-{sid}", classes="section-box")
        self.sid, self.title, self.key = sid, title, key
        self._build, self._summary = build, summary
        self._built = built  # fills what the fields cannot hold themselves (a table's rows)
        self.opened = opened
        self.body: SectionBody | None = SectionBody(build) if opened else None
        self.head = SectionHead(self)
        self._shown = self.head_text()
        self.head.update(self._shown)  # not mounted yet: no redraw

    def compose(self) -> ComposeResult:
        yield self.head
        if self.body is not None:
            yield self.body

    def head_text(self) -> Text:
        mark = "▾" if self.opened else "▸"
        text = Text.assemble((f"{mark} {self.key.upper()} ", "bold"), (self.title, "bold"))
        if not self.opened:
            summary = self._summary()
            if summary:
                text.append("  " + summary, style="not bold")
        text.no_wrap, text.overflow = True, "ellipsis"
        return text

    def show_head(self) -> None:
        """The heading again, redrawn only when what it says changed."""
        text = self.head_text()
        if text != self._shown:
            self._shown = text
            self.head.update(text)

    @property
    def built(self) -> bool:
        return self.body is not None

    async def open(self) -> None:
        """Open, built the first time - however it is opened (its F-key or Enter on the
        heading: the heading's way once left the invited table without rows)."""
        if self.body is None:
            self.body = SectionBody(self._build)
            await self.mount(self.body)
            self._built()
        self.body.display = True
        self.opened = True
        self.show_head()

    async def toggle(self) -> None:
        if self.opened and self.body is not None:
            self.body.display = False
            self.opened = False
            self.show_head()
            self.head.focus()
        else:
            await self.open()
            first = self.first_field()
            if first is not None:
                first.focus()

    def first_field(self) -> Widget | None:
        """Where the cursor goes when the section opens: its first field to type in (not the
        invited table above the participant's fields: the name typed after F5 or after Enter
        on the heading lands in Namn either way)."""
        if self.body is None:
            return None
        return next((w for w in self.body.query("*") if w.focusable and not isinstance(w, DataTable)), None)


class RowTable(DataTable):
    """A table of rows: Home and End go to the first and last row (never sideways), and
    the columns are sized to the width there is, so nothing is off to the right; a cell
    wider than its column wraps (the row grows), so nothing is cut either."""

    BINDINGS = Keys([Binding("home", "scroll_top", show=False, id="table.top"),
                     Binding("end", "scroll_bottom", show=False, id="table.bottom")])

    def fill(self, columns: list[tuple[str, str, bool]], rows: list[tuple[str, list[Text]]], width: int) -> None:
        """``columns``: (key, label, elastic); an elastic column gives up room first (its cells
        wrap), the others keep their whole width."""
        natural = [max([cell_len(label)] + [r[1][i].cell_len for r in rows]) for i, (_, label, _e) in
                   enumerate(columns)]
        words = [max([longest_word(label)] + [longest_word(r[1][i].plain) for r in rows]) for i, (_, label, _e) in
                 enumerate(columns)]
        widths = fit(natural, [e for _k, _l, e in columns], width - 2 * len(columns), words)
        self.clear(columns=True)
        for (key, label, _e), w in zip(columns, widths, strict=True):
            self.add_column(label, key=key, width=w)
        for key, cells in rows:
            self.add_row(*[wrap_words(cell, w) for cell, w in zip(cells, widths, strict=True)], key=key, height=None)


def fit(natural: list[int], elastic: list[bool], room: int, words: list[int] | None = None) -> list[int]:
    """Column widths that add up to at most ``room``: elastic columns shrink, widest first,
    down to their longest word (``words``: so a cell wraps between words, never inside one)
    and, if that is still too wide, down to 6 characters; the others keep what they need."""
    widths = list(natural)
    for floors in (words or [6] * len(widths), [6] * len(widths)):
        while sum(widths) > room:
            candidates = [i for i, e in enumerate(elastic) if e and widths[i] > max(6, floors[i])]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths
