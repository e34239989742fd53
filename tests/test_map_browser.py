"""The exported map in a browser with the network cut off, driven as a reader would.

The map is built from the demo articles through geo's own functions, made
self-contained, and opened from disk. The only requests it may try are map
tiles (they fail offline, and the page says so and draws outlines instead).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from helpers import AFGHANISTAN, HOLDING
from map_support import errors, open_map, rgb

from geo import pipeline
from geo.mapping.assets import fetch_for_folium
from geo.mapping.page import write_map
from geo.timeline import changes, counts_on, daily_status, inferred_places, placed

CAPTURED = ("Kandahar", "Herat", "Ghazni")
FALL, AFTER = "2021-08-12", "2021-08-13"  # the day the three cities fell; the seeds' publication


@pytest.fixture(scope="session")
def demo_table() -> pd.DataFrame:
    result = pipeline.run([pipeline.DEMO])
    assert not result.problems, result.problems
    return result.table


@pytest.fixture(scope="session")
def demo_map(demo_table: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    report = fetch_for_folium()  # fills the asset cache from the npm registry if it is empty
    assert not report.failed, report.lines()
    return write_map(demo_table, AFGHANISTAN, tmp_path_factory.mktemp("map") / "map.html", self_contained=True)


@pytest.fixture
def page(offline_page, demo_map: Path):
    yield open_map(offline_page, demo_map)
    assert errors(offline_page) == []


def set_day(page, day: str) -> None:
    """Move the slider with the keyboard, as a user would, to `day`."""
    slider = page.locator(".frontline-slider")
    slider.focus()
    slider.press("Home")
    for _ in range(int(slider.get_attribute("max")) + 1):
        if page.locator(".frontline-day").text_content() == day:
            return
        slider.press("ArrowRight")
    assert page.locator(".frontline-day").text_content() == day, f"{day} is not on the slider"


def counts_text(page) -> str:
    """The counts line as a reader reads it (its labels are held to their numbers by no-break spaces)."""
    return page.locator(".frontline-counts").text_content().replace("\u00a0", " ")


def marker(page, place: str):
    return page.locator(f'path.frontline-marker[data-place="{place}"]')


def fill(page, place: str) -> str:
    return marker(page, place).evaluate("p => getComputedStyle(p).fill")


def slider_days(page) -> list[str]:
    """Every day on the slider, read by stepping through it with the keyboard."""
    slider, out = page.locator(".frontline-slider"), []
    slider.focus()
    slider.press("Home")
    for _ in range(int(slider.get_attribute("max")) + 1):
        out.append(page.locator(".frontline-day").text_content())
        slider.press("ArrowRight")
    return out


def test_captured_cities_change_colour_across_the_fall(page) -> None:
    days = slider_days(page)
    first, last = days[0], days[-1]
    assert first < FALL <= last
    set_day(page, first)
    before = {p: (marker(page, p).get_attribute("data-status"), fill(page, p)) for p in CAPTURED}
    set_day(page, last)
    after = {p: (marker(page, p).get_attribute("data-status"), fill(page, p)) for p in CAPTURED}
    for place in CAPTURED:
        assert before[place][0] != "taliban" and before[place][1] != rgb(AFGHANISTAN.colours["taliban"]), place
        assert after[place] == ("taliban", rgb(AFGHANISTAN.colours["taliban"])), place


def test_date_is_shown_large_and_follows_the_slider(page) -> None:
    label = page.locator(".frontline-day")
    last = page.locator(".frontline-range").text_content().split(" → ")[1]
    assert label.text_content() == last  # opens on the last day
    assert float(label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 24
    set_day(page, FALL)
    assert label.text_content() == FALL
    assert page.locator(".frontline-weekday").text_content() == "Thursday"


def test_slider_runs_day_by_day_from_the_day_before_the_first_claim_to_the_last(page, demo_table) -> None:
    days = slider_days(page)
    on_map = placed(demo_table)  # span-dated claims show from their report's publication
    first = date.fromisoformat(on_map["event_date"].min()) - timedelta(days=1)
    expected = [(first + timedelta(n)).isoformat() for n in range(len(days))]
    assert days == expected and days[-1] == on_map["event_date"].max()
    assert page.locator(".frontline-range").text_content() == f"{days[0]} → {days[-1]}"


def test_play_steps_day_by_day_then_pause_stops(page) -> None:
    days = slider_days(page)
    set_day(page, days[0])
    page.evaluate("""() => { window.seen = [];
        new MutationObserver(() => seen.push(document.querySelector('.frontline-day').textContent))
          .observe(document.querySelector('.frontline-day'),
                   {childList: true, characterData: true, subtree: true}); }""")
    play = page.locator(".frontline-play")
    play.click()
    assert "Pause" in play.text_content()
    page.wait_for_function(f"document.querySelector('.frontline-day').textContent === '{days[2]}'")
    play.click()  # pause
    assert "Play" in play.text_content()
    stopped = page.locator(".frontline-day").text_content()
    page.wait_for_timeout(1600)  # two steps' time
    assert page.locator(".frontline-day").text_content() == stopped
    assert page.evaluate("seen")[:2] == days[1:3]


def test_play_runs_to_the_last_day_and_stops(page) -> None:
    set_day(page, FALL)
    page.locator(".frontline-play").click()
    page.wait_for_function("document.querySelector('.frontline-play').textContent.includes('Play')", timeout=5000)
    assert page.locator(".frontline-day").text_content() == AFTER


def expected_status(table: pd.DataFrame, days: list[str]) -> dict[str, dict[str, str]]:
    """day -> place -> status, from geo.timeline; on the day before any claim, inferred or unknown."""
    daily = daily_status(table, HOLDING)
    inferred = inferred_places(changes(table), HOLDING)
    out = {d: {p: ("government" if p in inferred else "unknown") for p in daily["place"].unique()} for d in days}
    for day, place, status in zip(daily["day"], daily["place"], daily["status"]):
        out[day.isoformat()][place] = status
    return out


def test_places_whose_status_changed_that_day_are_highlighted(page, demo_table) -> None:
    days = slider_days(page)
    status = expected_status(demo_table, days)
    for before, day in zip(days, days[1:]):
        set_day(page, day)
        shown = set(
            page.locator('path.frontline-marker[data-changed="true"]').evaluate_all(
                "ps => ps.map(p => p.dataset.place)"
            )
        )
        assert shown == {p for p in status[day] if status[day][p] != status[before][p]}, day
    set_day(page, FALL)
    assert {"Kandahar", "Herat"} <= set(
        page.locator('path[data-changed="true"]').evaluate_all("ps => ps.map(p => p.dataset.place)")
    )
    ring = marker(page, "Kandahar").evaluate("p => parseFloat(getComputedStyle(p).strokeWidth)")
    plain = marker(page, "Shindand Air Base").evaluate("p => parseFloat(getComputedStyle(p).strokeWidth)")
    assert ring > plain
    assert re.match(r"Changed: .*Herat.*Kandahar", page.locator(".frontline-changed").text_content())


def test_unknown_before_first_claim_and_inferred_government_where_first_claim_is_a_capture(
    page,
) -> None:
    set_day(page, slider_days(page)[0])
    statuses = set(
        page.locator("path.frontline-marker").evaluate_all(
            "ps => ps.map(p => p.dataset.status + '/' + p.dataset.inferred)"
        )
    )
    assert statuses <= {"unknown/false", "government/true"}
    assert marker(page, "Lashkar Gah").get_attribute("data-status") == "unknown"  # first claim: fighting
    assert fill(page, "Lashkar Gah") == rgb(AFGHANISTAN.colours["unknown"])
    kandahar = marker(page, "Kandahar")
    assert kandahar.get_attribute("data-status") == "government"
    assert kandahar.get_attribute("data-inferred") == "true"
    assert fill(page, "Kandahar") == "rgb(255, 255, 255)"  # hollow
    assert kandahar.evaluate("p => getComputedStyle(p).stroke") == rgb(AFGHANISTAN.colours["government"])


def test_counts_panel_matches_the_timeline_every_day(page, demo_table: pd.DataFrame) -> None:
    daily = daily_status(demo_table, HOLDING)
    for day in slider_days(page):
        set_day(page, day)
        c = counts_on(daily, date.fromisoformat(day), AFGHANISTAN.statuses)
        expected = f"Taliban {c['taliban']} · Government {c['government']} · Contested {c['contested']}"
        assert counts_text(page) == expected
    assert counts_text(page).startswith("Taliban 4 · Government")


def test_popup_tells_status_history_evidence_and_disagreement(page) -> None:
    set_day(page, FALL)
    marker(page, "Kandahar").click(force=True)
    popup = page.locator(".leaflet-popup .frontline-popup")
    popup.wait_for()
    assert popup.locator("h4").text_content() == "Kandahar"
    assert popup.locator(".kind").text_content() == "city"
    assert popup.locator(".status").text_content() == f"On {FALL}: Taliban"
    dates = popup.locator("li").evaluate_all("items => items.map(i => i.dataset.date)")
    assert dates == sorted(dates) and FALL in dates
    fall = popup.locator(f'li[data-date="{FALL}"]')
    assert "sources disagree" in fall.text_content()
    assert "captured by the Taliban on Thursday" in fall.locator("blockquote").first.text_content()
    assert fall.locator(".source").first.text_content().strip() != ""
    assert popup.locator("a").count() == 0  # the demo articles have no URL: nothing to link


def test_open_popup_follows_the_slider(page) -> None:
    set_day(page, AFTER)
    marker(page, "Kandahar").click(force=True)
    popup = page.locator(".leaflet-popup .frontline-popup")
    assert popup.locator(".status").text_content() == f"On {AFTER}: Taliban"
    first = slider_days(page)[0]
    set_day(page, first)
    assert popup.locator(".status").text_content().startswith(f"On {first}: Government (inferred")
    assert popup.locator("li.later").count() == popup.locator("li").count()


def test_provinces_take_their_capitals_status(page) -> None:
    set_day(page, AFTER)

    def province(name):
        return page.locator(f'path.frontline-province[data-province="{name}"]')

    assert province("Kandahar").get_attribute("data-status") == "taliban"
    assert province("Kandahar").evaluate("p => getComputedStyle(p).fill") == rgb(AFGHANISTAN.colours["taliban"])
    assert province("Balkh").get_attribute("data-status") == "contested"  # Mazar-i-Sharif
    assert province("Kabul").get_attribute("data-status") == "unknown"
    set_day(page, slider_days(page)[0])
    assert province("Kandahar").get_attribute("data-status") == "unknown"  # inferred: left unshaded
    assert page.locator("path.frontline-province").count() == 34


def test_offline_the_country_outline_replaces_the_tiles(page) -> None:
    page.wait_for_selector(".frontline-offline-note")
    assert "No map tiles" in page.locator(".frontline-offline-note").text_content()
    outline = page.locator("path.frontline-outline")
    box = outline.bounding_box()
    assert box and box["width"] > 300 and box["height"] > 200
    assert page.locator(".leaflet-tile-pane").evaluate("p => getComputedStyle(p).display") == "none"


def test_page_has_no_script_or_stylesheet_to_fetch(page) -> None:
    assert page.locator("script[src]").count() == 0
    assert page.locator("link[rel=stylesheet]").count() == 0
    assert page.evaluate("typeof L") == "object"


def synthetic(url: str, title: str, article: str) -> dict:
    return {
        "article": article,
        "published": "2021-08-13",
        "place": "Ghazni",
        "place_kind": "city",
        "country": "AF",
        "latitude": 33.55391,
        "longitude": 68.42096,
        "status": "taliban",
        "event_date": "2021-08-12",
        "date_precision": "day",
        "confidence": 0.9,
        "evidence": f"The Taliban captured Ghazni ({article}).",
        "title": title,
        "url": url,
        "sentence": 1,
        "rule": "left:capture",
    }


def test_article_is_linked_only_when_its_address_is_http(offline_page, demo_map, tmp_path: Path) -> None:
    table = pd.DataFrame(
        [
            synthetic("https://news.example/ghazni", "Ghazni falls", "a.txt"),
            synthetic("", "", "b.txt"),
            synthetic("javascript:alert(1)", "Bad link", "c.txt"),
            synthetic("ftp://files.example/x", "Other scheme", "d.txt"),
        ]
    )
    page = open_map(offline_page, write_map(table, AFGHANISTAN, tmp_path / "m.html", self_contained=True))
    marker(page, "Ghazni").click(force=True)
    popup = page.locator(".leaflet-popup .frontline-popup")
    links = popup.locator("a")
    assert links.count() == 1
    assert links.get_attribute("href") == "https://news.example/ghazni"
    assert links.text_content() == "Ghazni falls"
    assert {"b.txt", "Bad link", "Other scheme"} <= set(popup.locator(".source span").all_text_contents())
    assert errors(page) == []


def test_a_map_without_claims_says_so(offline_page, demo_map, tmp_path: Path) -> None:
    empty = pd.DataFrame(columns=list(synthetic("", "", "a.txt")))
    page = open_map(offline_page, write_map(empty, AFGHANISTAN, tmp_path / "empty.html", self_contained=True))
    assert page.locator(".frontline-panel").text_content() == "No located control claims to show."
    assert page.locator("path.frontline-province").count() == 34
    assert errors(page) == []


SYRIAN_DAYS = """Rebels take Aleppo

