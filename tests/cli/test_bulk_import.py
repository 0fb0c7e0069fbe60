"""``sipmote import A.json B.json mapp/``: many plans in one process, a bad file never stops the rest."""

from __future__ import annotations

import json

from conftest import run_cli as run

from sipmote.store import Register


def test_bulk_import_reports_every_file_and_a_bad_one_stops_nothing(demo, home, tmp_path, capsys):
    folder = tmp_path / "mapp"
    folder.mkdir()
    for i in range(4):
        plan = demo.model_copy(deep=True, update={"id": f"bulk{i:08d}"})
        (folder / f"plan{i}.json").write_text(plan.model_dump_json())
    (folder / "notes.txt").write_text("not a plan, not a .json file: left alone")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    not_a_plan = tmp_path / "list.json"
    not_a_plan.write_text(json.dumps([1, 2, 3]))
    extra = tmp_path / "extra.json"
    extra.write_text(demo.model_copy(deep=True, update={"id": "extra0000001"}).model_dump_json())
    twice = tmp_path / "twice.json"  # the same plan id as plan0: refused, not replaced
    twice.write_text(demo.model_copy(deep=True, update={"id": "bulk00000000"}).model_dump_json())
    missing = tmp_path / "missing.json"

    code, out, err = run(capsys, "--home", str(home), "import", str(broken), str(folder), str(not_a_plan),
                         str(missing), str(extra), str(twice))
    assert code == 1, err  # some failed
    lines = out.splitlines()
    assert len(lines) == 9 + 1  # one line per file, then the summary
    assert lines[0].startswith("FEL") and str(broken) in lines[0] and "rad 1" in lines[0]
    assert [ln.split()[0] for ln in lines[1:5]] == ["OK"] * 4
    assert "bulk00000000" in lines[1] and "plan0.json" in lines[1]
    assert lines[5].startswith("FEL") and str(not_a_plan) in lines[5]
    assert lines[6].startswith("FEL") and "Hittar inte filen" in lines[6]
    assert lines[7].startswith("OK") and "extra0000001" in lines[7]
    assert lines[8].startswith("FEL") and "bulk00000000" in lines[8]
    assert lines[9] == "Klart: 5 av 9 filer importerade, 4 misslyckades."
    assert "Traceback" not in out + err

    with Register(home) as reg:
        assert sorted(reg.ids()) == [*(f"bulk{i:08d}" for i in range(4)), "extra0000001"]
        assert reg.load("bulk00000000").person.name == demo.person.name
    code, out, _ = run(capsys, "--home", str(home), "list")
    assert code == 0 and out.count(demo.person.name) == 5  # the index was written


def test_bulk_import_all_good_exits_0_and_an_empty_folder_is_reported(demo, home, tmp_path, capsys):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(demo.model_copy(deep=True, update={"id": "aaaaaaaaaaaa"}).model_dump_json())
    b.write_text(demo.model_copy(deep=True, update={"id": "bbbbbbbbbbbb"}).model_dump_json())
    code, out, _ = run(capsys, "--home", str(home), "import", str(a), str(b))
    assert code == 0 and out.splitlines()[-1] == "Klart: 2 av 2 filer importerade, 0 misslyckades."
    empty = tmp_path / "tom"
    empty.mkdir()
    code, out, _ = run(capsys, "--home", str(home), "import", str(empty))
    assert code == 1 and "Mappen" in out and "inga .json-filer" in out


def test_single_import_keeps_its_old_answer(demo, home, tmp_path, capsys):
    one = tmp_path / "one.json"
    one.write_text(demo.model_dump_json())
    code, out, _ = run(capsys, "--home", str(home), "import", str(one))
    assert code == 0 and out.startswith("Importerade planen")
    code, out, err = run(capsys, "--home", str(home), "import", str(tmp_path / "nope.json"))
    assert code == 2 and "Hittar inte filen" in err


def test_progress_bar_on_a_terminal_only(demo, home, tmp_path):
    import os
    import subprocess
    import sys

    pytest = __import__("pytest")
    pty = pytest.importorskip("pty")  # POSIX: a pseudo terminal for stderr
    for i in range(3):
        (tmp_path / f"p{i}.json").write_text(demo.model_copy(deep=True, update={"id": f"pty{i:09d}"})
                                             .model_dump_json())
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "sipmote", "--home", str(home), "import", str(tmp_path)],
                          stdout=subprocess.PIPE, stderr=slave, timeout=60)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.returncode == 0
    assert b"[" + b"#" * 30 + b"] 3/3" in seen and b"\r" in seen
    assert b"#" not in proc.stdout  # the results, not the bar, go to stdout
    assert proc.stdout.decode().count("OK ") == 3
