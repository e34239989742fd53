"""Geocoding throughput: our paths side by side with their baselines, in one run.

Run: python bench/geocode.py [ROUNDS]

Offline: every located Afghan place in the gazetteer, asked ROUNDS times
(default 20), through
  - a plain dict of coordinates (the floor: no geopy, no folding),
  - geopy's path without our cache (GazetteerGeocoder.geocode),
  - the pipeline's offline chain (overrides -> gazetteer; it answers each
    question once per run and remembers the answer),
  - the SQLite cache wrapped around the gazetteer: cold (a fresh file, every
    name a miss and a write), warm (this process), and from disk (a new
    process's first pass over a filled file).
Online: geopy's Nominatim against the local fake server (tests/fake_nominatim.py,
no internet), the cache cold and warm. The pause between requests is set to
0 here to measure our own cost; with the public policy (1 request a second)
a cold online look-up costs at least a second, which is what the cache saves.
"""

from __future__ import annotations

import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_nominatim import FakeNominatim, nominatim_place  # noqa: E402

from geo import paths  # noqa: E402
from geo.extraction.reader import reader_for  # noqa: E402
from geo.geocoding.base import query_for  # noqa: E402
from geo.geocoding.cache import AnswerCache, CachedGeocoder  # noqa: E402
from geo.geocoding.chain import default_geocoder  # noqa: E402
from geo.geocoding.offline import GazetteerGeocoder  # noqa: E402
from geo.geocoding.online import OnlineGeocoder, online_settings  # noqa: E402

REPEATS = 3  # each figure is the best of this many passes: the machine may be busy with other work


def timed(queries: list[str], look_up: Callable[[str], object]) -> float:
    start = time.perf_counter()
    for query in queries:
        look_up(query)
    return time.perf_counter() - start


def best(queries: list[str], fresh: Callable[[], Callable[[str], object]]) -> float:
    """The fastest of REPEATS passes, each with a look-up function built afresh (a cold cache stays cold)."""
    return min(timed(queries, fresh()) for _ in range(REPEATS))


def row(label: str, count: int, seconds: float) -> None:
    print(f"{label:<52} {count:>8,} {seconds:>9.3f} {count / seconds:>14,.0f}")


def filled(geocoder, path: Path, namespace: str, queries: list[str]) -> CachedGeocoder:
    cached = CachedGeocoder(geocoder, AnswerCache(path), namespace)
    timed(queries, cached.geocode)
    return cached


def offline(rounds: int, folder: Path) -> None:
    gazetteer = reader_for().gazetteer  # the default profile's
    entries = [e for e in gazetteer.entries.values() if e.located and e.country == gazetteer.country]
    names = sorted({query_for(e) for e in entries})
    many = names * rounds
    plain = {query_for(e): (e.latitude, e.longitude) for e in entries}
    geocoder = GazetteerGeocoder(gazetteer)
    files = (folder / f"offline-{i}.sqlite" for i in range(1000))
    print(f"offline: {len(names)} distinct names, best of {REPEATS} passes\n")
    header()
    row("baseline: plain dict of coordinates", len(many), best(many, lambda: plain.get))
    row(
        "baseline: geopy path, no cache (GazetteerGeocoder)",
        len(many),
        best(many, lambda: geocoder.geocode),
    )
    row(
        "offline chain, each name's first ask",
        len(names),
        best(names, lambda: default_geocoder(gazetteer, paths.overrides()).geocode),
    )
    row(
        "offline chain, repeats answered by its memo",
        len(many),
        best(many, lambda: default_geocoder(gazetteer, paths.overrides()).geocode),
    )
    row(
        "SQLite cache around the gazetteer, cold (fresh file)",
        len(names),
        best(names, lambda: CachedGeocoder(geocoder, AnswerCache(next(files)), "bench").geocode),
    )
    warm = filled(geocoder, folder / "warm.sqlite", "bench", names)
    row("SQLite cache, warm (same process)", len(many), best(many, lambda: warm.geocode))
    row(
        "SQLite cache, from disk (a new run's first pass)",
        len(names),
        best(
            names,
            lambda: CachedGeocoder(geocoder, AnswerCache(folder / "warm.sqlite"), "bench").geocode,
        ),
    )


def online(count: int, folder: Path) -> None:
    names = [f"Place {i}, Helmand" for i in range(count)]
    places = {
        n: [nominatim_place(n.split(",")[0], 31 + i / count, 64 + i / count, "Helmand", i)]
        for i, n in enumerate(names)
        if i % 4
    }  # one name in four is not found
    files = (folder / f"online-{i}.sqlite" for i in range(1000))
    with FakeNominatim(places) as server:
        settings = online_settings(url=server.url, environ={}, min_delay=0.0, timeout=5.0)
        service = OnlineGeocoder(settings)
        print(
            f"\nonline: {count} distinct names against the fake Nominatim on {server.url}, best of "
            f"{REPEATS}\n(pause between requests 0 here; 1 s with the public policy)\n"
        )
        header()
        row(
            "baseline: geopy Nominatim + our policies, no cache",
            count,
            best(names, lambda: service.geocode),
        )
        row(
            "SQLite cache, cold (fresh file)",
            count,
            best(
                names,
                lambda: CachedGeocoder(service, AnswerCache(next(files)), settings.namespace).geocode,
            ),
        )
        warm = filled(service, folder / "warm-online.sqlite", settings.namespace, names)
        before = len(server.requests)
        row("SQLite cache, warm", count * 10, best(names * 10, lambda: warm.geocode))
        print(
            f"\nrequests to the server during the {REPEATS * count * 10:,} warm look-ups: "
            f"{len(server.requests) - before}"
        )


def header() -> None:
    print(f"{'path':<52} {'look-ups':>8} {'seconds':>9} {'look-ups/s':>14}")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    warnings.simplefilter("error")  # a cache warning here is a bug, not a figure
    with tempfile.TemporaryDirectory() as folder:
        offline(rounds, Path(folder))
        online(200, Path(folder))


if __name__ == "__main__":
    main()
