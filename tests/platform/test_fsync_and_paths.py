"""Folder fsync only where the OS has it; paths with spaces and non-ASCII user names."""

from __future__ import annotations

import os
import stat

from sipmote.store import Register, atomic


def _record_fsync(monkeypatch) -> list[int]:
    seen: list[int] = []
    real = atomic._fsync

    def fsync(fd: int) -> None:
        seen.append(fd)
        real(fd)

    monkeypatch.setattr(atomic, "_fsync", fsync)
    return seen


def test_posix_fsyncs_the_folder_after_the_rename(tmp_path, monkeypatch):
    dirs: list[bool] = []
    real_fstat = os.fstat
    monkeypatch.setattr(atomic, "_fsync", lambda fd: dirs.append(stat.S_ISDIR(real_fstat(fd).st_mode)))
    atomic.atomic_write(tmp_path / "a.json", b"{}")
    assert dirs == [False, True]  # the file, then its folder


def test_windows_skips_the_folder_fsync_but_still_writes_durably(tmp_path, monkeypatch):
    seen = _record_fsync(monkeypatch)
    opened: list[str] = []
    real_open = os.open

    def tracking_open(path, flags, *args):
        opened.append(str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(atomic.os, "name", "nt")
    try:
        assert not atomic.dir_fsync_supported()
        monkeypatch.setattr(atomic.os, "open", tracking_open)
        atomic.atomic_write(tmp_path / "a.json", b'{"x": 1}')
    finally:
        monkeypatch.undo()
    assert (tmp_path / "a.json").read_bytes() == b'{"x": 1}'
    assert len(seen) == 1  # the file's data, never the folder
    assert str(tmp_path) not in opened  # a folder cannot be os.open()ed on Windows


def test_register_under_a_profile_with_spaces_and_swedish_letters(tmp_path, today):
    from sipmote.demo import demo_plan

    home = tmp_path / "Users" / "Åsa Öberg" / "AppData" / "Local" / "sipmote"
    with Register(home) as reg:
        plan = demo_plan(today)
        reg.save(plan)
        assert reg.ids() == [plan.id]
    with Register(home) as reg:
        assert reg.load(plan.id) == plan


def test_windows_data_folder_is_under_the_users_profile(monkeypatch):
    """platformdirs puts the register in %LOCALAPPDATA%\\sipmote (not roaming, no vendor folder)."""
    from platformdirs.windows import Windows

    local = "C:\\Users\\Åsa Öberg\\AppData\\Local"
    monkeypatch.setenv("LOCALAPPDATA", local)
    monkeypatch.setattr("platformdirs.windows.get_win_folder", lambda csidl: {
        "CSIDL_LOCAL_APPDATA": local, "CSIDL_APPDATA": local.replace("Local", "Roaming"),
    }[csidl])
    data = Windows("sipmote", appauthor=False).user_data_dir
    assert data.startswith(local) and data.endswith("sipmote")
    assert "Roaming" not in data and data.count("sipmote") == 1
