"""PlanSession, headless: debounce on an injected clock, a failed save kept and retried,
newer never overwritten by older, quit saves, edits refused by the lifecycle, drafts
beside the plan (atomic, 0600, encrypted, deleted with the plan)."""

from __future__ import annotations

import os
import sys

import pytest
from conftest import FakeClock

from sipmote import lifecycle as life
from sipmote.i18n import t
from sipmote.model import CloseReason, PlanStatus
from sipmote.session import PlanSession, Sessions
from sipmote.store import Register, StoreError
from sipmote.store.drafts import DraftStore


@pytest.fixture
def reg(demo_reg):
    return demo_reg  # the demo plan in an open register (tests/conftest.py)


@pytest.fixture
def clock():
    return FakeClock(100.0)


def stored(reg, plan_id):
    return Register(reg.root, use_lock=False).load(plan_id)


def test_edits_are_saved_once_after_the_delay(reg, demo, clock):
    s = PlanSession.open(reg, demo.id, clock=clock, delay=0.5)
    s.apply(lambda p: setattr(p, "long_term_goal", "Att sova"))
    clock.advance(0.3)
    s.apply(lambda p: setattr(p, "long_term_goal", "Att sova gott"))
    assert not s.due()
    clock.advance(0.2)  # the deadline runs from the first unsaved change
    assert s.due() and s.pending
    assert s.flush() is None
    assert not s.pending and not s.due()
    assert stored(reg, demo.id).long_term_goal == "Att sova gott"


def test_a_failed_save_is_kept_and_retried(reg, demo, clock, monkeypatch):
    s = PlanSession.open(reg, demo.id, clock=clock, delay=0.5, retry=2.0)
    real = reg.save

    def full(plan):
        raise StoreError("Disken är full – kunde inte spara.")

    monkeypatch.setattr(reg, "save", full)
    s.apply(lambda p: setattr(p, "long_term_goal", "Att orka"))
    clock.advance(0.5)
    assert s.flush() == "Disken är full – kunde inte spara."
    assert s.pending and s.error
    clock.advance(1.9)
    assert not s.due()
    clock.advance(0.1)
    assert s.due()  # the retry is armed without any new change
    monkeypatch.setattr(reg, "save", real)
    assert s.flush() is None and not s.pending and s.error is None
    assert stored(reg, demo.id).long_term_goal == "Att orka"


def test_an_older_snapshot_never_overwrites_a_newer_one(reg, demo, clock):
    s = PlanSession.open(reg, demo.id, clock=clock)
    s.apply(lambda p: setattr(p, "long_term_goal", "ett"))
    old = s.take()
    s.apply(lambda p: setattr(p, "long_term_goal", "två"))
    new = s.take()
    assert s.write(new) is None
    assert s.write(old) is None  # arrives late (another worker): skipped
    assert stored(reg, demo.id).long_term_goal == "två"


def test_close_saves_what_is_pending_and_runs_the_hooks(reg, demo, clock):
    s = PlanSession.open(reg, demo.id, clock=clock, delay=60)
    synced = []
    s.before_save.append(lambda: synced.append(1))
    s.apply(lambda p: setattr(p, "long_term_goal", "sparas vid avslut"))
    assert s.close()
    assert synced and stored(reg, demo.id).long_term_goal == "sparas vid avslut"


def test_an_edit_to_a_closed_plan_is_refused_and_nothing_is_saved(reg, demo, clock, today):
    s = PlanSession.open(reg, demo.id, clock=clock)
    s.apply(lambda p: life.close_plan(p, CloseReason.goals_met, today, "Alla", "Skolkuratorn"))
    assert s.flush() is None
    before = (reg.plan_path(demo.id)).read_bytes()
    meeting = s.plan.latest_meeting
    with pytest.raises(life.PlanClosedError) as err:
        s.apply(lambda p: life.add_goal(p, meeting.id, "Lisa går till skolan"))
    assert str(err.value) == t("life.closed_read_only")
    assert not s.pending and s.take() is None
    assert reg.plan_path(demo.id).read_bytes() == before
    assert stored(reg, demo.id).status == PlanStatus.closed


def test_notices_of_a_restored_plan_go_to_the_session_once(reg, demo, clock):
    reg.save(demo)  # a backup exists now
    reg.plan_path(demo.id).write_bytes(b"{ broken")
    s = PlanSession.open(reg, demo.id, clock=clock)
    assert any(demo.id in n for n in s.notices)
    assert reg.notices == []  # taken: not shown a second time elsewhere


