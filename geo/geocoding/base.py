"""What every geocoder here is: a geopy Geocoder that may never touch the network, and how a
gazetteer entry becomes a Location and a Place.

The offline gazetteer is "one more geocoder": it answers `geocode("Herat")`
with a geopy Location like any service, its GeoNames id, kind and country in
`raw`. The other modules of geo/geocoding build on this one; none of them is
imported here, so there is no cycle.
"""

from __future__ import annotations

import re

from geopy.adapters import BaseSyncAdapter
from geopy.exc import GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ..records import GazetteerEntry, Place

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
    address = ", ".join(
        p
        for p in (
            entry.name,
            entry.province if entry.province != entry.name else "",
            entry.country,
        )
        if p
    )
    raw = {
        "id": entry.id,
        "name": entry.name,
        "kind": entry.kind,
        "country": entry.country,
        "province": entry.province,
        "source": source,
        "geonameid": geonameid_of(entry),
    }
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


def to_place(entry: GazetteerEntry, geocoder: Geocoder) -> Place:
    """Coordinates through the geocoder chain; a place none can locate keeps None."""
    location = geocoder.geocode(query_for(entry))
    if location is None:
        return Place(entry.name, entry.kind, entry.country, None, None, entry.province, "unlocated")
    source = location.raw.get("source", "online")
    kind, country = (
        (location.raw["kind"], location.raw["country"] or entry.country)
        if source == "override"
        else (entry.kind, entry.country)
    )  # the user's row corrects kind and country too
    return Place(entry.name, kind, country, location.latitude, location.longitude, entry.province, source)
