"""The day each sentence speaks of (publication dates: test_published.py)."""

from datetime import date

import pytest

from geo.extraction.dates import sentence_day

FRIDAY = date(2021, 8, 13)


@pytest.mark.parametrize(
    "text, day, precision",
    [
        ("The city fell on Thursday.", date(2021, 8, 12), "day"),
        ("The city fell late on Thursday.", date(2021, 8, 12), "day"),
        ("A car bomb exploded Wednesday evening.", date(2021, 8, 11), "day"),
        ("The city fell on Friday.", FRIDAY, "day"),
        ("The city fell yesterday.", date(2021, 8, 12), "day"),
        ("The base was overrun last night.", date(2021, 8, 12), "day"),
        ("The district fell on August 9.", date(2021, 8, 9), "day"),
        ("The district fell on Aug. 9.", date(2021, 8, 9), "day"),
        (
            "The district fell last week.",
            date(2021, 8, 2),
            "range",
        ),  # the Monday of the week before
        ("The district fell a couple of weeks ago.", date(2021, 7, 30), "range"),
        ("The district fell about eight days ago.", date(2021, 8, 5), "range"),
        ("The district fell 12 days ago.", date(2021, 8, 1), "range"),
        ("The district fell two days ago.", date(2021, 8, 11), "day"),
        ("The Taliban took the crossing last month.", date(2021, 7, 1), "range"),
        ("The town fell to the Taliban in mid-July.", date(2021, 7, 1), "range"),
        ("Two districts were retaken in early June.", date(2021, 6, 1), "range"),
        ("Three cities fell in the last 24 hours.", date(2021, 8, 12), "range"),
        ("Over the past 24 hours, three districts fell.", date(2021, 8, 12), "range"),
        ("Five districts fell over the past few days.", date(2021, 8, 11), "range"),
        ("The city has been besieged for weeks.", date(2021, 8, 6), "range"),
        ("Ten capitals fell in less than a week.", date(2021, 8, 7), "range"),
    ],
)
def test_sentence_day(text, day, precision):
    found = sentence_day(text, FRIDAY, None)
    assert (found.day, found.precision) == (day, precision)


def test_a_day_earlier_counts_from_the_day_named_before():
    found = sentence_day("A day earlier the district had fallen.", FRIDAY, date(2021, 8, 10))
    assert found.day == date(2021, 8, 9)


def test_the_day_a_span_starts_is_not_the_day_a_sentence_reports():
    text = "Kang is the ninth district to fall since the withdrawal of foreign troops began on May 1."
    assert sentence_day(text, FRIDAY, None) is None
    assert sentence_day("Since May 1, Kang has been besieged; it fell on August 9.", FRIDAY, None).day == date(
        2021, 8, 9
    )
    assert sentence_day("Eleven people died in clashes that started on Tuesday evening.", FRIDAY, None) is None


def test_sentence_with_no_day():
    assert sentence_day("The Taliban captured the city.", FRIDAY, None) is None


def test_a_deadline_months_away_is_not_the_day_of_a_claim():
    assert (
        sentence_day(
            "The Taliban seized the crossing before the withdrawal by August 31.",
            date(2021, 7, 9),
            None,
        )
        is None
    )


def test_a_month_still_to_come_is_not_the_day_of_a_claim():
    assert sentence_day("Troops are due to leave in September.", FRIDAY, None) is None


def test_a_span_up_to_now_counts_back_from_the_day_the_report_speaks_of():
    found = sentence_day("This week alone the group captured twelve capitals.", FRIDAY, date(2021, 8, 12))
    assert (found.day, found.precision) == (date(2021, 8, 6), "range")


@pytest.mark.parametrize(
    "span, day",
    [
        ("August 13, 2021", FRIDAY),
        ("13 August 2021", FRIDAY),
        ("Aug. 13 2021", FRIDAY),
        ("2021-08-13", FRIDAY),
        ("Friday, August 13, 2021", FRIDAY),
        ("August 9", date(2021, 8, 9)),
        ("December 30", date(2020, 12, 30)),
    ],
)
def test_parse_date(span, day):
    from geo.extraction.dates import parse_date

    assert parse_date(span, FRIDAY) == day


