"""Time and peak memory of extraction on pathological inputs (issue 19), one child process per case.

Run: python bench/bad_input.py [CASE...]
Each case is one article made here, loaded and extracted as `python -m geo extract` would, then laid out
day by day as the map and the dashboard do (timeline.daily_status), in a fresh process, so its peak memory
(ru_maxrss) is its own. Issue 19 asks for a 1 MB list of places and 100,000
one-place sentences each under 10 s, and the 4.9 MB one-line file under 1 GB; the other 1 MB inputs are
those the issue found slow. Prints wall seconds, CPU seconds, peak MB and what was extracted.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1_000_000
HEAD = "Taliban sweep\n\nAugust 10, 2021\n\n"


def repeat(unit: str, size: int = MB) -> str:
    return unit * (size // len(unit))


CASES = {
    "1 MB list of places": lambda: HEAD + "The Taliban captured " + repeat("Ghazni, Herat, Kunduz, ") + "and Kabul.",
    "100,000 one-place sentences": lambda: HEAD + "The Taliban captured Ghazni. " * 100_000,
    "4.9 MB one-line file": lambda: (
        "Taliban take Kunduz August 8, 2021 "
        + repeat("The Taliban captured Jaghori in Ghazni province, officials said. ", 4_900_000)
    ),
    "100,000 sentences saying 'the city'": lambda: HEAD + "Fighting raged in Ghazni. The city fell. " * 50_000,
    "20,000 span and 20,000 dated claims": lambda: (
        HEAD + "The Taliban captured Ghazni this week. The Taliban captured Ghazni on Thursday. " * 20_000
    ),
    "1 MB 'captured Ghazni and '": lambda: HEAD + repeat("captured Ghazni and "),
    "1 MB 'KABUL '": lambda: HEAD + repeat("KABUL "),
    "1 MB 'captured: Ghazni; '": lambda: HEAD + repeat("captured: Ghazni; "),
    "1 MB 'Taliban Capture Lashkar Gar '": lambda: HEAD + repeat("Taliban Capture Lashkar Gar "),
    "1 MB 'A. '": lambda: HEAD + repeat("A. "),
    "1 MB 'Mr. '": lambda: HEAD + repeat("Mr. "),
    "1 MB 'districts of Ghazni and '": lambda: HEAD + repeat("districts of Ghazni and "),
}


def one(name: str) -> dict:
    """Run one case in this process: load, extract, write events.csv text; figures as a dict."""
    from geo.csvsafe import csv_text
    from geo.extraction.articles import Metadata, article_from_text
    from geo.extraction.reader import reader_for
    from geo.pipeline import extract
    from geo.timeline import daily_status

    reader = reader_for()
    text = CASES[name]()
    wall, cpu = time.perf_counter(), time.process_time()
    article = article_from_text(text, "bench.txt", Metadata(published=date(2021, 8, 13)))
    result = extract([article], reader)
    table = csv_text(result.table)
    daily_status(result.table, reader.profile.holding)
    return {
        "bytes": len(text.encode()),
        "wall": time.perf_counter() - wall,
        "cpu": time.process_time() - cpu,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "sentences": len(article.sentences),
        "claims": len(result.events),
        "csv_mb": len(table) / MB,
    }


def main(names: list[str]) -> None:
    print(f"{'case':34} {'input MB':>8} {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'sentences':>9} {'claims':>7}")
    for name in names or list(CASES):
        run = subprocess.run(
            [sys.executable, __file__, "--one", name], capture_output=True, text=True, cwd=ROOT, timeout=900
        )
        if run.returncode:
            print(f"{name:34} failed: {run.stderr.strip().splitlines()[-1:]}")
            continue
        f = json.loads(run.stdout)
        print(
            f"{name:34} {f['bytes'] / MB:8.2f} {f['wall']:7.2f} {f['cpu']:7.2f} {f['peak_mb']:8.0f} "
            f"{f['sentences']:9,} {f['claims']:7,}",
            flush=True,
        )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(one(sys.argv[2])))
    else:
        main(sys.argv[1:])
