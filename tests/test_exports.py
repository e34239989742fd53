"""Each export read back as the tool that opens it would: CSV readers, GeoJSON (RFC 7946), ACLED columns.

Why: analysts hand these files to other tools; their shape is a contract.
"""

from __future__ import annotations

import io
import json
from datetime import date

import pandas as pd
import pytest
from helpers import AFGHANISTAN, HOLDING

from geo import pipeline
from geo.app import exports, review
from geo.app.history import status_intervals
from geo.app.store import REVIEW_COLUMNS
from geo.records import EVENT_COLUMNS, Place
from geo.timeline import daily_status


@pytest.fixture(scope="module")
def demo() -> pipeline.Result:
    return pipeline.run([pipeline.DEMO])


@pytest.fixture(scope="module")
def claims(demo: pipeline.Result) -> pd.DataFrame:
    """The demo's claims as the dashboard holds them: keys and (no) reviews applied."""
    table = demo.table.assign(key=[f"k{i}" for i in range(len(demo.table))])
    return review.effective(review.apply_reviews(table, pd.DataFrame(columns=REVIEW_COLUMNS)))


def read_csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), keep_default_na=False)


def test_events_csv_is_what_the_command_line_writes(claims: pd.DataFrame, demo: pipeline.Result) -> None:
    assert exports.events_csv(claims) == demo.table.to_csv(index=False)
    assert exports.events_csv(claims).splitlines()[0].split(",")[: len(EVENT_COLUMNS)] == EVENT_COLUMNS


def test_reviewed_rows_are_told_apart_by_their_rule(claims: pd.DataFrame) -> None:
    first = claims.iloc[0].to_dict()
    log = pd.DataFrame(
        [
            {
                "id": 1,
                "claim_key": first["key"],
                "action": "accept",
                "data": json.dumps(review.accepted(first)),
                "made_at": "2026-01-01T00:00:00+00:00",
                "undone_at": None,
            }
        ]
    )
    table = claims.drop(columns=["review", "reviewed_at"])
    rows = read_csv(exports.events_csv(review.apply_reviews(table, log)))
    assert rows.loc[0, "rule"] == f"accepted:{first['rule'].split(':')[-1]}" and rows.loc[0, "confidence"] == 1.0
    assert rows.loc[1:, "rule"].tolist() == claims["rule"].iloc[1:].tolist()


def test_geojson_is_rfc_7946(claims: pd.DataFrame, demo: pipeline.Result) -> None:
    text = exports.geojson_text(claims, daily_status(claims, HOLDING), demo.places)
    collection = json.loads(text)
    assert set(collection) == {"type", "features"} and collection["type"] == "FeatureCollection"
    names = [f["properties"]["name"] for f in collection["features"]]
    assert names == sorted(set(claims.dropna(subset=["latitude"])["place"]))  # one feature per place
    for feature in collection["features"]:
        assert set(feature) == {"type", "geometry", "properties"} and feature["type"] == "Feature"
        lon, lat = feature["geometry"]["coordinates"]  # longitude first
        place = demo.places[feature["properties"]["name"]]
        assert (lat, lon) == pytest.approx((place.latitude, place.longitude), abs=1e-6)


def test_geojson_intervals_cover_each_day_once(claims: pd.DataFrame, demo: pipeline.Result) -> None:
    daily = daily_status(claims, HOLDING)
    for feature in exports.geojson(claims, daily, demo.places)["features"]:
        spans = feature["properties"]["intervals"]
        days = [d for s in spans for d in pd.date_range(s["start"], s["end"]).date]
        name = feature["properties"]["name"]
        known = daily[(daily["place"] == name) & (daily["status"] != "unknown")]["day"]
        assert sorted(days) == sorted(known) and len(days) == len(set(days))
    kandahar = next(
        f for f in exports.geojson(claims, daily, demo.places)["features"] if f["properties"]["name"] == "Kandahar"
    )
    assert kandahar["properties"]["province"] == "Kandahar"
    assert kandahar["properties"]["intervals"][-1]["status"] == "taliban"


def test_intervals_join_consecutive_days_and_split_on_change() -> None:
    daily = pd.DataFrame(
        {
            "day": [date(2021, 8, d) for d in (1, 2, 3, 4, 5)] + [date(2021, 8, 1)],
            "place": ["A"] * 5 + ["B"],
            "status": ["government", "government", "contested", "contested", "taliban", "unknown"],
            "inferred": [True, True, False, False, False, False],
        }
    )
    spans = status_intervals(daily)
    assert spans.values.tolist() == [
        ["A", "government", date(2021, 8, 1), date(2021, 8, 2), True],
        ["A", "contested", date(2021, 8, 3), date(2021, 8, 4), False],
        ["A", "taliban", date(2021, 8, 5), date(2021, 8, 5), False],
    ]


def test_acled_rows_follow_the_status(claims: pd.DataFrame, demo: pipeline.Result) -> None:
    acled = read_csv(exports.acled_csv(claims, demo.places, AFGHANISTAN))
    assert list(acled.columns) == exports.ACLED_COLUMNS and len(acled) == len(claims)
    assert set(acled["event_type"]) == {"Battles"}
    expected = {
        "taliban": "Non-state actor overtakes territory",
        "contested": "Armed clash",
        "government": "Government regains territory",
    }
    ordered = claims.sort_values(["event_date", "place"], kind="stable")
    assert list(acled["sub_event_type"]) == [expected[s] for s in ordered["status"]]
    assert list(acled["event_date"]) == sorted(acled["event_date"])


@pytest.mark.parametrize(
    "kind, precision, geo, time",
    [
        ("city", "day", 1, 1),
        ("site", "range", 1, 2),
        ("district", "unknown", 2, 3),
        ("province", "day", 3, 1),
    ],
)
def test_acled_precision_codes(kind: str, precision: str, geo: int, time: int) -> None:
    row = {
        "place": "Helmand" if kind == "province" else "X",
        "place_kind": kind,
        "status": "contested",
        "event_date": "2021-08-12",
        "date_precision": precision,
        "latitude": 31.0,
        "longitude": 64.0,
        "article": "a.txt",
        "url": "https://example.org/a",
        "evidence": "Fighting raged.",
        "confidence": 0.7,
        "review": "edited",
    }
    out = exports.acled_row(row, Place("X", kind, "AF", 31.0, 64.0, "Helmand"), AFGHANISTAN)
    assert (out["geo_precision"], out["time_precision"], out["admin1"]) == (geo, time, "Helmand")
    assert out["source"] == "https://example.org/a" and out["notes"].startswith("Fighting raged.")
    assert "reviewed: edited" in out["notes"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_no_exported_csv_cell_starts_a_formula(claims: pd.DataFrame, start: str) -> None:
    """OWASP's rule: article text that starts like a formula gets a leading quote; numbers stay numbers."""
    hostile = claims.assign(
        evidence=f'{start}HYPERLINK("http://evil.example")',
        title=f"{start}cmd|' /C calc'!A0",
        article=f"{start}report.txt",
        longitude=-claims["longitude"],
    )
    places = {"Kandahar": Place("Kandahar", "city", "AF", 31.6, 65.7, province="Kandahar")}
    for text in (exports.events_csv(hostile), exports.acled_csv(hostile, places, AFGHANISTAN)):
        table = pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)
        cells = table.drop(columns=["latitude", "longitude"]).stack()
        assert not cells.str.startswith(("=", "+", "-", "@")).any()
        assert cells.str.startswith(f"'{start}").any()
        assert table["longitude"].str.startswith("-").all()  # a negative number is not a formula
