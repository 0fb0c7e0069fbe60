#!/usr/bin/env python3
"""Build the offline bundles: sipmote + every dependency as wheels, per platform and Python.

    python3 .ci/bundle/build.py OUT [--target linux_x86_64 ...] [--python 3.12 ...] [--zip] [--check]

For each target platform and Python version, ``OUT/sipmote-<version>-<target>-py<X.Y>/`` gets

    wheels/          the sipmote wheel and every dependency's wheel for that platform
    installera.cmd   (Windows) or installera.sh (macOS, Linux): venv + ``pip install --no-index``
    LASMIG.txt       what to do, in Swedish

Run it from a clone with network access (PyPI); the bundles then install with none.
``--check`` proves each bundle complete without installing: pip's own resolver
(``pip install --dry-run --no-index --platform ... --target ...``), and, because pip
evaluates environment markers such as ``sys_platform`` against the machine it runs
on rather than the target, our own walk over every wheel's ``Requires-Dist`` with
the target's markers. ``--zip`` also writes ``<bundle>.zip``.
"""

from __future__ import annotations

import argparse
import email.parser
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

try:
    from packaging.markers import Marker
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name, parse_wheel_filename
except ImportError:  # pip always carries a copy
    from pip._vendor.packaging.markers import Marker  # type: ignore[no-redef]  # noqa: F401
    from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    from pip._vendor.packaging.utils import canonicalize_name, parse_wheel_filename  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PYTHONS = ("3.11", "3.12", "3.13", "3.14")


@dataclass(frozen=True)
class Target:
    name: str
    platforms: tuple[str, ...]  # pip --platform tags, best first
    markers: dict[str, str] = field(hash=False, compare=False)

    @property
    def windows(self) -> bool:
        return self.markers["os_name"] == "nt"

    @property
    def script(self) -> str:
        return "installera.cmd" if self.windows else "installera.sh"


TARGETS = {t.name: t for t in (
    Target("win_amd64", ("win_amd64",),
           {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"}),
    # macOS 11 (Big Sur) is the first on Apple silicon; pip adds the universal2 wheels itself
    Target("macos_arm64", ("macosx_11_0_arm64",),
           {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "arm64"}),
    Target("macos_x86_64", ("macosx_10_15_x86_64",),
           {"sys_platform": "darwin", "platform_system": "Darwin", "os_name": "posix", "platform_machine": "x86_64"}),
    # glibc >= 2.28: Ubuntu 20.04, Debian 10, RHEL 8 and newer
    Target("linux_x86_64", ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"),
           {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix", "platform_machine": "x86_64"}),
)}


def pip(*args: str, quiet: bool = True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pip", *args, *(["-q"] if quiet else [])]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return proc


def build_sipmote_wheel(out: Path) -> Path:
    pip("wheel", "--no-deps", "-w", str(out), str(ROOT))
    wheels = sorted(out.glob("sipmote-*.whl"))
    if len(wheels) != 1:
        sys.exit(f"expected one sipmote wheel in {out}, found {wheels}")
    return wheels[0]


def platform_args(target: Target, python: str) -> list[str]:
    args = ["--only-binary=:all:", "--python-version", python, "--implementation", "cp"]
    for p in target.platforms:
        args += ["--platform", p]
    return args


def bundle_name(version: str, target: Target, python: str) -> str:
    return f"sipmote-{version}-{target.name}-py{python}"


def render_script(target: Target, python: str, version: str) -> bytes:
    text = (HERE / target.script).read_text(encoding="utf-8")
    text = text.replace("@PYTHON@", python).replace("@VERSION@", version)
    if target.windows:  # cmd.exe needs CRLF; a LF-only batch file misparses labels and gotos
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return text.encode("utf-8")


def build_one(out: Path, sipmote_wheel: Path, version: str, target: Target, python: str) -> Path:
    dest = out / bundle_name(version, target, python)
    if dest.exists():
        shutil.rmtree(dest)
    wheels = dest / "wheels"
    wheels.mkdir(parents=True)
    shutil.copy2(sipmote_wheel, wheels / sipmote_wheel.name)
    pip("download", "-d", str(wheels), *platform_args(target, python), str(sipmote_wheel))
    script = dest / target.script
    script.write_bytes(render_script(target, python, version))
    if not target.windows:
        script.chmod(0o755)
    readme = (HERE / "LASMIG.txt").read_text(encoding="utf-8")
    readme = readme.replace("@PYTHON@", python).replace("@SCRIPT@", target.script)
    (dest / "LASMIG.txt").write_bytes(readme.replace("\n", "\r\n" if target.windows else "\n").encode("utf-8"))
    (dest / "bundle.json").write_text(json.dumps({
        "sipmote": version, "target": target.name, "python": python, "platforms": list(target.platforms),
        "wheels": sorted(p.name for p in wheels.glob("*.whl")),
    }, indent=2) + "\n", encoding="utf-8")
    return dest


# ------------------------------------------------------------------------ completeness


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if re.fullmatch(r"[^/]+\.dist-info/METADATA", n))
        return email.parser.Parser().parsestr(zf.read(name).decode("utf-8"))


def missing_requirements(wheels: Path, root: str, target: Target, python: str) -> list[str]:
    """Requirements of ``root`` (recursively, with the target's markers) no wheel in ``wheels`` meets."""
    by_name = {}
    for w in wheels.glob("*.whl"):
        name, ver, _build, _tags = parse_wheel_filename(w.name)
        by_name[canonicalize_name(name)] = (ver, w)
    env = {**target.markers, "python_version": python, "python_full_version": f"{python}.0",
           "implementation_name": "cpython", "platform_python_implementation": "CPython"}
    problems: list[str] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[str, frozenset[str]]] = [(canonicalize_name(root), frozenset())]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        ver, wheel = by_name[name]
        for line in _metadata(wheel).get_all("Requires-Dist") or []:
            req = Requirement(line)
            wanted = req.marker is None or any(
                req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}))
            if not wanted:
                continue
            dep = canonicalize_name(req.name)
            if dep not in by_name:
                problems.append(f"{name} needs {req} - no wheel")
            elif not req.specifier.contains(by_name[dep][0], prereleases=True):
                problems.append(f"{name} needs {req} - have {by_name[dep][0]}")
            else:
                todo.append((dep, frozenset(req.extras)))
    return problems


def check_one(dest: Path, target: Target, python: str) -> list[str]:
    wheels = dest / "wheels"
    problems = missing_requirements(wheels, "sipmote", target, python)
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", str(wheels),
             "--target", tmp, "--ignore-installed", *platform_args(target, python), "sipmote"],
            capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        problems.append("pip --dry-run: " + (proc.stderr.strip().splitlines() or ["failed"])[-1])
    return problems


