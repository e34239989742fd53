"""The extraction core compiled to C by mypyc, used only while it matches its source.

Extraction spends its time in many small Python functions; compiled, they run
about 1.2x faster (bench/extract.py prints both). `python -m geo compile`
builds the core into build/native/, outside the source tree, and writes the
digest of the source it was built from. On import, geo/ puts the build ahead
of its own modules only if that digest still matches: an edited rule is never
shadowed by a stale binary, it runs interpreted until the next compile.
FRONTLINE_INTERPRETED=1 runs interpreted anyway.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# The modules every article passes through. records.py stays interpreted: its dataclasses are pickled
# by the dashboard's cache, which compiled frozen dataclasses refuse.
CORE = ("text", "places", "senses", "rules", "dates", "events", "gazetteer", "articles")
BUILD = PACKAGE.parent / "build" / "native"
LIB = BUILD / "lib"
DIGEST = "source.sha256"


def source_digest() -> str:
    """What the build must have been made from: the core's source and this Python."""
    digest = hashlib.sha256(sys.version.encode())
    for name in CORE:
        digest.update((PACKAGE / f"{name}.py").read_bytes())
    return digest.hexdigest()


def built_digest(lib: Path) -> str | None:
    try:
        return (lib / DIGEST).read_text().strip()
    except OSError:
        return None


def activate(package_path: list[str], lib: Path = LIB) -> bool:
    """Put a build that matches the source ahead of the interpreted modules; say if one is in use."""
    built = built_digest(lib)
    if built is None or os.environ.get("FRONTLINE_INTERPRETED"):
        return False
    if built != source_digest():
        print("geo: the compiled core is older than its source; running interpreted until "
              "`python -m geo compile`", file=sys.stderr)
        return False
    sys.path.append(str(lib))  # mypyc's shared library is a top-level module
    package_path.insert(0, str(lib / "geo"))
    return True


def compile_core() -> None:
    """Build the core into a fresh folder, then swap it in: a running process keeps the files it loaded."""
    from mypyc.build import mypycify
    from setuptools import setup

    fresh, old = BUILD / "lib.new", BUILD / "lib.old"
    shutil.rmtree(fresh, ignore_errors=True)
    sources = [str(PACKAGE / f"{name}.py") for name in CORE]
    here = os.getcwd()
    os.chdir(PACKAGE.parent)  # mypyc names each module by its path: geo/rules.py is geo.rules
    try:
        modules = mypycify(["--ignore-missing-imports", "--cache-dir", str(BUILD / "mypy_cache"), *sources],
                           target_dir=str(BUILD / "c"), group_name="frontline")
        setup(name="frontline-native", ext_modules=modules, packages=[], py_modules=[], script_name="geo compile",
              script_args=["-q", "build_ext", "--build-lib", str(fresh), "--build-temp", str(BUILD / "tmp")])
    finally:
        os.chdir(here)
    (fresh / DIGEST).write_text(source_digest())
    shutil.rmtree(old, ignore_errors=True)
    if LIB.exists():
        LIB.rename(old)
    fresh.rename(LIB)
    shutil.rmtree(old, ignore_errors=True)
