"""Step 3: each mention resolved to one place, through geopy's Geocoder interface.

The offline gazetteer is "one more geocoder": it answers `geocode("Herat")`
with a geopy Location like any service, its GeoNames id, kind and country in
`raw`. A chain tries the user's overrides, then the gazetteer, then (only
when the user turns it on) Nominatim behind a persistent cache; a service
that fails costs the user that one answer, never the run.
Which of two same-named places a mention means is settled before the
look-up, in geo/senses.py.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable, GeopyError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .gazetteer import Gazetteer
from .overrides import read_overrides
from .records import GazetteerEntry, Place
from .text import fold

if TYPE_CHECKING:
    from .geocache import AnswerCache
    from .online import Clock, OnlineSettings

# Where a curated row names its GeoNames record: a district taken from cities500
# ("GeoNames 1137168 (...)"), a province by its ADM1 id ("AF.01 -> 1147745").
GEONAMES_IN_SOURCE = re.compile(r"^GeoNames (\d+)\b|\bAF\.\d+ -> (\d+)\b")


def geonameid_of(entry: GazetteerEntry) -> str:
    """The entry's own GeoNames id, or '' for rows from other sources (airports, Wikipedia)."""
    if entry.id.startswith("gn:"):
        return entry.id[3:]
    found = GEONAMES_IN_SOURCE.search(entry.source)
    return (found.group(1) or found.group(2)) if found else ""


def location_of(entry: GazetteerEntry, source: str) -> Location:
    """The entry as geopy's Location; `raw` keeps what the later steps and the user need to trace it."""
    address = ", ".join(p for p in (entry.name, entry.province if entry.province != entry.name else "",
                                    "Afghanistan" if entry.country == "AF" else entry.country) if p)
    raw = {"id": entry.id, "name": entry.name, "kind": entry.kind, "country": entry.country,
           "province": entry.province, "source": source, "geonameid": geonameid_of(entry)}
    return Location(address, (entry.latitude, entry.longitude), raw)


class NoNetwork(BaseSyncAdapter):
    """The transport of geocoders that never go online.

    geopy's default adapter builds an SSL context and an HTTP session (about
    0.1 s each time); an offline geocoder needs neither, and must not reach
    the network even by mistake.
    """

    def __init__(self, *, proxies=None, ssl_context=None):
        super().__init__(proxies=proxies, ssl_context=ssl_context)

    def get_json(self, url, *, timeout, headers):
        raise GeocoderUnavailable(f"offline geocoder asked for {url}")

    get_text = get_json


class OfflineGeocoder(Geocoder):
    """A geopy Geocoder whose answers come from local data (or other geocoders), not HTTP."""

    def __init__(self):
        super().__init__(adapter_factory=NoNetwork)


def query_for(entry: GazetteerEntry) -> str:
    """A query that names one place: 'Dawlatabad, Faryab' rather than 'Dawlatabad'."""
    if entry.province and entry.province != entry.name:
        return f"{entry.name}, {entry.province}"
    return entry.name


class GazetteerGeocoder(OfflineGeocoder):
    """The offline gazetteer behind geopy's interface; answers only places with coordinates."""

    def __init__(self, gazetteer: Gazetteer):
        super().__init__()
        self.gazetteer = gazetteer

    def geocode(self, query: str, exactly_one: bool = True, **options) -> Location | list[Location] | None:
        name, _, province = (part.strip() for part in query.partition(","))
        entries = [e for e in self.gazetteer.lookup(fold(name)) if e.located]
        if province:
            entries = [e for e in entries if fold(e.province) == fold(province)]
        if not entries:
            return None
        locations = [location_of(e, "gazetteer") for e in entries]
        return locations[0] if exactly_one else locations


class OverrideGeocoder(OfflineGeocoder):
    """The user's own coordinates (data/places_override.csv), which win over every other source.

    A row's name matches a query's place name ("Dawlatabad"), or the whole
    query when the user wrote it that way ("Dawlatabad, Faryab"). Rows that
    cannot be read are in `problems`, with their line numbers.
    """

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.rows, self.problems = read_overrides(path)

    def geocode(self, query: str, exactly_one: bool = True, **options) -> Location | list[Location] | None:
        found = self.rows.get(fold(query)) or self.rows.get(fold(query.partition(",")[0]))
        if found is None:
            return None
        return location_of(found, "override") if exactly_one else [location_of(found, "override")]


