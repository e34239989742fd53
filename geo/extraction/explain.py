"""Why extraction read a sentence as it did: every place's claim or veto, and the day it dates them.

`python -m geo explain "sentence" --date YYYY-MM-DD` and the dashboard's "Why?" beside a claim print
this. It runs the very code that extraction runs (events.extract_events, with a trace that hears
each decision), so what it says is what happened, not a second opinion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..records import Article, Event, GazetteerEntry, Place, Sentence
from ..text import split_sentences
from .events import Decision, extract_events
from .reader import Reader
from .rules import Claim


@dataclass
class Explanation:
    """The decisions for every place named in the text, in order, and the claims they made."""

    text: str
    published: date
    sentences: list[Sentence]
    decisions: list[Decision] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


def place_of(entry: GazetteerEntry) -> Place:
    """The gazetteer's own coordinates: explaining a sentence needs no geocoder."""
    return Place(entry.name, entry.kind, entry.country, entry.latitude, entry.longitude, entry.province, "gazetteer")


def explain(text: str, published: date, reader: Reader) -> Explanation:
    sentences = [Sentence(i, s, 0) for i, s in enumerate(split_sentences(text))]
    article = Article(id="explain", title="", published=published, text=text, sentences=sentences)
    found = Explanation(text, published, sentences)
    found.events = extract_events(article, reader, place_of, trace=found.decisions.append).events
    return found


def day_reasoning(decision: Decision, event: Event | None) -> str:
    day = decision.day
    if day is not None:
        how = "named in the sentence" if day.explicit else "a span the sentence names"
        return f"{day.day.isoformat()} ({day.precision}) from {day.cue!r}, {how}"
    if event is not None and event.date_precision == "unknown":
        return f"{event.event_date} (unknown): no day named, the publication date stands in"
    if event is not None:
        return f"{event.event_date} ({event.date_precision}): the last day an earlier sentence named"
    return "no day named"


def describe(decision: Decision, events: list[Event]) -> str:
    """One line: the place, then its claim with the rule, trigger and actor behind it, or its veto."""
    head = f"{decision.place} ({decision.place_kind}, named {decision.mention.surface!r})"
    outcome = decision.outcome
    if isinstance(outcome, Claim):
        event = next(
            (e for e in events if e.sentence == decision.sentence.index and e.place == decision.place),
            None,
        )
        actor = f", actor {outcome.actor!r}" if outcome.actor else ", no actor named"
        dated = day_reasoning(decision, event)
        confidence = f", confidence {event.confidence}" if event else ""
        return (
            f"{head}: {outcome.status.upper()} by rule {outcome.rule}, trigger {outcome.trigger!r}{actor}"
            f"{confidence}; dated {dated}"
        )
    words = f" ({outcome.words!r})" if outcome.words else ""
    return f"{head}: no claim, {outcome.reason}{words}: {outcome.meaning}"


def format_explanation(found: Explanation) -> str:
    lines = [f"published {found.published.isoformat()}"]
    for sentence in found.sentences:
        here = [d for d in found.decisions if d.sentence.index == sentence.index]
        lines.append(f"\nsentence {sentence.index + 1}: {sentence.text}")
        masked = next((d.masked for d in here if d.masked), "")
        if masked:
            lines.append(f"  as the rules read it: {masked}")
        if not here:
            lines.append("  no place named")
        lines += [f"  - {describe(d, found.events)}" for d in here]
    return "\n".join(lines)
