"""Issue 14, items 6-8: limits and hostile files, each a clear Swedish message (exit 2), never
exit 70, never a hang, and the register unchanged. Each case failed on the old code: exit 70
(huge number, lone surrogate), an English message (BOM), "Kunde inte spara" though nothing was
being saved (non-UTF-8, a folder), a 50 MB field accepted, or a hang (FIFO)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import run_cli as run

from sipmote.store import Register
from tests.store.helpers14 import digest, plan, stocked

MAX_TEXT = 100_000  # the documented limit per text field (sipmote.store.limits.MAX_TEXT)

POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


def _plan_doc(**extra) -> dict:
    doc = json.loads(plan("file00000001", "Fil Person").model_dump_json())
    doc.update(extra)
    return doc


def _import_bytes(home, capsys, tmp_path, raw: bytes):
    stocked(home, plan("keep00000001", "Kvar Person"))
    before = digest(home)
    src = tmp_path / "in.json"
    src.write_bytes(raw)
    code, out, err = run(capsys, "import", str(src))
    if code != 0:
        assert digest(home) == before
    return code, out, err


@pytest.mark.parametrize("raw, expected", [
    (b'{"id": "x", "n": ' + b"9" * 5000 + b"}", "för stort"),
    (json.dumps(_plan_doc(long_term_goal="\ud800")).encode(), "ogiltigt tecken"),
    (json.dumps(_plan_doc(person={"name": "A\udfffB"})).encode(), "ogiltigt tecken"),
    (b'{"id": "x", "n": NaN}', "inget tal"),
    (b'{"id": "x", "n": 1e999}', "för stort"),
    (json.dumps(_plan_doc(long_term_goal="x" * (MAX_TEXT + 1))).encode(), "texten är för lång"),
    ("é".encode("latin-1") + b'{"a": 1}', "inte sparad som UTF-8"),
    (b"[" * 40 + b"]" * 40, "djupare"),
], ids=["5000-digits", "lone-surrogate", "surrogate-in-name", "nan", "inf", "long-text", "latin-1", "deep"])
def test_json_a_plan_cannot_hold_is_a_clear_message(home, capsys, tmp_path, raw, expected):
    code, _out, err = _import_bytes(home, capsys, tmp_path, raw)
    assert code == 2, err
    assert expected in err and "oväntat" not in err and "Traceback" not in err and "Kunde inte spara" not in err


def test_a_bom_is_accepted(home, capsys, tmp_path):
    code, out, err = _import_bytes(home, capsys, tmp_path, b"\xef\xbb\xbf" + json.dumps(_plan_doc()).encode())
    assert code == 0, err
    assert "Importerade planen file00000001" in out


def test_a_file_over_the_import_limit_is_refused_before_it_is_read(home, capsys, tmp_path):
    big = tmp_path / "big.json"
    with open(big, "wb") as f:
        f.truncate(60_000_000)  # sparse: 60 MB without writing them
    stocked(home, plan("keep00000001", "Kvar Person"))
    code, _, err = run(capsys, "import", str(big))
    assert code == 2 and "för stor" in err and "MB" in err


def test_a_folder_given_as_the_file(home, capsys, tmp_path):
    folder = tmp_path / "plan.json"
    folder.mkdir()
    code, _, err = run(capsys, "export", str(folder), "--docx", str(tmp_path / "x.docx"))
    assert code == 2 and "är en mapp" in err and "Kunde inte spara" not in err
    (folder / "a.json").write_bytes(b"\xe9")  # a folder to import is a folder of files: each one said
    code, out, err = run(capsys, "import", str(folder))
    assert code == 1 and "inte sparad som UTF-8" in out + err and "Kunde inte spara" not in out + err


@POSIX
def test_a_symlink_device_and_fifo_given_as_the_file_are_refused_without_waiting(home, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nowhere.json")
    env = {**os.environ, "SIPMOTE_HOME": str(home)}
    for target, expected in ((fifo, "rörledning"), (link, "symbolisk länk"), ("/dev/zero", "enhet")):
        r = subprocess.run([sys.executable, "-m", "sipmote", "import", str(target)], capture_output=True,
                           text=True, env=env, timeout=60)
        assert r.returncode == 2 and expected in r.stderr, r.stderr


@POSIX
def test_a_fifo_or_folder_in_place_of_a_plan_file_never_blocks_list_or_show(home):
    """Old code: `list` and `show` blocked forever on a FIFO at plans/<id>.json."""
    stocked(home, plan("fifo00000001", "Rör Person"), plan("keep00000001", "Kvar Person"))
    path = home / "plans" / "fifo00000001.json"
    path.unlink()
    os.mkfifo(path)
    os.mkdir(home / "plans" / "dirx00000001.json")
    env = {**os.environ, "SIPMOTE_HOME": str(home)}
    r = subprocess.run([sys.executable, "-m", "sipmote", "list"], capture_output=True, text=True, env=env, timeout=60)
    assert r.returncode == 0 and "Kvar Person" in r.stdout, r.stderr
    assert "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "sipmote", "show", "fifo00000001"], capture_output=True, text=True,
                       env=env, timeout=60)
    assert r.returncode == 2 and "rörledning" in r.stderr and "Kunde inte spara" not in r.stderr, r.stderr


def test_a_plan_over_the_limit_is_refused_at_save_and_the_saved_version_stays(home):
    """The 50 MB field of the report: the window stayed blank for minutes; now the save says why."""
    p = plan("huge00000001", "Stor Person")
    stocked(home, p)
    p.long_term_goal = "x" * (MAX_TEXT + 1)
    with Register(home) as reg:
        with pytest.raises(Exception, match="texten är för lång") as exc:
            reg.save(p)
        assert exc.value.exit_code == 2
        assert reg.load(p.id).long_term_goal == "v0"
