"""The `sipmote` command: schema, import/show round trip, list, delete, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import run_cli as run

from sipmote.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_schema_is_the_json_schema_of_a_plan(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Plan"
    assert {"person", "meetings", "consents", "huvudansvarig"} <= set(schema["properties"])


def test_demo_json_import_show_round_trip_is_lossless(capsys, tmp_path):
    _, demo_json, _ = run(capsys, "demo", "--json")
    f = tmp_path / "d.json"
    f.write_text(demo_json, encoding="utf-8")
    code, out, _ = run(capsys, "import", str(f))
    assert code == 0 and "Importerade planen demo00000001 (Elsa Lindqvist)" in out
    code, shown, _ = run(capsys, "show", "demo00000001", "--json")
    a, b = json.loads(demo_json), json.loads(shown)
    a.pop("updated"), b.pop("updated")  # the save time is stamped on save
    assert code == 0 and a == b
    # and the exported form imports again into another register, unchanged
    f2 = tmp_path / "again.json"
    f2.write_text(shown, encoding="utf-8")
    code, _, _ = run(capsys, "--home", str(tmp_path / "other"), "import", str(f2))
    _, shown2, _ = run(capsys, "--home", str(tmp_path / "other"), "show", "demo", "--json")
    assert code == 0 and json.loads(shown2) | {"updated": 0} == json.loads(shown) | {"updated": 0}


def test_importing_twice_is_refused_unless_replace(capsys, tmp_path):
    f = tmp_path / "d.json"
    run(capsys, "demo", "--json")
    main(["demo", "--json"])
    f.write_text(capsys.readouterr().out, encoding="utf-8")
    assert run(capsys, "import", str(f))[0] == 0
    code, _, err = run(capsys, "import", str(f))
    assert code == 2 and "finns redan" in err
    assert run(capsys, "import", str(f), "--replace")[0] == 0


def test_show_masks_the_personnummer_unless_revealed(capsys, tmp_path):
    main(["demo", "--json"])
    f = tmp_path / "d.json"
    f.write_text(capsys.readouterr().out, encoding="utf-8")
    run(capsys, "import", str(f))
    full = json.loads(f.read_text())["person"]["personnummer"]
    _, out, _ = run(capsys, "show", "Elsa Lindqvist")
    assert full not in out and full[2:8] + "-****" in out
    _, out, _ = run(capsys, "show", "demo", "--reveal")
    assert full in out
    _, out, _ = run(capsys, "list", "--json")
    assert full not in out and json.loads(out)[0]["personnummer"].endswith("****")


def test_list_and_delete(capsys, tmp_path):
    assert "Registret är tomt" in run(capsys, "list")[1]
    main(["demo", "--json"])
    f = tmp_path / "d.json"
    f.write_text(capsys.readouterr().out, encoding="utf-8")
    run(capsys, "import", str(f))
    _, out, _ = run(capsys, "list")
    assert "demo00000001" in out and "Elsa Lindqvist" in out and "Aktiv" in out
    code, out, _ = run(capsys, "delete", "demo", "--yes")
    assert code == 0 and "borttagen" in out
    assert "Registret är tomt" in run(capsys, "list")[1]


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "Hittar inte filen"),
        ("{oops", "är inte giltig JSON (rad 1, kolumn 2)"),
        ('{"person": {"name": "A", "personnummer": "19811218-9875"}}', "fel kontrollsiffra"),
        ('{"person": {"name": "A"}, "meetings": [{"kind": "party"}]}', "”party” är inget tillåtet värde"),
    ],
)
def test_bad_import_files_get_clear_messages_and_change_nothing(capsys, tmp_path, content, expected):
    f = tmp_path / "in.json"
    if content is not None:
        f.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, "import", str(f))
    assert code == 2 and expected in err and "Traceback" not in err
    assert "Registret är tomt" in run(capsys, "list")[1]


def test_unknown_plan_is_a_message_not_a_traceback(capsys):
    code, _, err = run(capsys, "show", "nobody")
    assert code == 2 and "Hittar ingen plan" in err


def test_english_on_request(capsys):
    code, _, err = run(capsys, "--lang", "en", "show", "nobody")
    assert code == 2 and "No plan is called" in err


def test_the_wheel_ships_agenda_and_templates_and_finds_them_installed(tmp_path):
    """A non-editable install, run from another directory, finds agenda/ and templates/."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("sipmote-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped_agenda = sorted(p.name for p in (ROOT / "agenda").iterdir() if p.is_file())
    shipped_templates = sorted(p.name for p in (ROOT / "templates").iterdir() if p.is_file())
    for name in shipped_agenda:
        assert f"sipmote/_data/agenda/{name}" in names
    for name in shipped_templates:
        assert f"sipmote/_data/templates/{name}" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True)
    probe = ("import sipmote.resources as r, pathlib;"
             "print(r.agenda_dir()); print(sorted(p.name for p in r.agenda_dir().iterdir()));"
             "print(sorted(p.name for p in r.templates_dir().iterdir()))")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); " + probe],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith(str(target))
    assert out[1] == str(shipped_agenda) and out[2] == str(shipped_templates)


def test_language_from_config_file(capsys, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[ui]\nlang = "en"\n', encoding="utf-8")
    code, _, err = run(capsys, "show", "nobody")
    assert code == 2 and "No plan is called" in err
    # the command line wins over the config
    code, _, err = run(capsys, "--lang", "sv", "show", "nobody")
    assert "Hittar ingen plan" in err


def test_broken_config_is_named_and_does_not_stop_the_command(capsys, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text("[ui\nlang=", encoding="utf-8")
    code, _, err = run(capsys, "list")
    assert code == 0 and "config.toml" in err and "Traceback" not in err


def test_demo_leaves_no_register_behind(monkeypatch, tmp_path):
    """`sipmote demo` plays in a temporary register that is gone when the app closes."""
    import tempfile

    import sipmote.tui

    seen = []

    def fake_run_app(*, register, **_):
        seen.append(register.root)
        assert any(register.root.rglob("*.json")), "the demo plan is saved while the app runs"
        return 0

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(sipmote.tui, "run_app", fake_run_app)
    assert main(["demo"]) == 0
    assert seen and not seen[0].exists()
    assert not list(tmp_path.glob("sipmote-demo-*"))
