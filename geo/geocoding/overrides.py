"""The user's own coordinates: data/places_override.csv, read with care and appended safely.

Columns: name, latitude, longitude, kind, country. The file is edited by
hand and by the dashboard, so a bad row must never stop a run: it is
reported with its line number and skipped. Appending writes a new copy and
swaps it in, so a crash leaves the old file or the new one, never half a row.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path

from ..csvsafe import FORMULA_START
from ..records import GazetteerEntry
from ..text import fold

COLUMNS = ["name", "latitude", "longitude", "kind", "country"]
KINDS = {"city", "province", "district", "site", "region"}


def parse_row(row: dict[str, str | None]) -> GazetteerEntry:
    """One row as a gazetteer entry; ValueError says what is wrong with it."""
    name = (row.get("name") or "").strip()
    if not name or not fold(name):
        raise ValueError("name is empty")
    if name.startswith(FORMULA_START):  # folded, "=Ghazni" is Ghazni: a spreadsheet formula would move it
        raise ValueError(f"name {name!r} starts with {name[0]!r}, as a spreadsheet formula does, not a place name")
    latitude = number(row.get("latitude"), "latitude", 90)
    longitude = number(row.get("longitude"), "longitude", 180)
    kind = (row.get("kind") or "city").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    country = (row.get("country") or "").strip().upper()  # empty: the gazetteer entry's own country
    if country and (len(country) != 2 or not country.isalpha()):
        raise ValueError(f"country {country!r} is not a two-letter ISO 3166-1 code")
    return GazetteerEntry(
        id=f"override:{name}",
        name=name,
        kind=kind,
        country=country,
        latitude=latitude,
        longitude=longitude,
        source="override",
    )


def number(text: str | None, what: str, limit: float) -> float:
    try:
        value = float((text or "").strip())
    except ValueError:
        raise ValueError(f"{what} {text!r} is not a number") from None
    if not -limit <= value <= limit:  # also refuses nan
        raise ValueError(f"{what} {value} is outside -{limit}..{limit}")
    return value


def read_overrides(path: Path) -> tuple[dict[str, GazetteerEntry], list[str]]:
    """Entries by folded name, and one message per row that could not be used."""
    if not path.is_file():
        return {}, []
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return read_rows(csv.DictReader(handle), path)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return {}, [f"{path}: cannot read: {error}"]


def read_rows(reader: csv.DictReader, path: Path) -> tuple[dict[str, GazetteerEntry], list[str]]:
    missing = [c for c in ("name", "latitude", "longitude") if c not in (reader.fieldnames or [])]
    if missing:
        return {}, [f"{path}: line 1: header lacks {', '.join(missing)} (expected {','.join(COLUMNS)})"]
    entries: dict[str, GazetteerEntry] = {}
    problems: list[str] = []
    for row in reader:
        try:
            entry = parse_row(row)
        except ValueError as error:
            problems.append(f"{path}: line {reader.line_num}: {error}; row skipped")
            continue
        if fold(entry.name) in entries:
            problems.append(f"{path}: line {reader.line_num}: {entry.name} given twice; this row wins")
        entries[fold(entry.name)] = entry
    return entries, problems


def add_override(
    path: str | Path,
    name: str,
    latitude: float,
    longitude: float,
    kind: str = "city",
    country: str = "",
) -> GazetteerEntry:
    """Append one validated row (creating the file with its header); ValueError if the row is bad."""
    path = Path(path)
    if "\n" in name or "\r" in name:
        raise ValueError("name must be on one line")
    entry = parse_row(
        {
            "name": name,
            "latitude": str(latitude),
            "longitude": str(longitude),
            "kind": kind,
            "country": country,
        }
    )
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    line = io.StringIO()
    writer = csv.writer(line, lineterminator="\n")
    if not old.strip():
        old = ""
        writer.writerow(COLUMNS)
    writer.writerow([entry.name, entry.latitude, entry.longitude, entry.kind, entry.country])
    replace_file(path, old + ("\n" if old and not old.endswith("\n") else "") + line.getvalue())
    return entry


def replace_file(path: Path, text: str) -> None:
    """Write beside the file, flush to disk, then swap: readers see the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
