"""Storage: the crash-safe register (no Textual here). Front ends use :class:`Register`."""

from sipmote.store.atomic import StoreError, atomic_write
from sipmote.store.crypto import MIN_PASSPHRASE, check_strength, unlock_register
from sipmote.store.lock import RegisterLocked
from sipmote.store.register import PlanSummary, Register, default_home

__all__ = [
    "MIN_PASSPHRASE",
    "PlanSummary",
    "Register",
    "RegisterLocked",
    "StoreError",
    "atomic_write",
    "check_strength",
    "default_home",
    "unlock_register",
]