def test_drafts_are_saved_beside_the_plan_and_offered_after_a_crash(reg, demo, clock):
    s = PlanSession.open(reg, demo.id, clock=clock, delay=0.5)
    s.set_draft("notes:elsa", "Anteckningar för Elsa", {"notes": "Sover dåligt"})
    clock.advance(0.5)
    assert s.due()
    s.flush()
    path = DraftStore(reg).path(demo.id)
    assert path.is_file()
    if sys.platform != "win32":
        assert (os.stat(path).st_mode & 0o777) == 0o600
    assert stored(reg, demo.id).meetings[-1].participants[0].speaker_notes != "Sover dåligt"
    # a crash: a new process opens the plan again
    again = PlanSession.open(reg, demo.id, clock=clock)
    assert again.restored["notes:elsa"]["title"] == "Anteckningar för Elsa"
    assert again.draft("notes:elsa") == {"notes": "Sover dåligt"}
    again.clear_draft("notes:elsa")  # confirmed or cancelled
    again.flush()
    assert not path.exists()


def test_drafts_go_with_the_plan_on_delete(reg, demo, clock):
    s = PlanSession.open(reg, demo.id, clock=clock)
    s.set_draft("k", "t", {"x": "hemligt"})
    s.flush()
    reg.delete(demo.id)
    assert not DraftStore(reg).path(demo.id).exists()


def test_drafts_are_encrypted_in_an_encrypted_register(home, demo, clock):
    from sipmote.store.crypto import encrypt_register

    r = Register(home).open()
    r.save(demo)
    encrypt_register(r, "en lång lösenfras")
    s = PlanSession.open(r, demo.id, clock=clock)
    s.set_draft("k", "Anteckning", {"notes": "Lindqvist sover dåligt"})
    s.flush()
    raw = DraftStore(r).path(demo.id).read_bytes()
    assert b"Lindqvist" not in raw and b"sover" not in raw
    assert PlanSession.open(r, demo.id, clock=clock).draft("k") == {"notes": "Lindqvist sover dåligt"}
    r.close()


def test_sessions_share_one_plan_object(reg, demo, clock):
    pool = Sessions(reg, clock=clock)
    a = pool.get(demo.id)
    assert pool.get(demo.id) is a and pool.adopt(a.plan) is a
    a.apply(lambda p: setattr(p, "long_term_goal", "x"))
    assert pool.pending
    assert pool.save_all() == [] and not pool.pending


def test_a_draft_written_before_encryption_is_encrypted_with_the_register(home, demo, clock):
    from sipmote.store.crypto import encrypt_register

    r = Register(home).open()
    r.save(demo)
    s = PlanSession.open(r, demo.id, clock=clock)
    s.set_draft("k", "Anteckning", {"notes": "Lindqvist sover dåligt"})
    s.flush()
    encrypt_register(r, "en lång lösenfras")  # e.g. `sipmote init --encrypt`, or from the app
    raw = DraftStore(r).path(demo.id).read_bytes()
    assert b"Lindqvist" not in raw
    assert PlanSession.open(r, demo.id, clock=clock).draft("k") == {"notes": "Lindqvist sover dåligt"}
    r.close()


def test_a_new_plan_drafts_into_the_register_slot_until_it_has_an_id(reg, demo, clock):
    from sipmote.store.drafts import NEW_PLAN

    pool = Sessions(reg, clock=clock, delay=0.5)
    slot = pool.new_plan()
    assert pool.new_plan() is slot and slot.plan_id is None
    slot.set_draft("prepare:new", "Ny plan", {"name": "Sara Testsson"}, {"screen": "RegisterScreen", "action": "new()"})
    clock.advance(0.5)
    assert pool.due() == [slot] and pool.pending
    assert pool.save_all() == []
    path = DraftStore(reg).path(NEW_PLAN)
    assert path.is_file() and DraftStore(reg).plan_ids() == []  # never taken for a plan's drafts
    # a crash: the next process finds it, opener included
    again = Sessions(reg, clock=clock).new_plan()
    assert again.draft("prepare:new") == {"name": "Sara Testsson"}
    assert again.restored["prepare:new"]["opener"] == {"screen": "RegisterScreen", "action": "new()"}
    again.clear_draft("prepare:new")  # saved as a plan, or left on purpose
    again.flush()
    assert not path.exists()


def test_the_new_plan_slot_is_encrypted_with_the_register(home, clock):
    from sipmote.store.crypto import encrypt_register
    from sipmote.store.drafts import NEW_PLAN

    r = Register(home).open()
    encrypt_register(r, "en lång lösenfras")
    slot = Sessions(r, clock=clock).new_plan()
    slot.set_draft("prepare:new", "Ny plan", {"name": "Sara Testsson"})
    slot.flush()
    assert b"Testsson" not in DraftStore(r).path(NEW_PLAN).read_bytes()
    assert Sessions(r, clock=clock).new_plan().draft("prepare:new") == {"name": "Sara Testsson"}
    r.close()