Published 6 December 2024

Hayat Tahrir al-Sham fighters captured Aleppo on November 30.
Syrian rebels captured Hama on Thursday after days of fighting.
The Kurdish-led Syrian Democratic Forces took control of Deir ez-Zor on Friday.
Fighting raged in Homs on Friday.
The Syrian army still holds Latakia.
"""


def test_a_war_of_three_sides_is_drawn_in_its_colours(offline_page, tmp_path: Path) -> None:
    """Syria's profile: three sides and contested, each in its colour, counted, in the legend; a place first
    reported captured is the holding side's (hollow) until then; its governorates are drawn."""
    from geo import profiles
    from geo.extraction.reader import reader_for

    syria = profiles.load("syria-2024")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "aleppo.txt").write_text(SYRIAN_DAYS, encoding="utf-8")
    table = pipeline.run([tmp_path / "reports"], reader=reader_for(syria)).table
    page = open_map(offline_page, write_map(table, syria, tmp_path / "syria.html", self_contained=True))
    set_day(page, "2024-12-06")
    assert counts_text(page) == "Opposition 2 · Government 1 · SDF 1 · Contested 1"
    for place, side in [("Aleppo", "opposition"), ("Deir ez-Zor", "sdf"), ("Latakia", "government")]:
        assert marker(page, place).get_attribute("data-status") == side
        assert fill(page, place) == rgb(syria.colours[side])
    legend = page.locator(".frontline-legend").text_content()
    assert all(label in legend for label in ("Opposition", "Government", "SDF", "Contested", "Government (inferred)"))
    set_day(page, "2024-12-01")  # Hama not yet taken: held by the government, hollow
    assert marker(page, "Hama").get_attribute("data-inferred") == "true"
    assert marker(page, "Hama").evaluate("p => getComputedStyle(p).stroke") == rgb(syria.colours["government"])
    assert page.locator("path.frontline-province").count() == 15  # 14 governorates, Quneitra in two parts
    assert errors(page) == []
