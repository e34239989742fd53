"""The chart of places by status over time (Altair), with a rule at the chosen day.

Why: the map shows one day; the chart shows the whole offensive at a glance
and where the chosen day sits in it. It counts what sources report, as the
metrics and the map's panel do (inferred control is left out). Days are
discrete (a status holds for a whole day), so they are bars, not a slope.

The chosen day is a Vega-Lite parameter: the spec is built and validated by
Altair once per corpus, and moving the day only changes that parameter's
value (`at_day`), which keeps a slider move cheap with thousands of places.
"""

from __future__ import annotations

from datetime import date

import altair as alt
import pandas as pd

from ..profiles import Profile

DAY_PARAM = "chosen_day"


def status_counts(daily: pd.DataFrame, statuses: tuple[str, ...]) -> pd.DataFrame:
    """Places per reported status per day: columns day (YYYY-MM-DD), status, places; zeros included."""
    reported = daily[~daily["inferred"].astype(bool) & daily["status"].isin(statuses)]
    table = reported.groupby(["day", "status"]).size().unstack(fill_value=0)
    table = table.reindex(columns=list(statuses), fill_value=0).reindex(sorted(daily["day"].unique()), fill_value=0)
    long = table.rename_axis(index="day", columns="status").stack().rename("places").reset_index()
    long["day"] = [d.isoformat() for d in long["day"]]
    return long


def status_chart(daily: pd.DataFrame, day: date, profile: Profile) -> alt.LayerChart:
    """Stacked bars of places per status per day, in the map's colours so both read alike; the chosen day's
    bar opaque, with a black rule on it."""
    colours = {status: profile.colours[status] for status in profile.statuses}
    chosen = alt.param(name=DAY_PARAM, value=day.isoformat())
    x = alt.X("day:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=True))
    # Inline rows, not a DataFrame: Altair refuses a DataFrame of over 5,000 rows (MaxRowsError), and a
    # corpus that holds a report of 2015 beside those of 2021 has six years of days.
    base = alt.Chart(alt.InlineData(values=status_counts(daily, profile.statuses).to_dict("records")))
    bars = (
        base.mark_bar()
        .encode(
            x=x,
            y=alt.Y("places:Q", stack=True, title="places"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                title="status",
                sort=list(colours),
            ),
            order=alt.Order("rank:Q"),
            opacity=alt.condition(alt.datum.day == chosen, alt.value(1.0), alt.value(0.55)),
            tooltip=["day:O", "status:N", "places:Q"],
        )
        .transform_calculate(rank=f"indexof({list(colours)!r}, datum.status)")
    )
    rule = base.transform_filter(alt.datum.day == chosen).mark_rule(color="black", strokeWidth=2).encode(x=x)
    return alt.layer(bars, rule).add_params(chosen).properties(height=220)


def status_spec(daily: pd.DataFrame, day: date, profile: Profile) -> dict:
    """The chart as a Vega-Lite spec, validated once."""
    return status_chart(daily, day, profile).to_dict()


def at_day(spec: dict, day: date) -> dict:
    """The same spec with the chosen day moved; the original is left as it was (it may be cached)."""
    params = [{**p, "value": day.isoformat()} if p.get("name") == DAY_PARAM else p for p in spec.get("params", [])]
    return {**spec, "params": params}
