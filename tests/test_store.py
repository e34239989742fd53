"""The SQLite store: what goes in comes back after a restart, once, and reviews outlive re-extraction.

Why: analysts' corpora and corrections live only here; every test reopens
the file as a restarted dashboard would.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from geo import paths, pipeline
from geo.app import intake, review
from geo.app.store import Store, claim_keys
from geo.extraction.articles import Metadata, article_from_text
from geo.records import EVENT_COLUMNS

TEXT = (
    "Taliban take the city of Kunduz\n\nThe Taliban captured Kunduz on Sunday after days of fighting, officials said."
)


@pytest.fixture(scope="module")
def demo() -> pipeline.Result:
    return pipeline.run([pipeline.DEMO])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture
def seeded(path: Path, demo: pipeline.Result) -> Store:
    intake.seed(Store(path), demo)
    return Store(path)  # reopened, as after a restart


def kunduz(name: str = "kunduz.txt", text: str = TEXT):
    return article_from_text(text, name, Metadata(published=date(2021, 8, 9)))


def test_a_restart_returns_the_same_articles_claims_and_places(seeded: Store, demo: pipeline.Result) -> None:
    claims = seeded.claims()
    assert list(seeded.articles()["article"]) == [a.id for a in demo.articles]
    assert claims[EVENT_COLUMNS].to_csv(index=False) == demo.table[EVENT_COLUMNS].to_csv(index=False)
    assert seeded.places()["Mazar-i-Sharif"].province == "Balkh"


def test_the_same_text_is_stored_once_whatever_its_name(path: Path) -> None:
    store = Store(path)
    report = intake.ingest(store, [kunduz(), kunduz("copy.md", TEXT.replace(" after", "  after"))])
    assert report.added == ["kunduz.txt"] and report.duplicates == ["copy.md: already stored as kunduz.txt"]
    assert store.article_count() == 1


def test_another_text_under_a_taken_name_is_renamed(path: Path) -> None:
    store = Store(path)
    intake.ingest(store, [kunduz()])
    report = intake.ingest(store, [kunduz(text=TEXT.replace("Sunday", "Saturday"))])
    assert report.added == ["kunduz.txt (2)"]
    assert set(store.claims()["article"]) == {"kunduz.txt", "kunduz.txt (2)"}


def test_every_write_bumps_the_revision(path: Path) -> None:
    store = Store(path)
    start = store.revision()
    intake.ingest(store, [kunduz()])
    key = store.claims()["key"][0]
    store.add_review(key, "reject", None)
    store.undo_last()
    assert store.revision() == start + 3
    intake.ingest(store, [kunduz()])  # a duplicate writes nothing
    assert store.revision() == start + 3


def test_claim_keys_are_stable_and_unique(demo: pipeline.Result) -> None:
    first = claim_keys("abc", demo.events)
    assert first == claim_keys("abc", demo.events) and len(set(first)) == len(first)


def test_re_extraction_keeps_keys_and_reviews(seeded: Store) -> None:
    keys = list(seeded.claims()["key"])
    seeded.add_review(keys[0], "reject", None)
    assert intake.reextract(seeded) == 2
    assert list(seeded.claims()["key"]) == keys
    assert list(Store(seeded.path).reviews()["claim_key"]) == [keys[0]]


def test_undo_marks_the_latest_review_and_keeps_it_in_the_log(seeded: Store) -> None:
    key = seeded.claims()["key"][0]
    seeded.add_review(key, "reject", None)
    seeded.add_review(key, "accept", {"status": "taliban"})
    assert seeded.undo_last()["action"] == "accept"
    log = Store(seeded.path).reviews()
    assert list(log["action"]) == ["reject", "accept"]
    assert log["undone_at"].isna().tolist() == [True, False]
    assert review.standing(log).loc[key, "action"] == "reject"


def test_undo_with_nothing_to_undo(path: Path) -> None:
    assert Store(path).undo_last() is None


def test_a_failed_write_leaves_the_store_as_it_was(seeded: Store, demo: pipeline.Result) -> None:
    before = seeded.claims()
    broken = demo.events[:1]
    broken[0] = type(broken[0])(**{**broken[0].__dict__, "place": object()})  # not storable
    with pytest.raises(sqlite3.Error):
        seeded.add_article(kunduz(), broken, {})
    assert seeded.article_count() == 2 and seeded.claims().equals(before)


def test_the_path_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FRONTLINE_DB", str(tmp_path / "x.sqlite"))
    assert paths.database() == tmp_path / "x.sqlite"
    monkeypatch.delenv("FRONTLINE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert paths.database() == tmp_path / "share" / "frontline" / "frontline.sqlite"  # never in the repo


# ---------------------------------------------------------------- issue 19: two writers, deleting an article


ROOT = Path(__file__).resolve().parent.parent
STORE_TEXTS = """
import json, sys
from datetime import date
from geo.app import intake
from geo.app.store import Store
from geo.extraction.articles import Metadata, article_from_text
texts = json.loads(sys.argv[2])
articles = [article_from_text(t, "report.txt", Metadata(published=date(2021, 8, 9))) for t in texts]
report = intake.ingest(Store(sys.argv[1]), articles)
print(json.dumps(report.added + report.duplicates + report.problems))
"""
UNDO = """
import json, sys
from geo.app.store import Store
store = Store(sys.argv[1])
print(json.dumps([u["id"] for u in (store.undo_last() for _ in range(int(sys.argv[2]))) if u]))
"""


def at_once(script: str, *runs: tuple[str, ...]) -> list:
    """Run the script in one process per argument tuple, all at the same time; what each printed."""
    children = [
        subprocess.Popen([sys.executable, "-c", script, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for args in runs
    ]
    outputs = [child.communicate(timeout=300)[0] for child in children]
    assert all(child.returncode == 0 for child in children), outputs
    return [json.loads(out) for out in outputs]


def test_two_processes_storing_one_name_never_collide(path: Path) -> None:
    Store(path)
    texts = [TEXT.replace("Sunday", f"day {n}") for n in range(80)]  # enough for the two runs to overlap
    shared = [TEXT.replace("Sunday", "the shared day")] * 2
    told = at_once(
        STORE_TEXTS, (str(path), json.dumps(texts[::2] + shared)), (str(path), json.dumps(texts[1::2] + shared))
    )
    names = list(Store(path).articles()["article"])
    assert len(names) == len(set(names)) == 81  # eighty texts and the shared one, once
    assert sum("already stored as" in line for lines in told for line in lines) == 3  # 2 x 2 offered, 1 stored
    assert not any("UNIQUE" in line or "failed" in line for lines in told for line in lines)


def test_three_processes_undoing_never_undo_one_review_twice(path: Path) -> None:
    store = Store(path)
    for n in range(1500):
        store.add_review(f"key{n}", "reject", None)
    undone = at_once(UNDO, (str(path), "600"), (str(path), "600"), (str(path), "600"))
    ids = [i for one in undone for i in one]
    assert len(ids) == len(set(ids)) == 1500
    assert Store(path).reviews()["undone_at"].notna().all()


def test_deleting_an_article_takes_its_claims_and_reviews_and_is_logged(seeded: Store) -> None:
    claims = seeded.claims()
    name = seeded.articles()["article"][0]
    mine = claims.loc[claims["article"] == name, "key"]
    other = claims.loc[claims["article"] != name, "key"].iloc[0]
    seeded.add_review(mine.iloc[0], "reject", None)
    seeded.add_review(other, "reject", None)
    removed = seeded.delete_article(name)
    assert removed == {"article": name, "title": removed["title"], "claims": len(mine), "reviews": 1}
    after = Store(seeded.path)
    assert name not in set(after.articles()["article"]) and name not in set(after.claims()["article"])
    log = after.reviews()
    assert list(log["claim_key"]) == [other, f"article:{name}"] and list(log["action"]) == ["reject", "delete"]
    assert after.undo_last()["claim_key"] == other  # a deletion is never undone as if it were a review
    assert review.apply_reviews(after.claims(), after.reviews())["article"].ne(name).all()
    assert after.delete_article(name) is None


def test_a_database_from_before_reviewers_had_names_is_upgraded_and_keeps_its_reviews(path: Path) -> None:
    with sqlite3.connect(path) as db:  # the reviews table as earlier versions wrote it
        db.execute(
            "CREATE TABLE reviews (id INTEGER PRIMARY KEY AUTOINCREMENT, claim_key TEXT NOT NULL, "
            "action TEXT NOT NULL, data TEXT, made_at TEXT NOT NULL, undone_at TEXT)"
        )
        db.execute("INSERT INTO reviews (claim_key, action, made_at) VALUES ('k1', 'reject', '2026-01-01')")
    store = Store(path)
    store.add_review("k2", "reject", None, by="Farida")
    log = store.reviews()
    assert list(log["claim_key"]) == ["k1", "k2"] and list(log["made_by"].fillna("")) == ["", "Farida"]


def test_an_undated_article_is_stored_without_claims_and_dated_later(path: Path) -> None:
    store = Store(path)
    undated = article_from_text(TEXT, "kunduz.txt")
    assert undated.published is None
    report = intake.ingest(store, [undated])
    assert report.added == report.undated == ["kunduz.txt"] and store.claims().empty
    assert intake.set_details(store, [("kunduz.txt", date(2021, 8, 9), "Kunduz falls", "")]) == ["kunduz.txt"]
    reopened = Store(path)
    claims = reopened.claims()
    assert "2021-08-08" in set(claims["event_date"]) and set(claims["published_source"]) == {"user"}
    row = reopened.articles().iloc[0]
    assert (row["published"], row["published_source"], row["title"]) == ("2021-08-09", "user", "Kunduz falls")


def test_a_database_from_before_the_date_sources_gains_their_columns(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.executescript(
            "CREATE TABLE articles (hash TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, title TEXT, "
            "published TEXT NOT NULL, url TEXT, text TEXT NOT NULL, added_at TEXT NOT NULL);"
            "CREATE TABLE claims (key TEXT PRIMARY KEY, article_hash TEXT NOT NULL, position INTEGER NOT NULL, "
            + ", ".join(EVENT_COLUMNS + ["title", "url", "sentence", "rule"])
            + ");"
        )
    store = Store(path)
    intake.ingest(store, [kunduz()])
    assert not store.claims().empty and set(store.claims()["published_source"]) == {"index"}


def test_an_upload_dated_only_by_a_yearless_dateline_takes_the_year_of_the_stored_articles(path: Path) -> None:
    store = Store(path)
    intake.ingest(store, [kunduz()])  # 2021-08-09
    text = "Herat falls\n\nHERAT, Aug 13 (AFP) - The Taliban captured Herat on Thursday, officials said.\n"
    [article], problems = intake.read_uploads([("herat.txt", text.encode())], intake.stored_dates(store))
    assert problems == [] and (article.published, article.published_source) == (date(2021, 8, 13), "dateline")


def test_a_pasted_text_dated_only_by_a_yearless_dateline_is_read_among_the_stored_articles(path: Path) -> None:
    store = Store(path)
    intake.ingest(store, [kunduz()])  # 2021-08-09
    pasted = intake.article_from_paste(
        "Herat falls\n\nHERAT, Aug 13 (AFP) - The Taliban captured Herat, officials said."
    )
    intake.ingest(store, [pasted])
    assert "2021-08-13" in set(store.articles()["published"])


def test_the_war_is_chosen_while_empty_and_kept_after(path: Path, demo: pipeline.Result) -> None:
    store = Store(path)
    assert store.profile() is None  # a new database waits for a choice
    assert store.set_profile("syria-2024") and Store(path).profile() == "syria-2024"
    intake.seed(store, demo)
    assert not store.set_profile("afghanistan-2021")  # its articles were read with the war chosen
    assert Store(path).profile() == "syria-2024"


def test_a_database_written_before_profiles_reads_the_first_war(path: Path, demo: pipeline.Result) -> None:
    intake.seed(Store(path), demo)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM meta WHERE key = 'profile'")
    assert Store(path).profile() == "afghanistan-2021"
