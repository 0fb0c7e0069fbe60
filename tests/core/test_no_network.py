"""No network: an encrypted register, a whole meeting (headless) and the DOCX exports run with
every socket to the outside forbidden.

The guard itself is conftest's autouse ``no_network`` fixture, so every test of the suite
(the scripted meeting in the real TUI included) runs offline and fails if it even tries;
here: proof that the guard bites, and the whole headless path in one test."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from sipmote import cli
from sipmote.model import Goal, Measure, MeetingStatus, OrgKind, Responsible
from sipmote.store import Register, crypto


def test_the_guard_does_stop_network_access(no_network):
    """Proof the guard bites, so no test can pass offline by accident (conftest's NetworkForbidden
    is an AssertionError)."""
    import urllib.request

    with pytest.raises(AssertionError, match=r"socket|network"):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(Exception):
        urllib.request.urlopen("http://192.0.2.1/", timeout=1)
    import _socket

    with pytest.raises(AssertionError, match=r"socket|network"):
        _socket.socket(socket.AF_INET, socket.SOCK_STREAM)  # C level: the audit hook
    a, b = socket.socketpair()  # local pipes stay allowed
    a.close()
    b.close()
    assert len(no_network) >= 3
    no_network.clear()


def test_a_whole_meeting_and_its_exports_headless(no_network, home, tmp_path, demo, today, monkeypatch, capsys):
    from sipmote import agenda as ag
    from sipmote import lifecycle
    from sipmote.export import DocKind, export
    from sipmote.summary import missing_before_signoff, readback

    monkeypatch.setattr(crypto, "SCRYPT", {"n": 2**10, "r": 8, "p": 1})
    crypto.forget_session()
    reg = Register(home).open()
    crypto.encrypt_register(reg, "hemlig fras ett")
    plan = demo
    meeting = plan.meetings[-1]
    assert lifecycle.can_start_meeting(plan, today).ok
    ag.init_phases(meeting, ag.load_agenda(meeting.agenda_id))
    now = [0.0]
    clock = ag.PhaseClock(meeting, clock=lambda: now[0], now=lambda: dt.datetime(2026, 3, 2, 13, 0))
    clock.start()
    meeting.status = MeetingStatus.running
    plan.long_term_goal = "Att gå i skolan och sova bättre"
    for p in meeting.speaking_order():  # the round: everyone speaks
        p.has_spoken = True
        now[0] += 60
        reg.save(plan)  # autosave after each change
    while not clock.is_last:
        now[0] += 600
        clock.next()
        reg.save(plan)
    meeting.goals.append(Goal(text="Elsa är i skolan hela dagar tre dagar i veckan", measures=[
        Measure(what="Anpassat schema", responsible=Responsible(org_kind=OrgKind.school, organisation="Strandskolan",
                                                                 person="Omar Haddad")),
        Measure(what="Samtal om sömn och oro", responsible=Responsible(org_kind=OrgKind.regional_health,
                                                                        organisation="BUP Exempelstad")),
    ]))
    plan.huvudansvarig = Responsible(org_kind=OrgKind.school, organisation="Strandskolan", person="Anna Berg")
    meeting.follow_up.date = today + dt.timedelta(days=42)
    meeting.person_agrees = True
    clock.pause()
    lifecycle.finish_meeting(plan, meeting.id, today)
    reg.save(plan)
    assert {r.party for r in readback(plan, meeting)} and isinstance(missing_before_signoff(plan, meeting), list)
    reg.close()

    crypto.forget_session()
    reg = Register(home)
    crypto.unlock_register(reg, passphrase="hemlig fras ett")
    with reg:
        saved = reg.load(plan.id)
    assert saved.meetings[-1].status == MeetingStatus.held and len(saved.meetings[-1].goals) == 1
    for kind in DocKind:
        out = tmp_path / f"{kind.value}.docx"
        result = export(kind, saved, saved.meetings[-1], docx=out, today=today, home=home)
        assert out.stat().st_size > 5000 and result.written == [out]
        assert out.stat().st_mode & 0o777 == 0o600  # exports are plain but private
    monkeypatch.setenv("SIPMOTE_PASSPHRASE_FILE", str(_pw(tmp_path)))
    assert cli.main(["list"]) == 0 and "Elsa" in capsys.readouterr().out
    assert no_network == []  # nothing even tried


def _pw(tmp_path):
    f = tmp_path / "pw"
    f.write_text("hemlig fras ett\n", encoding="utf-8")
    return f
