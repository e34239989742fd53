"""Dashboard responsiveness: server-side rerun time after a slider move, and time to first render.

Run: python bench/dashboard.py [N_PLACES]
Drives dashboard.py with Streamlit's AppTest (the script run the server would
do, without the browser), over temporary databases:
- time to first render of the demo (empty database: demo extraction included),
  then a second visitor's first render (caches warm);
- with N synthetic places (default 1,000, three claims each over two months):
  the first render, then reruns after moving the day slider, with the
  dashboard's caches, and with every cache cleared before each rerun (the
  baseline: what a rerun costs when nothing is cached).
Target: a slider move under 300 ms with 1,000 places.
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from geo.articles import Metadata, article_from_text  # noqa: E402
from geo.records import STATUSES, Event, Place  # noqa: E402
from geo.store import Store  # noqa: E402

DASHBOARD = str(ROOT / "dashboard.py")
FIRST_DAY = date(2021, 7, 1)
DAYS = 60
MOVES = 7


def synthetic(places: int, seed: int = 1) -> tuple[list, dict[str, Place]]:
    """N places in Afghanistan's box, three claims each on random days, spread over 50 articles."""
    rng = random.Random(seed)
    located = {f"Place {i:04d}": Place(f"Place {i:04d}", "city", "AF", round(30 + rng.random() * 7, 5),
                                       round(61 + rng.random() * 10, 5), f"Province {i % 34}", "bench")
               for i in range(places)}
    by_article: dict[str, list[Event]] = {}
    for i, place in enumerate(located.values()):
        article = f"synthetic-{i % 50:02d}.txt"
        for n in range(3):
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            by_article.setdefault(article, []).append(Event(
                article=article, published="2021-09-01", place=place.name, place_kind="city", country="AF",
                latitude=place.latitude, longitude=place.longitude, status=rng.choice(STATUSES),
                event_date=day.isoformat(), date_precision="day", confidence=round(rng.random(), 2),
                evidence=f"Synthetic claim {n} about {place.name}.", title="Synthetic", url="",
                sentence=len(by_article.get(article, [])), rule="left:capture"))
    articles = [(article_from_text(f"Synthetic report number {name} about many places.", name,
                                   Metadata(published=date(2021, 9, 1), title="Synthetic")), events)
                for name, events in by_article.items()]
    return articles, located


def synthetic_db(places: int) -> Path:
    path = Path(tempfile.mkdtemp()) / "bench.sqlite"
    store = Store(path)
    articles, located = synthetic(places)
    for article, events in articles:
        store.add_article(article, events, {e.place: located[e.place] for e in events})
    return path


def timed_run(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    took = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"the dashboard failed: {[e.value for e in at.exception]}")
    return took


def first_render(db: Path) -> tuple[AppTest, float]:
    os.environ["FRONTLINE_DB"] = str(db)
    at = AppTest.from_file(DASHBOARD, default_timeout=600)
    return at, timed_run(at)


def slider_moves(at: AppTest, clear: bool) -> list[float]:
    """Rerun times after moving the day slider to MOVES days not shown before in this mode."""
    days = [FIRST_DAY + timedelta(days=d) for d in range(3, DAYS, DAYS // (MOVES + 1))][:MOVES]
    times = []
    for day in days:
        at.slider(key="day").set_value(day + timedelta(days=1 if clear else 0))
        if clear:
            st.cache_data.clear()
            st.cache_resource.clear()
        times.append(timed_run(at))
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.0f} ms"


def main() -> None:
    places = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(f"Dashboard bench (AppTest, server side; {os.cpu_count()} CPUs)")
    demo = Path(tempfile.mkdtemp()) / "demo.sqlite"
    _, cold = first_render(demo)
    _, warm = first_render(demo)
    print(f"  demo, first render, empty database (extraction included): {ms(cold)}")
    print(f"  demo, a second visitor's first render (caches warm):        {ms(warm)}")

    db = synthetic_db(places)
    at, first = first_render(db)
    print(f"  {places:,} places ({places * 3:,} claims), first render:                {ms(first)}")
    cached = slider_moves(at, clear=False)
    baseline = slider_moves(at, clear=True)
    print(f"  {places:,} places, rerun after a slider move, cached   median {ms(statistics.median(cached))}"
          f"  max {ms(max(cached))}  (target < 300 ms)")
    print(f"  {places:,} places, same rerun, caches cleared (baseline) median {ms(statistics.median(baseline))}"
          f"  max {ms(max(baseline))}")


if __name__ == "__main__":
    main()
