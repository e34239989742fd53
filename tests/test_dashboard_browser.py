"""The dashboard as served by `streamlit run`, in headless Chromium with every other host blocked.

Why: AppTest runs the script but not the browser; only a real page shows that
the map in its iframe loads from the offline cache and follows the day slider,
that every part of the page shows the slider's day (AppTest reruns the whole
script, so it cannot see a part left on an older day), and that the map keeps
the reader's zoom. The server runs on 127.0.0.1 over a fresh database and is
always stopped.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from map_support import TILE_HOST, errors

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("FRONTLINE_SHOTS", "/tmp"))
STARTUP_SECONDS = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}", pytrace=False)
        try:
            with urllib.request.urlopen(url + "_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not answer within {STARTUP_SECONDS}s:\n{log.read_text()}", pytrace=False)


@pytest.fixture(scope="module")
def server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dashboard") / "streamlit.log"


@contextmanager
def served(log: Path) -> Iterator[str]:
    """`streamlit run dashboard.py` on a free local port over an empty database beside `log`; stopped afterwards."""
    tmp_path = log.parent
    port = free_port()
    env = {**os.environ, "FRONTLINE_DB": str(tmp_path / "frontline.sqlite")}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "dashboard.py"),
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
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_until_up(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def dashboard(server_log: Path) -> Iterator[str]:
    """The dashboard over a database of its own (the demo is loaded by the first test that opens it)."""
    with served(server_log) as url:
        yield url


def open_demo(page, url: str) -> None:
    """The page, with the demo loaded if the database is still empty (it starts so; the demo is on request)."""
    page.goto(url)
    page.wait_for_selector(f"{MAP_FRAME}, button:has-text('Load the demo articles')", timeout=60_000)
    offer = page.get_by_role("button", name="Load the demo articles")
    if offer.count():
        offer.click()


def count_tile_failures(page) -> None:
    """The map keeps its tile layer for online readers; offline each tile fails. Count them, as map_support does."""
    page.tile_failures = 0

    def console(msg) -> None:
        if msg.type == "error" and msg.location.get("url", "").startswith(TILE_HOST):
            page.tile_failures += 1

    page.on("console", console)


MAP_FRAME = "iframe[data-testid=stCustomComponentV1]"


def map_day(page, day: str):
    """The map inside the dashboard's iframe, once it shows `day`."""
    frame = page.frame_locator(MAP_FRAME).first
    container = frame.locator(f".leaflet-container[data-day='{day}']")
    container.wait_for(timeout=60_000)
    return frame


def marker_status(frame, place: str) -> str:
    return frame.locator(f".frontline-marker[data-place='{place}']").first.get_attribute("data-status")


def day_slider(page):
    """The page's one day slider: the map's own (the dashboard has no other)."""
    return page.frame_locator(MAP_FRAME).first.locator("input[type=range][aria-label='Day']")


def shown_day(page) -> str:
    """The day the map's panel shows."""
    return page.frame_locator(MAP_FRAME).first.locator(".frontline-day").inner_text()


def page_day(page, day: str) -> None:
    """Wait until the page outside the map (its heading over counts, chart and tabs) shows `day`."""
    page.get_by_text(re.compile(f"^{day}, ")).wait_for(timeout=30_000)


def test_the_day_slider_moves_the_map(offline_page, dashboard: str) -> None:
    page = offline_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    count_tile_failures(page)
    open_demo(page, dashboard)
    frame = map_day(page, "2021-08-13")
    assert [marker_status(frame, p) for p in ("Kandahar", "Herat", "Ghazni")] == ["taliban"] * 3
    taliban = page.get_by_test_id("stMetricValue").first
    taliban_on_13th = int(taliban.inner_text())
    page.screenshot(path=SHOTS / "frontline-dashboard-last-day.png")

    assert page.locator("input[type=range][aria-label='Day']").count() == 0  # one day slider: the map's
    thumb = day_slider(page)
    thumb.focus()
    page.keyboard.press("Home")  # the first day of the timeline, before the 12th
    first = shown_day(page)
    assert first < "2021-08-12"
    frame = map_day(page, first)
    for place in ("Kandahar", "Herat"):
        assert marker_status(frame, place) == "government"  # held until its reported capture
        assert frame.locator(f".frontline-marker[data-place='{place}']").first.get_attribute("data-inferred") == "true"
    page.wait_for_function(
        "n => document.querySelector('[data-testid=stMetricValue]').innerText < n",
        arg=str(taliban_on_13th),
    )
    page_day(page, first)
    page.screenshot(path=SHOTS / "frontline-dashboard-first-day.png")

    thumb.focus()
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    frame = map_day(page, "2021-08-12")
    assert marker_status(frame, "Kandahar") == "taliban"
    page_day(page, "2021-08-12")
    assert errors(page) == []


