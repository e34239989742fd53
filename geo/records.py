"""The records that flow between the steps of geo/, one dataclass per step.

They are plain and serialisable so that a wrong mark on the map can be traced
back, step by step, to the sentence that caused it. Those made for every
sentence or name (Sentence, Mention; rules.Claim and rules.Masked,
dates.DayClaim) are slotted rather than frozen: Python 3.11 takes 1.5 µs more
to make a frozen one, about 5 % of extraction time, and nothing changes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(slots=True)
class Sentence:
    index: int
    text: str
    paragraph: int


@dataclass(frozen=True)
class DateFound:
    """One date a source gives. `year_given` is False for "Aug 14": its year was chosen here."""

    source: str
    day: date
    evidence: str  # the text it was read from, as the user would find it
    year_given: bool = True
    month_day: tuple[int, int] = (0, 0)  # for a date without its year: (month, day)


@dataclass
class Article:
    """One report: where it came from, when it was published, what it says."""

    id: str  # file name, or the URL for pasted/remote text
    title: str
    published: date | None  # None: no source gave a date; its claims wait until one is given
    text: str
    sentences: list[Sentence]
    url: str = ""
    path: str = ""
    notes: list[str] = field(default_factory=list)  # what a reader should know: bytes replaced, a date doubted
    published_source: str = ""  # which source the date came from (geo.extraction.published.SOURCES)
    dates: tuple[DateFound, ...] = ()  # every date a source gave, most trusted first


@dataclass(frozen=True)
class GazetteerEntry:
    """One place the gazetteer knows; latitude/longitude are None when unknown."""

    id: str
    name: str
    kind: str  # city, province, district, site, region, country
    country: str  # ISO 3166-1 alpha-2
    latitude: float | None
    longitude: float | None
    province: str = ""
    population: int = 0
    source: str = ""

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(slots=True)
class Mention:
    """A place name found in a sentence, with the gazetteer entries it may denote."""

    article: str
    sentence: int
    start: int  # character offsets in the sentence text
    end: int
    surface: str
    candidates: tuple[str, ...]  # gazetteer entry ids, best first
    score: float = 100.0  # 100 for an exact folded match, lower for a fuzzy one
    referred: bool = False  # named only as "the city", "the airport": the place is the one named before


@dataclass(frozen=True)
class Place:
    """A mention resolved to one place, with coordinates when they could be had."""

    name: str
    kind: str
    country: str
    latitude: float | None
    longitude: float | None
    province: str = ""
    source: str = ""  # which geocoder answered: override, gazetteer, nominatim

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class Event:
    """One control claim: the `events.csv` contract, column for column, then extras."""

    article: str
    published: str
    place: str
    place_kind: str
    country: str
    latitude: float | None
    longitude: float | None
    status: str
    event_date: str
    date_precision: str
    confidence: float
    evidence: str
    title: str = ""
    url: str = ""
    sentence: int = -1
    rule: str = ""
    published_source: str = ""  # where the publication date was found (geo.extraction.published)
    flag: str = ""  # why the claim waits for review before it is painted (geo.timeline.far_from_the_rest)


EVENT_COLUMNS = [
    "article",
    "published",
    "place",
    "place_kind",
    "country",
    "latitude",
    "longitude",
    "status",
    "event_date",
    "date_precision",
    "confidence",
    "evidence",
]
EXTRA_COLUMNS = ["title", "url", "sentence", "rule", "published_source", "flag"]
