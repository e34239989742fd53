"""Publication dates found in bare folders, against the dates their index.csv knows.

Run: python bench/dates.py [--no-markers] CORPUS_FOLDER...
Each CORPUS_FOLDER holds `texts/*.txt` and an `index.csv` (columns file, published) one level up from the
texts. The texts are copied to a temporary folder WITHOUT the index, read as a user's bare folder would be
(geo.pipeline.load_articles: every source, the batch's years), and each date found is compared with the
index's: right when within a day. Prints, per folder: how many were dated, how many right, which source
won, and every wrong or missing one. The index is the truth here, never an input. `--no-markers` drops a
corpus's " date 2021-08-09" first-line marker from each copy, to measure the other sources alone.
"""

from __future__ import annotations

import csv
import shutil
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.extraction.published import MARKER  # noqa: E402
from geo.pipeline import load_articles  # noqa: E402


def truth(folder: Path) -> dict[str, date]:
    with (folder / "index.csv").open(newline="", encoding="utf-8-sig") as handle:
        return {row["file"]: date.fromisoformat(row["published"]) for row in csv.DictReader(handle) if row["published"]}


def measure(folder: Path, markers: bool = True) -> tuple[int, int, int, int]:
    known = truth(folder)
    with tempfile.TemporaryDirectory() as bare:
        for text in sorted((folder / "texts").glob("*.txt")):
            if markers:
                shutil.copy(text, Path(bare) / text.name)
            else:
                content = text.read_text(encoding="utf-8", errors="replace")
                (Path(bare) / text.name).write_text(MARKER.sub("", content, count=1), encoding="utf-8")
        articles, problems = load_articles([bare])
    total = len(articles) + len(problems)
    dated = [a for a in articles if a.published]
    right = [a for a in dated if a.id in known and abs((a.published - known[a.id]).days) <= 1]
    print(f"{folder.name}: {total} files, {len(problems)} refused, {len(dated)} dated, {len(right)} right (±1 day)")
    won = Counter(a.published_source for a in articles)
    print("  source won: " + ", ".join(f"{source} {n}" for source, n in won.most_common()))
    for article in articles:
        if article.id not in known:
            continue
        if article.published is None:
            print(f"  undated  {article.id} (true {known[article.id]})")
        elif article not in right:
            found = f"{article.published} by {article.published_source}"
            print(f"  wrong    {article.id}: {found}, true {known[article.id]}")
    for problem in problems:
        print(f"  refused  {problem}")
    known_here = sum(1 for a in articles if a.id in known)
    return known_here, len(dated), len(right), len(problems)


def main(arguments: list[str]) -> None:
    markers = "--no-markers" not in arguments
    totals = [0, 0, 0, 0]
    for folder in (a for a in arguments if a != "--no-markers"):
        totals = [t + n for t, n in zip(totals, measure(Path(folder), markers))]
    known, dated, right, refused = totals
    print(
        f"all: {known} with a known date, {refused} refused, {dated} dated, {right} right "
        f"({right / max(known, 1):.0%} of all known, {right / max(dated, 1):.0%} of those dated)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
