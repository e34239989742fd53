"""A place's story: its status intervals over time, and the claims behind them.

Why: the GeoJSON export and the dashboard's place panel both need "held by X
from day A to day B"; runs of equal status are computed once, here, from the
timeline's day-by-day table.
"""

from __future__ import annotations

import pandas as pd

INTERVAL_COLUMNS = ["place", "status", "start", "end", "inferred"]
# The claim and its evidence first, how precise its date is beside it; the article's names last.
HISTORY_COLUMNS = [
    "event_date",
    "date_precision",
    "status",
    "evidence",
    "confidence",
    "review",
    "title",
    "article",
    "url",
]


def status_intervals(daily: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive days with the same status (and inference) per place; unknown days left out.

    A plain loop over sorted rows: one pass, as fast for one place as a groupby is slow to start.
    """
    known = daily[daily["status"] != "unknown"].sort_values(["place", "day"])
    runs: list[list] = []
    for place, status, day, inferred in zip(known["place"], known["status"], known["day"], known["inferred"]):
        last = runs[-1] if runs else None
        if last and (last[0], last[1], last[4]) == (place, status, bool(inferred)) and (day - last[3]).days == 1:
            last[3] = day
        else:
            runs.append([place, status, day, day, bool(inferred)])
    return pd.DataFrame(runs, columns=INTERVAL_COLUMNS)


def place_history(reviewed: pd.DataFrame, place: str) -> pd.DataFrame:
    """Every claim about one place, oldest first, with its evidence and any review (rejected ones too)."""
    rows = reviewed[reviewed["place"] == place].sort_values(["event_date", "confidence"], ascending=[True, False])
    return rows[HISTORY_COLUMNS].reset_index(drop=True)
