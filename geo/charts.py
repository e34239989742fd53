"""The chart of places by status over time (Altair), with a rule at the chosen day.

Why: the map shows one day; the chart shows the whole offensive at a glance
and where the chosen day sits in it. It counts what sources report, as the
metrics and the map's panel do (inferred control is left out). Days are
discrete (a status holds for a whole day), so they are bars, not a slope.
"""
from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from .records import STATUSES

COLORS = {"taliban": "#c0392b", "contested": "#e67e22", "government": "#2471a3"}


def status_counts(daily: pd.DataFrame) -> pd.DataFrame:
    """Places per reported status per day: columns day (YYYY-MM-DD), status, places; zeros included."""
    reported = daily[~daily["inferred"].astype(bool) & daily["status"].isin(STATUSES)]
    table = reported.groupby(["day", "status"]).size().unstack(fill_value=0)
    table = table.reindex(columns=list(STATUSES), fill_value=0).reindex(sorted(daily["day"].unique()), fill_value=0)
    long = table.rename_axis(index="day", columns="status").stack().rename("places").reset_index()
    long["day"] = [d.isoformat() for d in long["day"]]
    return long


def status_chart(daily: pd.DataFrame, day: date) -> alt.LayerChart:
    counts = status_counts(daily)
    chosen = day.isoformat()
    x = alt.X("day:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    bars = alt.Chart(counts).mark_bar().encode(
        x=x, y=alt.Y("places:Q", stack=True, title="places"),
        color=alt.Color("status:N", scale=alt.Scale(domain=list(COLORS), range=list(COLORS.values())),
                        title="status", sort=list(COLORS)),
        order=alt.Order("rank:Q"),
        opacity=alt.condition(alt.datum.day == chosen, alt.value(1.0), alt.value(0.55)),
        tooltip=["day:O", "status:N", "places:Q"],
    ).transform_calculate(rank=f"indexof({list(COLORS)!r}, datum.status)")
    rule = alt.Chart(pd.DataFrame({"day": [chosen]})).mark_rule(color="black", strokeWidth=2).encode(x=x)
    return (bars + rule).properties(height=220)
