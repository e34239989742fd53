"""The online geocoder: geopy's real Nominatim class against a fake server on 127.0.0.1.

No test touches the internet: every request goes to tests/fake_nominatim.py,
which counts them. Time is a fake clock wherever a policy would wait (the
one-request-a-second pace, the backoff), so only client time-outs take real
time, and those are a fraction of a second.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from fake_nominatim import FakeNominatim, free_port, nominatim_place
from geopy.exc import (
    GeocoderParseError,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.geocoders import Nominatim
from geopy.location import Location
from helpers import READER

from geo import pipeline
from geo.cli import main
from geo.geocoding import online
from geo.geocoding.cache import AnswerCache
from geo.geocoding.chain import default_geocoder
from geo.geocoding.online import Clock, OnlineConfigError, OnlineGeocoder, online_settings

KAJAKI = nominatim_place("Kajaki Dam", 32.3206, 65.1195, "Helmand", 5112367, "man_made")
PLACES = {"Kajaki Dam, Helmand": [KAJAKI]}  # "Khakrez, Kandahar" is not known: an empty answer
SHORT = 0.3  # the client's time-out where a test waits for one; the slow server takes 5 s
ARTICLE = """Taliban seize Kajaki Dam as Kandahar falls

August 13, 2021

The Taliban captured Kandahar on Thursday after weeks of fighting.

Taliban fighters also seized the Kajaki Dam in Helmand on Thursday, officials said.

Heavy fighting continued in Khakrez district, north of the city.
"""


@pytest.fixture(autouse=True)
def no_proxies_no_env(monkeypatch):
    """Requests to 127.0.0.1 must not go through a proxy, and the user's own settings must not leak in."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        online.ENV_USER_AGENT,
        online.ENV_CONTACT,
        online.ENV_URL,
        "FRONTLINE_GEOCODE_CACHE",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """A clock that only moves when slept on; it records every call made at what time."""
    now = [0.0]

    def sleep(seconds: float) -> None:
        now[0] += seconds

    fake = Clock(now=lambda: now[0], sleep=sleep)
    monkeypatch.setattr(online, "DEFAULT_CLOCK", fake)  # for the command-line runs
    return fake


@pytest.fixture
def server():
    with FakeNominatim(PLACES, slow_seconds=5.0) as fake:
        yield fake


