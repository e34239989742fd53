"""Article files in, clean Articles out (text, title, publication date, sentences).

Files come as .txt, .md or saved .html. A folder may hold an `index.csv`
(`file,url,published,title`) whose values win over anything found in the text.
A bad file raises ArticleError with a message that names it; the caller
decides to go on with the rest. A file with no findable date is not a bad file:
it is read with its date unknown (geo.extraction.published says where dates
are looked for).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..records import Article, Sentence
from ..text import paragraphs, split_sentences
from .dates import FULL_DATE, parse_iso_date
from .published import decide, find_dates

SUFFIXES = {".txt", ".md", ".html", ".htm"}
# A corpus folder's own notes, read only when named explicitly.
NOT_ARTICLES = {"readme.md", "sources.md", "license.md", "readme.txt", "sources.txt", "license.txt"}
MAX_BYTES = 5_000_000


class ArticleError(ValueError):
    """A file that cannot be read as an article; the message names the file."""


@dataclass(frozen=True)
class Metadata:
    """What an index.csv (or a user pasting text) says about an article."""

    url: str = ""
    published: date | None = None
    title: str = ""


def expand_paths(paths: list[str | Path]) -> list[tuple[Path, Metadata]]:
    """Every article file under the given files and folders, with its index.csv metadata."""
    found: list[tuple[Path, Metadata]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            index = read_index(path / "index.csv")
            for file in sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.name.lower() not in NOT_ARTICLES
            ):
                meta = read_index(file.parent / "index.csv") if file.parent != path else index
                found.append((file, meta.get(file.name, Metadata())))
        elif path.exists():
            found.append((path, read_index(path.parent / "index.csv").get(path.name, Metadata())))
        else:
            found.append((path, Metadata()))  # reported as missing when loaded
    return found


def read_index(path: Path) -> dict[str, Metadata]:
    if not path.is_file():
        return {}
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return index_rows(handle.read())


def index_rows(text: str) -> dict[str, Metadata]:
    """An index.csv's rows by file name: what the user says of each article (any value may be empty)."""
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    return {
        row["file"]: Metadata(
            url=(row.get("url") or "").strip(),
            published=parse_iso_date(row.get("published") or ""),
            title=(row.get("title") or "").strip(),
        )
        for row in rows
        if row.get("file")
    }


def load_article(path: Path, meta: Metadata = Metadata()) -> Article:
    """Read one file; ArticleError names the file when it is not a usable article."""
    if not path.is_file():
        raise ArticleError(f"{path}: no such file")
    if path.suffix and path.suffix.lower() not in SUFFIXES:  # "map events.csv" would map the table's text
        raise ArticleError(f"{path}: not an article file (articles are {', '.join(sorted(SUFFIXES))})")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ArticleError(f"{path}: {len(data):,} bytes is more than the {MAX_BYTES:,} allowed")
    if path.suffix.lower() in {".html", ".htm"}:
        return article_from_html(decode(data, path), path.name, meta, str(path))
    return article_from_text(decode(data, path), path.name, meta, str(path))


def decode(data: bytes, path: Path | str) -> str:
    if b"\x00" in data[:4096]:
        raise ArticleError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > len(text) // 100:
            raise ArticleError(f"{path}: not UTF-8 or Windows-1252 text") from None
        return text


def article_from_text(
    text: str,
    name: str,
    meta: Metadata = Metadata(),
    path: str = "",
    html_date: date | None = None,
) -> Article:
    """An Article from plain text: title and date from the text unless meta gives them; the date may stay unknown."""
    blocks = paragraphs(text)
    if not any(b.count(" ") >= 2 for b in blocks):  # three words: blocks are single-spaced
        raise ArticleError(f"{name}: empty, no article text found")
    title = meta.title or guess_title(blocks)
    found = find_dates(blocks, title, name, meta.url, meta.published, html_date)
    publication = decide(found)
    sentences: list[Sentence] = []
    for number, block in enumerate(blocks):
        for sentence in split_sentences(block):
            sentences.append(Sentence(len(sentences), sentence, number))
    return Article(
        id=name or meta.url,
        title=title,
        published=publication.day,
        text="\n\n".join(blocks),
        sentences=sentences,
        url=meta.url,
        path=path,
        published_source=publication.source,
        dates=found,
    )


def article_from_html(html: str, name: str, meta: Metadata = Metadata(), path: str = "") -> Article:
    """Main text by trafilatura; title and date from the page's metadata when the index lacks them."""
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text:
        raise ArticleError(f"{name}: no article text found in the HTML")
    info = trafilatura.extract_metadata(html)
    title = meta.title or (info.title if info and info.title else "")
    html_date = None
    if meta.published is None:
        html_date = parse_iso_date(find_date(html, original_date=True, outputformat="%Y-%m-%d") or "")
    dated = Metadata(url=meta.url or (info.url if info and info.url else ""), published=meta.published, title=title)
    return article_from_text(text, name, dated, path, html_date)


def guess_title(blocks: list[str]) -> str:
    """The first line that reads like a headline: several words, not a date, no final period.

    Saved pages carry stray markup ("!-- Google tag (gtag.js) -->"): a line that is not mostly words is not a title.
    """
    for block in blocks[:8]:
        tokens = block.split()
        if len(tokens) < 4 or block.endswith("."):
            continue
        wordy = sum(t[0].isalpha() or t[0] in "'\"‘“" for t in tokens) >= 0.8 * len(tokens)
        dateline = len(tokens) < 8 and FULL_DATE.search(block)  # "Published 9 August 2021"
        if wordy and not dateline:
            return block
    return ""
