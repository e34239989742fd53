"""The chain the command line and the dashboard geocode through.

It tries the user's overrides, then the gazetteer, then (only when the user
turns it on) Nominatim behind a persistent cache; a service that fails costs
the user that one answer, never the run. Which of two same-named places a
mention means is settled before the look-up, in geo/extraction/senses.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geopy.exc import GeopyError
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ..extraction.gazetteer import Gazetteer
from .base import OfflineGeocoder
from .offline import GazetteerGeocoder, OverrideGeocoder

if TYPE_CHECKING:
    from .cache import AnswerCache
    from .online import Clock, OnlineSettings


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


def default_geocoder(
    gazetteer: Gazetteer,
    overrides: Path | None = None,
    *,
    online: OnlineSettings | None = None,
    cache: AnswerCache | str | Path | None = None,
    clock: Clock | None = None,
) -> GeocoderChain:
    """Overrides, then the gazetteer, then Nominatim behind the cache, only if `online` is given.

    The command line and the dashboard both build their chain here. `cache` is
    an AnswerCache or a path (default: per-user, see geocache.default_cache_path).
    """
    chain: list[Geocoder] = []
    if overrides is not None:
        chain.append(OverrideGeocoder(overrides))
    chain.append(GazetteerGeocoder(gazetteer))
    if online is not None:
        from .cache import AnswerCache, CachedGeocoder
        from .online import OnlineGeocoder

        store = cache if isinstance(cache, AnswerCache) else AnswerCache(cache)
        chain.append(CachedGeocoder(OnlineGeocoder(online, clock), store, online.namespace))
    return GeocoderChain(chain)


def geocoder_notes(chain: GeocoderChain) -> list[str]:
    """What a run should tell its user about look-ups: bad override rows, service failures, cache use."""
    notes = list(chain.problems)
    if chain.failures:
        reasons = sorted(set(chain.failures.values()))
        notes.append(
            f"online look-up failed for {len(chain.failures)} names (not cached; asked again "
            f"next run): {', '.join(sorted(chain.failures))} [{'; '.join(reasons)[:300]}]"
        )
    for geocoder in chain.geocoders:
        if hasattr(geocoder, "hits"):
            notes.append(
                f"online geocoder: {geocoder.misses} names asked, {geocoder.hits} answered from "
                f"the cache {geocoder.cache.path}"
            )
    return notes
