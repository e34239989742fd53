"""Control claims — who holds which place, on what day, on what evidence.

Each sentence is masked (its place names replaced by `@` runs), every
place of the profile's country in it is classified by rules.py, and the claim is dated by
dates.py: the day the sentence names, else the last day an earlier sentence
named, else the publication date.

Confidence, in one place: a rule family's base (how direct the wording is),
less a penalty for each reason to doubt it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ..records import Article, Event, GazetteerEntry, Mention, Place, Sentence
from ..text import lower_case
from .dates import DayClaim, days_in_turn, in_an_earlier_year, sentence_day
from .places import find_mentions
from .reader import Reader
from .rules import Claim, Veto, classify, denies, group_claim, member_of_group, read
from .senses import anchors_of, choose

BASE_CONFIDENCE = {
    "capture": 0.9,
    "fall": 0.9,
    "held": 0.9,
    "fall_to": 0.9,
    "hold": 0.85,
    "recapture": 0.85,
    "lose": 0.8,
    "repel": 0.75,
    "garrison": 0.7,
    "fight": 0.75,
    "siege": 0.75,
    "partial": 0.65,
}
PENALTY = {
    "no_actor": 0.1,  # "X was captured" without saying by whom
    "date_carried": 0.05,  # the day comes from an earlier sentence
    "date_unknown": 0.15,  # no day named anywhere before: the publication date stands in
    "fuzzy_name": 0.1,  # the place name was matched with a typo
    "attributed": 0.1,  # "the Taliban said / claimed"
    "denied": 0.3,  # the other side denies it in the same sentence
    "headline": 0.1,  # a headline or title, not a reported sentence
    "disputed": 0.2,  # the same article gives the place another status for the same day
    "named_apart": 0.05,  # "nine districts fell. The districts include X": the claim and the name are apart
    "referred": 0.1,  # named only as "the city" or "the airport": which one is read from the sentences before
}
NOT_ON_MAP = {"country"}


def confidence(kind: str, doubts: list[str]) -> float:
    value = BASE_CONFIDENCE.get(kind, 0.6) - sum(PENALTY[d] for d in doubts)
    return round(min(0.99, max(0.05, value)), 2)


def mask(text: str, mentions: list[Mention]) -> str:
    """The sentence with each place name replaced by '@'s of the same length.

    find_mentions gives a sentence's names in order and never overlapping.
    """
    parts: list[str] = []
    done = 0
    for m in mentions:
        parts += (text[done : m.start], "@" * (m.end - m.start))
        done = m.end
    return "".join(parts) + text[done:]


def begins_a_side(mention: Mention, text: str, rules) -> bool:
    """The name begins a side's name, not a place: "Donetsk People's Republic", "Kyiv's forces"."""
    found = rules.named.match(lower_case(text), mention.start)
    return found is not None and found.end() > mention.end


def named_places(mentions: list[Mention], gazetteer) -> list[Mention]:
    """The mentions the rules read as places: not countries nor foreign places, whose names reports use for a
    side too ("Russia captured X", "Ukraine still holds Y", "Moscow announced the withdrawal from Z"), and
    which are never on the map."""
    return [
        m
        for m in mentions
        if (entry := gazetteer.entries[m.candidates[0]]).kind != "country" and not gazetteer.is_foreign(entry)
    ]


@dataclass
class Findings:
    """What one article yields: its claims, the places of the country it names, every name it mentions."""

    events: list[Event] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)  # foreign places too


Locate = Callable[[GazetteerEntry], Place]  # coordinates for a gazetteer entry: the geocoding step, handed in


@dataclass
class Decision:
    """What extraction decided for one place named in one sentence, and why: what `explain` prints."""

    sentence: Sentence
    mention: Mention
    place: str  # the gazetteer's name for it
    place_kind: str
    outcome: Claim | Veto
    day: DayClaim | None  # the day named before the place in the sentence, if any
    masked: str = ""  # the sentence as the rules read it


Trace = Callable[[Decision], None]


