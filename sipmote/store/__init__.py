"""Storage: the crash-safe register (no Textual here)."""

from sipmote.store.atomic import StoreError, atomic_write
from sipmote.store.crypto import unlock_register  # imports cryptography only when used
from sipmote.store.lock import RegisterLocked
from sipmote.store.register import PlanSummary, Register, default_home

__all__ = ["Register", "PlanSummary", "StoreError", "RegisterLocked", "atomic_write", "default_home", "unlock_register"]
