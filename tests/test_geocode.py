"""Offline geocoding: the gazetteer behind geopy's interface, the user's overrides, the chain, the cache.

Nothing here opens a socket: the online geocoder has its own tests
(test_online.py) against a local fake server.
"""

from __future__ import annotations

import sqlite3
import warnings
from datetime import date
from pathlib import Path

import pytest
from geopy.exc import GeocoderTimedOut, GeocoderUnavailable
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from helpers import READER

from geo import paths, pipeline
from geo.extraction.articles import Metadata, article_from_text
from geo.geocoding.base import NoNetwork, OfflineGeocoder, location_of, to_place
from geo.geocoding.cache import AnswerCache, CachedGeocoder, CacheWarning
from geo.geocoding.chain import GeocoderChain, default_geocoder, geocoder_notes
from geo.geocoding.offline import GazetteerGeocoder, OverrideGeocoder
from geo.geocoding.overrides import COLUMNS, add_override, read_overrides

HEADER = ",".join(COLUMNS) + "\n"
REPORT = (
    "The Taliban captured Kandahar on Thursday. Taliban fighters also seized the Kajaki Dam "
    "in Helmand on Thursday. Fighting went on in Herat."
)


@pytest.fixture(scope="module")
def gazetteer():
    return READER.gazetteer


def extract(text: str, geocoder: Geocoder):
    article = article_from_text(text, "test.txt", Metadata(published=date(2021, 8, 13), title="Test"))
    return pipeline.extract([article], geocoder=geocoder)


class Recording(OfflineGeocoder):
    """Any geocoder, with every query it was asked kept; `error` makes it fail like a dead service."""

    def __init__(self, inner: Geocoder | None = None, error: Exception | None = None):
        super().__init__()
        self.inner, self.error, self.queries = inner, error, []

    def geocode(self, query, exactly_one=True, **kwargs):
        self.queries.append(query)
        if self.error:
            raise self.error
        return self.inner.geocode(query, exactly_one=exactly_one, **kwargs) if self.inner else None


# --- the gazetteer as a geopy geocoder ---------------------------------------------------------


@pytest.mark.parametrize(
    "query, name, kind, geonameid",
    [
        ("Herat", "Herat", "city", "1140026"),
        ("Lashkar Gah", "Lashkar Gah", "city", "1134720"),
        ("Badakhshan", "Badakhshan", "province", "1147745"),  # its GeoNames ADM1 record
        ("Khanabad, Kunduz", "Khanabad", "district", "1137168"),  # a district taken from cities500
        ("Hamid Karzai International Airport", "Hamid Karzai International Airport", "site", ""),
    ],
)
def test_the_gazetteer_answers_geopy_locations(gazetteer, query, name, kind, geonameid):
    found = GazetteerGeocoder(gazetteer).geocode(query)
    assert isinstance(found, Location)
    assert found.raw["name"] == name and found.raw["kind"] == kind and found.raw["country"] == "AF"
    assert found.raw["geonameid"] == geonameid and found.raw["source"] == "gazetteer"
    assert -90 <= found.latitude <= 90 and found.address.endswith(", AF")


def test_the_gazetteer_knows_what_it_cannot_locate(gazetteer):
    geocoder = GazetteerGeocoder(gazetteer)
    assert geocoder.geocode("Kajaki Dam, Helmand") is None
    assert geocoder.geocode("Nowhere At All") is None
    assert [loc.raw["kind"] for loc in geocoder.geocode("Herat", exactly_one=False)] == [
        "city",
        "province",
    ]


def test_location_of_keeps_id_kind_and_country(gazetteer):
    entry = gazetteer.lookup("lashkar gah")[0]
    raw = location_of(entry, "gazetteer").raw
    assert (raw["id"], raw["kind"], raw["country"], raw["geonameid"]) == (
        "gn:1134720",
        "city",
        "AF",
        "1134720",
    )


def test_every_place_is_located_through_the_geocoder(gazetteer):
    spy = Recording(default_geocoder(gazetteer))
    result = extract(REPORT, spy)
    assert set(result.places) == {"Kandahar", "Kajaki Dam", "Herat", "Helmand"}
    assert {q.partition(",")[0] for q in spy.queries} == set(result.places)
    assert result.places["Kandahar"].source == "gazetteer"
    assert result.unlocated == ["Kajaki Dam"]


