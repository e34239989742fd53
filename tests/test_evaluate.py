"""Scoring against a gold file: matches, dates, mentioned-only places, ambiguous rows."""

from pathlib import Path

import pandas as pd

from geo.evaluate import evaluate

GOLD = """file,place,place_kind,status,event_date,date_precision,note
a.txt,Kunduz,city,taliban,2021-08-08,day,
a.txt,Taloqan,city,taliban,2021-08-08,range,
a.txt,Kabul,city,mentioned,,,
a.txt,Hairatan,site,ambiguous,,,
"""


def frame(rows):
    return pd.DataFrame(rows, columns=["article", "place", "status", "event_date", "evidence"])


def test_scores(tmp_path: Path):
    gold = tmp_path / "gold.csv"
    gold.write_text(GOLD)
    events = frame(
        [
            ("a.txt", "Kunduz", "taliban", "2021-08-09", "x"),  # a day off: still right
            ("a.txt", "Taloqan", "taliban", "2021-08-01", "x"),  # within the range's ten days
            ("a.txt", "Kabul", "taliban", "2021-08-08", "x"),  # only mentioned: an error
            ("a.txt", "Hairatan", "taliban", "2021-08-08", "x"),  # ambiguous: not scored
        ]
    )
    score = evaluate(events, gold, {"a.txt": {"Kunduz", "Taloqan", "Kabul"}})
    assert (score.true_positives, score.false_positives, score.false_negatives) == (2, 1, 0)
    assert len(score.mentioned_claimed) == 1 and score.place_recall == 1.0


def test_wrong_date_is_a_miss(tmp_path: Path):
    gold = tmp_path / "gold.csv"
    gold.write_text(GOLD)
    score = evaluate(frame([("a.txt", "Kunduz", "taliban", "2021-08-01", "x")]), gold)
    assert score.true_positives == 0 and score.dates_scored == 1 and score.date_accuracy == 0


def test_place_recall_counts_places_named_without_claims(tmp_path: Path):
    gold = tmp_path / "gold.csv"
    gold.write_text(GOLD)
    score = evaluate(frame([]), gold, {"a.txt": {"Kunduz", "Kabul"}})
    assert score.place_recall == 0.5 and score.places_missed == [
        "a.txt: Taloqan",
        "a.txt: Hairatan",
    ]
