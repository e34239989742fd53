"""The compiled core: used only while it matches its source, and it reads articles as the source does."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from geo import native

ROOT = Path(__file__).resolve().parent.parent


def python(*args: str, interpreted: bool) -> str:
    env = {name: value for name, value in os.environ.items() if name != "FRONTLINE_INTERPRETED"}
    if interpreted:
        env["FRONTLINE_INTERPRETED"] = "1"
    return subprocess.run([sys.executable, *args], cwd=ROOT, check=True, capture_output=True, text=True,
                          env=env).stdout


def test_compiled_and_interpreted_cores_write_the_same_events(tmp_path: Path):
    where = "import geo.rules; print(geo.rules.__file__)"
    assert python("-c", where, interpreted=False).strip().endswith(".so"), \
        "no current compiled core: run `python -m geo compile` (.ci/run does)"
    assert python("-c", where, interpreted=True).strip().endswith("rules.py")
    tables = []
    for interpreted in (False, True):
        output = tmp_path / f"events-{interpreted}.csv"
        python("-m", "geo", "extract", "-o", str(output), interpreted=interpreted)
        tables.append(output.read_text())
    assert tables[0].count("\n") > 10
    assert tables[0] == tables[1]


def test_a_stale_build_is_never_used(tmp_path: Path, capsys):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / native.DIGEST).write_text("built from an older rules.py")
    package_path = [str(ROOT / "geo")]
    assert native.activate(package_path, lib) is False
    assert package_path == [str(ROOT / "geo")]
    assert "older than its source" in capsys.readouterr().err


def test_a_current_build_goes_ahead_of_the_source(tmp_path: Path, monkeypatch):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / native.DIGEST).write_text(native.source_digest())
    monkeypatch.setattr(sys, "path", list(sys.path))
    monkeypatch.delenv("FRONTLINE_INTERPRETED", raising=False)
    package_path = [str(ROOT / "geo")]
    assert native.activate(package_path, lib) is True
    assert package_path == [str(lib / "geo"), str(ROOT / "geo")]
    monkeypatch.setenv("FRONTLINE_INTERPRETED", "1")
    assert native.activate([str(ROOT / "geo")], lib) is False