def test_offline_by_default(gazetteer, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.delenv("FRONTLINE_GEOCODE_CACHE", raising=False)
    chain = default_geocoder(gazetteer, paths.overrides())
    assert [type(g) for g in chain.geocoders] == [OverrideGeocoder, GazetteerGeocoder]
    assert all(isinstance(g.adapter, NoNetwork) for g in [chain, *chain.geocoders])
    extract(REPORT, chain)
    assert not (tmp_path / ".cache").exists()


# --- the user's overrides --------------------------------------------------------------------


def overrides(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "places_override.csv"
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_shipped_override_file_is_just_a_header():
    assert paths.overrides().read_text(encoding="utf-8") == HEADER
    assert read_overrides(paths.overrides()) == ({}, [])


def test_override_rows_win_over_the_gazetteer(gazetteer, tmp_path):
    path = overrides(
        tmp_path,
        "Kandahar,31.5,65.5,city,AF",
        "Kajaki Dam,32.32,65.12,site,",  # no country: the gazetteer entry's own
        "Herat,34.0,62.0,region,AF",
    )
    result = extract(REPORT, default_geocoder(gazetteer, path))
    kandahar = result.places["Kandahar"]
    assert (kandahar.latitude, kandahar.longitude, kandahar.source) == (31.5, 65.5, "override")
    assert result.places["Herat"].kind == "region"  # the user's row corrects the kind too
    assert result.unlocated == []
    assert {(e.place, e.latitude) for e in result.events} >= {
        ("Kandahar", 31.5),
        ("Kajaki Dam", 32.32),
    }


def test_an_override_can_name_one_of_several_same_named_places(gazetteer, tmp_path):
    path = overrides(tmp_path, '"Dawlatabad, Faryab",36.0,64.9,district,AF')
    chain = default_geocoder(gazetteer, path)
    assert chain.geocode("Dawlatabad, Faryab").raw["source"] == "override"
    assert chain.geocode("Dawlatabad, Balkh").raw["source"] == "gazetteer"


@pytest.mark.parametrize(
    "row, message",
    [
        ("Giro,north,67.5,district,AF", "line 3: latitude 'north' is not a number"),
        ("Giro,33.1,267.5,district,AF", "line 3: longitude 267.5 is outside -180..180"),
        ("Giro,nan,67.5,district,AF", "line 3: latitude nan is outside"),
        (",33.1,67.5,district,AF", "line 3: name is empty"),
        ("Giro,33.1,67.5,village,AF", "line 3: kind 'village' is not one of"),
        (
            "Giro,33.1,67.5,district,Afghanistan",
            "line 3: country 'AFGHANISTAN' is not a two-letter",
        ),
        ("Giro,33.1", "line 3: longitude None is not a number"),
    ],
)
def test_a_bad_override_row_is_reported_with_its_line_not_a_crash(gazetteer, tmp_path, row, message):
    path = overrides(tmp_path, "Maruf,31.5,67.0,district,AF", row, "Khakrez,31.9,65.4,district,AF")
    chain = default_geocoder(gazetteer, path)
    [problem] = chain.problems
    assert message in problem and str(path) in problem
    assert chain.geocode("Maruf, Kandahar").latitude == 31.5 and chain.geocode("Khakrez").latitude == 31.9
    assert problem in geocoder_notes(chain)


def test_an_unreadable_override_file_is_reported(tmp_path):
    bad_header = tmp_path / "a.csv"
    bad_header.write_text("place,lat,lon\nGiro,1,2\n", encoding="utf-8")
    assert "line 1: header lacks name, latitude, longitude" in OverrideGeocoder(bad_header).problems[0]
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage\x00\x81")
    assert "cannot read" in OverrideGeocoder(binary).problems[0]


def test_add_override_creates_and_appends_rows_that_read_back(tmp_path):
    path = tmp_path / "data" / "places_override.csv"
    add_override(path, "Kajaki Dam", 32.32, 65.12, "site")
    add_override(path, "Dawlatabad, Faryab", 36.41, 64.91, "district", "af")
    assert path.read_text(encoding="utf-8").splitlines() == [
        HEADER.strip(),
        "Kajaki Dam,32.32,65.12,site,",  # no country: the gazetteer entry's own
        '"Dawlatabad, Faryab",36.41,64.91,district,AF',
    ]
    rows, problems = read_overrides(path)
    assert problems == [] and set(rows) == {"kajaki dam", "dawlatabad faryab"}


def test_add_override_mends_a_missing_final_newline_and_keeps_a_header_only_file(tmp_path):
    path = tmp_path / "places_override.csv"
    path.write_text(HEADER + "Maruf,31.5,67.0,district,AF", encoding="utf-8")  # hand-edited, no newline
    add_override(path, "Giro", 33.1, 67.5, "district")
    assert read_overrides(path)[0].keys() == {"maruf", "giro"}
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER, encoding="utf-8")
    add_override(empty, "Giro", 33.1, 67.5, "district")
    assert empty.read_text(encoding="utf-8") == HEADER + "Giro,33.1,67.5,district,\n"


@pytest.mark.parametrize(
    "args",
    [
        ("Giro", 133.1, 67.5),
        ("", 33.1, 67.5),
        ("Giro\nKabul", 33.1, 67.5),
        ("Giro", 33.1, 67.5, "hamlet"),
    ],
)
def test_add_override_refuses_a_bad_row_and_leaves_the_file_alone(tmp_path, args):
    path = overrides(tmp_path, "Maruf,31.5,67.0,district,AF")
    before = path.read_bytes()
    with pytest.raises(ValueError):
        add_override(path, *args)
    assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path]


