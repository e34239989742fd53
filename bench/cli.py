"""The whole command-line run (read, date, extract, write events.csv) in articles a second, next to geotext.

Run: python bench/cli.py [N_ARTICLES] [FOLDER...]
N articles (default 2,000) of ordinary length, 4 to 6 kB each, are written to a temporary folder with no
index.csv: each is a text of the folders given (the demo articles when none are) followed by others of
them, cut at a paragraph between 4 and 6 kB, so every article is dated, as a user's would be, from what
it carries. The timed run is `geo.pipeline.run` plus writing events.csv, as `python -m geo extract` does,
start-up aside (imports and the gazetteer, timed apart); once on one core (jobs=1) and once spread over
every core, whose events must be the same. geotext, the baseline, reads the same files and finds city
names on one core. Wall-clock seconds, best of REPEATS runs taken in turns.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPEATS = 3
LOW, HIGH = 4_000, 6_000

from geo import pipeline  # noqa: E402
from geo.extraction.articles import expand_paths  # noqa: E402
from geo.extraction.dates import parse_date  # noqa: E402
from geo.extraction.reader import reader_for  # noqa: E402


def texts(folders: list[Path]) -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path, _ in expand_paths(folders)]


def ordinary(pool: list[str], count: int) -> list[str]:
    """`count` articles of 4 to 6 kB: each a text of the pool followed by the next ones, cut at a paragraph."""
    made = []
    for i in range(count):
        parts, size, j = [], 0, i
        while size < LOW:
            for paragraph in pool[j % len(pool)].split("\n\n"):
                if size + len(paragraph) > HIGH:
                    break
                parts.append(paragraph)
                size += len(paragraph) + 2
            j += 1
        made.append("\n\n".join(parts))
    return made


def timed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main(arguments: list[str]) -> None:
    count = int(arguments[0]) if arguments else 2000
    folders = [Path(p).resolve() for p in arguments[1:]] or [pipeline.DEMO]
    start = time.perf_counter()
    reader_for()
    parse_date("the 13th of August")  # dateparser's tables, built once per process
    start_up = time.perf_counter() - start
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        articles = ordinary(texts(folders), count)
        for n, text in enumerate(articles):
            (Path(folder) / f"{n:05}.txt").write_text(text, encoding="utf-8")
        sizes = sorted(len(t.encode()) for t in articles)
        out = Path(folder) / "events.csv"
        tables: dict[str, str] = {}

        def frontline(jobs: int):
            def work():
                result = pipeline.run([folder], jobs=jobs)
                result.table.to_csv(out, index=False)
                tables[str(jobs)] = out.read_text(encoding="utf-8")
                work.found = (len(result.events), len(result.undated))

            return work

        def geotext():
            from geotext import GeoText

            geotext.found = sum(
                len(GeoText(p.read_text(encoding="utf-8")).cities) for p in sorted(Path(folder).glob("*.txt"))
            )

        one, many = frontline(1), frontline(cores)
        runs: dict[str, list[float]] = {"one": [], "many": [], "geotext": []}
        for _ in range(REPEATS):
            runs["one"].append(timed(one))
            runs["many"].append(timed(many))
            runs["geotext"].append(timed(geotext))
    print(f"articles: {count:,}, {sizes[0]:,} to {sizes[-1]:,} bytes (median {sizes[len(sizes) // 2]:,}), no index.csv")
    print(f"start-up (imports aside): gazetteer and dateparser {start_up * 1000:.0f} ms, not counted below")
    print(f"best of {REPEATS} wall-clock runs, taken in turns")
    for label, key, found in (
        ("frontline, one core", "one", f"{one.found[0]:,} claims, {one.found[1]} undated"),
        (f"frontline, {cores} processes", "many", f"{many.found[0]:,} claims, {many.found[1]} undated"),
        ("geotext (cities only)", "geotext", f"{geotext.found:,} city names"),
    ):
        best = min(runs[key])
        print(f"{label:28}{best:8.2f} s{count / best:10,.0f} articles/s   {found}")
    print("same events on one core and spread:", tables["1"] == tables[str(cores)])


if __name__ == "__main__":
    main(sys.argv[1:])