# One phrase for every alternative of every relative-date expression.
RELATIVE_PHRASES = [
    "a day earlier",
    "one day before",
    "the day before",
    "the night before",
    "a day later",
    "the next day",
    "the following day",
    "yesterday",
    "last night",
    "two days ago",
    "2 days ago",
    "three days ago",
    "3 days ago",
    "today",
    "tonight",
    "this morning",
    "this afternoon",
    "this evening",
    "last week",
    "a week ago",
    "one week ago",
    "the past few days",
    "the last two days",
    "in recent days",
    "over the past days",
    "over the last three days",
    "overnight",
    "in the last 24 hours",
    "in past 48 hours",
    "in just the last 24 hours",
    "for weeks",
    "in recent weeks",
    "earlier this month",
    "over the past weeks",
    "over the last few weeks",
    "this week",
    "the past week",
    "in less than a week",
    "in under a week",
    "in about a week",
    "in a week",
    "in one week",
    "within a week",
    "earlier this week",
    "a weeklong push",
    "for days",
    "since early July",
    "since late June",
    "two weeks ago",
    "a couple of weeks ago",
    "3 weeks ago",
    "last month",
]


@pytest.mark.parametrize("phrase", RELATIVE_PHRASES)
def test_every_relative_date_phrase_passes_its_cue_gate(phrase):
    """A sentence is searched for an expression only if it holds one of the expression's cues."""
    from geo.extraction.dates import (
        DATE_CUES,
        PAST_SPANS,
        RELATIVE_DAYS,
        SHIFT_FROM_CONTEXT,
        SPANS_TO_NOW,
    )

    text = f"The district fell {phrase}."
    matching = [e for e in SHIFT_FROM_CONTEXT + RELATIVE_DAYS + PAST_SPANS + SPANS_TO_NOW if e.pattern.search(text)]
    assert matching, "no expression reads this phrase"
    assert all(e.found_in(text, text.lower()) for e in matching)
    assert any(cue in phrase.lower() for cue in DATE_CUES) or any(c.isdigit() for c in phrase)
    assert sentence_day(text, FRIDAY, date(2021, 8, 10)) is not None


def test_the_day_a_span_starts_is_not_carried_to_the_next_sentence():
    from helpers import events

    found = events("Eleven people died in clashes that started on Tuesday evening. Fighting continued in Kunduz.")
    assert [(e.place, e.event_date) for e in found] == [("Kunduz", FRIDAY.isoformat())]


def test_each_capture_in_a_roundup_takes_the_day_named_last_before_it():
    """'On Monday they took A, and on Tuesday B': B was taken on Tuesday, and the next sentence carries it."""
    from helpers import events

    found = events(
        "On August 9, the militants seized Aybak and on August 10, they took Farah and Zaranj. A day later Kunduz fell."
    )
    assert {(e.place, e.event_date) for e in found} == {
        ("Aybak", "2021-08-09"),
        ("Farah", "2021-08-10"),
        ("Zaranj", "2021-08-10"),
        ("Kunduz", "2021-08-11"),
    }
    found = events("On Monday they seized Aybak, and on the following day took control of Farah.")
    assert {(e.place, e.event_date) for e in found} == {
        ("Aybak", "2021-08-09"),
        ("Farah", "2021-08-10"),
    }
    found = events("On Tuesday the militants seized Zaranj and followed it up a day later by taking Sheberghan.")
    assert {(e.place, e.event_date) for e in found} == {
        ("Zaranj", "2021-08-10"),
        ("Sheberghan", "2021-08-11"),
    }
    found = events("Aybak fell on Monday after clashes with Taliban fighters and Afghan soldiers.")
    assert [e.event_date for e in found] == ["2021-08-09"]  # one day named: every claim has it


def test_a_day_later_never_dates_a_claim_after_publication():
    assert sentence_day("A day later the district fell.", FRIDAY, None).day == FRIDAY
    assert sentence_day("A day later the district fell.", FRIDAY, date(2021, 8, 11)).day == date(2021, 8, 12)