# --- the chain -------------------------------------------------------------------------------


def test_a_failing_geocoder_costs_one_answer_not_the_run(gazetteer):
    down = Recording(error=GeocoderUnavailable("connection refused"))
    chain = GeocoderChain([GazetteerGeocoder(gazetteer), down])
    result = extract(REPORT, chain)
    assert result.places["Kandahar"].located and result.unlocated == ["Kajaki Dam"]
    assert down.queries == ["Kajaki Dam, Helmand"]  # only what the gazetteer lacks, and only once
    assert chain.geocode("Kajaki Dam, Helmand") is None and len(down.queries) == 1
    assert chain.failures == {"Kajaki Dam, Helmand": "GeocoderUnavailable: connection refused"}
    assert any("online look-up failed for 1 names" in note for note in geocoder_notes(chain))


def test_the_chain_answers_each_question_once_per_run(gazetteer):
    spy = Recording(GazetteerGeocoder(gazetteer))
    chain = GeocoderChain([spy])
    assert chain.geocode("Herat") == chain.geocode("Herat") and spy.queries == ["Herat"]
    assert [loc.raw["kind"] for loc in chain.geocode("Herat", exactly_one=False)] == [
        "city",
        "province",
    ]
    GeocoderChain([spy]).geocode("Herat")  # the next run's chain asks afresh
    assert spy.queries == ["Herat", "Herat", "Herat"]


def test_to_place_keeps_unlocated_places(gazetteer):
    entry = gazetteer.lookup("kajaki dam")[0]
    place = to_place(entry, GeocoderChain([GazetteerGeocoder(gazetteer)]))
    assert (place.name, place.kind, place.located, place.source) == (
        "Kajaki Dam",
        "site",
        False,
        "unlocated",
    )


# --- the cache -------------------------------------------------------------------------------


def kajaki() -> Location:
    return Location(
        "Kajaki Dam, Helmand, Afghanistan",
        (32.32, 65.12),
        {"source": "nominatim", "id": "osm:way/1", "kind": "dam", "country": "AF"},
    )


class Answers(Recording):
    def geocode(self, query, exactly_one=True, **kwargs):
        self.queries.append(query)
        if self.error:
            raise self.error
        return kajaki() if query.startswith("Kajaki") else None


