"""Analysts' reviews over extracted claims: accept, reject, edit (status, date, place), or add one.

Why: extraction makes mistakes, and an analyst's correction must win over it
everywhere — map, counts, exports — and survive any later re-extraction. So a
review stores the whole claim as the analyst left it, and the claims everyone
reads are the stored extraction with the standing reviews laid over it.

A reviewed claim carries confidence 1.0: an analyst's word outranks any
extracted claim for the same place and day. Its rule says so too, in the
rule's own `side:kind` form — `accepted:capture`, `edited:fight`,
`added:hold_gov` — so events.csv keeps its columns and still shows which rows
an analyst decided. An edited status takes the kind that matches it, so the
timeline's inference (a place first reported captured was held before) reads
the analyst's status, not the original wording.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache

import pandas as pd

from ..profiles import CONTESTED, Profile
from ..records import EVENT_COLUMNS, EXTRA_COLUMNS, Place

CLAIM_COLUMNS = EVENT_COLUMNS + EXTRA_COLUMNS
REVIEW_STATE = {"accept": "accepted", "reject": "rejected", "edit": "edited", "add": "added"}
ANALYST = "analyst"
DECISIONS = ("accept", "reject")


@dataclass(frozen=True)
class Review:
    """One decision to store: the claim's key, the action, and the claim as the analyst leaves it."""

    claim_key: str
    action: str
    data: dict | None


def standing(reviews: pd.DataFrame) -> pd.DataFrame:
    """The latest review of each claim that has not been undone."""
    live = reviews[reviews["undone_at"].isna() & reviews["action"].isin(list(REVIEW_STATE))]  # not a deletion
    return live.sort_values("id").drop_duplicates("claim_key", keep="last").set_index("claim_key")


def apply_reviews(claims: pd.DataFrame, reviews: pd.DataFrame) -> pd.DataFrame:
    """Claims with reviews laid over them: columns key, the claim columns, review, reviewed_at.

    Rejected claims stay, marked `rejected`, so the review table can show and
    restore them; `effective` drops them for everything else. A reviewed claim
    that extraction no longer finds (or one added by hand) stays as the
    analyst last left it. Only reviewed rows are touched one by one: reviews
    are few, claims may be many.
    """
    decided = standing(reviews)
    frame = claims.assign(review="", reviewed_at="").set_index("key", drop=False)
    for key in decided.index.intersection(frame.index):
        row = reviewed_row(frame.loc[key].to_dict(), decided.loc[key])
        frame.loc[key, list(row)] = pd.Series(row)
    last_form = last_data(reviews)
    extra = [
        reviewed_row({"key": key, **last_form[key]}, decided.loc[key])
        for key in decided.index.difference(frame.index, sort=False)
        if key in last_form
    ]
    frame = (
        pd.concat([frame.reset_index(drop=True), pd.DataFrame(extra)], ignore_index=True)
        if extra
        else frame.reset_index(drop=True)
    )
    return frame[["key", *CLAIM_COLUMNS, "review", "reviewed_at"]].astype(
        {"latitude": float, "longitude": float, "confidence": float}
    )


def last_data(reviews: pd.DataFrame) -> dict[str, dict]:
    """Per claim, the latest form an analyst gave it (reviews not undone)."""
    live = reviews[reviews["undone_at"].isna() & reviews["data"].notna() & reviews["action"].isin(list(REVIEW_STATE))]
    live = live.sort_values("id")
    return {key: json.loads(data) for key, data in zip(live["claim_key"], live["data"])}


def reviewed_row(claim: dict, review: pd.Series | None) -> dict:
    if review is None:
        return {**claim, "review": "", "reviewed_at": ""}
    data = json.loads(review["data"]) if isinstance(review["data"], str) else {}
    return {
        **claim,
        **data,
        "key": claim["key"],
        "review": REVIEW_STATE[review["action"]],
        "reviewed_at": review["made_at"],
    }


def effective(reviewed: pd.DataFrame) -> pd.DataFrame:
    """The claims the map, counts and exports use: every claim not rejected."""
    return reviewed[reviewed["review"] != "rejected"].reset_index(drop=True)


def claim_data(row: dict) -> dict:
    """The claim columns of a row, JSON-ready (no NaN)."""
    return {c: (None if isinstance(row.get(c), float) and math.isnan(row[c]) else row.get(c)) for c in CLAIM_COLUMNS}


def rule_kind(rule) -> str:
    return str(rule or "").split(":")[-1]


def kind_of_status(status: str, profile: Profile) -> str:
    """The rule family an analyst's status stands for: the holding side holds, another side captured (so the
    place counts as held by the holding side before, as for a reported capture), contested is fought over."""
    return "fight" if status == CONTESTED else "held" if status == profile.holding else "capture"


def accepted(row: dict) -> dict:
    return {**claim_data(row), "confidence": 1.0, "rule": f"accepted:{rule_kind(row.get('rule'))}"}


def edited(row: dict, status: str, day: date, place: Place, profile: Profile) -> dict:
    """The claim with the analyst's status, day and place; the evidence stays the article's."""
    kind = rule_kind(row.get("rule")) if status == row["status"] else kind_of_status(status, profile)
    data = {**accepted(row), "rule": f"edited:{kind}"}
    if day.isoformat() != row["event_date"]:
        data["date_precision"] = "day"
    return {**data, **place_fields(place), "status": status, "event_date": day.isoformat()}


def added(place: Place, status: str, day: date, note: str, profile: Profile) -> dict:
    """A claim the analyst makes by hand, dated today as its 'publication'."""
    today = datetime.now(timezone.utc).date().isoformat()
    return {
        "article": ANALYST,
        "published": today,
        **place_fields(place),
        "status": status,
        "event_date": day.isoformat(),
        "date_precision": "day",
        "confidence": 1.0,
        "evidence": note or "Added by an analyst.",
        "title": "Analyst's claim",
        "url": "",
        "sentence": -1,
        "rule": f"added:{kind_of_status(status, profile)}",
    }


def place_fields(place: Place) -> dict:
    return {
        "place": place.name,
        "place_kind": place.kind,
        "country": place.country,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }


@lru_cache(maxsize=4)
def _geocoding(profile: Profile):
    from .. import paths
    from ..extraction.reader import reader_for
    from ..geocoding.chain import default_geocoder

    gazetteer = reader_for(profile).gazetteer
    return gazetteer, default_geocoder(gazetteer, paths.overrides())


def resolve_place(name: str, profile: Profile, known: dict[str, Place] | None = None) -> Place | None:
    """A place of the profile's country, with coordinates, for a name the analyst typed, or None."""
    from ..geocoding.base import to_place
    from ..text import fold

    name = (name or "").strip()
    if known and name in known and known[name].located:
        return known[name]
    gazetteer, geocoder = _geocoding(profile)
    entries = [e for e in gazetteer.lookup(fold(name)) if not gazetteer.is_foreign(e) and e.kind != "country"]
    if not entries:
        entries = [e for e in gazetteer.fuzzy(fold(name))[0] if not gazetteer.is_foreign(e)]
    places = [to_place(e, geocoder) for e in entries]
    return next((p for p in places if p.located), None)
