"""From claims to each place's status on each day (pandas).

A place takes the status its claims give it on the latest day with claims on
or before a day. The claims of one day are weighed, not just ranked: each
article gives a status one vote, its most confident claim, and a status's
weight is 1 - (1 - c1)(1 - c2)..., so independent reports agreeing count for
more than one; the heavier status wins, and the day is marked `disputed` when
claims disagree; on equal weight a holder beats "contested". Where different
reports give the day to two different sides (one side's claim, the other's
denial), the day is contested, whichever sounded surer. A report written
after the day it names who held a place ("fell on Thursday", published Friday)
settles that day: where one exists, only such hindsight claims vote (a later
report of fighting settles nothing). A claim dated by a span ("fell last
week") takes effect when it was published, unless a precisely dated claim
falls within its span: then the place's change is already settled, and the
vaguer report about the past never moves it back. Before its first claim a place's status is unknown, except that
a place first reported captured was evidently held by the profile's holding side (the government) until
then: that is shown, marked `inferred`.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from .extraction.dates import PLAUSIBLE_FROM
from .profiles import CONTESTED, UNKNOWN
from .records import EVENT_COLUMNS, EXTRA_COLUMNS, Event

TAKEN_RULES = ("capture", "fall", "fall_to", "lose")


FAR = 21  # days: a claim this far from every other article's claims about its place waits for review
FAR_FLAG = "far from the other reports of this place: review it before it is painted"
REVIEWED = ("accepted", "edited", "added")


def events_frame(events: list[Event]) -> pd.DataFrame:
    """The events.csv table: contract columns first, in order, then the extras (flag filled in here)."""
    rows = [{c: getattr(e, c) for c in EVENT_COLUMNS + EXTRA_COLUMNS} for e in events]
    return with_flags(pd.DataFrame(rows, columns=EVENT_COLUMNS + EXTRA_COLUMNS))


def with_flags(events: pd.DataFrame) -> pd.DataFrame:
    """The claims with their `flag` filled in: why one waits for review before it is painted, or ''."""
    return events.assign(flag=far_from_the_rest(events).map({True: FAR_FLAG, False: ""}))


def far_from_the_rest(events: pd.DataFrame, days: int = FAR) -> pd.Series:
    """True for a claim dated weeks before or after every other article's claim about the same place.

    Why: a report misdated by a month (a photo caption's date taken for its own) would paint its
    places a month early and stretch the slider; other reports of the place are the check. A place
    only one or two articles speak of is never flagged: with two reports weeks apart nothing tells which is
    misdated (one may simply tell of an older day: "still held by the government" in June).
    """
    flagged = pd.Series(False, index=events.index)
    if events.empty:
        return flagged
    claims = pd.DataFrame(
        {
            "place": events["place"],
            "article": events["article"],
            "when": pd.to_datetime(events["event_date"], errors="coerce"),
        },
        index=events.index,
    )
    claims = claims[drawable(events["event_date"])]  # a report dated 1900 or 9999 is evidence of nothing
    window = pd.Timedelta(days=days)
    for _, rows in claims.groupby("place"):
        if rows["article"].nunique() < 3:
            continue
        flagged[rows.index] = alone_in_window(rows["when"], rows["article"], window)
    return flagged


def alone_in_window(when: pd.Series, article: pd.Series, window: pd.Timedelta) -> np.ndarray:
    """For each claim, whether every claim within `window` of its day (its own included) is of its article.

    The claims are sorted by day once; each looks up the first and last claim of its window and asks
    whether the article changes between them (a running count of changes): linear after the sort, where
    comparing every day with every other day took minutes for a place spoken of on thousands of days.
    """
    order = np.argsort(when.to_numpy(), kind="stable")
    days = when.to_numpy()[order]
    codes = pd.factorize(article)[0][order]
    first = np.searchsorted(days, days - window.to_timedelta64(), side="left")
    last = np.searchsorted(days, days + window.to_timedelta64(), side="right") - 1
    changes = np.concatenate([[0], np.cumsum(codes[1:] != codes[:-1])])  # changes[k]: changes up to k
    alone = np.empty(len(order), dtype=bool)
    alone[order] = changes[last] == changes[first]
    return alone


def placed(events: pd.DataFrame) -> pd.DataFrame:
    """Located claims, each on the day it takes effect on the map; claims far from the rest wait for review.

    A claim dated by a span ("captured this week") says the place changed hands at some
    point in it; the map shows it from the day its report was published, when the
    report says it held, rather than from the span's first possible day. Where a claim
    dated to the day falls within that span, the change is settled and the span claim
    is left out: it would only move the place back to an older report's view. A claim
    whose day is implausible (see `drawable`) is not drawn at all.
    """
    located = events.dropna(subset=["latitude", "longitude"])
    located = located[drawable(shown_day(located))]  # first: a day of 1900 or 9999 is checked against nothing
    reviewed = located["review"].isin(REVIEWED) if "review" in located else pd.Series(False, index=located.index)
    located = located[~far_from_the_rest(located) | reviewed]
    kept = located[~outdated_spans(located)]
    return kept.assign(event_date=shown_day(kept))


def outdated_spans(located: pd.DataFrame) -> pd.Series:
    """Span claims within whose span (its first day to its report's) a claim dated to the day names the place.

    Each place's precise days are sorted once and each span looks up the first of them on or after its
    start: a place with 10,000 span claims and 10,000 dated ones costs 20,000 look-ups, where pairing every
    span with every dated claim made 100 million rows.
    """
    spans = located["date_precision"] == "range"
    outdated = pd.Series(False, index=located.index)
    if not spans.any() or spans.all():
        return outdated
    precise = {
        place: np.sort(days.to_numpy(dtype=str)) for place, days in located.loc[~spans].groupby("place")["event_date"]
    }
    for place, rows in located.loc[spans, ["place", "event_date", "published"]].groupby("place"):
        days = precise.get(place)
        if days is None:
            continue
        first = np.searchsorted(days, rows["event_date"].to_numpy(dtype=str), side="left")
        found = first < len(days)
        nearest = days[np.minimum(first, len(days) - 1)]
        outdated[rows.index[found & (nearest <= rows["published"].to_numpy(dtype=str))]] = True
    return outdated


def shown_day(located: pd.DataFrame) -> pd.Series:
    """The day a claim takes effect: its own, or its report's for a claim dated by a span."""
    return located["event_date"].where(located["date_precision"] != "range", located["published"])


def drawable(days: pd.Series) -> pd.Series:
    """Which ISO days are plausible (dates.plausible): one claim dated 1900 or 9999 would stretch every
    day-by-day table, the slider and the chart over centuries, so such claims are flagged, not drawn."""
    first, last = PLAUSIBLE_FROM.isoformat(), (date.today() + timedelta(days=1)).isoformat()
    text = days.astype(str)
    return (text >= first) & (text <= last) & text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")


def undrawn(events: pd.DataFrame) -> pd.DataFrame:
    """Claims left off the map for an implausible date: what the dashboard and the command line flag."""
    located = events.dropna(subset=["latitude", "longitude"])
    return located[~drawable(shown_day(located))]


def changes(events: pd.DataFrame) -> pd.DataFrame:
    """One row per located place and day that has claims: the most confident claim of the status the
    day's claims weigh for (see the module's docstring), and whether they disagree."""
    located = placed(events)
    if located.empty:
        return located.assign(disputed=pd.Series(dtype=bool))
    day = ["place", "event_date"]
    hindsight = (
        (located["date_precision"] == "day")
        & (located["published"] > located["event_date"])
        & (located["status"] != "contested")  # who held it, told later, settles the day; fighting does not
    )
    settled = hindsight.groupby([located[c] for c in day]).transform("any")
    voters = located[hindsight | ~settled]
    ordered = voters.sort_values([*day, "confidence"], ascending=[True, True, False])
    votes = ordered.drop_duplicates([*day, "status", "article"])  # one vote per article and status
    weight = 1 - votes.assign(doubt=1 - votes["confidence"]).groupby([*day, "status"])["doubt"].prod()
    best_claim = ordered.drop_duplicates([*day, "status"]).set_index([*day, "status"])
    ranked = best_claim.assign(weight=weight).reset_index()
    # On equal weight a holder beats "contested": a report that tells the fighting and its end means the end.
    ranked["holds"] = ranked["status"] != "contested"
    ranked = ranked.sort_values([*day, "weight", "holds", "confidence"], ascending=[True, True, False, False, False])
    statuses = located.groupby(day)["status"].nunique()
    best = ranked.drop_duplicates(day).drop(columns=["weight", "holds"])
    at = best.set_index(day).index
    best["disputed"] = at.map(statuses).to_numpy() > 1
    # Reports that give the day to two sides (a ministry's claim, the other side's denial) leave it contested:
    # the map does not side with whichever sentence sounded surer.
    sides = votes[votes["status"] != CONTESTED]
    both = (sides.groupby(day)["status"].nunique() > 1) & (sides.groupby(day)["article"].nunique() > 1)
    best.loc[at.map(both).fillna(False).to_numpy(dtype=bool), "status"] = CONTESTED
    return best[[*located.columns, "disputed"]].reset_index(drop=True)


def inferred_places(best: pd.DataFrame, holding: str) -> set[str]:
    """Places whose first winning claim is another side's capture: held by the `holding` side (the profile's,
    the government in most wars) until then.

    The one definition of the inference; the map's payload uses it too, so the
    page and the dashboard agree on which markers are hollow.
    """
    if best.empty:
        return set()
    first = best.sort_values("event_date", kind="stable").drop_duplicates("place")
    kinds = first["rule"].fillna("").str.split(":").str[-1]
    taken = ~first["status"].isin([holding, CONTESTED]) & kinds.isin(TAKEN_RULES)
    return set(first.loc[taken, "place"])


def daily_status(events: pd.DataFrame, holding: str, lead: int = 0) -> pd.DataFrame:
    """Every located place on every day from the first claim to the last: columns day, place, status, inferred.

    `lead` days before the first claim are added (the map starts the day before, showing the
    country before any report, and the dashboard's counts must speak of the same days).
    """
    best = changes(events)
    if best.empty:
        return pd.DataFrame(columns=["day", "place", "status", "inferred"])
    start = pd.Timestamp(best["event_date"].min()) - pd.Timedelta(days=lead)
    days = pd.date_range(start, best["event_date"].max(), freq="D")
    grid = (
        best.assign(day=pd.to_datetime(best["event_date"]))
        .pivot(index="day", columns="place", values="status")
        .reindex(days)
        .ffill()
    )
    first = pd.to_datetime(best.groupby("place")["event_date"].first())
    inferred = inferred_places(best, holding)
    # Whole-table operations, not a loop per place: 1,000 places take milliseconds, not seconds.
    held_before = pd.Series(first.where(first.index.isin(inferred))).reindex(grid.columns)
    before_capture = grid.index.to_numpy()[:, None] < held_before.to_numpy()[None, :]  # NaT compares False
    grid = grid.mask(before_capture, holding).fillna(UNKNOWN)  # unknown: before a first claim
    long = grid.rename_axis(index="day", columns="place").stack().rename("status").reset_index()
    long["inferred"] = long["day"].to_numpy() < long["place"].map(held_before).to_numpy()
    long["day"] = long["day"].dt.date
    return long


def status_on(daily: pd.DataFrame, day: date) -> pd.DataFrame:
    return daily[daily["day"] == day]


def counts_on(daily: pd.DataFrame, day: date, statuses: tuple[str, ...]) -> dict[str, int]:
    """Places per reported status on a day, every status present even at zero.

    Inferred control (before a first reported capture) is not
    counted: the counts say what the sources report, as the map's panel does.
    """
    today = status_on(daily, day)
    counts = today.loc[~today["inferred"].astype(bool), "status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in statuses}
