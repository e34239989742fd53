"""The publication date: every place a reader would look, each date kept with where it was found.

Why: an article dated wrongly paints its claims on the wrong days, and one
refused for want of a date loses them all. A reader looks in many places -- the
index the articles came with, the page's metadata, a marker a corpus put at the
top, the byline, the dateline, the web address, the file name, and last the
dates the text itself names -- and skips photo captions, the site's chrome and
copyright lines. So does this module, and it keeps every date it found
(`DateFound`) so the user sees which source won.

The rule where sources disagree, in one sentence: the most deliberate record
wins, in the order of SOURCES (index.csv, marker, URL, file name, page metadata,
byline, dateline, and last the latest day the text names, if within two months
of the rest of the batch); a date written without its year ("Aug 14 (Reuters)")
takes the year that puts it nearest the rest of the batch (`around`), failing
that a weekday named beside it, the year the text writes elsewhere, or the
latest year it was not in the future.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import regex

from ..records import Article, DateFound
from .dates import DIGIT, FULL_DATE, MONTH, SINCE_BEFORE, WEEKDAY, WEEKDAYS, parse_date

# Trusted first to last; `decide` takes the first source that found a date.
SOURCES = ("index", "marker", "url", "filename", "html", "byline", "dateline", "text")
UNKNOWN = "unknown"
HEAD_BLOCKS = 20  # bylines, datelines and markers stand near the top
TEXT_REACH = timedelta(days=60)  # how far from the rest of the batch a date the text names may date it

# " date 2021-08-09" on the first line: a marker some corpora and scrapers put above the text.
MARKER = regex.compile(r"^\s*date:?\s+(\d{4}-\d{2}-\d{2})\b", regex.I)
# "/2021/08/14/", "/2021-08-14/", "/20210814/" in a web address.
URL_DATE = regex.compile(r"/((?:19|20)\d\d)[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)|/((?:19|20)\d\d)(\d\d)(\d\d)/")
# A line that is the page's own address ("Source: https://..."), not a link inside a paragraph.
URL_LINE = regex.compile(
    r"^(?:(?:source|url|link|originally published(?: at)?|read more)\s*:?\s*)?(https?://\S+)$", regex.I
)
# "2021-08-12_ghazni-falls.txt", "20210812-ghazni.txt".
NAME_DATE = regex.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
# Photo captions and credits: "(AP Photo/Mohammad Asif Khan)", "[Abdullah Sahil/AP Photo]", "Picture taken
# January 1, 2018", "File photo", and AP's caption style "Kabul, Afghanistan, Wednesday, June 23, 2021."
CAPTION = regex.compile(
    rf"\b(?:AP|AFP|EPA|Reuters|Getty|Anadolu|Xinhua)\s*(?:Photo|Images|via|/)|Photo(?:graph)?\s*(?::|/|by\b)|"
    rf"\bPicture taken\b|\bFile (?:photo|picture|image)\b|\bphoto:|/\s*AP\b|\bImages?\s*/|"
    rf"\b{WEEKDAY},\s+{MONTH}\s+\d{{1,2}},\s+\d{{4}}\.(?:\s|$)",
    regex.I | regex.A,  # English words: ASCII boundaries are checked faster
)
# The site around the article: never its date.
CHROME = regex.compile(
    r"©|\bcopyright\b|all rights reserved|\bsubscribe\b|\bnewsletter\b|\bcookies?\b", regex.I | regex.A
)
# "KABUL, Aug 14 (Reuters) -", "TEHRAN, Aug. 09 (MNA) –", "July 14 (UPI) —", "Kabul, Aug 10 (EFE).-",
# "KABUL, August 9, 2021 -": a place (or nothing, before an agency) then a day and month at a block's start.
DATELINE = regex.compile(
    rf"^(?:(?P<place>[A-Z][\w'.-]*(?:[ -][A-Z][\w'.-]*){{0,3}}(?:,\s+[A-Z][\w'.-]*(?: [A-Z][\w'.-]*)?)?),?\s+)?"
    rf"(?P<when>(?:{WEEKDAY},?\s+)?(?:{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH})(?:,?\s+\d{{4}})?)"
    rf"\s*(?P<agency>\([^)]{{1,30}}\))?\s*\.?\s*[-–—:]"
)
# "the September 11 attacks", "the August 31 deadline": a date that names an event or a limit, not a day of news.
NAMED_BY_DATE = regex.compile(r"\s*(?:attacks?|anniversary|deadline|massacre|elections?|agreement|accord)\b", regex.I)
# "since May 1", "by August 31", "until September 11": a span's start or a deadline, not the report's day.
NOT_NOW = regex.compile(r"\b(?:by|until|till|before|deadline|scheduled|due|will|expected)\W+(?:\w+\W+){0,3}$", regex.I)
# "launched its offensive on November 27", "fighting broke out on ...": when something began, recalled as background.
BEGAN = regex.compile(
    r"\b(?:launched|began|started|broke\s+out|erupted|kicked\s+off)\b[^.;:]{0,60}$", regex.I | regex.A
)
DAY_AND_MONTH = regex.compile(
    rf"\b(?:(?:{WEEKDAY},?\s+)?{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+\d{{4}}\b)?)"
)
YEAR_IN = regex.compile(r"\b(?:19|20)\d\d\b")
LEADING_WEEKDAY = regex.compile(rf"^({WEEKDAY}),?\s+", regex.I)


@dataclass(frozen=True)
class Publication:
    """The date chosen, the source that won (or "unknown"), and every date found."""

    day: date | None
    source: str
    found: tuple[DateFound, ...] = ()


def find_dates(
    blocks: list[str],
    title: str = "",
    name: str = "",
    url: str = "",
    given: date | None = None,
    html_date: date | None = None,
    today: date | None = None,
) -> tuple[DateFound, ...]:
    """Every publication date the sources give, most trusted first."""
    today = today or date.today()
    found: list[DateFound] = []
    if given:
        found.append(DateFound("index", given, "index.csv"))
    if blocks and (marker := MARKER.match(blocks[0])):
        if day := parse_date(marker.group(1)):
            found.append(DateFound("marker", day, marker.group(0).strip()))
    head = blocks[:HEAD_BLOCKS]
    for address in [url, *(m.group(1) for b in head if (m := URL_LINE.match(b.strip())))]:
        if address and (day := url_date(address)):
            found.append(DateFound("url", day, address))
            break
    if name and (match := NAME_DATE.search(name)) and (day := ymd(*match.groups())):
        found.append(DateFound("filename", day, name))
    if html_date:
        found.append(DateFound("html", html_date, "page metadata"))
    text = Blocks(blocks)
    found += bylines(head, title)
    found += datelines(head, text, today)
    found += text_dates(text, today)
    return tuple(found)


class Blocks:
    """An article's paragraphs, with what is asked of them more than once (caption or not, years) found once."""

    def __init__(self, blocks: list[str]):
        self.blocks = blocks
        # A paragraph with no digit names no date and no year: whether it is a caption does not matter.
        self.skipped = [DIGIT.search(b) is None or ignored(b) for b in blocks]
        self._years: list[int] | None = None

    def years(self, today: date) -> list[int]:
        """Every year the text writes outside captions and chrome, none to come."""
        if self._years is None:
            self._years = [
                int(y)
                for b, skip in zip(self.blocks, self.skipped)
                if not skip and ("19" in b or "20" in b)
                for y in YEAR_IN.findall(b)
                if int(y) <= today.year
            ]
        return self._years