def days_seen(page, start: str, seconds: float = 60) -> list[str]:
    """The days the map shows, in order, from when it leaves `start` until it is back on it.

    A slow page may skip a day's frame, and a frame being replaced cannot be read: both are tolerated.
    """
    seen: list[str] = [start]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and (len(seen) == 1 or seen[-1] != start):
        container = page.frame_locator(MAP_FRAME).first.locator(".leaflet-container[data-day]")
        try:
            day = container.get_attribute("data-day", timeout=1_000)
        except Exception:  # noqa: BLE001 - the frame is being replaced by the next day's: look again
            continue
        if day and day != seen[-1]:
            seen.append(day)
        time.sleep(0.1)
    return seen[1:]


def test_play_steps_the_map_through_the_days(offline_page, dashboard: str) -> None:
    page = offline_page
    count_tile_failures(page)
    open_demo(page, dashboard)
    frame = map_day(page, "2021-08-13")
    assert page.get_by_role("button", name=re.compile("Play")).count() == 0  # one Play: the map's
    frame.get_by_role("button", name=re.compile(r"Play$")).click()
    page_day(page, "2021-08-10")  # from the start again, and the page follows the map
    seen = days_seen(page, start="2021-08-13")
    assert seen[-1] == "2021-08-13" and seen[0] < "2021-08-13"  # to the end
    assert seen == sorted(seen) and len(seen) >= 2  # forward
    frame.get_by_role("button", name=re.compile(r"Play$")).wait_for(timeout=30_000)  # stops at the last day
    page_day(page, "2021-08-13")
    page.screenshot(path=SHOTS / "frontline-dashboard-played.png")
    assert errors(page) == []


def slider_to(page, *keys: str) -> str:
    """Press keys on the day slider; the day it then shows."""
    thumb = day_slider(page)
    thumb.focus()
    for key in keys:
        page.keyboard.press(key)
    return shown_day(page)


def open_tab(page, name: str) -> None:
    page.get_by_test_id("stTab").filter(has_text=name).click()


def test_place_history_and_the_map_download_show_the_sliders_day(offline_page, dashboard: str, tmp_path: Path) -> None:
    page = offline_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    count_tile_failures(page)
    open_demo(page, dashboard)
    map_day(page, "2021-08-13")
    day = slider_to(page, "End", "ArrowLeft", "ArrowLeft")
    assert day == "2021-08-11"
    frame = map_day(page, day)
    assert marker_status(frame, "Kandahar") == "government"
    page_day(page, day)

    open_tab(page, "Place history")
    page.get_by_text(re.compile(r" on 2021-08-11: ")).wait_for(timeout=30_000)
    assert page.get_by_text(re.compile(r" on 2021-08-13: ")).count() == 0

    open_tab(page, "Export")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Map (map.html)").click()
    saved = tmp_path / "map.html"
    download.value.save_as(saved)
    exported = page.context.new_page()
    exported.goto(saved.as_uri())
    exported.locator(".leaflet-container[data-day='2021-08-11']").wait_for(timeout=30_000)
    assert exported.locator(".frontline-day").inner_text() == "2021-08-11"
    exported.close()
    page.screenshot(path=SHOTS / "frontline-dashboard-export-tab.png", full_page=True)
    assert errors(page) == []


def map_view(frame) -> tuple[str, dict[str, tuple[int, int]]]:
    """What the reader sees of the map once it stands still: the scale bar, and where each drawn marker is."""
    now = """() => [document.querySelector('.leaflet-control-scale-line').textContent,
      Object.fromEntries([...document.querySelectorAll('.frontline-marker')]
        .map(m => [m.dataset.place, m.getBoundingClientRect()]).filter(([, r]) => r.width > 3)
        .map(([name, r]) => [name, [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)]]))]"""
    last, deadline = frame.locator("body").evaluate(f"(body) => ({now})()"), time.monotonic() + 10
    while time.monotonic() < deadline:
        time.sleep(0.4)  # longer than Leaflet's zoom animation
        seen = frame.locator("body").evaluate(f"(body) => ({now})()")
        if seen == last:
            break
        last = seen
    scale, spots = last
    return scale, {name: tuple(at) for name, at in spots.items()}


