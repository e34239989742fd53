"""Conflict profiles: a war is one profile file; the engine names none.

An invented war in an invented country (tests/fixtures/profiles/ruritania-2019.toml, three sides, its own
tiny gazetteer, one word of its own) is run end to end as a user runs it: extract, map, evaluate, explain.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import tokenize
from pathlib import Path

import pandas as pd
import pytest

from geo import profiles
from geo.app import exports
from geo.extraction.reader import reader_for
from geo.timeline import daily_status, inferred_places
from geo.tools import gazetteer_build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "profiles"
REPORT = """Red League takes Zenda

Published 17 May 2019

The Red League captured Zenda on Monday after two days of fighting, royalist officers said.
Crown troops retook Hentzau on Tuesday.
Miners' Guild militias seized Tarlenheim on Wednesday.
Fighting raged in Strelsau on Wednesday.
The Crown annexed the Castle of Zenda on Thursday.
Bohemian officials watched from across the border.
"""
EXPECTED = {
    ("Zenda", "league", "2019-05-13"),
    ("Hentzau", "crown", "2019-05-14"),
    ("Tarlenheim", "guild", "2019-05-15"),
    ("Strelsau", "contested", "2019-05-15"),
    ("Castle of Zenda", "crown", "2019-05-16"),
    ("Zenda", "league", "2019-05-17"),  # the headline, dated by the publication
}


@pytest.fixture(scope="module")
def ruritania(tmp_path_factory) -> profiles.Profile:
    """The invented war, its gazetteer built from its tables as a profile's author builds it."""
    folder = tmp_path_factory.mktemp("profiles")
    shutil.copytree(FIXTURES, folder, dirs_exist_ok=True)
    profile = profiles.load(folder / "ruritania-2019.toml")
    gazetteer_build.write(profile)
    return profile


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    (folder / "zenda.txt").write_text(REPORT, encoding="utf-8")
    return folder


def geo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "geo", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_an_invented_war_is_read_with_its_sides_names_and_words(ruritania, reports, tmp_path) -> None:
    out = tmp_path / "events.csv"
    run = geo("extract", "--profile", str(ruritania.path), str(reports), "-o", str(out))
    assert run.returncode == 0, run.stderr
    events = pd.read_csv(out, dtype=str)
    assert set(zip(events.place, events.status, events.event_date)) == EXPECTED
    assert set(events.country) == {"XR"}  # Bohemia is foreign: named, not mapped


def test_the_same_report_read_as_another_war_claims_nothing(reports, tmp_path) -> None:
    """Nothing of Ruritania is in the engine or another profile: read as Afghanistan, the report is noise."""
    out = tmp_path / "events.csv"
    run = geo("extract", "--profile", "afghanistan-2021", str(reports), "-o", str(out))
    assert run.returncode == 1 or pd.read_csv(out).empty, run.stderr


def test_its_map_has_three_sides_its_colours_and_its_name(ruritania, reports, tmp_path) -> None:
    page = tmp_path / "map.html"
    run = geo("map", "--profile", str(ruritania.path), str(reports), "-o", str(page))
    assert run.returncode == 0, run.stderr
    html = page.read_text(encoding="utf-8")
    payload = json.loads(re.search(r"frontlineTimeline\([^,]+, (\{.*?\})\s*\)", html, re.S).group(1))
    assert payload["statuses"] == ["crown", "league", "guild", "contested"]
    assert payload["labels"]["guild"] == "Miners' Guild" and payload["colors"]["league"] == "#b03a2e"
    assert payload["holding"] == "crown" and payload["capital"] == "Strelsau"
    assert "<title>Frontline — territorial control, day by day: Ruritania 2019</title>" in html


def test_before_another_sides_capture_a_place_is_the_holding_sides(ruritania, reports) -> None:
    from geo import pipeline

    table = pipeline.run([reports], reader=reader_for(ruritania)).table
    from geo.timeline import changes

    assert inferred_places(changes(table), ruritania.holding) == {"Zenda", "Tarlenheim"}
    daily = daily_status(table, ruritania.holding)
    before = daily[daily["day"].astype(str) == "2019-05-14"].set_index("place")
    assert before.loc["Tarlenheim", "status"] == "crown" and bool(before.loc["Tarlenheim", "inferred"])


def test_its_acled_export_names_each_sides_actor(ruritania, reports) -> None:
    from geo import pipeline

    result = pipeline.run([reports], reader=reader_for(ruritania))
    acled = pd.read_csv(io.StringIO(exports.acled_csv(result.table, result.places, ruritania)), dtype=str)
    actors = dict(zip(acled.location, acled.actor1))
    assert actors["Tarlenheim"] == "Miners' Guild militia" and actors["Hentzau"] == "Royal Army of Ruritania"
    assert actors["Strelsau"] == "Red League"  # a fight's actor: the profile's contested actor
    kinds = dict(zip(acled.location, acled.sub_event_type))
    assert kinds["Hentzau"] == "Government regains territory" and kinds["Zenda"].startswith("Non-state actor")


