"""Dates: the day each sentence speaks of (the publication date is published.py's).

All date patterns live here. Explicit calendar dates are parsed by dateparser;
weekday names and "yesterday" are resolved against the publication date, the
way a reader of the morning paper does ("on Thursday" in a Friday report is
the day before).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser
import regex  # searches through alternations of words: faster here than re, as measured
from dateutil.relativedelta import MO, relativedelta

from .gates import minimal_substrings, required_factors

# The patterns a sentence is searched with are ASCII (regex.A): dates are written in English words and
# ASCII digits, and ASCII word boundaries and digits are checked faster than Unicode ones.

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# A full calendar date: "August 13, 2021", "13 August 2021", "2021-08-13", "Aug. 13 2021".
FULL_DATE = regex.compile(
    rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b"
)
# A date without a year, inside a sentence: "on August 15", "Sunday August 15", "15 August".
DAY_OF_MONTH = regex.compile(
    rf"\b(?:{MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d{{4}})|"
    rf"(\d{{1,2}})\s+{MONTH}(?!,?\s+\d{{4}}))",
    regex.A,
)
DAY_NAME = regex.compile(rf"\b{WEEKDAY}\b", regex.A)
# "since the withdrawal began on May 1", "clashes that started on Friday": where a span starts, not the day
# a sentence reports.
SINCE_BEFORE = regex.compile(
    r"\b(?:since|until|till|(?:that|which)\s+(?:started|began|erupted|broke\s+out))\b[^,;]{0,80}$",
    regex.I | regex.A,
)


@dataclass(frozen=True)
class Expression:
    """A kind of date expression, how far it shifts the day, and its cues: one of them stands in every match.

    Most sentences hold no cue of a given expression and are never searched for it: a search costs
    about a microsecond per expression, a cue test a tenth of that.
    """

    pattern: regex.Pattern[str]
    shift: timedelta | relativedelta  # relativedelta only where days will not do: it adds 20x slower
    cues: tuple[str, ...]

    def found_in(self, text: str, lowered: str) -> str:
        """The words of the expression in the text, or ''."""
        for cue in self.cues:
            if cue in lowered:
                found = self.pattern.search(text)
                return found.group(0) if found else ""
        return ""


def expressions(rows: list[tuple[str, int | relativedelta]]) -> list[Expression]:
    """Expressions from (pattern, shift) rows, each with cues read off its pattern (geo/extraction/gates.py);
    a shift in whole days is written as a number."""
    return [
        Expression(
            regex.compile(pattern, regex.I | regex.A),
            timedelta(days=shift) if isinstance(shift, int) else shift,
            tuple(cue.lower() for cue in required_factors(pattern)),
        )
        for pattern, shift in rows
    ]


# Spans. A claim dated by a span ("this week", "for weeks", "in the last 24 hours") is dated at
# the span's start, as a range: the place changed hands at some point within it. Spans that run
# up to now count back from the day the report speaks of; spans in the past from publication.
SPANS_TO_NOW = expressions(
    [
        (
            r"\bfor weeks\b|\brecent weeks\b|\bearlier this month\b|\bover the (?:past|last) (?:\w+ )?weeks\b",
            -7,
        ),
        (
            r"\b(?:this|past) week\b|\bin (?:less than|under|about) a week\b|\bin (?:a|one) week\b|\bwithin a week\b|"
            r"\bearlier this week\b|\bweeklong\b",
            -6,
        ),
        (r"\bfor days\b|\bsince (?:early|late) \w+\b", -3),
    ]
)
PAST_SPANS = expressions(
    [
        (
            r"\blast week\b",
            relativedelta(weeks=-1, weekday=MO(-1)),
        ),  # from its Monday
        (r"\b(?:a|one) week ago\b", -7),
        (r"\b(?:two|2|a couple of) weeks ago\b", -14),
        (r"\b(?:three|3) weeks ago\b", -21),
        *[
            (rf"\b(?:{word}|{count}) days ago\b", -count)  # "about eight days ago"
            for count, word in enumerate(
                (
                    "four",
                    "five",
                    "six",
                    "seven",
                    "eight",
                    "nine",
                    "ten",
                    "eleven",
                    "twelve",
                    "thirteen",
                    "fourteen",
                ),
                start=4,
            )
        ],
        (
            r"\blast month\b",
            relativedelta(months=-1, day=1),
        ),  # from the 1st of that month
        (
            r"\b(?:past|last) (?:few|two|three|several) days\b|\bin recent days\b|"
            r"\bover the (?:past|last) (?:\w+ )?days\b",
            -2,
        ),
        (
            r"\bovernight\b|\b(?:in|over|during|within) (?:just |only )?(?:the )?(?:last|past) (?:24|48) hours\b",
            -1,
        ),
    ]
)
RELATIVE_DAYS = expressions(
    [
        (r"\byesterday\b|\blast night\b", -1),
        (r"\b(?:two|2) days ago\b", -2),
        (r"\b(?:three|3) days ago\b", -3),
        (
            r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b",
            0,
        ),
    ]
)
SHIFT_FROM_CONTEXT = expressions(
    [
        (
            r"\b(?:a|one) day (?:earlier|before)\b|\bthe (?:day|night) before\b",
            -1,
        ),
        (
            r"\b(?:a|one) day later\b|\bthe next day\b|\bthe following day\b",
            1,
        ),
    ]
)
# One of these stands in every expression above, a weekday name holds "day" and a day of the month a
# digit: a sentence with none of them, most sentences, is passed over at once.
DATE_CUES = tuple(
    sorted(
        minimal_substrings(
            frozenset(
                cue
                for expression in (*SPANS_TO_NOW, *PAST_SPANS, *RELATIVE_DAYS, *SHIFT_FROM_CONTEXT)
                for cue in expression.cues
            )
            | {"day"}
        )
    )
)
DIGIT = regex.compile(r"\d", regex.A)
MONTH_CUES = tuple(month[:3] for month in MONTHS)


# "in July": a span from the 1st of the month named, the latest one not after publication.
IN_MONTH = regex.compile(rf"\bin (?:early |mid-?|late )?({'|'.join(MONTHS)})\b(?!\s+\d)", regex.A)  # read in lower case

RECENT = timedelta(days=45)  # how far back a month-and-day in a report can reach


@dataclass(slots=True)  # not frozen: see geo/records.py
class DayClaim:
    """The day a sentence speaks of; `explicit` when the sentence itself names it."""

    day: date
    precision: str  # day, range or unknown
    explicit: bool
    cue: str = ""  # the words that set it ("on Thursday", "last week"): what `explain` shows


# The days a report can plausibly speak of: from the first news sites to tomorrow (a time zone ahead). A
# date outside is a typing error or a placeholder ("1900-01-01", "9999-12-31"): it is flagged, and claims
# dated by it are kept in events.csv but not drawn, since one such day would stretch the map's slider
# and every day-by-day table over centuries.
PLAUSIBLE_FROM = date(1970, 1, 1)


def plausible(day: date, today: date | None = None) -> bool:
    return PLAUSIBLE_FROM <= day <= (today or date.today()) + timedelta(days=1)


def plausible_span(today: date | None = None) -> str:
    return f"{PLAUSIBLE_FROM.isoformat()} to {((today or date.today()) + timedelta(days=1)).isoformat()}"


def parse_iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


@lru_cache(maxsize=10_000)
def parse_date(span: str, relative_to: date | None = None) -> date | None:
    """A calendar date from a short span of text; a date with no year takes the nearest past one.

    The forms FULL_DATE and DAY_OF_MONTH find ("August 13, 2021", "13 Aug", "2021-08-13") are read
    directly; anything else goes to dateparser, which takes a millisecond or more a call.
    """
    found = read_simple_date(span, relative_to)
    if found:
        return found
    settings = {
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
        "STRICT_PARSING": False,
    }
    if relative_to:
        settings["RELATIVE_BASE"] = datetime.combine(relative_to, datetime.min.time())
    parsed = dateparser.parse(span, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


MONTH_NUMBER = {
    m: n
    for n, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
SIMPLE_DATE = regex.compile(
    r"^(?:(?:\w+day,?\s+)?(?P<m1>[A-Za-z]+)\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{4}))?|"
    r"(?P<d2>\d{1,2})\s+(?P<m2>[A-Za-z]+)\.?(?:,?\s+(?P<y2>\d{4}))?|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))$"
)


def read_simple_date(span: str, relative_to: date | None) -> date | None:
    match = SIMPLE_DATE.match(span.strip())
    if match is None:
        return None
    parts = match.groupdict()
    month = MONTH_NUMBER.get((parts["m1"] or parts["m2"] or "")[:3].lower()) or int(parts["m3"] or 0)
    day = int(parts["d1"] or parts["d2"] or parts["d3"])
    year = parts["y1"] or parts["y2"] or parts["y3"]
    try:
        if year:
            return date(int(year), month, day)
        base = relative_to or date.today()
        found = date(base.year, month, day)
        return found if found <= base else date(base.year - 1, month, day)
    except ValueError:  # "February 30", or a word that is not a month
        return None


def most_recent(weekday: int, published: date) -> date:
    """The latest day on or before publication that falls on that weekday."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