def test_the_cache_asks_once_and_remembers_not_found_across_runs(tmp_path):
    path = tmp_path / "cache.sqlite"
    service = Answers()
    cached = CachedGeocoder(service, AnswerCache(path), "test")
    for _ in range(3):
        assert cached.geocode("Kajaki Dam, Helmand").raw["id"] == "osm:way/1"
        assert cached.geocode("Khakrez, Kandahar") is None
    assert service.queries == ["Kajaki Dam, Helmand", "Khakrez, Kandahar"]

    again = CachedGeocoder(service, AnswerCache(path), "test")  # the next run
    found = again.geocode("kajaki dam,  Helmand")
    assert found == kajaki() and found.raw == kajaki().raw
    assert again.geocode("Khakrez, Kandahar") is None
    assert len(service.queries) == 2 and (again.hits, again.misses) == (2, 0)
    assert CachedGeocoder(service, AnswerCache(path), "another service").geocode("Khakrez, Kandahar") is None
    assert len(service.queries) == 3  # answers are kept per service


def test_the_cache_keeps_no_failure(tmp_path):
    cache = AnswerCache(tmp_path / "cache.sqlite")
    with pytest.raises(GeocoderTimedOut):
        CachedGeocoder(Answers(error=GeocoderTimedOut("slow")), cache, "test").geocode("Kajaki Dam")
    assert len(cache) == 0


@pytest.mark.parametrize("content", [b"this is not a database" * 100, b"SQLite format 3\x00" + b"\x07" * 3000])
def test_a_corrupt_cache_is_set_aside_with_a_warning(tmp_path, content):
    path = tmp_path / "cache.sqlite"
    path.write_bytes(content)
    with pytest.warns(CacheWarning, match="set aside"):
        cache = AnswerCache(path)
    [aside] = tmp_path.glob("cache.sqlite.corrupt-*")
    assert aside.read_bytes() == content
    cached = CachedGeocoder(Answers(), cache, "test")
    assert cached.geocode("Kajaki Dam").latitude == 32.32
    assert len(AnswerCache(path)) == 1  # a fresh, working file


class BrokenDb:
    """A connection whose every statement fails the way a damaged or busy file does."""

    def __init__(self, error: sqlite3.Error):
        self.error = error

    def execute(self, *_):
        raise self.error

    def close(self):
        pass


@pytest.mark.parametrize(
    "error, warning, set_aside",
    [
        (sqlite3.DatabaseError("database disk image is malformed"), "set aside", True),
        (sqlite3.OperationalError("database is locked"), "in memory", False),
    ],
)
def test_a_cache_failing_mid_run_never_stops_the_run(tmp_path, error, warning, set_aside):
    cache = AnswerCache(tmp_path / "cache.sqlite")
    cache.db = BrokenDb(error)
    service = Answers()
    cached = CachedGeocoder(service, cache, "test")
    with pytest.warns(CacheWarning, match=warning):
        assert cached.geocode("Kajaki Dam").latitude == 32.32
    assert cached.geocode("Kajaki Dam").latitude == 32.32 and service.queries == ["Kajaki Dam"]
    assert bool(list(tmp_path.glob("cache.sqlite.corrupt-*"))) is set_aside


def test_a_cache_of_another_schema_is_set_aside(tmp_path):
    path = tmp_path / "cache.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    db.close()
    with pytest.warns(CacheWarning, match="schema version 99"):
        AnswerCache(path)


def test_a_cache_that_cannot_be_written_falls_back_to_memory(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.warns(CacheWarning, match="in memory"):
        cache = AnswerCache(blocker / "geocode.sqlite")
    service = Answers()
    cached = CachedGeocoder(service, cache, "test")
    cached.geocode("Kajaki Dam")
    cached.geocode("Kajaki Dam")
    assert service.queries == ["Kajaki Dam"]


def test_the_default_cache_path_is_per_user_and_overridable(tmp_path, monkeypatch):
    monkeypatch.delenv("FRONTLINE_GEOCODE_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.geocode_cache() == tmp_path / ".cache" / "frontline" / "geocode.sqlite"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert paths.geocode_cache() == tmp_path / "xdg" / "frontline" / "geocode.sqlite"
    monkeypatch.setenv("FRONTLINE_GEOCODE_CACHE", str(tmp_path / "mine.sqlite"))
    assert paths.geocode_cache() == tmp_path / "mine.sqlite"


def test_no_warning_for_a_healthy_cache(tmp_path):
    path = tmp_path / "cache.sqlite"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        CachedGeocoder(Answers(), AnswerCache(path), "test").geocode("Kajaki Dam")
        AnswerCache(path)
