"""Dashboard responsiveness: server-side rerun time after a slider move, and time to first render.

Run: python bench/dashboard.py [N_PLACES] [--no-browser]
Drives dashboard.py with Streamlit's AppTest (the script run the server would
do, without the browser), over temporary databases:
- time to first render of the demo (empty database: demo extraction included),
  then a second visitor's first render (caches warm);
- with N synthetic places (default 1,000, three claims each over two months):
  the first render, then reruns after moving the day slider, with the
  dashboard's caches, and with every cache cleared before each rerun (the
  baseline: what a rerun costs when nothing is cached).
Then, unless --no-browser, what a user waits for: `streamlit run` on
127.0.0.1 and headless Chromium ($CHROMIUM, default /usr/bin/chromium, other
hosts blocked), from opening the page to the map drawn in its frame.
Target: a slider move under 300 ms with 1,000 places.
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from geo.app.store import Store  # noqa: E402
from geo.extraction.articles import Metadata, article_from_text  # noqa: E402
from geo.records import STATUSES, Event, Place  # noqa: E402

DASHBOARD = str(ROOT / "dashboard.py")
FIRST_DAY = date(2021, 7, 1)
DAYS = 60
MOVES = 7


def synthetic(places: int, seed: int = 1) -> tuple[list, dict[str, Place]]:
    """N places in Afghanistan's box, three claims each on random days, spread over 50 articles."""
    rng = random.Random(seed)
    located = {
        f"Place {i:04d}": Place(
            f"Place {i:04d}",
            "city",
            "AF",
            round(30 + rng.random() * 7, 5),
            round(61 + rng.random() * 10, 5),
            f"Province {i % 34}",
            "bench",
        )
        for i in range(places)
    }
    by_article: dict[str, list[Event]] = {}
    for i, place in enumerate(located.values()):
        article = f"synthetic-{i % 50:02d}.txt"
        for n in range(3):
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            by_article.setdefault(article, []).append(
                Event(
                    article=article,
                    published="2021-09-01",
                    place=place.name,
                    place_kind="city",
                    country="AF",
                    latitude=place.latitude,
                    longitude=place.longitude,
                    status=rng.choice(STATUSES),
                    event_date=day.isoformat(),
                    date_precision="day",
                    confidence=round(rng.random(), 2),
                    evidence=f"Synthetic claim {n} about {place.name}.",
                    title="Synthetic",
                    url="",
                    sentence=len(by_article.get(article, [])),
                    rule="left:capture",
                )
            )
    articles = [
        (
            article_from_text(
                f"Synthetic report number {name} about many places.",
                name,
                Metadata(published=date(2021, 9, 1), title="Synthetic"),
            ),
            events,
        )
        for name, events in by_article.items()
    ]
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, limit: float = 90) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer from {url}")


def browser_first_render() -> tuple[float, float]:
    """Seconds for `streamlit run` to answer, then from opening the page to the map drawn (fresh database)."""
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = {**os.environ, "FRONTLINE_DB": str(Path(tempfile.mkdtemp()) / "browser.sqlite")}
    started = time.perf_counter()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            DASHBOARD,
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/_stcore/health")
        up = time.perf_counter() - started
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                headless=True,
                args=["--no-sandbox"],
            )
            page = browser.new_page()
            page.route(
                "**/*",
                lambda r: (
                    r.continue_()
                    if r.request.url.startswith((f"http://127.0.0.1:{port}", "data:", "about:", "blob:"))
                    else r.abort()
                ),
            )
            opened = time.perf_counter()
            page.goto(f"http://127.0.0.1:{port}/")
            page.frame_locator("iframe[data-testid=stIFrame]").first.locator(".leaflet-container[data-day]").wait_for(
                timeout=120_000
            )
            drawn = time.perf_counter() - opened
            browser.close()
        return up, drawn
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    places = int(args[0]) if args else 1000
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
    print(
        f"  {places:,} places, rerun after a slider move, cached   median {ms(statistics.median(cached))}"
        f"  max {ms(max(cached))}  (target < 300 ms)"
    )
    print(
        f"  {places:,} places, same rerun, caches cleared (baseline) median {ms(statistics.median(baseline))}"
        f"  max {ms(max(baseline))}"
    )
    if "--no-browser" not in sys.argv:
        up, drawn = browser_first_render()
        print(f"  browser: `streamlit run` answering after {ms(up)}; page opened to demo map drawn {ms(drawn)}")


if __name__ == "__main__":
    main()
