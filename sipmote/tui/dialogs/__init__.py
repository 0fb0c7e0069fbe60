"""The dialog kit: confirm, text, form, choice, a read-only view — one look (``dialogs.tcss``), one set of
keys (Enter saves a one-field text form, Ctrl+S saves a form, Esc cancels, ``j``/``y``
and ``n`` on a confirm, Esc or ``q`` leaves a view), one catalogue section (``[dlg]``). What is typed in a form is
a draft of the plan's session until the form is saved or cancelled."""

from sipmote.tui.dialogs.base import Dialog
from sipmote.tui.dialogs.choice import ChoiceDialog
from sipmote.tui.dialogs.confirm import ConfirmDialog
from sipmote.tui.dialogs.fields import ChoiceField, Field, FieldError, FormInput, parse_date, parse_time
from sipmote.tui.dialogs.form import FormDialog, TextDialog
from sipmote.tui.dialogs.view import TextViewDialog

__all__ = ["ChoiceDialog", "ChoiceField", "ConfirmDialog", "Dialog", "Field", "FieldError", "FormDialog",
           "FormInput", "TextDialog", "TextViewDialog", "parse_date", "parse_time"]
