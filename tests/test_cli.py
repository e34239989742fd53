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
