"""Extraction throughput: full Frontline extraction against geotext's plain gazetteer lookup.

Run: python bench/extract.py [N_ARTICLES] [FOLDER...]
The demo articles (and any folders given) are repeated to N articles (default
2,000) and each is read from its text, split, matched, geocoded, classified
and dated, on one core. geotext, the baseline, only finds city names.

Extraction remembers what it learnt about words across articles (misspelt-name
look-ups, which trigger families a word can open), as a real corpus's
vocabulary lets it. Repeated texts make those memories warm, so the first pass
over the distinct texts, with every memory empty, is printed too.

A shared machine's speed drifts by a third from one second to the next, so
the full runs are repeated in turns (REPEATS times) and each row gives the
best run, the one least slowed by neighbours, and the median beside it.

`--against REV` times an older revision of Frontline too, in the same turns:
it is checked out into a temporary git worktree (and compiled there, with its
own `python -m geo compile`, if it had one), and each turn runs its own
bench/extract.py --one-run in a child process, word memories warmed first.
That is how a change is measured against the code it replaces, in one run.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPEATS = 5

from geo import profiles  # noqa: E402
from geo.extraction import gazetteer as gazetteer_module  # noqa: E402
from geo.extraction import reader as reader_module  # noqa: E402
from geo.extraction import rules as rules_module  # noqa: E402
from geo.extraction.articles import Metadata, article_from_text, expand_paths  # noqa: E402
from geo.extraction.dates import parse_date  # noqa: E402
from geo.pipeline import DEMO, extract  # noqa: E402


def corpus(folders: list[Path], count: int) -> list[tuple[str, str, Metadata]]:
    texts = []
    for path, meta in expand_paths(folders):
        texts.append((path.name, path.read_text(encoding="utf-8"), meta))
    return [texts[i % len(texts)] for i in range(count)]


def timed(work) -> float:
    """CPU seconds of this process: what one core spends, whatever else the machine is doing."""
    start = time.process_time()
    work()
    return time.process_time() - start


def row(label: str, runs: list[float], batch: list[tuple[str, str, Metadata]], found: str) -> str:
    """One line of the table: the best run's CPU time, articles and kilobytes a second; the median run's
    articles a second; what it found."""
    best, median = min(runs), statistics.median(runs)
    kilobytes = sum(len(text) for _, text, _ in batch) / 1e3
    return (
        f"{label:24}{best:10.2f}{len(batch) / best:14,.0f}{kilobytes / best:10,.0f}"
        f"{len(batch) / median:12,.0f}  {found}"
    )


def extraction(items, reader):
    """One full run over `items`, as a callable that keeps its claim count."""

    def frontline(batch=items):
        articles = [article_from_text(text, f"{i}-{name}", meta) for i, (name, text, meta) in enumerate(batch)]
        result = extract(articles, reader)
        frontline.claims = len(result.events)

    return frontline


def checkout(revision: str) -> Path:
    """An older revision in a temporary worktree, built as it was built then."""
    where = Path(tempfile.mkdtemp(prefix="frontline-")) / revision
    subprocess.run(["git", "worktree", "add", "--detach", "-f", str(where), revision], check=True, capture_output=True)
    if (where / "geo" / "native.py").exists():  # it shipped a compiled core: measure it as users ran it
        subprocess.run([sys.executable, "-m", "geo", "compile"], cwd=where, check=True, capture_output=True)
    return where


def baseline_run(where: Path, arguments: list[str]) -> tuple[float, int]:
    """CPU seconds and claims of one warm run of the older revision, in a child process."""
    child = subprocess.run(
        [sys.executable, str(where / "bench" / "extract.py"), "--one-run", *arguments],
        capture_output=True,
        text=True,
        cwd=where,
        check=True,
    )
    seconds, claims = child.stdout.split()
    return float(seconds), int(claims)


def one_run(items) -> None:
    frontline = extraction(items, reader_module.reader_for(profiles.load()))
    frontline()  # the word memories warm, as in the parent's runs
    print(timed(frontline), frontline.claims)


def main(arguments: list[str]) -> None:
    against = None
    if "--against" in arguments:
        at = arguments.index("--against")
        against, arguments = arguments[at + 1], arguments[:at] + arguments[at + 2 :]
    count = int(arguments[0]) if arguments else 2000
    folders = [DEMO, *(Path(p).resolve() for p in arguments[1:])]
    items = corpus(folders, count)
    size = sum(len(text) for _, text, _ in items)

    for cached in (gazetteer_module.load_gazetteer, rules_module.rules_for, reader_module.reader_for):
        cached.cache_clear()
    load = timed(lambda: reader_module.reader_for(profiles.load()))  # the gazetteer read, the rules compiled
    reader = reader_module.reader_for(profiles.load())
    warm = timed(
        lambda: parse_date("the 13th of August", date(2021, 8, 13))
    )  # dateparser builds its tables on first use

    frontline = extraction(items, reader)
    distinct = list({name: (name, text, meta) for name, text, meta in items}.values())
    cold = timed(lambda: frontline(distinct))

    from geotext import GeoText

    def geotext():
        geotext.found = sum(len(GeoText(text).cities) for _, text, _ in items)

    GeoText("warm up Kabul")
    older = checkout(against) if against else None
    ours, theirs, before = [], [], []
    try:
        for _ in range(REPEATS):  # in turns, so all meet the same moods of the machine
            ours.append(timed(frontline))
            theirs.append(timed(geotext))
            if older:
                before.append(baseline_run(older, [str(count), *map(str, folders[1:])]))
    finally:
        if older:
            subprocess.run(["git", "worktree", "remove", "--force", str(older)], capture_output=True)
    print(f"articles: {count:,} ({size / 1e6:.1f} MB of text, {len({n for n, _, _ in items})} distinct)")
    print(
        f"gazetteer and rules load: {load * 1000:.0f} ms ({len(reader.gazetteer.entries):,} places, "
        f"{len(reader.gazetteer.by_name):,} spellings)"
    )
    print(f"dateparser first use: {warm * 1000:.0f} ms (once per process, not counted below)")
    print(f"best of {REPEATS} runs, taken in turns; the median run's speed beside it")
    print(f"{'':24}{'CPU s':>10}{'articles/s':>14}{'KB/s':>10}{'median/s':>12}  found")
    print(
        row(
            "frontline, first pass",
            [cold],
            distinct,
            f"({len(distinct)} distinct texts, word memories empty)",
        )
    )
    print(row("frontline (this tree)", ours, items, f"{frontline.claims:,} claims"))
    if before:
        label = f"frontline {against[:12]}"
        print(row(label, [s for s, _ in before], items, f"{before[0][1]:,} claims"))
    print(row("geotext (cities only)", theirs, items, f"{geotext.found:,} city names"))
    print("target: 1,000 articles/s on one core")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one-run"]:
        count, *folders = sys.argv[2:]
        one_run(corpus([DEMO, *map(Path, folders)], int(count)))
    else:
        main(sys.argv[1:])
