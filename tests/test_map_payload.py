"""What the map page is given: province boundaries and the payload built from the claims."""

from __future__ import annotations

import csv
import json

import pandas as pd
import pytest
from helpers import AFGHANISTAN, HOLDING

from geo.mapping import boundaries
from geo.mapping.page import payload, script_json
from geo.timeline import changes, inferred_places
from geo.tools.boundaries_build import encode, simplify

CAPITALS = AFGHANISTAN.gazetteer_tables / "capitals.csv"


def capitals() -> list[dict[str, str]]:
    with CAPITALS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_each_provincial_capital_lies_in_its_own_province_only() -> None:
    data = boundaries.load(AFGHANISTAN.boundaries)
    arcs = boundaries.decode(data)
    shapes = {p["province"]: boundaries.rings(arcs, p["rings"]) for p in data["provinces"]}
    assert len(shapes) == 34
    for capital in capitals():
        point = (float(capital["longitude"]), float(capital["latitude"]))
        inside = [name for name, shape in shapes.items() if boundaries.contains(shape, point)]
        assert inside == [capital["province"]], capital["name"]


def test_every_arc_borders_one_or_two_provinces() -> None:
    """Once: the country's edge; twice: a border two provinces share. Anything else is a broken topology."""
    data = boundaries.load(AFGHANISTAN.boundaries)
    use = [0] * len(data["arcs"])
    for province in data["provinces"]:
        for ring in province["rings"]:
            for index in ring:
                use[index if index >= 0 else ~index] += 1
    assert set(use) == {1, 2}


def test_simplified_arcs_keep_their_ends_and_round_trip() -> None:
    line = [(60.0, 30.0), (60.5, 30.001), (61.0, 30.0), (61.5, 31.0)]
    kept = simplify(line, 0.01)
    assert kept[0] == line[0] and kept[-1] == line[-1] and (60.5, 30.001) not in kept
    decoded = boundaries.decode({"grid": 1000, "arcs": [encode(kept)]})[0]
    assert decoded == [(round(x, 3), round(y, 3)) for x, y in kept]


def claim(place: str, status: str, day: str, rule: str, confidence: float = 0.9, article: str = "a.txt") -> dict:
    return {
        "article": article,
        "published": "2021-08-13",
        "place": place,
        "place_kind": "city",
        "country": "AF",
        "latitude": 33.5,
        "longitude": 68.4,
        "status": status,
        "event_date": day,
        "date_precision": "day",
        "confidence": confidence,
        "evidence": f"{place} {status}",
        "title": "",
        "url": "",
        "sentence": 1,
        "rule": rule,
    }


@pytest.fixture
def events() -> pd.DataFrame:
    return pd.DataFrame(
        [
            claim("Ghazni", "taliban", "2021-08-12", "left:capture"),
            claim("Ghazni", "taliban", "2021-08-12", "left:capture", article="b.txt"),
            claim("Herat", "contested", "2021-08-11", "left:fight"),
            claim("Herat", "taliban", "2021-08-13", "left:capture"),
            claim("Kunduz", "taliban", "2021-08-12", "left:control"),
            claim("Kunduz", "government", "2021-08-12", "left:defend", confidence=0.5),
        ]
    )


def test_payload_days_start_the_day_before_the_first_claim(events: pd.DataFrame) -> None:
    data = payload(events, AFGHANISTAN)
    assert data["days"] == ["2021-08-10", "2021-08-11", "2021-08-12", "2021-08-13"]
    assert data["start"] == "2021-08-13"


def test_payload_inference_is_the_timelines(events: pd.DataFrame) -> None:
    data = payload(events, AFGHANISTAN)
    hollow = {p["name"] for p in data["places"] if p["inferred"]}
    assert (
        hollow == inferred_places(changes(events), HOLDING) == {"Ghazni"}
    )  # Herat: first fought over; Kunduz: "control"


def test_payload_lists_articles_once_and_flags_disagreement(events: pd.DataFrame) -> None:
    data = payload(events, AFGHANISTAN)
    assert sorted(a["file"] for a in data["articles"]) == ["a.txt", "b.txt"]
    kunduz = next(p for p in data["places"] if p["name"] == "Kunduz")
    assert kunduz["changes"][0]["disputed"] is True
    assert [c[0] for c in kunduz["changes"][0]["claims"]] == ["taliban", "government"]  # best first
    ghazni = next(p for p in data["places"] if p["name"] == "Ghazni")
    assert {data["articles"][c[2]]["file"] for c in ghazni["changes"][0]["claims"]} == {
        "a.txt",
        "b.txt",
    }


def test_script_json_cannot_close_its_script_block() -> None:
    text = script_json({"t": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"t": "</script><!-- & -->"}
