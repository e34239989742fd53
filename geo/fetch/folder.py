"""Fetched pages into a folder: each page saved as it came, and its index.csv row (file, url, published, title).

Why: the folder then reads like any other (geo.extraction.articles reads the page with trafilatura and
takes the row's date, title and address), a later run sees what is there and fetches nothing twice,
and the user can correct a date in index.csv by hand.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..extraction.articles import ArticleError, Metadata, article_from_html
from ..extraction.folders import read_index
from .feeds import FeedError, FeedItem, feed_items
from .http import Fetcher, FetchError, Page

INDEX_COLUMNS = ["file", "url", "published", "title"]


@dataclass
class FetchReport:
    """What became of each URL: saved (file names), already there, or failed (one message each)."""

    saved: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def normal(url: str) -> str:
    """One spelling per address: no fragment, host in lower case, so a URL is not fetched twice."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def file_name(url: str) -> str:
    """A readable, unique name: the address's last path word and a short hash of the whole address."""
    last = [p for p in urlsplit(url).path.split("/") if p]
    stem = re.sub(r"[^a-z0-9]+", "-", (last[-1] if last else urlsplit(url).hostname or "page").lower())
    stem = re.sub(r"\.(html?|php|aspx?)$", "", stem.strip("-"))[:60].strip("-") or "page"
    return f"{stem}-{hashlib.sha256(url.encode()).hexdigest()[:8]}.html"


def fetch_into(urls: list[str], folder: Path, fetcher: Fetcher | None = None) -> FetchReport:
    """Fetch each URL (a feed adds its items) into `folder`, appending to its index.csv."""
    fetcher = fetcher or Fetcher()
    folder.mkdir(parents=True, exist_ok=True)
    index_path = folder / "index.csv"
    known = {normal(meta.url): name for name, meta in read_index(index_path)[0].items() if meta.url}
    report = FetchReport()
    queue: list[FeedItem] = [FeedItem(u) for u in urls]
    seen: set[str] = set()
    while queue:
        item = queue.pop(0)
        key = normal(item.url)
        if key in seen:
            continue
        seen.add(key)
        if key in known:
            report.already.append(f"{item.url}: already fetched as {known[key]}")
            continue
        try:
            page = fetcher.fetch(item.url)
            if page.is_feed:
                items = feed_items(page.body)
                queue[:0] = [i for i in items if normal(i.url) not in seen]
                report.saved.append(f"{item.url}: a feed of {len(items)} items")
                continue
            name, row = save(page, item, folder)
        except (FetchError, FeedError, ArticleError) as error:
            report.failed.append(str(error) if str(error).startswith(item.url) else f"{item.url}: {error}")
            continue
        append_row(index_path, row)
        known[key] = known[normal(page.final_url)] = name
        seen.add(normal(page.final_url))
        report.saved.append(name)
    return report


def save(page: Page, item: FeedItem, folder: Path) -> tuple[str, dict[str, str]]:
    """The page as a file beside its index row; a page with no article text in it is refused."""
    name = file_name(page.final_url)
    article = article_from_html(page.html, name, Metadata(url=page.final_url))
    published = article.published or item.published
    (folder / name).write_text(page.html, encoding="utf-8")
    return name, {
        "file": name,
        "url": page.final_url,
        "published": published.isoformat() if published else "",
        "title": article.title or item.title,
    }


def append_row(path: Path, row: dict[str, str]) -> None:
    """One row more, under the columns the file already has (a user's index may carry more of them)."""
    columns = INDEX_COLUMNS
    if path.exists():
        with path.open(newline="", encoding="utf-8-sig") as handle:
            columns = next(csv.reader(handle), None) or INDEX_COLUMNS
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, restval="", extrasaction="ignore")
        if not path.stat().st_size:
            writer.writeheader()
        writer.writerow(row)
