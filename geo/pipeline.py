"""The whole flow over a batch: files -> articles -> events, one bad file never stopping the rest.

The command line and the dashboard both call `run`; each passes its own way
of showing progress.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pandas as pd
from geopy.geocoders.base import Geocoder

from . import paths
from .extraction.articles import ArticleError, Metadata, expand_paths, load_article
from .extraction.events import extract_events
from .extraction.gazetteer import Gazetteer, load_gazetteer
from .extraction.published import settle_years
from .geocoding.base import to_place
from .geocoding.chain import default_geocoder
from .records import Article, Event, Place
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


def load_articles(paths: list[str | Path], progress: Progress = no_progress) -> tuple[list[Article], list[str]]:
    files = expand_paths(paths)
    articles, problems = [], []
    for path, meta in progress(files, len(files)):
        try:
            articles.append(load_article(path, meta))
        except ArticleError as error:
            problems.append(str(error))
        except OSError as error:
            problems.append(f"{path}: cannot read: {error.strerror or error}")
    return settle_years(articles), problems


def extract(
    articles: list[Article],
    gazetteer: Gazetteer | None = None,
    geocoder: Geocoder | None = None,
    result: Result | None = None,
) -> Result:
    gazetteer = gazetteer or load_gazetteer()
    geocoder = geocoder or default_geocoder(gazetteer, paths.overrides())
    result = result or Result()
    for article in articles:
        found = extract_events(article, gazetteer, lambda entry: to_place(entry, geocoder))
        result.articles.append(article)
        result.events.extend(found.events)
        result.places.update(found.places)
        result.named[article.id] = found.names
    return result


def run(
    paths: list[str | Path],
    progress: Progress = no_progress,
    gazetteer: Gazetteer | None = None,
    geocoder: Geocoder | None = None,
) -> Result:
    articles, problems = load_articles(paths, progress)
    result = extract(articles, gazetteer, geocoder)
    result.problems.extend(problems)
    return result


__all__ = ["DEMO", "Metadata", "Result", "extract", "load_articles", "run"]
