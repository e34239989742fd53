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
    day = claim_days(claims)
    keep = claims["confidence"].fillna(0) >= chosen.min_confidence
    if chosen.start:
        keep &= day.map(lambda d: d is not None and d >= chosen.start).astype(bool)
    if chosen.end:
        keep &= day.map(lambda d: d is not None and d <= chosen.end).astype(bool)
    for column, wanted in (
        ("place", chosen.places),
        ("status", chosen.statuses),
        ("article", chosen.articles),
        ("review", chosen.reviews),
    ):
        if wanted:
            keep &= claims[column].isin(wanted)
    return claims[keep]


def claim_days(claims: pd.DataFrame) -> pd.Series:
    """Each claim's event date as a date (None if it is not one): pandas' own dates end in 2262, and an
    analyst or a broken page may write 9999-12-31."""
    return claims["event_date"].map(parse_day)


def parse_day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


def inferred_count(daily: pd.DataFrame, day: date) -> int:
    """Places shown as held by the government on a day only by inference (before a reported capture)."""
    return int(status_on(daily, day)["inferred"].astype(bool).sum())
