"""Reviews laid over claims, and editor edits turned into reviews: the rules an analyst relies on.

Why: a correction must win over extraction everywhere and never be lost; these
tests build tiny claim tables by hand and check what the map would be fed.
"""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from helpers import AFGHANISTAN, HOLDING

from geo.app import editor, review
from geo.app.store import REVIEW_COLUMNS
from geo.records import EVENT_COLUMNS, EXTRA_COLUMNS, Place
from geo.timeline import daily_status

HERAT = Place("Herat", "city", "AF", 34.348, 62.2, "Herat", "gazetteer")
KUNDUZ = Place("Kunduz", "city", "AF", 36.728, 68.868, "Kunduz", "gazetteer")


def claim(
    key: str,
    place: str = "Herat",
    status: str = "contested",
    day: str = "2021-08-12",
    confidence: float = 0.6,
    rule: str = "left:fight",
) -> dict:
    return {
        "key": key,
        "article": "a.txt",
        "published": "2021-08-13",
        "place": place,
        "place_kind": "city",
        "country": "AF",
        "latitude": 34.348,
        "longitude": 62.2,
        "status": status,
        "event_date": day,
        "date_precision": "day",
        "confidence": confidence,
        "evidence": f"Evidence for {key}.",
        "title": "T",
        "url": "",
        "sentence": 1,
        "rule": rule,
    }


def claims(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["key", *EVENT_COLUMNS, *EXTRA_COLUMNS])


def log(*entries: tuple) -> pd.DataFrame:
    """(claim_key, action, data, undone) tuples as the store returns them."""
    return pd.DataFrame(
        [
            {
                "id": i,
                "claim_key": k,
                "action": a,
                "data": None if d is None else json.dumps(d),
                "made_at": f"2026-01-01T00:00:0{i}+00:00",
                "undone_at": "x" if u else None,
            }
            for i, (k, a, d, u) in enumerate(entries, 1)
        ],
        columns=REVIEW_COLUMNS,
    )


NO_REVIEWS = log()


def test_without_reviews_claims_pass_through() -> None:
    out = review.apply_reviews(claims(claim("k1"), claim("k2")), NO_REVIEWS)
    assert list(out["key"]) == ["k1", "k2"] and set(out["review"]) == {""}


def test_an_edit_replaces_the_claim_and_outranks_extraction() -> None:
    base = claims(claim("k1"), claim("k2", status="taliban", confidence=0.9, rule="left:capture"))
    edited = review.edited(base.iloc[0].to_dict(), "government", date(2021, 8, 12), HERAT, AFGHANISTAN)
    out = review.apply_reviews(base, log(("k1", "edit", edited, False)))
    row = out[out["key"] == "k1"].iloc[0]
    assert (row["status"], row["confidence"], row["review"], row["rule"]) == (
        "government",
        1.0,
        "edited",
        "edited:held",
    )
    day = daily_status(review.effective(out), HOLDING)
    assert day[day["day"] == date(2021, 8, 12)]["status"].tolist() == ["government"]


def test_a_rejected_claim_stays_listed_but_leaves_the_map() -> None:
    out = review.apply_reviews(claims(claim("k1"), claim("k2")), log(("k1", "reject", None, False)))
    assert out.set_index("key").loc["k1", "review"] == "rejected"
    assert list(review.effective(out)["key"]) == ["k2"]


def test_an_undone_review_no_longer_counts() -> None:
    out = review.apply_reviews(claims(claim("k1")), log(("k1", "reject", None, False), ("k1", "accept", {}, True)))
    assert out["review"].tolist() == ["rejected"]


def test_a_reviewed_claim_survives_when_extraction_no_longer_finds_it() -> None:
    kept = review.accepted(claim("gone"))
    out = review.apply_reviews(claims(claim("k1")), log(("gone", "accept", kept, False)))
    assert list(out["key"]) == ["k1", "gone"] and out.iloc[1]["review"] == "accepted"


def test_an_added_claim_then_edited_then_rejected_keeps_its_last_form() -> None:
    added = review.added(KUNDUZ, "taliban", date(2021, 8, 8), "", AFGHANISTAN)
    changed = {**added, "status": "contested"}
    out = review.apply_reviews(
        claims(claim("k1")),
        log(
            ("analyst:1", "add", added, False),
            ("analyst:1", "edit", changed, False),
            ("analyst:1", "reject", None, False),
        ),
    )
    row = out.set_index("key").loc["analyst:1"]
    assert (row["place"], row["status"], row["review"]) == ("Kunduz", "contested", "rejected")