# "Kunduz was taken by the Taliban in 2015": a claim placed in an earlier year is history, not news.
# ("for the first time since 2001" is news: only "in" and "during" place a claim in a year.)
# "In August 2019, ... took control of X": a month of an earlier year is history too.
IN_YEAR = re.compile(
    r"\b(?:in|during)\s+(?:(?:early|late|mid)[- ]?)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+)?((?:19|20)\d\d)\b(?!\s*[-–]\s*\d)",
    re.A | re.I,
)


def in_an_earlier_year(text: str, published: date) -> bool:
    if "19" not in text and "20" not in text:  # most sentences name no year
        return False
    return any(int(year) < published.year for year in IN_YEAR.findall(text))


def sentence_day(text: str, published: date, context: date | None) -> DayClaim | None:
    """The day a sentence speaks of, or None when it names none.

    `context` is the last day an earlier sentence named: "a day earlier" counts from it.
    """
    lowered = text.lower()
    digit = DIGIT.search(text) is not None
    if not digit and not any(cue in lowered for cue in DATE_CUES):
        return month_named(lowered, published)  # the one kind of date left to look for
    for shift in SHIFT_FROM_CONTEXT:
        if words := shift.found_in(text, lowered):
            return DayClaim(min((context or published) + shift.shift, published), "range", True, words)  # never ahead
    named = DAY_OF_MONTH.finditer(text) if digit and any(cue in lowered for cue in MONTH_CUES) else ()
    for match in named:
        if SINCE_BEFORE.search(text, 0, match.start()):
            continue
        found = day_of_month(match.group(0), published)
        if found:
            return found
        break  # only the first day of the month named counts
    for match in DAY_NAME.finditer(text) if "day" in lowered else ():
        if not SINCE_BEFORE.search(text, 0, match.start()):
            return weekday_named(match.group(0), published)
    for relative in RELATIVE_DAYS:
        if words := relative.found_in(text, lowered):
            return DayClaim(published + relative.shift, "day", True, words)
    for span in PAST_SPANS:
        if words := span.found_in(text, lowered):
            return DayClaim(published + span.shift, "range", False, words)
    month = month_named(lowered, published)
    if month:
        return month
    for span in SPANS_TO_NOW:
        if words := span.found_in(text, lowered):
            return DayClaim((context or published) + span.shift, "range", False, words)
    return None


