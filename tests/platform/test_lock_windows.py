"""The register lock's Windows branch (msvcrt), run here with a fake msvcrt module.

In-process tests use the fake's per-handle table; the cross-process test runs a
real second Python process that takes the lock through the same branch.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import fake_msvcrt
import pytest

from sipmote.store import Register, RegisterLocked, StoreError
from sipmote.store import lock as lock_mod
from sipmote.store.lock import MSVCRT_LOCK_OFFSET, PID_BYTES, RegisterLock

HERE = Path(__file__).parent


@pytest.fixture
def windows_lock(monkeypatch):
    fake = fake_msvcrt.make()
    monkeypatch.setattr(lock_mod, "fcntl", None)
    monkeypatch.setattr(lock_mod, "msvcrt", fake)
    return fake


def test_second_handle_is_refused_and_told_whose_lock_it_is(tmp_path, windows_lock):
    path = tmp_path / "sipmote.lock"
    first = RegisterLock(path)
    first.acquire()
    with pytest.raises(RegisterLocked) as err:
        RegisterLock(path).acquire()
    assert str(os.getpid()) in err.value.message
    assert "används redan" in err.value.message
    first.release()
    assert windows_lock.held == {}
    second = RegisterLock(path)
    second.acquire()  # free again once released
    second.release()


def test_the_locked_byte_is_away_from_the_pid(tmp_path, windows_lock):
    """Windows locks are mandatory: a locked pid could not be read by the second copy."""
    lock = RegisterLock(tmp_path / "sipmote.lock")
    lock.acquire()
    (mode, pos, _nbytes), = windows_lock.calls
    assert mode == fake_msvcrt.LK_NBLCK and pos == MSVCRT_LOCK_OFFSET and pos >= PID_BYTES
    # the file does not grow to the lock offset; it holds only the pid
    assert (tmp_path / "sipmote.lock").read_bytes() == str(os.getpid()).encode()
    lock.release()
    assert windows_lock.calls[-1] == (fake_msvcrt.LK_UNLCK, MSVCRT_LOCK_OFFSET, 1)


def test_register_refuses_a_second_copy_on_windows(home, windows_lock):
    first = Register(home).open()
    with pytest.raises(RegisterLocked):
        Register(home).open()
    first.close()
    Register(home).open().close()


def test_without_any_lock_the_register_is_not_opened(tmp_path, monkeypatch):
    """The old code ran unlocked when fcntl was missing; now it says why it stops."""
    monkeypatch.setattr(lock_mod, "fcntl", None)
    monkeypatch.setattr(lock_mod, "msvcrt", None)
    closed: list[int] = []
    real_close = os.close
    monkeypatch.setattr(lock_mod.os, "close", lambda fd: (closed.append(fd), real_close(fd)))
    with pytest.raises(StoreError) as err:
        RegisterLock(tmp_path / "sipmote.lock").acquire()
    assert "kan inte låsa registret" in err.value.message
    assert len(closed) == 1  # the lock file is not left open


HOLDER = textwrap.dedent("""
    import sys
    import fake_msvcrt
    from sipmote.store import lock
    fake_msvcrt.install_in(lock)
    held = lock.RegisterLock(__import__("pathlib").Path(sys.argv[1]))
    held.acquire()
    print("ready", flush=True)
    sys.stdin.readline()
""")


def _holder(path: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path])}
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_a_real_second_process_is_refused_until_the_holder_dies(tmp_path, windows_lock):
    path = tmp_path / "Åsa Öberg" / "sipmote.lock"
    path.parent.mkdir()
    holder = _holder(path)
    try:
        with pytest.raises(RegisterLocked) as err:
            RegisterLock(path).acquire()
        assert str(holder.pid) in err.value.message
        holder.send_signal(signal.SIGKILL)  # a crash: the OS drops the lock, none is left stale
        holder.wait(timeout=10)
        deadline = time.monotonic() + 10
        while True:
            try:
                lock = RegisterLock(path)
                lock.acquire()
                break
            except RegisterLocked:
                assert time.monotonic() < deadline, "the lock outlived its holder"
                time.sleep(0.05)
        assert path.read_bytes() == str(os.getpid()).encode()
        lock.release()
    finally:
        holder.kill()
        holder.wait(timeout=10)
