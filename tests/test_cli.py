"""The command line of DESIGN.md, run as a user runs it, reading back what it writes."""

import subprocess
import sys
from pathlib import Path

import pandas as pd

from geo.pipeline import DEMO
from geo.records import EVENT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent


def geo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_extract_on_the_seeds(tmp_path: Path):
    out = tmp_path / "events.csv"
    run = geo("extract", str(DEMO), "-o", str(out))
    assert run.returncode == 0, run.stderr
    events = pd.read_csv(out)
    assert list(events.columns[: len(EVENT_COLUMNS)]) == EVENT_COLUMNS
    status = events.groupby("place")["status"].agg(set)
    for city in ("Kandahar", "Herat", "Ghazni"):
        on_thursday = events[(events.place == city) & (events.status == "taliban")]
        assert "2021-08-12" in set(on_thursday.event_date), city
    assert "contested" in status["Lashkar Gah"] and "contested" in status["Mazar-i-Sharif"]
    assert not {"Kabul", "Doha", "Qatar", "Washington"} & set(events.place)
    assert set(events.published) == {"2021-08-13"} and set(events.country) == {"AF"}
    assert events.evidence.str.len().min() > 20 and events.confidence.between(0, 1).all()


def test_extract_defaults_to_the_demo_articles(tmp_path: Path):
    run = geo("extract", "-o", str(tmp_path / "e.csv"))
    assert run.returncode == 0 and "2 articles read" in run.stderr


def test_bad_files_named_on_stderr_and_the_batch_goes_on(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "empty.txt").write_text("")
    (corpus / "blob.html").write_bytes(b"\x00\x01\x02binary")
    (corpus / "good.txt").write_text((DEMO / "000_88612fcf4656459d.txt").read_text(encoding="utf-8"))
    run = geo("extract", str(corpus), "-o", str(tmp_path / "e.csv"))
    assert run.returncode == 0
    assert "empty.txt" in run.stderr and "blob.html" in run.stderr
    assert "Kandahar" in set(pd.read_csv(tmp_path / "e.csv").place)


def test_map_writes_html(tmp_path: Path):
    out = tmp_path / "map.html"
    run = geo("map", str(DEMO), "-o", str(out))
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert "frontlineTimeline" in html and "Kandahar" in html


def test_evaluate_prints_scores():
    gold = ROOT / "tests" / "fixtures" / "seed_gold.csv"
    run = geo("evaluate", "--gold", str(gold), str(DEMO))
    assert run.returncode == 0, run.stderr
    assert "F1 1.000" in run.stdout and "place recall    1.000" in run.stdout


BODY = "The Taliban captured Kunduz on Sunday after days of fighting, officials said."


def test_undated_files_are_read_named_and_shown_how_to_date_them(tmp_path: Path):
    (tmp_path / "dated.txt").write_text(f"Kunduz falls\n\nKABUL, Aug 9 (AFP) - {BODY}\n\nAugust 9, 2021\n", "utf-8")
    (tmp_path / "undated.txt").write_text(f"Kunduz falls again\n\n{BODY} Fighting went on.\n", "utf-8")
    out = tmp_path / "events.csv"
    run = geo("extract", str(tmp_path), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "1 without a publication date" in run.stderr and "0 files skipped" in run.stderr
    assert "file,url,published,title\nundated.txt,,," in run.stderr  # the index.csv rows to fill in
    events = pd.read_csv(out)
    assert set(events.article) == {"dated.txt"} and set(events.published_source) == {"byline"}
    (tmp_path / "index.csv").write_text("file,url,published,title\nundated.txt,,2021-08-10,\n", "utf-8")
    run = geo("extract", str(tmp_path), "-o", str(out))
    events = pd.read_csv(out)
    assert "0 without a publication date" in run.stderr
    assert set(events[events.article == "undated.txt"].published_source) == {"index"}


def test_a_big_batch_spread_over_processes_gives_the_same_events(tmp_path: Path):
    from geo import pipeline

    places = ["Kunduz", "Herat", "Ghazni", "Kandahar", "Taloqan", "Aybak", "Farah", "Zaranj"]
    for n in range(pipeline.PARALLEL_FROM + 10):
        place = places[n % len(places)]
        # a yearless dateline in some files: its year comes from the rest of the batch, in either way of running
        head = f"KABUL, Aug {1 + n % 20} (AFP) - " if n % 3 else f"August {1 + n % 20}, 2021\n\n"
        (tmp_path / f"{n:04}.txt").write_text(
            f"Report {n} on {place}\n\n{head}The Taliban captured {place} on Sunday, officials said. "
            f"Fighting went on near {places[(n + 1) % len(places)]} for a third day.\n",
            "utf-8",
        )
    one = pipeline.run([tmp_path], jobs=1)
    many = pipeline.run([tmp_path], jobs=2)
    assert len(one.events) > pipeline.PARALLEL_FROM
    assert many.table.to_csv(index=False) == one.table.to_csv(index=False)
    assert [a.published for a in many.articles] == [a.published for a in one.articles]