def test_it_is_scored_and_explained_with_its_own_statuses(ruritania, reports, tmp_path) -> None:
    gold = tmp_path / "gold.csv"
    rows = [("zenda.txt", place, "city", status, day, "day", "") for place, status, day in sorted(EXPECTED)]
    pd.DataFrame(
        rows, columns=["file", "place", "place_kind", "status", "event_date", "date_precision", "note"]
    ).to_csv(gold, index=False)
    run = geo("evaluate", "--profile", str(ruritania.path), "--gold", str(gold), str(reports))
    assert run.returncode == 0, run.stderr
    assert "F1 1.000" in run.stdout
    run = geo(
        "explain", "--profile", str(ruritania.path), "--date", "2019-05-17", "Miners' Guild militias seized Tarlenheim."
    )
    assert "Tarlenheim (district" in run.stdout and "GUILD by rule left:capture" in run.stdout


def test_a_profiles_own_word_is_not_another_wars(ruritania) -> None:
    """'annexed' is a capture in Ruritania only: a profile's words stay in its profile."""
    from datetime import date

    from geo.extraction.explain import explain

    afghan = explain("The Taliban annexed Kandahar.", date(2021, 8, 13), reader_for(profiles.load()))
    assert afghan.events == []
    assert "annex" in reader_for(ruritania).rules.trigger_words or any(
        w.startswith("annex") for w in reader_for(ruritania).rules.trigger_words
    )


@pytest.mark.parametrize(
    "change, complaint",
    [
        (('holding = "crown"', 'holding = "court"'), "holding = 'court' is not one of the sides"),
        (('colour = "#1f3a93"', 'colour = "blue"'), "a colour is #rrggbb"),
        (('id = "guild"', 'id = "crown"'), "distinct ids"),
        (('"royalists?"', '"royalists?("'), "is not a valid pattern"),
        (('"royalists?"', '"(?:\\\\w+) royalists"'), "must begin with a word"),
        (("[words.left]\ncapture", "[words.left]\nconquest"), "has no family conquest"),
    ],
)
def test_a_broken_profile_is_an_error_naming_its_file(ruritania, tmp_path, change, complaint) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(ruritania.path.read_text(encoding="utf-8").replace(*change), encoding="utf-8")
    (tmp_path / "broken").symlink_to(ruritania.folder)
    run = geo("explain", "--profile", str(broken), "Crown troops retook Hentzau.")
    assert run.returncode != 0 and complaint in run.stderr and str(broken) in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_an_unknown_profile_names_the_shipped_ones() -> None:
    run = geo("extract", "--profile", "atlantis-1999", "-o", "/dev/null")
    assert run.returncode != 0 and "no profile 'atlantis-1999'" in run.stderr
    assert "afghanistan-2021" in run.stderr and "syria-2024" in run.stderr


def war_words() -> set[str]:
    """What names a shipped war: its country, people, capital, and side ids that are no common English."""
    words: set[str] = set()
    for name in profiles.available():
        profile = profiles.load(name)
        words |= {profile.country_name.lower(), profile.demonym.lower(), profile.capital.lower()}
        words |= {s for s in profile.side_ids if s not in ("government", "opposition")}
    return words


def code_tokens(path: Path) -> list[tuple[int, str]]:
    """Names and strings of a Python file, docstrings and comments left out (they may give examples)."""
    found = []
    for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
        docstring = token.type == tokenize.STRING and token.line.strip().startswith(('"""', 'r"""', "'''"))
        if token.type in (tokenize.NAME, tokenize.STRING) and not docstring:
            found.append((token.start[0], token.string))
    return found


def test_no_war_is_named_in_the_engine() -> None:
    """Everything that differs between wars is in data/profiles/: no code or script names one (the default
    profile's id aside)."""
    pattern = re.compile(r"\b(?:" + "|".join(sorted(war_words())) + r")\b", re.I)
    named = [
        f"{path.relative_to(ROOT)}:{line}: {text[:60]}"
        for path in sorted((ROOT / "geo").rglob("*.py"))
        for line, text in code_tokens(path)
        if pattern.search(text) and text != repr(profiles.DEFAULT).replace("'", '"')
    ]
    named += [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()[:60]}"
        for path in sorted((ROOT / "geo").rglob("*.js"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line.split("//")[0])
    ]
    assert named == []
