"""A claim weeks away from every other report of its place is flagged and waits for review, not painted."""

from __future__ import annotations

from helpers import HOLDING

from geo.records import Event
from geo.timeline import FAR_FLAG, daily_status, events_frame


def claim(article: str, place: str, day: str, status: str = "taliban") -> Event:
    return Event(
        article, day, place, "city", "AF", 36.7, 68.9, status, day, "day", 0.9, f"{place} fell.", rule="tal:capture"
    )


def test_a_claim_a_month_before_every_other_report_is_flagged_and_not_painted():
    frame = events_frame(
        [
            claim("misdated.txt", "Kunduz", "2021-07-04"),  # a photo caption's date taken for the report's
            claim("a.txt", "Kunduz", "2021-08-08"),
            claim("b.txt", "Kunduz", "2021-08-09"),
            claim("a.txt", "Herat", "2021-08-12"),
        ]
    )
    assert list(frame["flag"]) == [FAR_FLAG, "", "", ""]
    daily = daily_status(frame, HOLDING)
    assert daily["day"].min().isoformat() == "2021-08-08"  # the slider does not grow back to July
    accepted = frame.assign(review=["accepted", "", "", ""])
    assert daily_status(accepted, HOLDING)["day"].min().isoformat() == "2021-07-04"  # once accepted, it is painted


def test_a_place_only_one_report_speaks_of_is_never_flagged():
    frame = events_frame([claim("a.txt", "Kunduz", "2021-05-01"), claim("a.txt", "Kunduz", "2021-08-08")])
    assert set(frame["flag"]) == {""}
