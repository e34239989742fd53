"""Bad input never costs a batch (issue 19): each case of tests/bad_inputs.py, run as `python -m geo extract`.

Why: a user with 500 articles and one bad file must get a message naming that file (and its line), no
traceback, and events.csv with everything else. Each case runs the command line in-process on a batch of
the bad input and two good articles, and reads back what the user would: stderr and events.csv.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest
from bad_inputs import CASES, GOOD_PLACES, ONE_LINE, Case, build, write

from geo import cli
from geo.extraction import folders
from geo.extraction.articles import load_article
from geo.pipeline import run
from geo.text import MAX_SENTENCE


def extract(capsys, *args: str) -> tuple[int, str]:
    code = cli.main(["extract", *args])
    return code, capsys.readouterr().err


@pytest.fixture(autouse=True)
def no_user_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_OVERRIDES", str(tmp_path / "no-overrides.csv"))


@pytest.fixture
def locked_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder chmod 000 cannot be listed, even by root (who may run the tests)."""
    scandir = os.scandir

    def refusing(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_input_is_named_and_the_batch_goes_on(case: Case, tmp_path: Path, capsys, locked_folders) -> None:
    batch = tmp_path / "batch"
    output = build(case, batch) or tmp_path / "events.csv"
    if case.exit_code:
        with pytest.raises(SystemExit) as stop:
            extract(capsys, str(batch), "-o", str(output))
        err = str(stop.value.code)
    else:
        code, err = extract(capsys, str(batch), "-o", str(output))
        assert code == case.exit_code, err
    for message in case.says:
        assert message in err
    assert "Traceback" not in err and "\x1b" not in err
    err.encode("utf-8")  # a file name's undecodable byte would raise here, as it did on a real terminal
    if not case.good_written:
        assert not output.is_file()
        return
    events = pd.read_csv(output, keep_default_na=False, dtype=str)
    assert GOOD_PLACES <= set(events["place"])
    for column, value in case.events.items():
        assert value in set(events[column]), (column, sorted(set(events[column]))[:5])


def test_a_title_is_never_a_whole_one_line_file(tmp_path: Path, capsys) -> None:
    write(tmp_path, "t1.txt", ONE_LINE)
    code, err = extract(capsys, str(tmp_path), "-o", str(tmp_path / "t1.csv"))
    events = pd.read_csv(tmp_path / "t1.csv", keep_default_na=False)
    assert code == 0 and len(events) > 100
    assert set(events["title"]) == {""}  # no line reads like a headline
    assert (tmp_path / "t1.csv").stat().st_size < 20 * len(ONE_LINE)  # it was 1,500 times


def test_a_long_title_in_an_index_is_cut(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Taliban seize Jaghori\n\nAugust 10, 2021\n\nThe Taliban captured Jaghori.\n")
    write(tmp_path, "index.csv", f"file,url,published,title\na.txt,,2021-08-10,{'Long title ' * 1000}\n")
    [article] = run([tmp_path]).articles
    assert len(article.title) == folders.MAX_TITLE and article.title.endswith("…")


def test_cells_starting_like_a_formula_are_neutralised(tmp_path: Path, capsys) -> None:
    case = next(c for c in CASES if c.name == "formula cells")
    build(case, tmp_path)
    extract(capsys, str(tmp_path), "-o", str(tmp_path / "e.csv"))
    events = pd.read_csv(tmp_path / "e.csv", keep_default_na=False, dtype=str)
    text_columns = events.drop(columns=["latitude", "longitude", "confidence", "sentence"])
    assert not text_columns.map(lambda cell: cell.startswith(("=", "+", "-", "@"))).any().any()
    assert '\'=HYPERLINK("http://evil.example","click")' in set(events["title"])


def test_a_full_disk_says_so_and_leaves_no_half_file(tmp_path: Path, capsys, monkeypatch) -> None:
    build(CASES[0], tmp_path / "batch")

    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    code, err = extract(capsys, str(tmp_path / "batch"), "-o", str(tmp_path / "e.csv"))
    assert code == 2 and "cannot write" in err and "No space left on device" in err and "Traceback" not in err
    assert list(tmp_path.glob("*e.csv*")) == []


def test_an_unreadable_index_is_named(tmp_path: Path, capsys, monkeypatch) -> None:
    build(CASES[0], tmp_path)
    write(tmp_path, "index.csv", "file,url,published,title\n")
    read_bytes = Path.read_bytes

    def refusing(self):
        if self.name == "index.csv":
            raise PermissionError(errno.EACCES, "Permission denied")
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refusing)
    code, err = extract(capsys, str(tmp_path), "-o", str(tmp_path / "e.csv"))
    assert code == 0 and "index.csv: index cannot be read: Permission denied" in err


def test_a_sub_folder_index_is_read_once(tmp_path: Path, monkeypatch) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    for n in range(300):
        write(sub, f"{n}.txt", "x")
    write(sub, "index.csv", "file,url,published,title\n" + "".join(f"{n}.txt,,2021-08-10,T{n}\n" for n in range(300)))
    reads: list[Path] = []
    real = folders.read_index
    monkeypatch.setattr(folders, "read_index", lambda path: reads.append(path) or real(path))
    found = folders.find_articles([tmp_path])
    assert len(found.files) == 300 and {m.title for _, m in found.files} == {f"T{n}" for n in range(300)}
    assert reads.count(sub / "index.csv") == 1


def test_override_rows_starting_like_a_formula_are_refused_with_their_line(tmp_path: Path) -> None:
    from geo.geocoding.overrides import read_overrides

    path = write(tmp_path, "places_override.csv", "name,latitude,longitude\n=Ghazni,1,1\n+Herat,2,2\nRealplace,3,3\n")
    entries, problems = read_overrides(path)
    assert list(entries) == ["realplace"]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "line 2: name '=Ghazni' starts with '=', as a spreadsheet formula does, not a place name; row skipped",
        "line 3: name '+Herat' starts with '+', as a spreadsheet formula does, not a place name; row skipped",
    ]