@pytest.fixture
def articles(tmp_path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "report.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def geocoder_for(url: str, clock: Clock, **policy) -> OnlineGeocoder:
    """Generous time-outs unless a test is about them: a loaded machine must not make a test fail."""
    policy = {"timeout": 5.0, "max_retries": 2, **policy}
    policy = {"country_codes": "af", **policy}  # as the command line asks it for the Afghan profile
    return OnlineGeocoder(online_settings("frontline-tests/1", "tests@example.org", url, {}, **policy), clock)


def request_times(geocoder: OnlineGeocoder, clock: Clock) -> list[float]:
    """Record the (fake) time of every request the rate limiter lets through."""
    times: list[float] = []
    inner = geocoder.paced.func

    def timed(*args, **kwargs):
        times.append(clock.now())
        return inner(*args, **kwargs)

    geocoder.paced.func = timed
    return times


def test_a_found_place_comes_through_geopy_nominatim_with_our_raw_keys(server, clock):
    geocoder = geocoder_for(server.url, clock)
    found = geocoder.geocode("Kajaki Dam, Helmand")
    assert type(geocoder.nominatim) is Nominatim
    assert isinstance(found, Location)
    assert (found.latitude, found.longitude) == pytest.approx((32.3206, 65.1195))
    assert found.raw["source"] == "nominatim" and found.raw["country"] == "AF"
    assert found.raw["id"] == "osm:relation/5112367" and found.raw["kind"] == "man_made"
    [request] = server.requests
    assert request["path"] == "/search"
    assert request["query"]["q"] == "Kajaki Dam, Helmand"
    assert request["query"]["countrycodes"] == "af"
    assert request["query"]["format"] == "json"
    assert request["user_agent"] == "frontline-tests/1 (tests@example.org)"


def test_an_unknown_place_is_none(server, clock):
    assert geocoder_for(server.url, clock).geocode("Khakrez, Kandahar") is None
    assert geocoder_for(server.url, clock).geocode("Kajaki Dam, Helmand", exactly_one=False)[0].raw["osm_id"]


def test_an_answer_outside_the_country_is_dropped(server, clock):
    server.default = "foreign"
    assert geocoder_for(server.url, clock).geocode("Chaman") is None


def test_at_most_one_request_a_second(server, clock):
    geocoder = geocoder_for(server.url, clock)
    times = request_times(geocoder, clock)
    for name in ("Kajaki Dam, Helmand", "Khakrez, Kandahar", "Giro, Ghazni", "Maruf, Kandahar"):
        geocoder.geocode(name)
    assert len(server.requests) == 4
    assert all(later - earlier >= 1.0 for earlier, later in zip(times, times[1:]))


@pytest.mark.parametrize("failure", ["429", "500", "503", "slow"])
def test_a_passing_failure_is_retried(server, clock, failure):
    server.plan = [failure]
    found = geocoder_for(server.url, clock, timeout=SHORT).geocode("Kajaki Dam, Helmand")
    assert found is not None and found.raw["source"] == "nominatim"
    assert [r["behaviour"] for r in server.requests] == [failure, "ok"]


def test_backoff_doubles_and_honours_retry_after(server, clock):
    server.plan = ["500", "500", "429"]
    geocoder = geocoder_for(server.url, clock, max_retries=3, backoff=2.0)
    times = request_times(geocoder, clock)
    assert geocoder.geocode("Kajaki Dam, Helmand") is not None
    gaps = [later - earlier for earlier, later in zip(times, times[1:])]
    assert gaps == pytest.approx([2.0, 4.0, 8.0])  # the 429's Retry-After (3 s) is shorter than 8 s

    server.plan = ["429"]
    geocoder = geocoder_for(server.url, clock, backoff=0.5)
    times = request_times(geocoder, clock)
    geocoder.geocode("Kajaki Dam, Helmand")
    assert times[1] - times[0] == pytest.approx(3.0)  # Retry-After: 3 is longer than the backoff


@pytest.mark.parametrize(
    "failure, error",
    [
        ("500", GeocoderServiceError),
        ("slow", GeocoderTimedOut),
        ("429", GeocoderServiceError),
    ],
)
def test_retries_end(server, clock, failure, error):
    server.default = failure
    with pytest.raises(error):
        geocoder_for(server.url, clock, timeout=SHORT, max_retries=1).geocode("Kajaki Dam, Helmand")
    assert len(server.requests) == 2


@pytest.mark.parametrize("garbage", ["garbage", "badshape"])
def test_garbage_is_an_error_and_not_retried(server, clock, garbage):
    server.plan = [garbage]
    with pytest.raises(GeocoderParseError):
        geocoder_for(server.url, clock).geocode("Kajaki Dam, Helmand")
    assert len(server.requests) == 1


def test_a_dead_server_is_unavailable(clock):
    with pytest.raises(GeocoderUnavailable):
        geocoder_for(f"http://127.0.0.1:{free_port()}", clock).geocode("Kajaki Dam, Helmand")


def test_after_a_few_failed_names_the_service_is_not_asked_again(server, clock):
    server.default = "500"
    geocoder = geocoder_for(server.url, clock, max_retries=1, give_up_after=2)
    for name in ("Kajaki Dam, Helmand", "Khakrez, Kandahar"):
        with pytest.raises(GeocoderServiceError):
            geocoder.geocode(name)
    assert len(server.requests) == 4
    with pytest.raises(GeocoderUnavailable, match="not asked again"):
        geocoder.geocode("Giro, Ghazni")
    assert len(server.requests) == 4


def test_settings_follow_the_usage_policy():
    with pytest.raises(OnlineConfigError, match="contact"):
        online_settings(environ={})
    settings = online_settings(environ={online.ENV_CONTACT: "me@example.org"})
    assert settings.url == online.PUBLIC_URL and settings.country_codes == ""  # the caller gives its profile's
    assert settings.min_delay >= 1.0 and settings.agent == "frontline/0.1.0 (me@example.org)"
    local = online_settings(environ={online.ENV_URL: "http://127.0.0.1:8080", online.ENV_USER_AGENT: "me/2"})
    assert local.agent == "me/2" and local.contact == ""
    with pytest.raises(OnlineConfigError, match="must look like"):
        online_settings(url="127.0.0.1:8080", environ={})


def run_cli(*args: str) -> int:
    return main([*map(str, args)])


def online_args(url: str, cache: Path) -> list[str]:
    return [
        "--online",
        "--nominatim-url",
        url,
        "--user-agent",
        "frontline-tests/1",
        "--geocode-cache",
        cache,
    ]


def test_the_second_run_asks_nothing_online(server, clock, articles, tmp_path, capsys):
    cache = tmp_path / "cache" / "geocode.sqlite"
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    assert run_cli("extract", articles, "-o", first, *online_args(server.url, cache)) == 0
    asked = sorted(r["query"]["q"] for r in server.requests)
    assert asked == ["Kajaki Dam, Helmand", "Khakrez, Kandahar"]  # Kandahar came from the gazetteer
    assert "not located (add them to data/places_override.csv): Khakrez" in capsys.readouterr().err

    assert run_cli("extract", articles, "-o", second, *online_args(server.url, cache)) == 0
    assert len(server.requests) == 2  # both answers, "not found" too, came from the cache
    assert "0 names asked, 2 answered from the cache" in capsys.readouterr().err
    table = pd.read_csv(second)
    assert table.equals(pd.read_csv(first))
    kajaki = table[table.place == "Kajaki Dam"].iloc[0]
    assert (kajaki.latitude, kajaki.longitude) == pytest.approx((32.3206, 65.1195))


@pytest.mark.parametrize("trouble", ["down", "slow"])
def test_with_the_service_down_or_slow_the_map_is_built_from_the_gazetteer(
    server, clock, articles, tmp_path, capsys, monkeypatch, trouble
):
    real = online.online_settings  # the command line's time-out is 10 s: shorten it, and the retries
    monkeypatch.setattr(
        online,
        "online_settings",
        lambda *a, **k: real(*a, **k, timeout=SHORT, max_retries=1, give_up_after=1),
    )
    server.default = "slow"
    url = f"http://127.0.0.1:{free_port()}" if trouble == "down" else server.url
    cache, output = tmp_path / "geocode.sqlite", tmp_path / "map.html"
    assert run_cli("map", articles, "-o", output, *online_args(url, cache)) == 0
    err = capsys.readouterr().err
    assert "not located (add them to data/places_override.csv): Kajaki Dam, Khakrez" in err
    assert "online look-up failed for 2 names (not cached; asked again next run)" in err
    assert "Kandahar" in output.read_text(encoding="utf-8")
    assert len(AnswerCache(cache)) == 0  # a failure is not an answer

    server.default = "ok"  # the service is back: the names are asked again, and found
    result = pipeline.run(
        [articles],
        geocoder=default_geocoder(
            READER.gazetteer, None, online=online_settings(url=server.url, environ={}, country_codes="af"), cache=cache
        ),
    )
    assert result.unlocated == ["Khakrez"]


def test_with_online_off_nothing_is_asked_even_if_configured(server, articles, tmp_path, monkeypatch):
    monkeypatch.setenv(online.ENV_URL, server.url)
    monkeypatch.setenv("FRONTLINE_GEOCODE_CACHE", str(tmp_path / "never.sqlite"))
    assert run_cli("extract", articles, "-o", tmp_path / "events.csv") == 0
    assert server.requests == [] and not (tmp_path / "never.sqlite").exists()


def test_online_without_a_contact_for_the_public_server_stops_before_any_work(articles, tmp_path):
    with pytest.raises(SystemExit, match="needs a contact"):
        run_cli("extract", articles, "-o", tmp_path / "events.csv", "--online")
    assert not (tmp_path / "events.csv").exists()


def test_online_geocoding_stays_in_the_profiles_country(server, clock, tmp_path):
    """--profile decides which country Nominatim may answer from: Syria's for Syrian reports."""
    folder = tmp_path / "syria"
    folder.mkdir()
    (folder / "report.txt").write_text(
        "Rebels advance\n\nPublished 6 December 2024\n\nRebels captured Qubtan al-Jabal on Thursday.\n",
        encoding="utf-8",
    )  # a village the Syrian gazetteer names without coordinates
    out, cache = tmp_path / "e.csv", tmp_path / "geocode.sqlite"
    assert run_cli("extract", "--profile", "syria-2024", folder, "-o", out, *online_args(server.url, cache)) == 0
    assert [(r["query"]["q"], r["query"].get("countrycodes")) for r in server.requests] == [
        ("Qubtan al-Jabal, Aleppo", "sy")
    ]
