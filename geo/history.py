"""A place's story: its status intervals over time, and the claims behind them.

Why: the GeoJSON export and the dashboard's place panel both need "held by X
from day A to day B"; runs of equal status are computed once, here, from the
timeline's day-by-day table.
"""
from __future__ import annotations

import pandas as pd

INTERVAL_COLUMNS = ["place", "status", "start", "end", "inferred"]
HISTORY_COLUMNS = ["event_date", "status", "confidence", "review", "article", "title", "evidence", "url"]


def status_intervals(daily: pd.DataFrame) -> pd.DataFrame:
    """Runs of consecutive days with the same status (and inference) per place; unknown days left out."""
    known = daily[daily["status"] != "unknown"].sort_values(["place", "day"])
    if known.empty:
        return pd.DataFrame(columns=INTERVAL_COLUMNS)
    day = pd.to_datetime(known["day"])
    same_as_before = ((known["place"] == known["place"].shift()) & (known["status"] == known["status"].shift())
                      & (known["inferred"] == known["inferred"].shift())
                      & (day - day.shift() == pd.Timedelta(days=1)))
    runs = known.assign(run=(~same_as_before).cumsum())
    out = runs.groupby("run").agg(place=("place", "first"), status=("status", "first"),
                                  start=("day", "min"), end=("day", "max"), inferred=("inferred", "first"))
    return out.reset_index(drop=True).astype({"inferred": bool})[INTERVAL_COLUMNS]


def place_history(reviewed: pd.DataFrame, place: str) -> pd.DataFrame:
    """Every claim about one place, oldest first, with its evidence and any review (rejected ones too)."""
    rows = reviewed[reviewed["place"] == place].sort_values(["event_date", "confidence"], ascending=[True, False])
    return rows[HISTORY_COLUMNS].reset_index(drop=True)
