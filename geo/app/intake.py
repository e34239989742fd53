"""New articles into the store: uploaded files, pasted text, the demo corpus, and re-extraction.

Why: the dashboard hands over bytes and form fields; this module turns them
into Articles with the same rules as files on disk (geo.extraction.articles), extracts
their claims, and stores each article on its own, so one bad file never
stops the rest and never touches what is already stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

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
)
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


def article_from_upload(name: str, data: bytes, limit: int = MAX_BYTES) -> Article:
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
        article = article_from_html(text, name, Metadata())
    else:
        article = article_from_text(text, name, Metadata())
    article.notes[:0] = notes
    return article


def article_from_paste(text: str, title: str = "", url: str = "", published: date | None = None) -> Article:
    """An Article from pasted text; the date, title and URL the user typed win over what the text says."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ArticleError(f"pasted text: more than the {MAX_BYTES:,} bytes allowed")
    name = url.strip() or f"pasted-{text_hash(text)[:8]}.txt"
    return article_from_text(text, name, Metadata(url=url.strip(), published=published, title=title.strip()))


def read_uploads(files: list[tuple[str, bytes]]) -> tuple[list[Article], list[str]]:
    """Articles from uploaded files, and one message per file refused."""
    articles, problems = [], []
    for name, data in files:
        try:
            articles.append(article_from_upload(name, data))
        except ArticleError as error:
            problems.append(str(error))
    return articles, problems


def ingest(
    store: Store,
    articles: list[Article],
    progress: pipeline.Progress = pipeline.no_progress,
    geocoder: Geocoder | None = None,
) -> IntakeReport:
    """Extract and store each new article; an article whose text is stored already is reported, not redone."""
    report = IntakeReport()
    for article in progress(articles, len(articles)):
        existing = store.stored_name(article.text)
        if existing is not None:
            report.duplicates.append(f"{article.id}: already stored as {existing}")
            continue
        try:
            found = pipeline.extract([article], geocoder=geocoder)
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
    return report


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
) -> int:
    """Run extraction again over every stored article (rules or coordinates may have changed); reviews stay."""
    articles = store.stored_articles()
    for article in progress(articles, len(articles)):
        found = pipeline.extract([article], geocoder=geocoder)
        store.replace_claims(article, found.events, found.places)
    return len(articles)