def test_an_analyst_capture_is_inferred_held_before() -> None:
    added = review.added(KUNDUZ, "taliban", date(2021, 8, 10), "", AFGHANISTAN)
    out = review.apply_reviews(claims(claim("k1", day="2021-08-08")), log(("analyst:1", "add", added, False)))
    day = daily_status(review.effective(out), HOLDING)
    before = day[(day["place"] == "Kunduz") & (day["day"] == date(2021, 8, 9))]
    assert before[["status", "inferred"]].values.tolist() == [["government", True]]


# ---------------------------------------------------------------- the editor


def edits(before: pd.DataFrame, changes: dict[int, dict], added: list[dict] = ()) -> pd.DataFrame:
    after = before.copy()
    for row, cells in changes.items():
        for column, value in cells.items():
            after.at[row, column] = value
    return pd.concat([after, pd.DataFrame(list(added))], ignore_index=True) if added else after


def resolve(name: str) -> Place | None:
    return {"Herat": HERAT, "Kunduz": KUNDUZ}.get(name)


@pytest.fixture
def reviewed() -> pd.DataFrame:
    return review.apply_reviews(claims(claim("k1"), claim("k2")), NO_REVIEWS)


@pytest.mark.parametrize(
    "cells, action, status",
    [
        ({"decision": "accept"}, "accept", "contested"),
        ({"decision": "reject"}, "reject", None),
        ({"status": "taliban"}, "edit", "taliban"),
        ({"event_date": date(2021, 8, 11)}, "edit", "contested"),
        ({"place": "Kunduz"}, "edit", "contested"),
    ],
)
def test_each_kind_of_edit_becomes_one_review(reviewed: pd.DataFrame, cells: dict, action: str, status) -> None:
    before = editor.editor_frame(reviewed)
    found, problems = editor.reviews_from_edits(before, edits(before, {0: cells}), reviewed, resolve, AFGHANISTAN)
    assert problems == [] and [(r.claim_key, r.action) for r in found] == [("k1", action)]
    assert (found[0].data or {}).get("status") == status


def test_untouched_rows_give_no_review(reviewed: pd.DataFrame) -> None:
    before = editor.editor_frame(reviewed)
    assert editor.reviews_from_edits(before, before.copy(), reviewed, resolve, AFGHANISTAN) == ([], [])


def test_an_edited_place_takes_its_coordinates(reviewed: pd.DataFrame) -> None:
    before = editor.editor_frame(reviewed)
    found, _ = editor.reviews_from_edits(
        before, edits(before, {1: {"place": "Kunduz"}}), reviewed, resolve, AFGHANISTAN
    )
    assert (found[0].data["latitude"], found[0].data["longitude"]) == (
        KUNDUZ.latitude,
        KUNDUZ.longitude,
    )


def test_an_unknown_place_or_incomplete_row_is_refused_with_a_reason(
    reviewed: pd.DataFrame,
) -> None:
    before = editor.editor_frame(reviewed)
    after = edits(before, {0: {"place": "Atlantis"}}, [{"place": "Kunduz", "status": "taliban"}])
    found, problems = editor.reviews_from_edits(before, after, reviewed, resolve, AFGHANISTAN)
    assert found == []
    assert problems == [
        "row 1: unknown place 'Atlantis'; not saved",
        "row 3: a new claim needs a place, a status (taliban, government, contested) and a date",
    ]


def test_an_added_row_becomes_an_analyst_claim(reviewed: pd.DataFrame) -> None:
    before = editor.editor_frame(reviewed)
    after = edits(
        before,
        {},
        [
            {
                "place": "Kunduz",
                "status": "taliban",
                "event_date": "2021-08-08",
                "evidence": "Local TV.",
            }
        ],
    )
    found, problems = editor.reviews_from_edits(before, after, reviewed, resolve, AFGHANISTAN)
    assert problems == [] and found[0].action == "add" and found[0].claim_key.startswith("analyst:")
    assert {k: found[0].data[k] for k in ("article", "place", "status", "event_date", "evidence")} == {
        "article": "analyst",
        "place": "Kunduz",
        "status": "taliban",
        "event_date": "2021-08-08",
        "evidence": "Local TV.",
    }


def test_resolving_a_typed_place_uses_the_gazetteer() -> None:
    assert review.resolve_place("Lashkar Gah", AFGHANISTAN).province == "Helmand"
    assert review.resolve_place("kunduz", AFGHANISTAN).name == "Kunduz"
    assert review.resolve_place("Doha", AFGHANISTAN) is None  # foreign places are not on the control map
    assert review.resolve_place("Atlantis", AFGHANISTAN) is None
