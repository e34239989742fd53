"""The map against the public record: the first day each provincial capital shows Taliban.

Run: python bench/capitals.py FOLDER... [--against REV]
Every folder of Afghan reports is read together, as one corpus, the map's daily table built
(timeline.daily_status), and each capital's first Taliban day compared with
bench/record/capital_falls.csv; right means within a day. `--against REV` builds the same table with an
older revision (a temporary git worktree), side by side in one run. The reports' texts are not in the
repo: bench/corpora/*/README.md says how to fetch them.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "bench" / "record" / "capital_falls.csv"
# Run in a child process inside the tree being measured, so each revision uses its own code.
CHILD = """
import json, sys
from geo import pipeline, timeline
try:
    daily = timeline.daily_status(pipeline.run(sys.argv[1:]).table, "government")
except TypeError:  # a revision from before profiles
    daily = timeline.daily_status(pipeline.run(sys.argv[1:]).table)
taken = daily[(daily["status"] == "taliban") & ~daily["inferred"].astype(bool)]
print(json.dumps({p: str(d) for p, d in taken.groupby("place")["day"].min().items()}))
"""


def first_days(tree: Path, folders: list[str]) -> dict[str, date]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *folders], cwd=tree, capture_output=True, text=True, check=True
    ).stdout
    return {place: date.fromisoformat(day) for place, day in json.loads(out).items()}


def verdict(found: date | None, fell: date) -> str:
    if found is None:
        return "never"
    offset = (found - fell).days
    return "right" if abs(offset) <= 1 else f"{offset:+d} d"


def main(arguments: list[str]) -> None:
    against = None
    if "--against" in arguments:
        at = arguments.index("--against")
        against, arguments = arguments[at + 1], arguments[:at] + arguments[at + 2 :]
    folders = [str(Path(f).resolve()) for f in arguments]
    record = list(csv.DictReader(RECORD.open(encoding="utf-8")))
    trees = {"this tree": ROOT}
    if against:
        where = Path(tempfile.mkdtemp(prefix="frontline-")) / against
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-f", str(where), against], check=True, capture_output=True
        )
        trees[against[:12]] = where
    try:
        found = {label: first_days(tree, folders) for label, tree in trees.items()}
    finally:
        if against:
            subprocess.run(["git", "worktree", "remove", "--force", str(trees[against[:12]])], capture_output=True)
    print(f"{'capital':16}{'fell':12}" + "".join(f"{label:>26}" for label in trees))
    covered = {label: 0 for label in trees}
    right = {label: 0 for label in trees}
    for row in record:
        fell = date.fromisoformat(row["taliban_from"])
        cells = []
        for label in trees:
            day = found[label].get(row["capital"])
            cells.append(f"{(str(day) if day else '-') + ' ' + verdict(day, fell):>26}")
        if not any(row["capital"] in found[label] for label in trees):
            continue  # no report covers it: not counted
        for label in trees:
            covered[label] += 1
            right[label] += verdict(found[label].get(row["capital"]), fell) == "right"
        print(f"{row['capital']:16}{row['taliban_from']:12}" + "".join(cells))
    for label in trees:
        print(
            f"{label}: first Taliban day right (within a day) for {right[label]} of {covered[label]} capitals covered"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
