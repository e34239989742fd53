"""Benchmark of the exported map: file size, build time and one slider step in Chromium.

    python bench/map.py [--sizes 100,1000,5000] [--events 10]

Each size is N synthetic places with 10 claims each (random statuses over 60
days, a sentence of evidence and one of 200 articles per claim). Side by side,
in the same run, the baseline: folium's own Timeline + TimelineSlider plugin
drawing the same claims as dated circle markers. Both exports are
self-contained and opened offline in Debian's Chromium. "step" is
performance.now() around one dispatched `input` event on the slider (the
page's own work); "step+paint" waits for the next two animation frames too,
so it includes style, layout and paint. Medians of 7 steps mid-range.
Targets (issue 5): 1,000 places / 10,000 claims in at most 5 MB, built in under
5 s, a step under 50 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.mapping.assets import inline_assets  # noqa: E402
from geo.mapping.page import map_html  # noqa: E402
from geo.profiles import load as load_profile  # noqa: E402

AFGHANISTAN = load_profile("afghanistan-2021")
STATUSES, COLORS = AFGHANISTAN.statuses, AFGHANISTAN.colours
FIRST_DAY = date(2021, 7, 1)
SPAN = 60
STEPS = 7
WORDS = (
    "fighters",
    "district",
    "convoy",
    "checkpoint",
    "governor",
    "officials",
    "residents",
    "highway",
    "airport",
    "police",
    "headquarters",
    "commander",
    "outskirts",
    "reinforcements",
    "market",
)


def sentence(rng: random.Random, place: str, status: str) -> str:
    filler = " ".join(rng.choice(WORDS) for _ in range(14))
    return f"Reports said {place} was {status} on the day, as {filler} described the situation."


def synthetic_events(places: int, per_place: int = 10, seed: int = 1) -> pd.DataFrame:
    """Claims for `places` places spread over Afghanistan, `per_place` each on distinct days."""
    rng = random.Random(seed)
    rows = []
    for p in range(places):
        name = f"Place {p:05d}"
        lat, lon = rng.uniform(30.0, 37.0), rng.uniform(62.0, 70.5)
        for day in sorted(rng.sample(range(SPAN), per_place)):
            status, article = rng.choice(STATUSES), rng.randrange(200)
            rows.append(
                {
                    "article": f"article_{article:03d}.txt",
                    "published": (FIRST_DAY + timedelta(SPAN)).isoformat(),
                    "place": name,
                    "place_kind": "city",
                    "country": "AF",
                    "latitude": lat,
                    "longitude": lon,
                    "status": status,
                    "event_date": (FIRST_DAY + timedelta(day)).isoformat(),
                    "date_precision": "day",
                    "confidence": round(rng.uniform(0.5, 0.95), 2),
                    "evidence": sentence(rng, name, status),
                    "title": f"Report number {article} on the offensive",
                    "url": f"https://news.example/{article}",
                    "sentence": 1,
                    "rule": "left:capture" if status == "taliban" else "left:fight",
                }
            )
    return pd.DataFrame(rows)


def build_ours(events: pd.DataFrame) -> str:
    return map_html(events, AFGHANISTAN, self_contained=True)


def build_baseline(events: pd.DataFrame) -> str:
    """folium Timeline + TimelineSlider: one feature per claim, shown from its day to the place's next claim."""
    import folium
    from folium.plugins import Timeline, TimelineSlider
    from folium.utilities import JsCode

    end_all = (FIRST_DAY + timedelta(SPAN + 1)).isoformat()
    features = []
    for _, rows in events.groupby("place", sort=False):
        days = list(rows["event_date"]) + [end_all]
        for (_, row), end in zip(rows.iterrows(), days[1:]):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [row["longitude"], row["latitude"]],
                    },
                    "properties": {
                        "start": row["event_date"],
                        "end": end,
                        "endExclusive": True,
                        "status": row["status"],
                        "place": row["place"],
                        "evidence": row["evidence"],
                    },
                }
            )
    m = folium.Map(location=(34, 66), zoom_start=6, tiles="OpenStreetMap")
    point = JsCode(
        "function (f, latlng) { var c = " + str(COLORS).replace("'", '"') + ";"
        " return L.circleMarker(latlng, {radius: 8, fillColor: c[f.properties.status],"
        " color: '#333', weight: 1.5, fillOpacity: 0.95}); }"
    )
    timeline = Timeline({"type": "FeatureCollection", "features": features}, pointToLayer=point).add_to(m)
    TimelineSlider(auto_play=False, date_options="YYYY-MM-DD").add_timelines(timeline).add_to(m)
    return inline_assets(m.get_root().render())


OURS_STEP = """async (k) => {
  const s = document.querySelector('.frontline-slider');
  s.value = k; const t = performance.now(); s.dispatchEvent(new Event('input')); const handler = performance.now() - t;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [handler, performance.now() - t];
}"""
BASE_STEP = """async (k) => {
  const s = document.querySelector('.time-slider');
  s.value = Date.parse('%s') + k * 86400000; const t = performance.now();
  s.dispatchEvent(new Event('input')); const handler = performance.now() - t;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [handler, performance.now() - t];
}""" % FIRST_DAY.isoformat()


def step_times(browser, path: Path, script: str, ready: str, offset: int) -> tuple[float, float]:
    """Median (handler ms, handler+paint ms) of STEPS consecutive one-day steps from mid-range."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(
        "**/*",
        lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort(),
    )
    page = context.new_page()
    page.goto(path.as_uri(), timeout=120_000)
    page.wait_for_selector(ready, timeout=120_000)
    page.wait_for_timeout(500)
    runs = [page.evaluate(script, SPAN // 2 + offset + k) for k in range(STEPS)]
    context.close()
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def timed(build, events: pd.DataFrame) -> tuple[str, float]:
    start = time.perf_counter()
    html = build(events)
    return html, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--sizes", default="100,1000,5000")
    args.add_argument("--events", type=int, default=10)
    opts = args.parse_args(argv)
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    header = f"{'places':>7} {'claims':>7} | {'map':<8} {'size MB':>8} {'build s':>8} {'step ms':>8} {'step+paint':>11}"
    print(header)
    print("-" * len(header))
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
            headless=True,
            args=["--no-sandbox", "--disable-gpu"],
        )
        for n in (int(s) for s in opts.sizes.split(",")):
            events = synthetic_events(n, opts.events)
            for label, build, script, ready, offset in (
                (
                    "frontline",
                    build_ours,
                    OURS_STEP,
                    ".frontline-panel",
                    1,
                ),  # index 0 is the day before
                ("baseline", build_baseline, BASE_STEP, ".time-slider", 0),
            ):
                html, seconds = timed(build, events)
                path = Path(tmp) / f"{label}_{n}.html"
                path.write_text(html, encoding="utf-8")
                step, paint = step_times(browser, path, script, ready, offset)
                print(
                    f"{n:>7} {len(events):>7} | {label:<8} {len(html.encode()) / 1e6:>8.2f} {seconds:>8.2f}"
                    f" {step:>8.1f} {paint:>11.1f}",
                    flush=True,
                )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
