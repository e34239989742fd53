"""Many reports, one map: how the claims of a day are weighed (geo/timeline.py).

Why: a place's status on the map should say what the reports say together, not what the single most
confident sentence said. Independent sources agreeing count for more; a report written after the day
settles it; a vague report about the past never moves a settled place back.
"""

from __future__ import annotations

from datetime import date

from helpers import HOLDING

from geo.records import Event
from geo.timeline import daily_status, events_frame


def claim(article: str, status: str, day: str, confidence: float, published: str = "", precision: str = "day"):
    return Event(
        article=article, published=published or day, place="Ghazni", place_kind="city", country="AF",
        latitude=33.55, longitude=68.42, status=status, event_date=day, date_precision=precision,
        confidence=confidence, evidence="(a sentence of ours)", rule="left:capture",
    )  # fmt: skip


def status_on(events: list[Event], day: str, place: str = "Ghazni") -> str:
    daily = daily_status(events_frame(events), HOLDING)
    return daily.loc[(daily["day"] == date.fromisoformat(day)) & (daily["place"] == place), "status"].iloc[0]


def test_independent_reports_agreeing_outweigh_one_more_confident_report() -> None:
    events = [
        claim("a.txt", "taliban", "2021-08-12", 0.6),
        claim("b.txt", "taliban", "2021-08-12", 0.6),
        claim("c.txt", "contested", "2021-08-12", 0.8),
    ]
    assert status_on(events, "2021-08-12") == "taliban"  # 1 - 0.4 * 0.4 = 0.84 > 0.8


def test_one_report_saying_it_twice_is_one_vote() -> None:
    events = [
        claim("a.txt", "taliban", "2021-08-12", 0.6),
        claim("a.txt", "taliban", "2021-08-12", 0.6),
        claim("c.txt", "contested", "2021-08-12", 0.8),
    ]
    assert status_on(events, "2021-08-12") == "contested"


def test_a_later_report_settles_the_day_it_names() -> None:
    events = [
        claim("same-day.txt", "government", "2021-08-15", 0.9),
        claim("next-day.txt", "taliban", "2021-08-15", 0.7, published="2021-08-16"),
    ]
    assert status_on(events, "2021-08-15") == "taliban"


def test_without_hindsight_the_day_is_weighed_as_reported() -> None:
    events = [
        claim("same-day.txt", "taliban", "2021-08-15", 0.9),
        claim("other.txt", "contested", "2021-08-15", 0.7),
    ]
    assert status_on(events, "2021-08-15") == "taliban"


def test_two_reports_giving_the_day_to_two_sides_leave_it_contested() -> None:
    """A ministry's claim and the other side's denial: the map does not side with the surer sentence."""
    events = [
        claim("ministry.txt", "government", "2021-08-15", 0.9),
        claim("denial.txt", "taliban", "2021-08-15", 0.7),
    ]
    assert status_on(events, "2021-08-15") == "contested"


def test_a_report_about_the_past_never_moves_a_settled_place_back() -> None:
    later_elsewhere = claim("b.txt", "taliban", "2021-08-16", 0.9)
    later_elsewhere.place = "Herat"  # the map runs on to the 16th
    events = [
        claim("a.txt", "taliban", "2021-08-12", 0.9),
        claim("late.txt", "contested", "2021-08-09", 0.8, published="2021-08-16", precision="range"),
        later_elsewhere,
    ]
    assert status_on(events, "2021-08-16") == "taliban"


def test_a_span_with_nothing_settled_in_it_shows_from_its_publication() -> None:
    events = [
        claim("a.txt", "contested", "2021-08-05", 0.8),
        claim("late.txt", "taliban", "2021-08-09", 0.8, published="2021-08-12", precision="range"),
    ]
    assert status_on(events, "2021-08-11") == "contested"
    assert status_on(events, "2021-08-12") == "taliban"


def test_a_later_report_of_fighting_does_not_settle_the_day() -> None:
    events = [
        claim("same-day.txt", "taliban", "2021-08-09", 0.7),
        claim("next-day.txt", "contested", "2021-08-09", 0.55, published="2021-08-10"),
    ]
    assert status_on(events, "2021-08-09") == "taliban"
