"""New articles into the store: uploaded files, pasted text, the demo corpus, and re-extraction.

Why: the dashboard hands over bytes and form fields; this module turns them
into Articles with the same rules as files on disk (geo.extraction.articles), extracts
their claims, and stores each article on its own, so one bad file never
stops the rest and never touches what is already stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath

from geopy.geocoders.base import Geocoder

from .. import pipeline
from ..extraction.articles import (
    MAX_BYTES,
    SUFFIXES,
    ArticleError,
    Metadata,
    article_from_html,
    article_from_text,
    decode,
    load_article,
)
from ..extraction.dates import parse_iso_date
from ..extraction.folders import index_rows, read_index
from ..extraction.published import settle_years
from ..extraction.reader import Reader
from ..fetch.folder import fetch_into
from ..fetch.http import Fetcher
from ..records import Article
from ..text import printable
from .store import Store, text_hash


@dataclass
class IntakeReport:
    """What happened to each article offered: stored, already there, or refused (with why)."""

    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # stored, with something to know (a byte replaced, a date)
    undated: list[str] = field(default_factory=list)  # stored, but waiting for a publication date


def article_from_upload(name: str, data: bytes, limit: int = MAX_BYTES, meta: Metadata = Metadata()) -> Article:
    """An Article from an uploaded file's bytes; ArticleError names the file when it is not usable."""
    name = printable(PurePath(name).name)  # a browser may send a path; keep the file name only
    if PurePath(name).suffix.lower() not in SUFFIXES:
        raise ArticleError(f"{name}: not a .txt, .md or .html file")
    if len(data) > limit:
        raise ArticleError(f"{name}: {len(data):,} bytes is more than the {limit:,} allowed")
    if not data.strip():
        raise ArticleError(f"{name}: empty file")
    text, notes = decode(data, name)
    if PurePath(name).suffix.lower() in {".html", ".htm"}:
        article = article_from_html(text, name, meta)
    else:
        article = article_from_text(text, name, meta)
    article.notes[:0] = notes
    return article


