"""A country's provinces for the map: the compact boundaries.json of its profile, read and decoded.

Why a topology (shared arcs) rather than GeoJSON: a border between two
provinces is stored once, which halves the file every export carries, and the
country outline is simply the arcs that only one province uses. The browser
decodes the same structure (static/basemap.js); Python decodes it for the
build and the tests. See each profile's BOUNDARIES.md for where it comes from.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

Point = tuple[float, float]  # (lon, lat)


@lru_cache(maxsize=4)
def load(path: Path) -> dict:
    """The boundaries file; an empty set of provinces when it is missing, so a map is still made."""
    if not path.is_file():
        return {"grid": 1, "arcs": [], "provinces": []}
    return json.loads(path.read_text(encoding="utf-8"))


def decode(data: dict) -> list[list[Point]]:
    """Delta-encoded integer arcs back to (lon, lat) degrees."""
    grid, out = data["grid"], []
    for arc in data["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x / grid, y / grid))
        out.append(points)
    return out


def rings(arcs: list[list[Point]], polygon: list[list[int]]) -> list[list[Point]]:
    """A polygon's rings from arc indices; a negative index ~i is arc i reversed (TopoJSON)."""
    out = []
    for ring in polygon:
        points: list[Point] = []
        for index in ring:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        out.append(points)
    return out


def contains(polygon: list[list[Point]], point: Point) -> bool:
    """Even-odd rule over all rings, so holes count as outside."""
    x, y = point
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def page_data(path: Path) -> dict:
    """What the page needs: the arcs, and per province its name, capital and rings."""
    data = load(path)
    keep = ("province", "capital", "rings")
    return {
        "grid": data["grid"],
        "arcs": data["arcs"],
        "provinces": [{k: p[k] for k in keep} for p in data["provinces"]],
    }
