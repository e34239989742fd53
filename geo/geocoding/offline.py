"""The two offline geocoders: the user's override file and the gazetteer."""

from __future__ import annotations

from pathlib import Path

from geopy.location import Location

from ..extraction.gazetteer import Gazetteer
from ..text import fold
from .base import OfflineGeocoder, location_of
from .overrides import read_overrides


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
