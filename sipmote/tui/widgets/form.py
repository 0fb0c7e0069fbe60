"""Thin aliases while the meeting views switch to the dialog kit (``sipmote.tui.dialogs``).

To be removed once nothing imports them: use ``FormDialog``, ``Field``, ``ConfirmDialog``."""

from __future__ import annotations

from sipmote.tui.dialogs import (
    ChoiceField,
    ConfirmDialog,
    Field,
    FieldError,
    FormDialog,
    FormInput,
    parse_date,
    parse_time,
)

FormModal = FormDialog
FormField = Field


class ConfirmModal(ConfirmDialog):
    """The meeting's confirm: Enter answers yes (the default button)."""

    def __init__(self, question: str) -> None:
        super().__init__(question, default=True)


__all__ = ["ChoiceField", "ConfirmModal", "FieldError", "FormField", "FormInput", "FormModal", "parse_date",
           "parse_time"]