def decide(found: tuple[DateFound, ...], around: date | None = None) -> Publication:
    """The module docstring's rule: the first source in SOURCES order; a yearless date nearest `around`.

    The text's own dates, the last resort, count only within TEXT_REACH of the batch (`around`): a
    report that names only "April 7, 2017" is recalling history, not dating itself.
    """
    for source in SOURCES:
        for candidate in (f for f in found if f.source == source):
            day = near(candidate, around)
            if source == "text" and around and abs((day - around).days) > TEXT_REACH.days:
                continue
            return Publication(day, source, found)
    return Publication(None, UNKNOWN, found)


def near(found: DateFound, around: date | None) -> date:
    """A yearless date in the year that puts it nearest `around` (a batch's other articles), if given."""
    if found.year_given or around is None:
        return found.day
    month, day = found.month_day
    options = [d for y in (around.year - 1, around.year, around.year + 1) if (d := safe_date(y, month, day))]
    return min(options, key=lambda d: abs((d - around).days)) if options else found.day


def url_date(address: str) -> date | None:
    match = URL_DATE.search(address)
    if match is None:
        return None
    parts = [g for g in match.groups() if g is not None]
    return ymd(*parts)


def ymd(year: str, month: str, day: str) -> date | None:
    return safe_date(int(year), int(month), int(day))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A word one of which stands in every caption or chrome line CAPTION and CHROME find: most paragraphs hold
# none and are never searched (a search costs tens of microseconds a paragraph, a cue test one).
CUES = (
    "photo",
    "picture",
    "image",
    "getty",
    "/",
    "file ",
    "day,",
    "via",
    "©",
    "copyright",
    "rights reserved",
    "subscribe",
    "newsletter",
    "cookie",
)


def ignored(block: str) -> bool:
    """A photo caption or a line of the site's chrome: dates there are not the report's."""
    lowered = block.lower()
    if not any(cue in lowered for cue in CUES):
        return False
    return bool(CAPTION.search(block) or CHROME.search(block))


