"""Which files under the paths given are articles, and what each folder's index.csv says of them.

A folder may hold an `index.csv` (`file,url,published,title`) whose values win
over anything found in the text. Why this is its own step: a folder of 10,000
files must read its index once, not once a file, and a broken index (Latin-1,
binary, unreadable, a field of megabytes) or an unreadable sub-folder must be
named, with its line, while the files it describes are still read.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..text import printable
from .dates import parse_iso_date

SUFFIXES = {".txt", ".md", ".html", ".htm"}
# A corpus folder's own notes, read only when named explicitly.
NOT_ARTICLES = {"readme.md", "sources.md", "license.md", "readme.txt", "sources.txt", "license.txt"}
INDEX = "index.csv"
MAX_INDEX_BYTES = 50_000_000  # an index of 100,000 articles is a few megabytes
MAX_TITLE = 2_000  # as long as a sentence may be (text.MAX_SENTENCE): a longer "title" is cut there


@dataclass(frozen=True)
class Metadata:
    """What an index.csv (or a user pasting text) says about an article."""

    url: str = ""
    published: date | None = None
    title: str = ""


@dataclass
class Found:
    """The article files found, each with its metadata, and one message per folder or index that failed."""

    files: list[tuple[Path, Metadata]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_articles(paths: list[str | Path]) -> Found:
    """Every article file under the given files and folders, with its index.csv metadata; each index is
    read once however many files it describes."""
    found = Found()
    indexes: dict[Path, dict[str, Metadata]] = {}

    def index_of(folder: Path) -> dict[str, Metadata]:
        if folder not in indexes:
            indexes[folder], problems = read_index(folder / INDEX)
            found.problems.extend(problems)
        return indexes[folder]

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in article_files(path, found.problems):
                found.files.append((file, index_of(file.parent).get(file.name, Metadata())))
        elif path.exists():
            found.files.append((path, index_of(path.parent).get(path.name, Metadata())))
        else:
            found.files.append((path, Metadata()))  # reported as missing when loaded
    return found


def article_files(folder: Path, problems: list[str]) -> list[Path]:
    """The article files under a folder, in path order; a sub-folder that cannot be read is reported."""

    def unreadable(error: OSError) -> None:
        problems.append(f"{printable(str(error.filename or folder))}: folder cannot be read: {error.strerror}")

    files = [
        Path(root) / name
        for root, _, names in os.walk(folder, onerror=unreadable)
        for name in names
        if Path(name).suffix.lower() in SUFFIXES and name.lower() not in NOT_ARTICLES
    ]
    return sorted(files)


def read_index(path: Path) -> tuple[dict[str, Metadata], list[str]]:
    """Metadata by file name, and one message per problem (naming the index and its line); never raises."""
    name = printable(str(path))
    if not path.exists() and not path.is_symlink():
        return {}, []
    if not path.is_file():
        return {}, [f"{name}: index not read: not a file (a folder, or a link to nothing)"]
    try:
        if path.stat().st_size > MAX_INDEX_BYTES:
            return {}, [f"{name}: index not read: larger than {MAX_INDEX_BYTES:,} bytes"]
        data = path.read_bytes()
    except OSError as error:
        return {}, [f"{name}: index cannot be read: {error.strerror or error}"]
    if b"\x00" in data:
        return {}, [f"{name}: index not read: binary, not CSV text"]
    problems: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        text = data.decode("cp1252", errors="replace")
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(f"{name}: line {line}: not UTF-8; read as Windows-1252 (Latin-1)")
    entries = index_rows(text, name, problems)
    return entries, problems


def index_rows(text: str, name: str, problems: list[str]) -> dict[str, Metadata]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    entries: dict[str, Metadata] = {}
    try:
        if "file" not in (reader.fieldnames or []):
            problems.append(f"{name}: line 1: no 'file' column (expected file,url,published,title); index not used")
            return {}
    except csv.Error as error:
        problems.append(f"{name}: line 1: {error}; index not used")
        return {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # a field longer than csv's limit (128 kB), a NUL
            problems.append(f"{name}: line {reader.line_num + 1}: {error}; row skipped")  # not yet counted
            continue
        if row.get("file"):
            entries[row["file"]] = index_entry(row, f"{name}: line {reader.line_num}", problems)
    return entries


def index_entry(row: dict[str, str | None], where: str, problems: list[str]) -> Metadata:
    given = (row.get("published") or "").strip()
    published = parse_iso_date(given)
    if given and published is None:
        problems.append(f"{where}: published {printable(given[:40])!r} is not a date (YYYY-MM-DD); not used")
    title = (row.get("title") or "").strip()
    if len(title) > MAX_TITLE:
        problems.append(f"{where}: title of {len(title):,} characters cut to {MAX_TITLE:,}")
        title = title[: MAX_TITLE - 1] + "…"
    return Metadata(url=(row.get("url") or "").strip(), published=published, title=title)
