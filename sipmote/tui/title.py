"""The window's title line (Textual's Header): the screen's subject kept whole at a narrow width."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content

HEADER_SIDES = 16  # the header's icon and clock space beside its centred title
SHORT_NAME = "sipmote"


class FittedTitle:
    """App mixin: when "sipmote – samordnad individuell plan — Uppföljning – Elsa Lindqvist" does
    not fit, the app's long name gives way first ("sipmote — …", then the subject alone); it read
    "… individuell plan — Uppföljning – Elsa Lin…" at 80 columns."""

    def format_title(self, title: str, sub_title: str) -> Content:
        room = self.size.width - HEADER_SIDES  # type: ignore[attr-defined]
        if sub_title and cell_len(title) + 3 + cell_len(sub_title) > room:
            if cell_len(SHORT_NAME) + 3 + cell_len(sub_title) > room:
                return Content(sub_title)
            title = SHORT_NAME
        return super().format_title(title, sub_title)  # type: ignore[misc]
