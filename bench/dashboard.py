"""Dashboard responsiveness as a user meets it: the running app, in Chromium.

Run: python bench/dashboard.py [N_PLACES] [--against REV] [--turns N]
Builds a database of N synthetic places (default 1,000; three claims each over two
months, 50 articles), starts `streamlit run dashboard.py` on 127.0.0.1 over a copy
of it, and drives headless Chromium ($CHROMIUM, default /usr/bin/chromium; every
other host blocked) through:
- first render: opening the page to the map drawn in its frame, on a fresh server
  (cold: every cache empty) and then for a second visitor (warm; target <= 2 s);
- slider input to redrawn map: from the key going down on the day slider to the
  first frame painted with the map on the new day, timed inside the page (target
  <= 250 ms), median and max of several steps; and, where the page names its day
  over the counts, until the rest of the page follows (timed from Python);
- Play over 30 days: pressing Play (from the first day) until the map shows the
  30th day after it, at the dashboard's default speed.
`--against REV` measures an older revision too, in the same run: it is checked
out into a temporary git worktree and served the same way, in turns with this
tree, over its own copy of the same database. Figures are printed side by side.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.app.store import Store  # noqa: E402
from geo.extraction.articles import Metadata, article_from_text  # noqa: E402
from geo.profiles import load as load_profile  # noqa: E402
from geo.records import Event, Place  # noqa: E402

STATUSES = load_profile("afghanistan-2021").statuses

FIRST_DAY = date(2021, 7, 1)
DAYS = 60
STEPS = 8
PLAY_DAYS = 30
LOCAL = ("http://127.0.0.1", "data:", "about:", "blob:")
MAP_DAY = "() => { const c = document.querySelector('.leaflet-container[data-day]'); return c && c.dataset.day; }"


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
    path = Path(tempfile.mkdtemp(prefix="frontline-bench-")) / "bench.sqlite"
    store = Store(path)
    articles, located = synthetic(places)
    for article, events in articles:
        store.add_article(article, events, {e.place: located[e.place] for e in events})
    return path


def checkout(revision: str) -> Path:
    """An older revision in a temporary worktree."""
    where = Path(tempfile.mkdtemp(prefix="frontline-")) / revision
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(where), revision], check=True, cwd=ROOT)
    return where


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(tree: Path, database: Path):
    """`streamlit run` of `tree`'s dashboard over a private copy of `database`; stopped afterwards."""
    copy = Path(tempfile.mkdtemp(prefix="frontline-bench-")) / "frontline.sqlite"
    shutil.copy(database, copy)
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(tree / "dashboard.py"), "--server.headless", "true"]
    command += ["--server.port", str(port), "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"]
    command += ["--browser.gatherUsageStats", "false"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"FRONTLINE_DB": str(copy)}
    server = subprocess.Popen(command, cwd=tree, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit(f"no answer from {url}") from None
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def map_day(page) -> str | None:
    """The day the map shows, in whichever frame it is (None while a frame is being replaced)."""
    for frame in page.frames:
        try:
            day = frame.evaluate(MAP_DAY)
        except Exception:  # noqa: BLE001 - a frame detached mid-question: ask the others
            continue
        if day:
            return day
    return None


def wait_for_day(page, day: str | None = None, limit: float = 180) -> float:
    """Seconds until the map shows `day` (any day if None)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        shown = map_day(page)
        if shown and (day is None or shown == day):
            return time.perf_counter() - start
        time.sleep(0.005)
    raise SystemExit(f"the map never showed {day or 'a day'} (it shows {map_day(page)})")


def new_page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(LOCAL) else r.abort())
    return page


def first_render(browser, url: str) -> float:
    page = new_page(browser)
    start = time.perf_counter()
    page.goto(url)
    wait_for_day(page)
    took = time.perf_counter() - start
    page.close()
    return took


def day_slider(page):
    """The page's day slider: the dashboard's own if it has one (older revisions), else the map's."""
    outside = page.locator("input[type=range][aria-label='Day']")
    if outside.count():
        return outside.first
    return page.frame_locator("iframe[data-testid=stCustomComponentV1]").first.locator("input[aria-label='Day']")


def play_button(page):
    outside = page.get_by_role("button", name="Play")
    if outside.count():
        return outside.first
    return page.frame_locator("iframe[data-testid=stCustomComponentV1]").first.get_by_role("button", name="▶ Play")


def page_follows(page, day: str, limit: float = 30) -> float | None:
    """Seconds until the page outside the map names `day` (revisions that say it); None if it never does."""
    start = time.perf_counter()
    heading = page.get_by_text(re.compile(f"^{day}, "))
    while time.perf_counter() - start < limit:
        if heading.count():
            return time.perf_counter() - start
        time.sleep(0.005)
    return None


# In the page itself, so Python's polling does not count: when the key went down (in whichever
# document holds the slider) and the first frame painted after the map showed the day (in
# whichever same-origin frame holds the map; older revisions replace that frame on each step).
WATCH = """(day) => {
  const docs = () => [document, ...[...document.querySelectorAll('iframe')].map(f => {
    try { return f.contentDocument; } catch (e) { return null; } }).filter(Boolean)];
  window.__keyAt = null; window.__drawnAt = null;
  docs().forEach(d => d.addEventListener('keydown', () => { window.__keyAt = window.__keyAt || Date.now(); },
    {capture: true, once: true}));
  const shown = () => docs().some(d => d.querySelector(`.leaflet-container[data-day='${day}']`));
  (function tick() { if (shown()) { window.__drawnAt = Date.now(); } else { requestAnimationFrame(tick); } })();
}"""


def slider_steps(browser, url: str) -> tuple[list[float], list[float]]:
    """Key press on the day slider to the map drawn on the new day (and to the page naming it), STEPS times."""
    page = new_page(browser)
    page.goto(url)
    wait_for_day(page)
    slider = day_slider(page)
    times, follows = [], []
    for _ in range(STEPS):
        before = date.fromisoformat(map_day(page) or "")
        page.wait_for_timeout(600)  # let the page settle, as a reader would between steps
        day = (before - timedelta(days=1)).isoformat()
        slider.focus()
        page.evaluate(WATCH, day)
        start = time.perf_counter()
        page.keyboard.press("ArrowLeft")
        wait_for_day(page, day)
        page.wait_for_function("() => window.__drawnAt && window.__keyAt")
        times.append(page.evaluate("() => window.__drawnAt - window.__keyAt") / 1000)
        if page_follows(page, day, limit=5 if not follows else 30) is not None:
            follows.append(time.perf_counter() - start)
    page.close()
    return times, follows


def play(browser, url: str) -> float:
    """Play from the first day until the map shows the PLAY_DAYS-th day after it."""
    page = new_page(browser)
    page.goto(url)
    wait_for_day(page)
    slider = day_slider(page)
    slider.focus()
    page.keyboard.press("Home")
    page.wait_for_timeout(1500)
    first = date.fromisoformat(map_day(page) or "")
    slider.focus()
    page.keyboard.press("End")  # Play starts again from the first day when at the end
    page.wait_for_timeout(1500)
    start = time.perf_counter()
    play_button(page).click()
    wait_for_day(page, (first + timedelta(days=PLAY_DAYS)).isoformat(), limit=300)
    took = time.perf_counter() - start
    page.close()
    return took


def measure(browser, tree: Path, database: Path) -> dict[str, list[float]]:
    with served(tree, database) as url:
        cold = first_render(browser, url)
        warm = [first_render(browser, url) for _ in range(3)]
        steps, follows = slider_steps(browser, url)
        playing = play(browser, url)
    return {"cold": [cold], "warm": warm, "steps": steps, "follows": follows, "play": [playing]}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def main() -> None:
    arguments = sys.argv[1:]
    against = None
    if "--against" in arguments:
        at = arguments.index("--against")
        against, arguments = arguments[at + 1], arguments[:at] + arguments[at + 2 :]
    places = int(arguments[0]) if arguments else 1000
    from playwright.sync_api import sync_playwright

    database = synthetic_db(places)
    older = checkout(against) if against else None
    trees = {"this tree": ROOT} | ({f"{against[:12]}": older} if older else {})
    results: dict[str, dict[str, list[float]]] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), headless=True, args=["--no-sandbox"]
            )
            for name, tree in trees.items():
                results[name] = measure(browser, tree, database)
            browser.close()
    finally:
        if older:
            subprocess.run(["git", "worktree", "remove", "--force", str(older)], cwd=ROOT, capture_output=True)
        shutil.rmtree(database.parent, ignore_errors=True)
    print(f"Dashboard bench: {places:,} places, {places * 3:,} claims, Chromium; {os.cpu_count()} CPUs")
    print(f"{'':44}" + "".join(f"{name:>22}" for name in results))
    rows = [
        ("first render, fresh server (cold)", lambda r: ms(r["cold"][0])),
        ("first render, next visitor (warm, median)", lambda r: ms(statistics.median(r["warm"])) + "  "),
        ("slider input to redrawn map, median", lambda r: ms(statistics.median(r["steps"]))),
        ("slider input to redrawn map, max", lambda r: ms(max(r["steps"]))),
        (
            "slider input to the page's counts, median",
            lambda r: ms(statistics.median(r["follows"])) if r["follows"] else "(not shown)",
        ),
        (f"Play over {PLAY_DAYS} days (default speed)", lambda r: f"{r['play'][0]:8.1f} s"),
    ]
    for label, cell in rows:
        print(f"  {label:42}" + "".join(f"{cell(r):>22}" for r in results.values()))
    print("targets: slider to map <= 250 ms with 1,000 places; warm first render <= 2 s")


if __name__ == "__main__":
    main()
