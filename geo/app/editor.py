"""The claims table as an analyst edits it (st.data_editor), and the reviews those edits amount to.

Why: the dashboard shows one editable table; turning "this cell changed" into
"accept / reject / edit / add this claim" is logic, and lives here so it can
be tested without a browser. Nothing here touches the store.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from uuid import uuid4

import pandas as pd

from ..profiles import Profile
from ..records import Place
from . import review
from .query import claim_days

# What an analyst checks first comes first: the claim (place, status, day and how precise that
# day is) and its evidence; the long article names last, so they never push the evidence away.
COLUMNS = [
    "decision",
    "place",
    "status",
    "event_date",
    "date_precision",
    "evidence",
    "confidence",
    "review",
    "flag",
    "article",
    "reviewed_at",
    "key",
]
Resolve = Callable[[str], Place | None]


def editor_frame(reviewed: pd.DataFrame) -> pd.DataFrame:
    """What the editor shows: one row per claim, a blank decision, dates as dates, a plain 0..n index."""
    frame = reviewed.reset_index(drop=True).assign(decision=None)
    frame["event_date"] = claim_days(frame)  # not pd.to_datetime: its dates end in 2262, an analyst's may not
    return frame[COLUMNS]


def as_day(value) -> date | None:
    if value is None or (not isinstance(value, (str, date)) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()


def text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def reviews_from_edits(
    before: pd.DataFrame, after: pd.DataFrame, reviewed: pd.DataFrame, resolve: Resolve, profile: Profile
) -> tuple[list[review.Review], list[str]]:
    """The reviews the analyst's edits mean, and a message for each row that cannot be saved; a status is one
    of the profile's."""
    claims = reviewed.set_index("key")
    reviews: list[review.Review] = []
    problems: list[str] = []
    for i, row in after.iterrows():
        if i in before.index and isinstance(before.at[i, "key"], str):
            found = changed_claim(before.loc[i], row, claims.loc[before.at[i, "key"]].to_dict(), resolve, profile)
        else:
            found = new_claim(row, resolve, profile)
        if isinstance(found, str):
            problems.append(f"row {int(i) + 1}: {found}")
        elif found is not None:
            reviews.append(found)
    return reviews, problems


def changed_claim(
    before: pd.Series, after: pd.Series, claim: dict, resolve: Resolve, profile: Profile
) -> review.Review | str | None:
    """One existing row: reject, edit or accept it — or nothing, if the analyst left it alone."""
    key, decision = before["key"], text(after["decision"])
    if decision == "reject":
        return None if claim["review"] == "rejected" else review.Review(key, "reject", None)
    status, day, name = text(after["status"]), as_day(after["event_date"]), text(after["place"])
    moved = (status, day, name) != (before["status"], as_day(before["event_date"]), before["place"])
    if not moved:
        return review.Review(key, "accept", review.accepted(claim)) if decision == "accept" else None
    if status not in profile.statuses or day is None:
        return f"status must be one of {', '.join(profile.statuses)} and the date set"
    place = resolve(name)
    if place is None:
        return f"unknown place {name!r}; not saved"
    return review.Review(key, "edit", review.edited(claim, status, day, place, profile))


def new_claim(row: pd.Series, resolve: Resolve, profile: Profile) -> review.Review | str | None:
    """A row the analyst added: a claim by hand, once it has a place, a status and a date."""
    status, day, name = (
        text(row.get("status")),
        as_day(row.get("event_date")),
        text(row.get("place")),
    )
    if not (status or day or name):
        return None  # an empty row the editor added and the analyst left
    if status not in profile.statuses or day is None or not name:
        return f"a new claim needs a place, a status ({', '.join(profile.statuses)}) and a date"
    place = resolve(name)
    if place is None:
        return f"unknown place {name!r}; not saved"
    note = text(row.get("evidence"))
    return review.Review(f"analyst:{uuid4().hex[:12]}", "add", review.added(place, status, day, note, profile))
