"""Imports go one way, down the flow of data: a lower layer never imports a higher one.

Why: the sub-packages are the architecture. Extraction is the pure core (articles to claims, no
geopy, no I/O beyond reading the article) that every other part builds on; if it imported the map or
the dashboard's store, it could no longer be read, tested or reused on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geo"
# Lowest first; a module may import its own layer and those before it.
LAYERS = [
    ("geo.paths", "geo.records", "geo.text", "geo.csvsafe", "geo.profiles"),
    ("geo.extraction",),
    ("geo.geocoding", "geo.fetch"),
    ("geo.timeline",),
    ("geo.pipeline",),
    ("geo.mapping",),
    ("geo.app",),
    ("geo.cli", "geo.evaluate", "geo.tools", "geo.__main__", "geo"),
]


def layer_of(module: str) -> int:
    best = None
    for rank, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (rank, len(prefix))
    assert best is not None, f"{module} is in no layer: add it to LAYERS"
    return best[0]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[str]:
    """Every geo module this file imports, absolute, relative ones resolved."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found += [f"{base}.{alias.name}" if not node.module or node.level else base for alias in node.names]
    return [name for name in found if name == "geo" or name.startswith("geo.")]


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_imports_a_higher_layer(path: Path) -> None:
    source = module_name(path)
    upward = [target for target in imports(path) if layer_of(target) > layer_of(source)]
    assert upward == [], f"{source} (layer {layer_of(source)}) imports higher layers: {upward}"


def test_the_extraction_core_needs_no_geocoder_and_no_io_library() -> None:
    for path in (PACKAGE / "extraction").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] in ("geopy", "sqlite3", "streamlit", "folium")], path


def test_the_layer_check_catches_an_upward_import(tmp_path: Path) -> None:
    """The rule itself: extraction importing the dashboard's store is refused."""
    assert layer_of("geo.app.store") > layer_of("geo.extraction.rules")
    assert layer_of("geo.extraction") < layer_of("geo.geocoding.chain") < layer_of("geo.mapping.page")