def zip_bundle(dest: Path) -> Path:
    archive = dest.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(dest.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo.from_file(path, path.relative_to(dest.parent).as_posix())
                with open(path, "rb") as f:
                    zf.writestr(info, f.read(), zipfile.ZIP_DEFLATED)
    return archive


def size_mb(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--target", action="append", choices=sorted(TARGETS), help="default: all")
    ap.add_argument("--python", action="append", choices=PYTHONS, help="default: all")
    ap.add_argument("--check", action="store_true", help="prove each bundle's wheel set complete")
    ap.add_argument("--check-python", action="append", choices=PYTHONS,
                    help="check only these Pythons' bundles (default: all built)")
    ap.add_argument("--zip", action="store_true", help="also write <bundle>.zip")
    ap.add_argument("--jobs", type=int, default=4, help="bundles built at the same time (default 4)")
    args = ap.parse_args(argv)
    targets = [TARGETS[n] for n in (args.target or TARGETS)]
    pythons = args.python or list(PYTHONS)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = build_sipmote_wheel(Path(tmp))
        version = str(parse_wheel_filename(wheel.name)[1])

        def one(target: Target, python: str) -> tuple[str, bool]:
            t0 = time.monotonic()
            dest = build_one(out, wheel, version, target, python)
            line = f"{dest.name}: {len(list((dest / 'wheels').glob('*.whl')))} wheels, {size_mb(dest):.1f} MB"
            if args.zip:
                line += f", zip {size_mb(zip_bundle(dest)):.1f} MB"
            problems: list[str] = []
            if args.check and (not args.check_python or python in args.check_python):
                problems = check_one(dest, target, python)
                line += ", complete" if not problems else ", INCOMPLETE"
                line += "".join(f"\n    {p}" for p in problems)
            return f"{line} ({time.monotonic() - t0:.0f} s)", bool(problems)

        # pip spends most of its time waiting on the network: a few bundles at once
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            jobs = [pool.submit(one, target, python) for target in targets for python in pythons]
            failed = False
            for job in jobs:
                line, bad = job.result()
                print(line, flush=True)
                failed |= bad
    print(f"bundles in {out} ({time.monotonic() - start:.0f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