# ---------------------------------------------------------------- large inputs, made at test time


def test_a_4_9_mb_one_line_file_is_read_with_short_sentences(tmp_path: Path) -> None:
    line = "Taliban take Kunduz August 8, 2021 " + "The Taliban captured Jaghori in Ghazni province. " * 98_000
    path = write(tmp_path, "big.txt", line[:4_900_000])
    article = load_article(path)
    assert article.title == "" and max(len(s.text) for s in article.sentences) <= MAX_SENTENCE


def test_a_1_mb_list_of_places_gives_the_claims_of_its_start(tmp_path: Path) -> None:
    places = "Ghazni, Herat, Kunduz, Kandahar, Farah, " * 25_000
    write(tmp_path, "list.txt", f"Taliban sweep\n\nAugust 10, 2021\n\nThe Taliban captured {places}and Kabul.\n")
    result = run([tmp_path])
    assert {"Ghazni", "Herat", "Kunduz", "Kandahar", "Farah"} <= {e.place for e in result.events}
    assert all(len(s.text) <= MAX_SENTENCE for a in result.articles for s in a.sentences)


MAPPABLE = [c for c in CASES if c.good_written and not c.name.startswith("-o")]


@pytest.mark.parametrize("case", MAPPABLE, ids=[c.name for c in MAPPABLE])
def test_a_bad_input_still_gives_the_map_of_the_good_articles(case: Case, tmp_path: Path, capsys, locked_folders):
    build(case, tmp_path / "batch")
    code = cli.main(["map", str(tmp_path / "batch"), "-o", str(tmp_path / "map.html")])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err and "\x1b" not in err
    page = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert all(place in page for place in GOOD_PLACES)
    assert "9999-08-10" not in page  # an implausible day is not drawn
