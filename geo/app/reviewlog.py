"""The review log as people read it: which place, which day, what it was, what it became, and why.

Why: the log is kept by claim key (`c0e20096f07d:7:Ghazni`), which tells an analyst nothing.
Each review is shown with the claim as it stood before it (the extraction, or the review before
it) and after it, the evidence sentence it is about, who made it (the name given in the sidebar,
else "analyst") and when, and whether it was undone, so a colleague can check a correction without opening the database.
"""

from __future__ import annotations

import json

import pandas as pd

from .review import ANALYST
from .store import DELETED

# What changed first (place, day, before, after, the evidence), then who and when; article names last.
LOG_COLUMNS = ["place", "day", "before", "after", "evidence", "who", "when", "undone", "article", "id", "undoable"]
VERBS = {"accept": "accepted", "reject": "rejected", "edit": "edited", "add": "added"}


def state(claim: dict | None) -> str:
    """A claim in a few words: 'taliban on 2021-08-12 (Ghazni)'; '-' when there was none."""
    if not claim:
        return "-"
    return f"{claim.get('status', '?')} on {claim.get('event_date', '?')}"


def change(before: dict | None, after: dict | None, action: str) -> str:
    """What the review did to the claim, in words."""
    if action == "reject":
        return "rejected: off the map"
    words = state(after)
    if before and after and before.get("place") != after.get("place"):
        words += f", moved to {after.get('place')}"
    return f"{words} ({VERBS.get(action, action)})"


def describe(reviews: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """One row per review, newest first (columns LOG_COLUMNS); `claims` are the stored extractions."""
    if reviews.empty:
        return pd.DataFrame(columns=LOG_COLUMNS)
    reviewed = claims[claims["key"].isin(set(reviews["claim_key"]))]  # reviews are few, claims may be many
    extracted = {key: row for key, row in zip(reviewed["key"], reviewed.to_dict("records"))}
    latest: dict[str, dict] = {}
    rows = []
    for item in reviews.sort_values("id").to_dict("records"):
        if item["action"] == DELETED:
            rows.append(deletion(item))
            continue
        key = item["claim_key"]
        before = latest.get(key) or extracted.get(key)
        after = json.loads(item["data"]) if isinstance(item["data"], str) else None
        shown = after or before or {}
        rows.append(
            {
                "when": str(item["made_at"]).replace("T", " ").replace("+00:00", " UTC"),
                "who": item.get("made_by") or ANALYST,
                "place": shown.get("place", ""),
                "day": shown.get("event_date", ""),
                "before": state(before) if item["action"] != "add" else "(no claim)",
                "after": change(before, after, item["action"]),
                "evidence": shown.get("evidence", ""),
                "article": shown.get("title") or shown.get("article", ""),
                "undone": "" if pd.isna(item["undone_at"]) else str(item["undone_at"]).replace("T", " "),
                "id": int(item["id"]),
                "undoable": True,
            }
        )
        if pd.isna(item["undone_at"]) and after is not None:
            latest[key] = after
    return pd.DataFrame(rows, columns=LOG_COLUMNS).iloc[::-1].reset_index(drop=True)


def deletion(item: dict) -> dict:
    """An article's removal (see Store.delete_article), in the same words; it cannot be undone."""
    removed = json.loads(item["data"]) if isinstance(item["data"], str) else {}
    return {
        "when": str(item["made_at"]).replace("T", " ").replace("+00:00", " UTC"),
        "who": item.get("made_by") or ANALYST,
        "place": "",
        "day": "",
        "before": f"article {removed.get('article', '?')}",
        "after": f"deleted, with its {removed.get('claims', 0)} claim(s) and {removed.get('reviews', 0)} review(s)",
        "evidence": "",
        "article": removed.get("title") or removed.get("article", ""),
        "undone": "",
        "id": int(item["id"]),
        "undoable": False,
    }


def undo_choice(row: dict) -> str:
    """How a review is named where one is chosen to undo."""
    return f"{row['when']}: {row['place']}, {row['before']} -> {row['after']}"