def article_from_paste(text: str, title: str = "", url: str = "", published: date | None = None) -> Article:
    """An Article from pasted text; the date, title and URL the user typed win over what the text says."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ArticleError(f"pasted text: more than the {MAX_BYTES:,} bytes allowed")
    name = url.strip() or f"pasted-{text_hash(text)[:8]}.txt"
    return article_from_text(text, name, Metadata(url=url.strip(), published=published, title=title.strip()))


def read_uploads(files: list[tuple[str, bytes]], known: list[date] | None = None) -> tuple[list[Article], list[str]]:
    """Articles from uploaded files, and one message per file refused.

    An `index.csv` among them dates, titles and addresses the files it names, as it does beside
    files on disk; yearless dates take the year of the batch and of the `known` dates of stored
    articles (geo.extraction.published).
    """
    index: dict[str, Metadata] = {}
    problems: list[str] = []
    for name, data in files:
        if PurePath(name).name.lower() == "index.csv":
            try:
                text, _ = decode(data, name)
            except ArticleError as error:
                problems.append(f"{name}: not a readable index.csv (columns file,url,published,title): {error}")
                continue
            index.update(index_rows(text, name, problems))
    articles = []
    for name, data in files:
        if PurePath(name).name.lower() == "index.csv":
            continue
        try:
            articles.append(article_from_upload(name, data, meta=index.get(PurePath(name).name, Metadata())))
        except ArticleError as error:
            problems.append(str(error))
    return settle_years(articles, known), problems


def stored_dates(store: Store) -> list[date]:
    """The publication dates of the stored articles: the neighbours a yearless date is read among."""
    return [d for d in map(parse_iso_date, store.articles()["published"]) if d]


def ingest(
    store: Store,
    articles: list[Article],
    progress: pipeline.Progress = pipeline.no_progress,
    geocoder: Geocoder | None = None,
    reader: Reader | None = None,
) -> IntakeReport:
    """Extract and store each new article; an article whose text is stored already is reported, not redone.

    A date written without its year is read among the stored articles' dates, whichever way it came.
    """
    report = IntakeReport()
    articles = settle_years(articles, stored_dates(store))
    for article in progress(articles, len(articles)):
        existing = store.stored_name(article.text)
        if existing is not None:
            report.duplicates.append(f"{article.id}: already stored as {existing}")
            continue
        try:
            found = pipeline.extract([article], reader, geocoder)
        except Exception as error:  # one article's failure must not stop the batch
            report.problems.append(f"{article.id}: extraction failed: {error}")
            continue
        report.problems.extend(found.problems)
        if not found.articles:
            continue
        name = store.add_article(article, found.events, found.places)
        if name is None:  # another process stored the same text meanwhile
            report.duplicates.append(f"{article.id}: already stored as {store.stored_name(article.text)}")
        else:
            report.added.append(name)
        report.notes.extend(note.replace(article.id, name or article.id, 1) for note in article.notes)
        if name is not None and article.published is None:
            report.undated.append(name)
    return report


def add_by_url(
    store: Store,
    urls: list[str],
    folder: Path,
    fetcher: Fetcher | None = None,
    progress: pipeline.Progress = pipeline.no_progress,
    geocoder: Geocoder | None = None,
    reader: Reader | None = None,
) -> IntakeReport:
    """Fetch pages (a feed's items too) into `folder` (geo.fetch), then store them like uploads.

    A URL fetched before is "already fetched" and not asked again; each failed URL is one problem.
    """
    fetched = fetch_into([u.strip() for u in urls if u.strip()], folder, fetcher)
    index, problems = read_index(folder / "index.csv")
    articles: list[Article] = []
    problems[:0] = fetched.failed
    for name in (s for s in fetched.saved if s.endswith(".html")):
        try:
            articles.append(load_article(folder / name, index.get(name, Metadata())))
        except ArticleError as error:
            problems.append(str(error))
    report = ingest(store, settle_years(articles), progress, geocoder, reader)
    report.duplicates[:0] = fetched.already
    report.problems[:0] = problems
    return report


def set_details(
    store: Store,
    edits: list[tuple[str, date | None, str, str]],
    progress: pipeline.Progress = pipeline.no_progress,
    geocoder: Geocoder | None = None,
    reader: Reader | None = None,
) -> list[str]:
    """The user's (name, published, title, url) for stored articles; those changed are re-extracted.

    Why re-extract: every claim's day is counted from the publication date ("on Sunday"), and an
    undated article has no claims until it is given one. Reviews stay, keyed as before.
    """
    changed = [name for name, published, title, url in edits if store.set_details(name, published, title, url)]
    articles = store.stored_articles(changed)
    for article in progress(articles, len(articles)):
        found = pipeline.extract([article], reader, geocoder)
        store.replace_claims(article, found.events, found.places)
    return changed


def seed(store: Store, result: pipeline.Result) -> IntakeReport:
    """Store an already extracted corpus (the demo), article by article."""
    report = IntakeReport(problems=list(result.problems))
    for article in result.articles:
        events = [e for e in result.events if e.article == article.id]
        named = result.named.get(article.id, set())
        places = {n: p for n, p in result.places.items() if n in named}
        if store.add_article(article, events, places):
            report.added.append(article.id)
            report.notes.extend(article.notes)
        else:
            report.duplicates.append(f"{article.id}: already stored")
    return report


def reextract(
    store: Store,
    progress: pipeline.Progress = pipeline.no_progress,
    geocoder: Geocoder | None = None,
    reader: Reader | None = None,
) -> int:
    """Run extraction again over every stored article (rules or coordinates may have changed); reviews stay."""
    articles = store.stored_articles()
    for article in progress(articles, len(articles)):
        found = pipeline.extract([article], reader, geocoder)
        store.replace_claims(article, found.events, found.places)
    return len(articles)