# "On August 6 they took A, and on August 7 B", "On Friday they seized A and a day later B": a day named right
# after "and" or a semicolon, or the day after, dates what follows it, as roundups that date each capture write.
DAY_NAMED_NEXT = regex.compile(
    rf"(?:\band|;)\s+(?:then\s+)?(?:on\s+)?(?:the\s+)?(?:(?P<weekday>{WEEKDAY})|"
    rf"(?P<date>{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}))\b",
    regex.A,
)
DAY_AFTER = regex.compile(r"\b(?:(?:the )?(?:following|next) day|(?:a|one) day later)\b", regex.A)
DAY_AFTER_CUES = required_factors(DAY_AFTER)  # one is in every match: searched only then


def days_in_turn(text: str, published: date, context: date | None, day: DayClaim) -> list[tuple[int, DayClaim]]:
    """The days a sentence names in turn, each with the offset it holds from: its own day, named before any
    other takes over, from 0, then each day that takes over. Without a day of its own, the sentence's day
    (`day`) holds throughout."""
    turns = list(DAY_NAMED_NEXT.finditer(text))
    if any(cue in text for cue in DAY_AFTER_CUES):
        turns = sorted([*turns, *DAY_AFTER.finditer(text)], key=lambda turn: turn.start())
    own = sentence_day(text[: turns[0].start()], published, context) if turns else None
    if own is None:
        return [(0, day)]
    found = [(0, own)]
    for match in turns:
        if match.re is DAY_AFTER:  # "and on the following day", "a day later": after the day last named
            after = min(found[-1][1].day + timedelta(days=1), published)
            found.append((match.end(), DayClaim(after, "range", True, match.group(0))))
        else:
            named = (
                weekday_named(match.group("weekday"), published)
                if match.group("weekday")
                else day_of_month(match.group("date"), published)
            )
            if named:
                found.append((match.end(), named))
    return found


def day_of_month(span: str, published: date) -> DayClaim | None:
    """ "August 9" as a claim's day, if it is recent: "by August 31" is a deadline, not news."""
    found = parse_date(span, published)
    return DayClaim(found, "day", True, span) if found and timedelta(0) <= published - found <= RECENT else None


def weekday_named(name: str, published: date) -> DayClaim:
    return DayClaim(most_recent(WEEKDAYS.index(name.lower()), published), "day", True, name)


def month_named(lowered: str, published: date) -> DayClaim | None:
    """ "In July": a span from its first day; "in September" in an August report has not come yet."""
    match = IN_MONTH.search(lowered)  # its literal "in " is found faster than twelve month names
    if match is None:
        return None
    first = published.replace(month=MONTHS.index(match.group(1)) + 1, day=1)
    return DayClaim(first, "range", False, match.group(0)) if first <= published else None