class GeocoderChain(OfflineGeocoder):
    """Asks each geocoder in turn; the first answer wins, a failing one is skipped and noted.

    `failures` maps each query some geocoder failed on to why, so the run can
    say which names a service was down for (they were not cached as unknown).
    Each question is answered once per chain (a name mentioned ten times is
    looked up once, and a service that failed on it is not retried ten
    times); the memo lives and dies with the chain, so a new chain (say,
    after the user adds an override) asks afresh.
    """

    def __init__(self, geocoders: Sequence[Geocoder]):
        super().__init__()
        self.geocoders = list(geocoders)
        self.failures: dict[str, str] = {}
        self.answers: dict[tuple[str, bool], Location | list[Location] | None] = {}

    def geocode(self, query: str, exactly_one: bool = True, **kwargs) -> Location | list[Location] | None:
        if kwargs:
            return self.ask(query, exactly_one, **kwargs)
        if (query, exactly_one) not in self.answers:
            self.answers[query, exactly_one] = self.ask(query, exactly_one)
        return self.answers[query, exactly_one]

    def ask(self, query: str, exactly_one: bool, **kwargs) -> Location | list[Location] | None:
        for geocoder in self.geocoders:
            try:
                found = geocoder.geocode(query, exactly_one=exactly_one, **kwargs)
            except GeopyError as error:
                self.failures[query] = f"{type(error).__name__}: {error}"
                continue
            if found is not None and found != []:
                return found
        return None

    @property
    def problems(self) -> list[str]:
        """What the user should fix in their own files (bad override rows)."""
        return [p for g in self.geocoders for p in getattr(g, "problems", [])]


def to_place(entry: GazetteerEntry, geocoder: Geocoder) -> Place:
    """Coordinates through the geocoder chain; a place none can locate keeps None."""
    location = geocoder.geocode(query_for(entry))
    if location is None:
        return Place(entry.name, entry.kind, entry.country, None, None, entry.province, "unlocated")
    source = location.raw.get("source", "online")
    kind, country = ((location.raw["kind"], location.raw["country"]) if source == "override"
                     else (entry.kind, entry.country))  # the user's row corrects kind and country too
    return Place(entry.name, kind, country, location.latitude, location.longitude, entry.province, source)


def default_geocoder(gazetteer: Gazetteer, overrides: Path | None = None, *,
                     online: OnlineSettings | None = None, cache: AnswerCache | str | Path | None = None,
                     clock: Clock | None = None) -> GeocoderChain:
    """Overrides, then the gazetteer, then Nominatim behind the cache, only if `online` is given.

    The command line and the dashboard both build their chain here. `cache` is
    an AnswerCache or a path (default: per-user, see geocache.default_cache_path).
    """
    chain: list[Geocoder] = []
    if overrides is not None:
        chain.append(OverrideGeocoder(overrides))
    chain.append(GazetteerGeocoder(gazetteer))
    if online is not None:
        from .geocache import AnswerCache, CachedGeocoder
        from .online import OnlineGeocoder

        store = cache if isinstance(cache, AnswerCache) else AnswerCache(cache)
        chain.append(CachedGeocoder(OnlineGeocoder(online, clock), store, online.namespace))
    return GeocoderChain(chain)


def geocoder_notes(chain: GeocoderChain) -> list[str]:
    """What a run should tell its user about look-ups: bad override rows, service failures, cache use."""
    notes = list(chain.problems)
    if chain.failures:
        reasons = sorted(set(chain.failures.values()))
        notes.append(f"online look-up failed for {len(chain.failures)} names (not cached; asked again "
                     f"next run): {', '.join(sorted(chain.failures))} [{'; '.join(reasons)[:300]}]")
    for geocoder in chain.geocoders:
        if hasattr(geocoder, "hits"):
            notes.append(f"online geocoder: {geocoder.misses} names asked, {geocoder.hits} answered from "
                         f"the cache {geocoder.cache.path}")
    return notes
