"""The whole flow over a batch: files -> articles -> events, one bad file never stopping the rest.

The command line and the dashboard both call `run`; each passes its own way
of showing progress. A big batch may be spread over processes (`jobs`): each
reads, dates and extracts its share in order; then the batch's years are
settled as in one process (geo.extraction.published.settle_years) and the
few articles that changes are extracted again, so the events are the same
either way, in the same order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
from geopy.geocoders.base import Geocoder

from . import paths
from .extraction.articles import ArticleError, Metadata, load_article
from .extraction.events import extract_events
from .extraction.folders import find_articles
from .extraction.published import settle_years
from .extraction.reader import Reader, reader_for
from .geocoding.base import to_place
from .geocoding.chain import default_geocoder
from .profiles import read as read_profile
from .records import Article, Event, Place
from .text import printable
from .timeline import events_frame

T = TypeVar("T")
Progress = Callable[[Iterable[T], int], Iterator[T]]
DEMO = paths.DEMO_ARTICLES


def no_progress(items: Iterable[T], total: int) -> Iterator[T]:
    yield from items


@dataclass
class Result:
    articles: list[Article] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)  # every Afghan place named, claimed or not
    problems: list[str] = field(default_factory=list)  # one clear message per file that failed
    notes: list[str] = field(default_factory=list)  # read, but with something to know: an index line, a byte
    named: dict[str, set[str]] = field(default_factory=dict)  # article -> every place name it mentions

    @property
    def undated(self) -> list[Article]:
        """Articles read with no publication date found: their claims wait until one is given."""
        return [a for a in self.articles if a.published is None]

    @property
    def table(self) -> pd.DataFrame:
        return events_frame(self.events)

    @property
    def unlocated(self) -> list[str]:
        return sorted(name for name, place in self.places.items() if not place.located)


PARALLEL_FROM = 400  # files: below this, starting processes costs more than it saves


def load_articles(
    paths: list[str | Path], progress: Progress = no_progress, notes: list[str] | None = None
) -> tuple[list[Article], list[str]]:
    """The articles that could be read, and one message per file that could not. What went wrong with a
    folder or an index.csv goes to `notes` when given (its files are still read), else with the problems."""
    found = find_articles(paths)
    articles, problems = read_files(found.files, progress)
    (problems if notes is None else notes)[:0] = found.problems
    return settle_years(articles), problems


def read_files(files: list[tuple[Path, Metadata]], progress: Progress = no_progress) -> tuple[list[Article], list[str]]:
    """Each file as an Article (its years not yet settled against the batch), and a message per bad file."""
    articles: list[Article] = []
    problems: list[str] = []
    for path, meta in progress(files, len(files)):
        try:
            articles.append(load_article(path, meta))
        except ArticleError as error:
            problems.append(str(error))
        except OSError as error:
            problems.append(f"{printable(str(path))}: cannot read: {error.strerror or error}")
    return articles, problems


def extract(
    articles: list[Article],
    reader: Reader | None = None,
    geocoder: Geocoder | None = None,
    result: Result | None = None,
) -> Result:
    """The claims of these articles, read with the reader's profile (the default profile when None)."""
    reader = reader or reader_for()
    geocoder = geocoder or default_geocoder(reader.gazetteer, paths.overrides())
    result = result or Result()
    for article in articles:
        result.notes.extend(article.notes)
        try:
            found = extract_events(article, reader, lambda entry: to_place(entry, geocoder))
        except (ArithmeticError, ValueError, RecursionError) as error:  # "yesterday" of 0001-01-01
            result.problems.append(f"{article.id}: extraction failed ({type(error).__name__}: {error})")
            continue
        result.articles.append(article)
        result.events.extend(found.events)
        result.places.update(found.places)
        result.named[article.id] = found.names
    return result


def run(
    paths: list[str | Path],
    progress: Progress = no_progress,
    reader: Reader | None = None,
    geocoder: Geocoder | None = None,
    jobs: int = 1,
) -> Result:
    """The batch's events; `jobs` > 1 spreads a big batch over processes (offline geocoding only)."""
    found = find_articles(paths)
    reader = reader or reader_for()
    if jobs > 1 and geocoder is None and len(found.files) >= PARALLEL_FROM:
        result = run_parallel(found.files, jobs, reader, progress)
    else:
        articles, problems = read_files(found.files, progress)
        result = extract(settle_years(articles), reader, geocoder)
        result.problems.extend(problems)
    result.notes[:0] = found.problems
    return result


Extracted = tuple[Article, Result]  # one article, and what extracting it alone gave
Share = tuple[list[Extracted], list[str]]


def read_and_extract(profile: Path, files: list[tuple[Path, Metadata]]) -> Share:
    """One process's share of a batch: each file read, dated and extracted on its own, in order; the
    share's problems (files unread, extractions failed) beside them. The profile goes by its path: the
    process finds it (and its reader) already loaded, as it was when the process forked."""
    reader = reader_for(read_profile(profile))
    articles, problems = read_files(files)
    done = []
    for article in articles:
        alone = extract([article], reader)
        problems.extend(alone.problems)
        if alone.articles:
            done.append((article, alone))
    return done, problems


def run_parallel(
    files: list[tuple[Path, Metadata]], jobs: int, reader: Reader, progress: Progress = no_progress
) -> Result:
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    size = max(50, len(files) // (jobs * 4) + 1)  # a few shares per process, so none waits on a slow one
    shares = [files[i : i + size] for i in range(0, len(files), size)]
    # the reader is made before the processes fork, so each has it already
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        work = partial(read_and_extract, reader.profile.path)
        done = list(progress(pool.map(work, shares), len(shares)))
    settled = iter(settle_years([article for found, _ in done for article, _ in found]))
    result = Result()
    for found, problems in done:
        result.problems.extend(problems)
        for article, alone in found:
            now = next(settled)
            if now.published != article.published:  # its year came from the batch: extract it again
                extract([now], reader, result=result)
                continue
            result.articles.append(now)
            result.events.extend(alone.events)
            result.places.update(alone.places)
            result.named[now.id] = alone.named[article.id]
            result.notes.extend(alone.notes)
    return result


__all__ = ["DEMO", "Metadata", "Result", "extract", "load_articles", "run"]
