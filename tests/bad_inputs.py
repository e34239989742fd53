"""The bad-input corpus: every bad input of issue 19, written at test time, each with what a user must read.

Why a script and not files in the repository: some inputs are large (a 3 GB sparse file, a 4.9 MB line),
some cannot be checked in (file names with undecodable bytes or newlines, a folder nobody may read), and
all are easier to read as the few lines that make them. Each case is written into a batch folder beside two
good articles of our own; the batch must still give their claims.

Run `python tests/bad_inputs.py FOLDER` to write every case into FOLDER/<case>/ and look at them by hand.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

GOOD = {
    "good-kunduz.txt": "Taliban take Kunduz\n\nPublished 9 August 2021\n\n"
    "The Taliban captured Kunduz on Sunday after days of fighting, officials said.\n",
    "good-herat.txt": "Fighting reaches Herat\n\nAugust 12, 2021\n\n"
    "Heavy fighting raged in Herat on Thursday, officials said.\n",
}
GOOD_PLACES = {"Kunduz", "Herat"}
REPORT = "Taliban seize Jaghori\n\nAugust 10, 2021\n\nThe Taliban captured Jaghori yesterday, officials said.\n"
# The one-line file: a headline and a body with no line break, 97.5 kB.
ONE_LINE = (
    "Taliban take Kunduz August 8, 2021 "
    + "The Taliban captured Jaghori in Ghazni province, officials said. " * 1500
    + "end"
)


@dataclass
class Case:
    """One bad input: how to write it into a batch folder, and what stderr must then say.

    `build` writes the input into the folder and returns the -o path to use (None: the default one).
    """

    name: str
    build: Callable[[Path], Path | None]
    says: tuple[str, ...]  # each must appear in stderr
    exit_code: int = 0
    good_written: bool = True  # the good articles' claims reach events.csv
    events: dict[str, str] = field(default_factory=dict)  # column -> a value some row must hold


def write(folder: Path, name: str | bytes, data: str | bytes, encoding: str = "utf-8") -> Path:
    path = Path(os.fsdecode(os.path.join(os.fsencode(folder), os.fsencode(name))))
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def index(folder: Path, rows: str, encoding: str = "utf-8") -> Path:
    return write(folder, "index.csv", "file,url,published,title\n" + rows, encoding)


def nothing(folder: Path) -> None:
    return None


def one_line(folder: Path) -> None:
    write(folder, "t1.txt", ONE_LINE)


def index_latin1(folder: Path) -> None:
    write(folder, "cafe.txt", REPORT)
    index(folder, "cafe.txt,,2021-08-10,Caf\xe9 society falls\n", encoding="latin-1")


def index_binary(folder: Path) -> None:
    write(folder, "index.csv", b"\x00\x01\x02\xff" * 64)
    write(folder, "dated.txt", REPORT)


def index_is_a_folder(folder: Path) -> None:
    (folder / "index.csv").mkdir()
    write(folder, "dated.txt", REPORT)


def index_huge_field(folder: Path) -> None:
    write(folder, "dated.txt", REPORT)
    index(folder, f"dated.txt,,2021-08-10,{'x' * 200_000}\n")


def index_bad_date(folder: Path) -> None:
    write(folder, "dated.txt", REPORT)
    index(folder, "dated.txt,,10/08/2021,A title\n")


def non_utf8_name(folder: Path) -> None:
    write(folder, b"caf\xe9.txt", REPORT)
    write(folder, b"empty\xff.txt", "")


def hostile_name(folder: Path) -> None:
    write(folder, "evil\n\x1b[31mskipped good-kunduz.txt\x1b[0m.txt", "")


def year_one_yesterday(folder: Path) -> None:
    write(folder, "ancient.txt", REPORT)
    index(folder, "ancient.txt,,0001-01-01,Ancient\n")


def implausible_years(folder: Path) -> None:
    for year in ("1900", "2099", "9999"):
        write(folder, f"y{year}.txt", REPORT)
    index(folder, "".join(f"y{year}.txt,,{year}-08-10,Year {year}\n" for year in ("1900", "2099", "9999")))


def output_in_a_missing_folder(folder: Path) -> Path:
    return folder / "not" / "yet" / "events.csv"


def output_is_a_folder(folder: Path) -> Path:
    (folder / "out").mkdir()
    return folder / "out"


def formula_cells(folder: Path) -> None:
    write(folder, "bullets.md", "Taliban advance\n\nAugust 10, 2021\n\n- The Taliban captured Jaghori on Tuesday.\n")
    write(folder, "linked.txt", REPORT)
    index(folder, 'linked.txt,,2021-08-10,"=HYPERLINK(""http://evil.example"",""click"")"\n')


def sparse_3gb(folder: Path) -> None:
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(3_000_000_000)  # no blocks on disk: cheap to make, ruinous to read


def utf16(folder: Path) -> None:
    write(folder, "utf16-bom.txt", REPORT, encoding="utf-16")
    write(folder, "utf16-le.txt", REPORT.replace("Jaghori", "Qarabagh"), encoding="utf-16-le")


def broken_utf8(folder: Path) -> None:
    write(folder, "cafe.txt", REPORT.replace("officials said", "officials at the café said").encode() + b"\xff\n")


def unreadable_folder(folder: Path) -> None:
    (folder / "locked").mkdir()
    write(folder / "locked", "inside.txt", REPORT)
    (folder / "locked").chmod(0)  # as root this still reads: the test also refuses it in os.scandir


def nested_html(folder: Path) -> None:
    body = "<div>" * 10_000 + "<p>The Taliban captured Jaghori on Tuesday, officials said.</p>" + "</div>" * 10_000
    write(
        folder,
        "nested.html",
        '<html><head><title>Taliban seize Jaghori</title><meta property="article:published_time" '
        f'content="2021-08-10"></head><body>{body}</body></html>',
    )


def binary_article(folder: Path) -> None:
    write(folder, "blob.txt", b"\x00\x01\x02binary" * 100)


CASES = [
    Case("one-line file", one_line, (), events={"article": "t1.txt"}),
    Case(
        "index.csv in Latin-1",
        index_latin1,
        ("index.csv: line 2: not UTF-8; read as Windows-1252",),
        events={"title": "Café society falls"},
    ),
    Case(
        "index.csv binary",
        index_binary,
        ("index.csv: index not read: binary, not CSV text",),
        events={"article": "dated.txt"},
    ),
    Case("index.csv a folder", index_is_a_folder, ("index.csv: index not read: not a file",)),
    Case(
        "index.csv field over 128 kB",
        index_huge_field,
        ("index.csv: line 2: field larger than field limit",),
        events={"article": "dated.txt"},
    ),
    Case("index.csv date not a date", index_bad_date, ("index.csv: line 2: published '10/08/2021' is not a date",)),
    Case(
        "file name not UTF-8",
        non_utf8_name,
        ("skipped ", "empty\\udcff.txt: empty"),
        events={"article": "caf\\udce9.txt"},
    ),
    Case(
        "file name with newline and ANSI", hostile_name, ("evil\\n\\x1b[31mskipped good-kunduz.txt\\x1b[0m.txt: empty",)
    ),
    Case(
        "0001-01-01 with yesterday",
        year_one_yesterday,
        ("ancient.txt: extraction failed (OverflowError", "ancient.txt: publication date 0001-01-01 is implausible"),
    ),
    Case(
        "dates of 1900, 2099, 9999",
        implausible_years,
        tuple(f"y{y}.txt: publication date {y}-08-10 is implausible" for y in ("1900", "2099", "9999")),
        events={"published": "9999-08-10"},
    ),
    Case("-o into a missing folder", output_in_a_missing_folder, ("wrote ",)),
    Case("-o a folder", output_is_a_folder, ("is a folder; give a file name",), exit_code=2, good_written=False),
    Case("formula cells", formula_cells, (), events={"evidence": "'- The Taliban captured Jaghori on Tuesday."}),
    Case("3 GB sparse file", sparse_3gb, ("huge.txt: 3,000,000,000 bytes is more than the 5,000,000 allowed",)),
    Case("UTF-16", utf16, (), events={"place": "Qarabagh"}),
    Case(
        "invalid UTF-8 bytes",
        broken_utf8,
        ("cafe.txt: line 6: 1 byte(s) that are not UTF-8",),
        events={"evidence": "The Taliban captured Jaghori yesterday, officials at the café said."},
    ),
    Case("unreadable folder", unreadable_folder, ("locked: folder cannot be read: Permission denied",)),
    Case(
        "10,000 nested divs",
        nested_html,
        ("nested.html: no main text found in the page's layout",),
        events={"place": "Jaghori"},
    ),
    Case("binary article", binary_article, ("blob.txt: binary file, not text",)),
]


def build(case: Case, folder: Path) -> Path | None:
    """The batch folder for a case: the two good articles and the bad input."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        write(folder, name, text)
    return case.build(folder)


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "bad-inputs")
    for case in CASES:
        build(case, root / case.name.replace(" ", "-").replace("/", "-"))
        print(f"{case.name}: stderr should say {case.says or '(nothing bad)'}")
