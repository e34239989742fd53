"""Place names on the exported map at its default zoom: none drawn over another, the important ones first.

Why: with many places the names crowded into each other (a capital on its province, Herat on
Guzara) and read as none. Article texts never enter the repository, so the crowded map is built
from generated claims over the gazetteer's real places: every provincial capital, every district
and every province whose name differs from its capital's (the rest share their capital's name,
and so its marker). Measured in Chromium, on the boxes the browser actually draws.
"""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from helpers import AFGHANISTAN
from map_support import errors, open_map

from geo.mapping.page import write_map

LAST = date(2021, 8, 15)
SHOTS = Path(os.environ.get("FRONTLINE_SHOTS", "/tmp"))


def gazetteer_places() -> list[dict]:
    entries = json.loads(AFGHANISTAN.gazetteer.read_text(encoding="utf-8"))["entries"]
    located = [e for e in entries if e["country"] == "AF" and e.get("latitude") is not None]
    capitals = [e for e in located if e["kind"] == "city" and e.get("capital")]
    names = {e["name"] for e in capitals}
    districts = [e for e in located if e["kind"] == "district" and e["name"] not in names]
    provinces = [e for e in located if e["kind"] == "province" and e["name"] not in names]
    return capitals + districts + provinces


def generated_claims(places: list[dict]) -> pd.DataFrame:
    """Two claims per place over a fortnight; one place in seven changes hands on the last day."""
    rows = []
    for n, place in enumerate(places):
        days = [LAST - timedelta(days=14 - n % 10), LAST if n % 7 == 0 else LAST - timedelta(days=1 + n % 5)]
        for k, day in enumerate(days):
            rows.append(
                {
                    "article": f"generated-{n % 20}.txt",
                    "published": "2021-08-16",
                    "place": place["name"],
                    "place_kind": place["kind"],
                    "country": "AF",
                    "latitude": place["latitude"],
                    "longitude": place["longitude"],
                    "status": AFGHANISTAN.statuses[(n + k) % 3],
                    "event_date": day.isoformat(),
                    "date_precision": "day",
                    "confidence": 0.8,
                    "evidence": f"Generated claim {k} about {place['name']}.",
                    "title": "Generated",
                    "url": "",
                    "sentence": k,
                    "rule": "generated:capture",
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def crowded_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    places = gazetteer_places()
    assert len(places) > 250  # a crowded map, or this test proves nothing
    path = tmp_path_factory.mktemp("labels") / "map.html"
    return write_map(generated_claims(places), AFGHANISTAN, path, self_contained=True), places


LABEL_BOXES = """() => [...document.querySelectorAll('.frontline-label')].map(e => {
  const r = e.getBoundingClientRect(); return [e.textContent, r.left, r.top, r.right, r.bottom];
})"""


def overlaps(boxes: list[list]) -> list[tuple[str, str]]:
    return [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
    ]


def test_no_two_names_overlap_at_the_default_zoom(offline_page, crowded_map) -> None:
    path, places = crowded_map
    page = open_map(offline_page, path)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.wait_for_timeout(300)
    boxes = page.evaluate(LABEL_BOXES)
    page.screenshot(path=SHOTS / "frontline-labels-crowded.png")
    assert len(boxes) >= 40  # names are shown, not all hidden
    assert overlaps(boxes) == []
    named = {b[0] for b in boxes}
    assert {"Kabul", "Kandahar", "Herat", "Jalalabad"} <= named  # capitals come first
    assert errors(page) == []


def test_a_day_change_keeps_names_apart_and_names_the_changed_places_first(offline_page, crowded_map) -> None:
    path, _ = crowded_map
    page = open_map(offline_page, path)
    slider = page.locator(".frontline-slider")
    slider.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_selector(".leaflet-container[data-day='2021-08-14']")
    assert overlaps(page.evaluate(LABEL_BOXES)) == []
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(".leaflet-container[data-day='2021-08-15']")
    changed = page.evaluate("() => [...document.querySelectorAll('.frontline-marker[data-changed=true]')].length")
    named_changed = page.evaluate(
        """() => [...document.querySelectorAll('.frontline-marker[data-changed=true]')]
        .filter(m => document.querySelector(`.frontline-label[data-place="${m.dataset.place}"]`)).length"""
    )
    assert changed > 20 and named_changed > changed / 3  # a changed place wins a spot over its neighbours


def test_a_province_is_not_drawn_on_its_capital(offline_page, crowded_map) -> None:
    path, places = crowded_map
    page = open_map(offline_page, path)
    capital_of = {e["name"]: e["capital_city"] for e in places if e["kind"] == "province"}
    centres = page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.frontline-marker')].map(m => {
          const r = m.getBoundingClientRect();
          return [m.dataset.place + '|' + m.dataset.kind, [r.x + r.width / 2, r.y + r.height / 2]];
        }))"""
    )
    apart = []
    for province, capital in capital_of.items():
        a, b = centres[f"{province}|province"], centres[f"{capital}|city"]
        apart.append(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)
    assert len(apart) >= 20 and min(apart) > 12  # more than a marker's width apart
