"""Score extracted claims against a gold file (see shared/corpus/dev/README.md for its form).

A claim matches a gold row of the same article with the same place and
status whose date agrees: within a day, or for a `range` row within the ten
days before it. `ambiguous` rows are not scored; a claim about a place the
gold marks only `mentioned` is an error of its own kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from .extraction.gazetteer import Gazetteer
from .extraction.reader import Reader, reader_for
from .text import fold


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    places_found: int = 0
    places_total: int = 0
    dates_right: int = 0
    dates_scored: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    mentioned_claimed: list[str] = field(default_factory=list)
    places_missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return self.true_positives / max(1, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def place_recall(self) -> float:
        return self.places_found / max(1, self.places_total)

    @property
    def date_accuracy(self) -> float:
        return self.dates_right / max(1, self.dates_scored)


def place_key(name: str, gazetteer: Gazetteer, kind: str = "") -> str:
    """One key per place, whatever the spelling: "Jawzjan" and "Jowzjan" are the same province. A province the
    annotator named by its capital's name, where the province has another ("Kherson" for Kherson Oblast), is
    the province. (A province and its capital of the same name, Ghazni and Ghazni, share one key, as they
    always have here: the figures stay comparable.)"""
    entries = gazetteer.lookup(fold(name)) or gazetteer.fuzzy(fold(name))[0]
    if kind == "province" and entries and not any(e.kind == "province" for e in entries):
        seats = {e.id for e in entries}
        entries = [gazetteer.entries[p] for p, seat in gazetteer.capital_of.items() if seat in seats] or entries
    return fold(entries[0].name) if entries else fold(name)


def read_gold(path: Path, gazetteer: Gazetteer) -> pd.DataFrame:
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    gold["key"] = [place_key(name, gazetteer, kind) for name, kind in zip(gold["place"], gold["place_kind"])]
    gold["name_key"] = gold["place"].map(lambda name: place_key(name, gazetteer))  # for place recall
    return gold


def date_agrees(predicted: str, gold: str, precision: str) -> bool:
    got, want = date.fromisoformat(predicted), date.fromisoformat(gold)
    if precision == "range":
        return want - timedelta(days=10) <= got <= want + timedelta(days=1)
    return abs((got - want).days) <= 1


def evaluate(
    events: pd.DataFrame, gold_path: Path, named: dict[str, set[str]] | None = None, reader: Reader | None = None
) -> Score:
    """`named` maps each article to every place name it was found to mention (for place recall); the gold's
    statuses are the reader's profile's sides and contested."""
    reader = reader or reader_for()
    gazetteer, statuses = reader.gazetteer, reader.profile.statuses

    def name_key(name: str) -> str:
        return place_key(name, gazetteer)

    gold = read_gold(gold_path, gazetteer)
    gold = gold[gold["file"].isin(set(events["article"]) | set(named or {}))] if named else gold
    score = Score()
    claims = events.assign(key=events["place"].map(name_key), name_key=events["place"].map(name_key))
    for article, rows in gold.groupby("file"):
        predicted = claims[claims["article"] == article]
        score_article(article, rows, predicted, score, statuses)
        found = {name_key(n) for n in (named or {}).get(article, set())} | set(predicted["name_key"])
        for key, place in rows[["name_key", "place"]].drop_duplicates().itertuples(index=False):
            score.places_total += 1
            if key in found:
                score.places_found += 1
            else:
                score.places_missed.append(f"{article}: {place}")
    return score


def score_article(
    article: str, gold: pd.DataFrame, predicted: pd.DataFrame, score: Score, statuses: tuple[str, ...]
) -> None:
    claimed = gold[gold["status"].isin(statuses)]
    unscored = set(gold.loc[gold["status"] == "ambiguous", "key"])
    mentioned = set(gold.loc[gold["status"] == "mentioned", "key"]) - set(claimed["key"])
    matched: set[tuple[str, str]] = set()
    for row in claimed.itertuples():
        same = predicted[(predicted["key"] == row.key) & (predicted["status"] == row.status)]
        if same.empty:
            score.false_negatives += 1
            score.misses.append(f"{article}: {row.place} {row.status} {row.event_date}")
            continue
        score.dates_scored += 1
        if any(date_agrees(d, row.event_date, row.date_precision) for d in same["event_date"]):
            score.true_positives += 1
            score.dates_right += 1
            matched.add((row.key, row.status))
        else:
            score.false_negatives += 1
            score.misses.append(
                f"{article}: {row.place} {row.status} {row.event_date} "
                f"(found on {', '.join(sorted(set(same['event_date'])))})"
            )
    for (key, status), rows in predicted.groupby(["key", "status"]):
        if (key, status) in matched or key in unscored:
            continue
        score.false_positives += 1
        first = rows.iloc[0]
        line = f"{article}: {first['place']} {status} {first['event_date']} — {first['evidence'][:140]}"
        (score.mentioned_claimed if key in mentioned else score.extras).append(line)


def format_report(score: Score) -> str:
    lines = [
        f"control claims  precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}"
        f"  (tp {score.true_positives}, fp {score.false_positives}, fn {score.false_negatives})",
        f"place recall    {score.place_recall:.3f}  ({score.places_found}/{score.places_total})",
        f"date accuracy   {score.date_accuracy:.3f}  ({score.dates_right}/{score.dates_scored} claims "
        "with the right place and status)",
        f"claims for places gold marks only mentioned: {len(score.mentioned_claimed)}",
    ]
    for title, items in (
        ("missed", score.misses),
        ("extra", score.extras),
        ("claimed but only mentioned", score.mentioned_claimed),
        ("places not found", score.places_missed),
    ):
        if items:
            lines.append(f"\n{title}:")
            lines.extend(f"  {item}" for item in items)
    return "\n".join(lines)
