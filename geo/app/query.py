"""Selections over the claims table: the analyst's filters, and inferred control on a day.

Why: filtering is the same whether a person clicks it in the dashboard or a
test asks for it, so it is a plain function over a DataFrame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ..timeline import status_on


@dataclass(frozen=True)
class ClaimFilter:
    """What to keep; an empty collection or None means 'any'."""

    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    min_confidence: float = 0.0
    reviews: tuple[str, ...] = field(default=())  # "", accepted, rejected, edited, added


def filter_claims(claims: pd.DataFrame, chosen: ClaimFilter) -> pd.DataFrame:
    """The claims that pass every filter, in their original order."""
    day = pd.to_datetime(claims["event_date"]).dt.date
    keep = claims["confidence"].fillna(0) >= chosen.min_confidence
    if chosen.start:
        keep &= day >= chosen.start
    if chosen.end:
        keep &= day <= chosen.end
    for column, wanted in (
        ("place", chosen.places),
        ("status", chosen.statuses),
        ("article", chosen.articles),
        ("review", chosen.reviews),
    ):
        if wanted:
            keep &= claims[column].isin(wanted)
    return claims[keep]


def inferred_count(daily: pd.DataFrame, day: date) -> int:
    """Places shown as held by the government on a day only by inference (before a reported capture)."""
    return int(status_on(daily, day)["inferred"].astype(bool).sum())