def bylines(head: list[str], title: str) -> list[DateFound]:
    """Short lines near the top that carry a full date ("Aug 9, 2021, 10:08 AM", "AFP Kabul 08 August 2021").

    A site's own date (the day the page was saved) tends to stand above the headline; the report's
    sits below it, beside the byline: those below the title come first.
    """
    title_at = head.index(title) if title in head else -1
    below: list[DateFound] = []
    above: list[DateFound] = []
    for number, block in enumerate(head):
        words = len(block.split())
        if len(block) > 140 or words > 20 or (words > 5 and block.endswith(".")) or ignored(block):
            continue  # a byline is a short line, not a sentence
        if MARKER.match(block):
            continue
        for match in FULL_DATE.finditer(block):
            if NOT_NOW.search(block[: match.start()]):
                continue
            if day := parse_date(match.group(0)):
                (below if number > title_at else above).append(DateFound("byline", day, block))
                break
    return below + above


def datelines(head: list[str], blocks: Blocks, today: date) -> list[DateFound]:
    """ "KABUL, Aug 14 (Reuters) -" at the start of a paragraph; a place in capitals or an agency is required."""
    found: list[DateFound] = []
    for block in head:
        match = DATELINE.match(block)
        if match is None or ignored(block[: match.end()]):
            continue
        place, agency = match.group("place") or "", match.group("agency")
        if not agency and not (place and place.split(",")[0].isupper()):
            continue
        if dated := written_date(match.group("when"), match.group(0).strip(), "dateline", blocks, today):
            found.append(dated)
    return found


def text_dates(blocks: Blocks, today: date) -> list[DateFound]:
    """The latest day the text names ("on July 5", "August 15, 2021"), captions, chrome and deadlines aside.

    A report names the day of its news; what it names after that is a deadline or a plan, which
    NOT_NOW and SINCE_BEFORE leave out.
    """
    named: list[DateFound] = []
    for block, skip in zip(blocks.blocks, blocks.skipped):
        if skip:
            continue
        for match in DAY_AND_MONTH.finditer(block):
            before = block[max(0, match.start() - 60) : match.start()]
            if NOT_NOW.search(before) or SINCE_BEFORE.search(before) or BEGAN.search(before):
                continue
            if NAMED_BY_DATE.match(block, match.end()):
                continue
            if dated := written_date(match.group(0), sentence_around(block, match.start()), "text", blocks, today):
                named.append(dated)
    return [max(named, key=lambda f: f.day)] if named else []


def sentence_around(block: str, at: int) -> str:
    start = max(block.rfind(". ", 0, at) + 2, 0)
    end = block.find(". ", at)
    return block[start : end + 1 if end >= 0 else len(block)].strip()


def written_date(span: str, evidence: str, source: str, blocks: Blocks, today: date) -> DateFound | None:
    """A date as written: with its year as given, or without, its year chosen by `year_for`."""
    weekday = LEADING_WEEKDAY.match(span)
    bare = span[weekday.end() :] if weekday else span
    if YEAR_IN.search(bare):
        day = parse_date(bare)
        return DateFound(source, day, evidence) if day else None
    guess = parse_date(bare, today)
    if guess is None:
        return None
    month_day = (guess.month, guess.day)
    year = year_for(month_day, weekday.group(1) if weekday else "", blocks, today)
    day = safe_date(year, *month_day)
    return DateFound(source, day, evidence, year_given=False, month_day=month_day) if day else None


def year_for(month_day: tuple[int, int], weekday: str, blocks: Blocks, today: date) -> int:
    """The year of "Sunday, August 15": the latest one that day was a Sunday; else the year the text writes
    outside captions; else the latest year in which the day was not yet to come."""
    if weekday:
        wanted = WEEKDAYS.index(weekday.lower())
        for year in range(today.year, today.year - 12, -1):
            day = safe_date(year, *month_day)
            if day and day <= today and day.weekday() == wanted:
                return year
    years = blocks.years(today)
    if years:
        return max(set(years), key=years.count)
    latest = safe_date(today.year, *month_day)
    return today.year if latest and latest <= today else today.year - 1


def settle_years(articles: list[Article], known: list[date] | None = None) -> list[Article]:
    """Dates written without their year, re-decided against the batch: "Aug 14" takes the year of its neighbours.

    Why: a folder of reports is about one stretch of time; the year a lone "Aug 14 (Reuters)" most
    likely means is the one that puts it among the others, not the current one. `known` are the dates
    of articles already stored (the dashboard's corpus), neighbours too.
    """
    years_given = sorted(
        [
            a.published
            for a in articles
            if a.published and any(f.year_given and f.source == a.published_source for f in a.dates)
        ]
        + list(known or [])
    )
    if not years_given:
        return articles
    around = years_given[len(years_given) // 2]
    settled = []
    for article in articles:
        chosen = decide(article.dates, around) if article.published_source != UNKNOWN and article.dates else None
        if chosen and chosen.day != article.published:
            article = replace(article, published=chosen.day, published_source=chosen.source)
        settled.append(article)
    return settled