def extract_events(article: Article, reader: Reader, locate: Locate, trace: Trace | None = None) -> Findings:
    """Every control claim of one article; `trace`, when given, hears every decision, claims and vetoes.

    None while the article's publication date is unknown: they wait until it is given. Why none: a source
    that names a calendar day would have dated the article (geo.extraction.published reads the text's own
    dates last), so every claim of an undated article is dated from the publication.
    """
    if article.published is None:
        return Findings()
    gazetteer, rules = reader.gazetteer, reader.rules
    mentions = find_mentions(article, gazetteer)
    anchors = anchors_of(mentions, gazetteer)
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    findings = Findings()
    context: date | None = None
    before: tuple[Sentence, DayClaim | None] | None = None  # the sentence before, and its day
    for sentence in article.sentences:
        here = [m for m in by_sentence.get(sentence.index, []) if not begins_a_side(m, sentence.text, rules)]
        day = sentence_day(sentence.text, article.published, context)
        # "On August 6 they took A, and on August 7 B": each claim is dated by the day named last before it.
        turns = (
            days_in_turn(sentence.text, article.published, context, day)
            if here and day and day.explicit
            else [(0, day)]
        )
        for _, named in turns:
            if named and named.explicit and named.precision == "day":
                context = named.day
        masked = None  # read only when a place of the country is named: most sentences name none
        history = bool(here) and in_an_earlier_year(sentence.text, article.published)
        said_here: set[tuple[str, str]] = set()  # (name, kind): Hama the province is not Hama the city
        group: Claim | None = None  # what the sentence before claimed of a group it counted, once asked
        for mention in here:
            entry = choose(mention, sentence.text, gazetteer, anchors)
            findings.names.update((entry.name, gazetteer.entries[mention.candidates[0]].name))
            if gazetteer.is_foreign(entry) or entry.kind in NOT_ON_MAP:
                if trace:
                    trace(Decision(sentence, mention, entry.name, entry.kind, Veto("foreign"), None))
                continue
            if entry.name not in findings.places:
                findings.places[entry.name] = locate(entry)
            place = findings.places[entry.name]
            masked = masked or read(rules, mask(sentence.text, named_places(here, gazetteer)))
            claim, evidence = classify(rules, masked, mention.start, mention.end, place.kind), sentence
            when = next(named for at, named in reversed(turns) if at <= mention.start)
            if isinstance(claim, Veto) and before and member_of_group(masked, mention.start, place.kind):
                first, earlier = before  # "Nine districts fell. The districts include A, B and C."
                places_before = named_places(by_sentence.get(first.index, []), gazetteer)
                group = group or group_claim(rules, mask(first.text, places_before))
                if group:
                    claim, when = group, earlier
                    evidence = Sentence(sentence.index, f"{first.text} {sentence.text}", sentence.paragraph)
            if isinstance(claim, Claim) and (history or (place.name, place.kind) in said_here):
                claim = Veto("history" if history else "repeated")
            if trace:
                trace(Decision(sentence, mention, place.name, place.kind, claim, when, masked.text))
            if isinstance(claim, Veto):
                continue  # "parts of Pul-e-Alam, the capital of Logar, fell": one claim, the first name's
            said_here.add((place.name, place.kind))
            findings.events.append(make_event(article, evidence, mention, place, claim, when, context))
        before = (sentence, day)
    mark_disputes(findings.events, article)
    return findings


def make_event(
    article: Article,
    sentence: Sentence,
    mention: Mention,
    place: Place,
    claim: Claim,
    day: DayClaim | None,
    context: date | None,
) -> Event:
    doubts = [
        d
        for d, present in (
            ("no_actor", not claim.actor_named and claim.rule.endswith("capture")),
            ("fuzzy_name", mention.score < 100),
            ("referred", mention.referred),
            ("attributed", claim.attributed),
            ("denied", claim.denied),
            ("headline", sentence.text == article.title),
            ("named_apart", claim.rule.startswith("group:")),
        )
        if present
    ]
    if day:
        when, precision = day.day, day.precision
    elif context:
        when, precision = context, "day"
        doubts.append("date_carried")
    else:
        when, precision = article.published, "unknown"
        doubts.append("date_unknown")
    return Event(
        article=article.id,
        published=article.published.isoformat(),
        place=place.name,
        place_kind=place.kind,
        country=place.country,
        latitude=place.latitude,
        longitude=place.longitude,
        status=claim.status,
        event_date=when.isoformat(),
        date_precision=precision,
        confidence=confidence(claim.rule.split(":")[1], doubts),
        evidence=sentence.text,
        title=article.title,
        url=article.url,
        sentence=sentence.index,
        rule=claim.rule,
        published_source=article.published_source,
    )


def mark_disputes(events: list[Event], article: Article) -> None:
    """Lower the confidence of claims the article itself contradicts.

    Two sides claiming one place for one day disagree; so does a claim followed
    by a denial that names no place ("Officials denied the claim.").
    """
    statuses: dict[tuple[str, str], set[str]] = {}
    for event in events:
        statuses.setdefault((event.place, event.event_date), set()).add(event.status)
    claimed_in = {event.sentence for event in events}  # only the sentence after a claim can deny it
    denials = {s.index - 1 for s in article.sentences if s.index - 1 in claimed_in and denies(s.text)}
    for event in events:
        disputed = len(statuses[(event.place, event.event_date)]) > 1
        denied_next = event.sentence in denials and "denied" not in event.rule
        if disputed or denied_next:
            penalty = PENALTY["disputed"] if disputed else PENALTY["denied"]
            event.confidence = round(max(0.05, event.confidence - penalty), 2)