def test_the_maps_zoom_survives_a_slider_step(offline_page, dashboard: str, server_log: Path) -> None:
    page = offline_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    count_tile_failures(page)
    open_demo(page, dashboard)
    frame = map_day(page, "2021-08-13")
    scale, _ = map_view(frame)
    frame.locator(".leaflet-control-zoom-in").click()
    zoomed = map_view(frame)
    assert zoomed[0] != scale and len(zoomed[1]) >= 2  # zoomed in: a shorter scale bar, markers still in view

    slider_to(page, "ArrowLeft")
    frame = map_day(page, "2021-08-12")
    assert map_view(frame) == zoomed  # same zoom, same centre: every marker where it was
    assert "created with a default value" not in server_log.read_text()  # Streamlit's warning about the day
    assert errors(page) == []


def on_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"]


@pytest.mark.parametrize(
    ("button", "said"), [("Save reviews", "Saved 0 review(s)."), ("Undo last review", "Nothing to undo.")]
)
def test_save_and_undo_leave_the_page_where_it_was(offline_page, dashboard: str, button: str, said: str) -> None:
    page = offline_page
    page.set_viewport_size({"width": 1400, "height": 900})
    count_tile_failures(page)
    open_demo(page, dashboard)
    map_day(page, "2021-08-13")
    clicked = page.get_by_role("button", name=button)
    for _ in range(10):  # a rerun still drawing (the map's day coming back) may move the page once more
        clicked.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        if on_screen(page, clicked):
            break
    assert on_screen(page, clicked) and not on_screen(page, page.get_by_role("heading", name="Frontline"))
    clicked.click()
    page.get_by_text(said).wait_for(timeout=30_000)
    page.wait_for_timeout(1_000)  # the rerun has finished drawing
    assert on_screen(page, page.get_by_role("button", name=button))  # not thrown back to the top
    assert on_screen(page, page.get_by_text(said))  # and the answer is where the reader looks
    assert errors(page) == []


KUNDUZ = "Taliban take Kunduz\n\nThe Taliban captured Kunduz on Sunday after days of fighting, officials said.\n"
HERAT = "Taliban take Herat\n\nThe Taliban captured Herat on Thursday after weeks of fighting, residents said.\n"
INDEX = "file,url,published,title\nkunduz.txt,,2021-08-09,Kunduz falls\nherat.txt,,2021-08-13,Herat falls\n"


def settled(page) -> None:
    """Wait until the app has finished the rerun a widget change started (its running indicator gone)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)


def test_upload_with_an_index_then_a_date_typed_in_the_table_moves_the_map(
    offline_page, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("upload")
    for name, text in (("kunduz.txt", KUNDUZ), ("herat.txt", HERAT), ("index.csv", INDEX)):
        (folder / name).write_text(text, encoding="utf-8")
    page = offline_page
    page.set_viewport_size({"width": 1400, "height": 1000})
    count_tile_failures(page)
    with served(tmp_path_factory.mktemp("fresh") / "streamlit.log") as url:
        page.goto(url)
        page.get_by_role("button", name="Load the demo articles").wait_for(timeout=60_000)  # empty at first
        page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(
            [str(folder / n) for n in ("kunduz.txt", "herat.txt", "index.csv")]
        )
        page.get_by_role("button", name="Add uploaded articles").click()
        frame = map_day(page, "2021-08-13")  # the map opens on the last day: Herat's report, dated by the index
        assert marker_status(frame, "Kunduz") == "taliban"  # Sunday the 8th, before a Monday report

        page.get_by_role("tab", name="Articles").click()
        grid = page.get_by_role("tabpanel", name="Articles").locator("[data-testid=stDataFrame]").first
        grid.scroll_into_view_if_needed()
        grid.click(position={"x": 20, "y": 35 + 17})  # the first row's first cell: kunduz.txt, dated earliest
        page.keyboard.press("ArrowRight")  # its published date
        page.keyboard.press("Enter")
        editor = page.get_by_test_id("date-picker-cell")  # the grid's date editor, showing 2021-08-09
        editor.wait_for(timeout=10_000)
        assert editor.input_value() == "2021-08-09"
        editor.fill("2021-08-16")
        editor.press("Enter")
        editor.wait_for(state="detached", timeout=10_000)
        settled(page)  # the edit reaches the server as a rerun of its own before Save is pressed
        page.get_by_role("button", name="Save article details").click()
        # The page stays on its day, the 13th: Kunduz, now taken on the 15th, is held by the government there
        # until then (inferred), where it was Taliban before the date was typed.
        frame = map_day(page, "2021-08-13")
        kunduz = frame.locator(".frontline-marker[data-place='Kunduz'][data-status='government']").first
        kunduz.wait_for(timeout=60_000)
        assert kunduz.get_attribute("data-inferred") == "true"
        page.screenshot(path=SHOTS / "frontline-dashboard-dated.png")
        assert errors(page) == []
