"""The dashboard driven as a user would, through Streamlit's AppTest, over a fresh SQLite file each test.

Why: the page is where analysts load, scrub, correct and export; these tests
click its widgets and read what it shows (metrics, messages, tables, the
bytes of each download), never its internals.
"""

from __future__ import annotations

import io
import json
import re
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from helpers import AFGHANISTAN, HOLDING
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from geo import pipeline
from geo.app import livemap, query
from geo.app.exports import ACLED_COLUMNS
from geo.mapping import assets
from geo.records import EVENT_COLUMNS
from geo.timeline import counts_on, daily_status

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
BEFORE, THURSDAY, FRIDAY = date(2021, 8, 11), date(2021, 8, 12), date(2021, 8, 13)
KUNDUZ = (
    b"Taliban take Kunduz\n\nPublished 9 August 2021\n\n"
    b"The Taliban captured Kunduz on Sunday after days of fighting, officials said.\n"
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "frontline.sqlite"
    monkeypatch.setenv("FRONTLINE_DB", str(path))
    return path


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The bytes behind each download button, by file name, as the browser would receive them."""
    files: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        if filename:
            files[filename] = path_or_data if isinstance(path_or_data, bytes) else Path(path_or_data).read_bytes()
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return files


def open_app(db: Path, demo: bool = True) -> AppTest:
    """The page on the database; a new database starts empty, and `demo` asks for the demo as a user would."""
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    offer = [b for b in at.button if b.label.startswith("Load the demo articles")]
    if demo and offer:
        offer[0].click()
        at = run(run(at))
    return at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, int]:
    return {m.label: int(m.value) for m in at.metric}


def messages(elements) -> list[str]:
    """Alert texts as the user reads them (the page escapes markdown in them)."""
    return [re.sub(r"\\(.)", r"\1", e.value) for e in elements]


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def show_day(at: AppTest, day: date) -> dict[str, int]:
    """The page on `day`, as when the reader picks it on the map (its slider is the page's, see livemap)."""
    at.session_state["day"] = day
    return metrics(run(at))


def map_args(at: AppTest) -> dict:
    """What the page tells the map: the day, and the file of claims it draws."""
    maps = [json.loads(e.proto.json_args) for e in at.get("component_instance")]
    assert len(maps) == 1
    return maps[0]


def map_days(at: AppTest) -> list[str]:
    """The days on the map's slider, from the claims file the page hands it."""
    data = livemap.folder(str(assets.cache_dir())) / map_args(at)["src"]
    return json.loads(data.read_text(encoding="utf-8"))["days"]


def first_day(at: AppTest) -> date:
    """The first day with a claim (the map's slider starts the day before, showing the country before any report)."""
    return date.fromisoformat(map_days(at)[0]) + timedelta(days=1)


def last_day(at: AppTest) -> date:
    return date.fromisoformat(map_days(at)[-1])


def csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), keep_default_na=False)


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "text/plain") for name, data in files])
    at.button(key="FormSubmitter:upload-Add uploaded articles").click()
    return run(at)


def editor_rows(at: AppTest) -> pd.DataFrame:
    return at.data_editor[0].value


def edit(at: AppTest, edited: dict | None = None, added: list | None = None) -> AppTest:
    """Change cells of the claims editor (row position -> {column: value}), or add rows, then save."""
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": [],
    }
    run(at)
    button(at, "Save reviews").click()
    return run(at)


def row_of(at: AppTest, place: str, status: str | None = None) -> int:
    rows = editor_rows(at)
    hits = rows[(rows["place"] == place) & ((rows["status"] == status) if status else True)]
    return int(hits.index[0])


def expected(day: date) -> dict[str, int]:
    """What the metrics must say on a day: the demo's counts from the library, not from the page."""
    daily = daily_status(pipeline.run([pipeline.DEMO]).table, HOLDING)
    shown = {AFGHANISTAN.labels[status]: n for status, n in counts_on(daily, day, AFGHANISTAN.statuses).items()}
    return {**shown, "Inferred government": query.inferred_count(daily, day)}


# ---------------------------------------------------------------- issue 2: open, scrub, export


def test_demo_opens_on_the_last_day_with_its_counts(db: Path) -> None:
    at = open_app(db)
    assert messages(at.error) == [] and messages(at.warning) == []
    assert first_day(at) <= BEFORE and (last_day(at), map_args(at)["day"]) == (FRIDAY, FRIDAY.isoformat())
    assert metrics(at) == expected(FRIDAY)
    assert at.caption[0].value.startswith("2 articles")


def test_moving_the_slider_to_the_13th_shows_more_places_taliban(db: Path) -> None:
    at = open_app(db)
    before = show_day(at, BEFORE)
    after = show_day(at, FRIDAY)
    assert before == expected(BEFORE) and after == expected(FRIDAY)
    assert after["Taliban"] >= before["Taliban"] + 2  # Kandahar and Herat fell on the 12th
    assert before["Inferred government"] >= 2  # ... and were held until then


def test_the_map_shows_the_day_chosen(db: Path) -> None:
    at = open_app(db)
    show_day(at, THURSDAY)
    maps = [json.loads(e.proto.json_args) for e in at.get("component_instance")]
    assert len(maps) == 1 and maps[0]["day"] == "2021-08-12"
    data = json.loads((livemap.folder(str(assets.cache_dir())) / maps[0]["src"]).read_text(encoding="utf-8"))
    assert "2021-08-12" in data["days"] and {"Kandahar", "Herat", "Ghazni"} <= {p["name"] for p in data["places"]}


def test_events_csv_download_is_the_contract_table(db: Path, downloads: dict[str, bytes]) -> None:
    open_app(db)
    assert downloads["events.csv"].decode() == pipeline.run([pipeline.DEMO]).table.to_csv(index=False)
    assert csv(downloads["events.csv"]).columns[: len(EVENT_COLUMNS)].tolist() == EVENT_COLUMNS


def test_map_download_opens_offline(db: Path, downloads: dict[str, bytes]) -> None:
    open_app(db)
    page = downloads["map.html"].decode()
    assert "frontlineTimeline" in page and "Kandahar" in page
    assert not re.search(r"<script[^>]*\bsrc=|<link[^>]*\bhref=[\"']?https?:", page)


def test_problem_files_in_the_demo_folder_are_warnings_naming_them(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "kunduz.txt").write_bytes(KUNDUZ)
    (folder / "blank.txt").write_bytes(b"   \n")
    (folder / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    monkeypatch.setattr(pipeline, "DEMO", folder)
    at = open_app(db)
    warnings = messages(at.warning)
    assert len(warnings) == 2 and any("blank.txt" in w for w in warnings) and any("scan.txt" in w for w in warnings)
    assert at.caption[0].value.startswith("1 articles") and metrics(at)["Taliban"] == 1


def test_the_database_can_be_chosen_in_the_sidebar(db: Path, tmp_path: Path) -> None:
    at = upload(open_app(db), ("kunduz.txt", KUNDUZ))
    other = tmp_path / "other" / "second.sqlite"
    at.text_input(key="db_path").input(str(other))
    at = run(at)
    assert other.is_file() and at.caption[0].value.startswith("0 articles")  # a new database starts empty
    assert any(b.label.startswith("Load the demo articles") for b in at.button)
    at.text_input(key="db_path").input(str(db))
    assert run(at).caption[0].value.startswith("3 articles")


def test_an_unusable_database_path_is_an_error_not_a_crash(db: Path, tmp_path: Path) -> None:
    at = open_app(db)
    (tmp_path / "a-file").write_text("not a folder")
    at.text_input(key="db_path").input(str(tmp_path / "a-file" / "frontline.sqlite"))
    at = run(at)
    assert any("Cannot open the database" in m for m in messages(at.error))
    at.text_input(key="db_path").input(str(db))
    assert metrics(run(at)) == expected(FRIDAY)


def test_missing_map_assets_say_how_to_fix_them(db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTLINE_ASSET_CACHE", str(tmp_path / "empty-cache"))
    at = open_app(db)
    assert any("python -m geo assets" in m for m in messages(at.error))
    assert metrics(at)["Taliban"] > 0  # the rest of the page still works


# ---------------------------------------------------------------- issue 6: load


def test_upload_adds_articles_and_a_restart_shows_them(db: Path) -> None:
    at = upload(
        open_app(db),
        ("kunduz.txt", KUNDUZ),
        ("kunduz-copy.md", KUNDUZ.replace(b"officials", b"sources")),
    )
    assert any("stored 2 article" in m for m in messages(at.success))
    assert "Kunduz" in set(editor_rows(at)["place"])
    again = open_app(db)
    assert again.caption[0].value.startswith("4 articles")
    assert first_day(again) == date(2021, 8, 8)  # Kunduz, "on Sunday" before a Monday report


def test_the_same_article_twice_is_stored_once(db: Path) -> None:
    at = upload(open_app(db), ("kunduz.txt", KUNDUZ))
    at = upload(at, ("kunduz-again.txt", KUNDUZ))
    assert any("already stored as kunduz.txt" in m for m in messages(at.info))
    assert at.caption[0].value.startswith("3 articles")


def test_bad_uploads_each_get_an_error_and_the_corpus_is_untouched(db: Path, downloads: dict[str, bytes]) -> None:
    at = open_app(db)
    before = downloads["events.csv"]
    at = upload(
        at,
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20),
        ("empty.md", b""),
        ("huge.txt", b"word " * 1_000_001),
        ("kunduz.txt", KUNDUZ),
    )
    errors = messages(at.error)
    assert len(errors) == 3
    for name, why in (("photo.txt", "binary"), ("empty.md", "empty"), ("huge.txt", "allowed")):
        assert any(name in e and why in e for e in errors), (name, errors)
    assert at.caption[0].value.startswith("3 articles")  # the good file still went in
    after = csv(downloads["events.csv"])
    assert set(csv(before)["article"]) <= set(after["article"])
    button(at, "Dismiss these messages").click()
    at = run(at)
    assert messages(at.error) == [] and at.caption[0].value.startswith("3 articles")


def articles_editor(at: AppTest):
    return next(e for e in at.data_editor if e.key.startswith("articles-"))


def date_articles(at: AppTest, dates: dict[str, date]) -> AppTest:
    """Type publication dates into the Articles table (article name -> day), then save, as a user would."""
    table = articles_editor(at)
    rows = table.value.reset_index(drop=True)
    edited = {int(i): {"published": dates[name].isoformat()} for i, name in rows["article"].items() if name in dates}
    at.session_state[table.key] = {"edited_rows": edited, "added_rows": [], "deleted_rows": []}
    run(at)
    button(at, "Save article details").click()
    return run(at)


def test_an_undated_paste_is_stored_waiting_and_a_typed_date_gives_its_claims(db: Path) -> None:
    at = open_app(db)
    text = "Taliban fighters overran Kunduz city after a week of clashes, residents said."
    at.text_area[0].input(text)
    at.button(key="FormSubmitter:paste-Add pasted article").click()
    at = run(at)
    assert any("No publication date found" in m for m in messages(at.warning))
    waiting = articles_editor(at).value
    assert waiting.iloc[0]["published"] is None or pd.isna(waiting.iloc[0]["published"])
    assert "Kunduz" not in set(editor_rows(at)["place"])  # its claims wait
    at = date_articles(at, {waiting.iloc[0]["article"]: date(2021, 8, 8)})
    rows = editor_rows(at)
    assert ((rows["place"] == "Kunduz") & (rows["event_date"] == date(2021, 8, 8))).any()
    assert articles_editor(at).value.set_index("article").loc[waiting.iloc[0]["article"], "date from"] == "user"


def test_an_index_csv_uploaded_with_the_articles_dates_them(db: Path) -> None:
    undated = b"Taliban take Kunduz\n\nThe Taliban captured Kunduz on Sunday after days of fighting, officials said.\n"
    index = b"file,url,published,title\nkunduz.txt,https://example.org/kunduz,2021-08-09,Kunduz falls\n"
    at = upload(open_app(db), ("kunduz.txt", undated), ("index.csv", index))
    assert any("stored 1 article" in m for m in messages(at.success))
    row = articles_editor(at).value.set_index("article").loc["kunduz.txt"]
    assert (row["published"], row["date from"], row["title"]) == (date(2021, 8, 9), "index", "Kunduz falls")
    rows = editor_rows(at)
    assert ((rows["place"] == "Kunduz") & (rows["event_date"] == date(2021, 8, 8))).any()  # Sunday before Monday
    at = upload(at, ("kunduz.txt", undated))
    assert any("already stored as kunduz.txt" in m for m in messages(at.info))


def test_a_new_database_starts_empty_and_the_demo_comes_on_request(db: Path) -> None:
    at = open_app(db, demo=False)
    assert at.caption[0].value.startswith("0 articles") and not at.data_editor
    button(at, "Load the demo articles").click()
    at = run(run(at))
    assert at.caption[0].value.startswith("2 articles")


def test_pasted_text_with_a_typed_date_is_stored(db: Path) -> None:
    at = open_app(db)
    text = "Taliban fighters overran Kunduz city after a week of clashes, residents said."
    at.text_area[0].input(text)
    at.date_input[0].set_value(date(2021, 8, 8))
    title = next(t for t in at.text_input if t.label == "Title (optional)")
    title.input("Kunduz overrun")
    at.button(key="FormSubmitter:paste-Add pasted article").click()
    at = run(at)
    assert any("stored 1 article" in m for m in messages(at.success))
    rows = editor_rows(at)
    assert ((rows["place"] == "Kunduz") & (rows["event_date"] == date(2021, 8, 8))).any()


# ---------------------------------------------------------------- inspect


@pytest.mark.parametrize(
    "widget, value, column, allowed",
    [
        ("f_status", ["contested"], "status", {"contested"}),
        ("f_place", ["Kandahar"], "place", {"Kandahar"}),
        ("f_article", ["003_13d5def9eed6d131.txt"], "article", {"003_13d5def9eed6d131.txt"}),
    ],
)
def test_filters_narrow_the_claims_table(db: Path, widget: str, value: list, column: str, allowed: set) -> None:
    at = open_app(db)
    everything = len(editor_rows(at))
    at.multiselect(key=widget).set_value(value)
    shown = editor_rows(run(at))
    assert 0 < len(shown) < everything and set(shown[column]) == allowed


def test_date_window_and_confidence_filters(db: Path) -> None:
    at = open_app(db)
    window = next(s for s in at.slider if s.label == "Claims dated")
    window.set_value((THURSDAY, THURSDAY))
    at.slider(key="f_conf").set_value(0.85)
    shown = editor_rows(run(at))
    assert len(shown) > 0
    assert set(shown["event_date"]) == {THURSDAY} and shown["confidence"].min() >= 0.85


def test_place_history_lists_its_intervals_and_evidence(db: Path) -> None:
    at = open_app(db)
    at.selectbox(key="history_place").set_value("Kandahar")
    at = run(at)
    spans, claims = [t.value for t in at.dataframe if t.editing_mode == "read_only"][:2]
    assert "taliban" in set(spans["status"])
    assert claims["evidence"].str.contains("Kandahar").all()
    assert list(claims["event_date"]) == sorted(claims["event_date"])
    columns = list(claims.columns)  # the evidence and how precise the date is, before the article's names
    assert columns.index("date_precision") < columns.index("evidence") < columns.index("title")


def test_why_shows_the_rule_and_trigger_behind_a_claim(db: Path) -> None:
    at = open_app(db)
    at.selectbox(key="history_place").set_value("Kandahar")
    at = run(at)
    why = at.selectbox(key="why_claim")
    assert any(" · taliban · " in label for label in why.options)  # each claim by its day, status, article
    [reading] = [c.value for c in at.code]
    assert "Kandahar (city" in reading and "by rule " in reading and "trigger '" in reading
    assert "as the rules read it:" in reading


# ---------------------------------------------------------------- correct


def test_an_edit_wins_everywhere_and_survives_a_restart(db: Path, downloads: dict[str, bytes]) -> None:
    at = open_app(db)
    before = metrics(at)
    at = edit(at, {row_of(at, "Mazar-i-Sharif"): {"status": "taliban"}})
    after = metrics(at)
    assert after["Taliban"] == before["Taliban"] + 1 and after["Contested"] == before["Contested"] - 1
    events = csv(downloads["events.csv"])
    mazar = events[events["place"] == "Mazar-i-Sharif"]
    assert list(mazar["status"]) == ["taliban"] and list(mazar["rule"]) == ["edited:capture"]
    acled = csv(downloads["acled.csv"])
    mazar = acled[acled["location"] == "Mazar-i-Sharif"]
    assert set(mazar["sub_event_type"]) == {"Non-state actor overtakes territory"}
    restarted = open_app(db)
    assert metrics(restarted) == after
    assert "edited" in set(editor_rows(restarted)["review"])


def test_a_review_survives_re_extraction(db: Path) -> None:
    at = edit(open_app(db), {row_of(open_app(db), "Mazar-i-Sharif"): {"status": "government"}})
    reviewed = metrics(at)
    button(at, "Re-run extraction").click()
    at = run(at)
    assert metrics(at) == reviewed


def review_log(at: AppTest) -> pd.DataFrame:
    return [t.value for t in at.dataframe if t.editing_mode == "read_only" and "before" in t.value.columns][0]


def test_reject_then_undo(db: Path) -> None:
    at = open_app(db)
    assert metrics(at)["Government"] == 1
    at = edit(at, {row_of(at, "Shindand Air Base"): {"decision": "reject"}})
    assert metrics(at)["Government"] == 0
    assert "rejected" in set(editor_rows(at)["review"])
    log = review_log(at)
    assert list(log["place"]) == ["Shindand Air Base"]  # in words: the place, what it was, what it became
    assert log["before"][0].startswith("government on 2021-") and log["after"][0].startswith("rejected")
    assert "Shindand" in log["evidence"][0] and "c0e2" not in " ".join(log.astype(str).iloc[0])
    made = datetime.fromisoformat(log["when"][0].replace(" UTC", "+00:00"))
    assert abs((datetime.now(made.tzinfo) - made).total_seconds()) < 600  # when it was made, kept with it
    button(at, "Undo last review").click()
    at = run(at)
    assert metrics(at)["Government"] == 1
    assert any(m.startswith("Undid: ") and "Shindand Air Base" in m for m in messages(at.info))
    assert review_log(at)["undone"][0] != ""


def test_the_log_names_who_made_a_review(db: Path) -> None:
    at = open_app(db)
    at.text_input(key="reviewer").input("Farida")
    at = edit(run(at), {row_of(at, "Shindand Air Base"): {"decision": "reject"}})
    assert list(review_log(at)["who"]) == ["Farida"]


def test_any_review_can_be_undone_from_the_log(db: Path) -> None:
    at = open_app(db)
    at = edit(at, {row_of(at, "Shindand Air Base"): {"decision": "reject"}})
    at = edit(at, {row_of(at, "Kandahar"): {"decision": "accept"}})
    assert list(review_log(at)["place"]) == ["Kandahar", "Shindand Air Base"]  # newest first
    choice = at.selectbox(key="undo_choice")
    choice.set_value(next(o for o in choice.options if "Shindand Air Base" in o))
    button(at, "Undo this review").click()
    at = run(at)
    assert metrics(at)["Government"] == 1  # the older review undone, the newer one stands
    assert list(review_log(at)["undone"] != "") == [False, True]


def test_an_added_claim_extends_the_timeline(db: Path, downloads: dict[str, bytes]) -> None:
    at = open_app(db)
    at = edit(
        at,
        added=[
            {
                "place": "Kunduz",
                "status": "taliban",
                "event_date": "2021-08-08",
                "evidence": "Seen on a local TV report.",
            }
        ],
    )
    assert first_day(at) == date(2021, 8, 8)
    assert show_day(at, date(2021, 8, 9))["Taliban"] == expected(date(2021, 8, 9))["Taliban"] + 1
    features = {f["properties"]["name"]: f for f in json.loads(downloads["frontline.geojson"])["features"]}
    assert features["Kunduz"]["properties"]["intervals"][0] == {
        "status": "taliban",
        "start": "2021-08-08",
        "end": "2021-08-13",
        "inferred": False,
    }


def test_an_unknown_place_is_not_saved(db: Path) -> None:
    at = open_app(db)
    before = metrics(at)
    at = edit(at, {row_of(at, "Ghazni"): {"place": "Atlantis"}})
    assert any("unknown place 'Atlantis'" in m for m in messages(at.info))
    assert metrics(at) == before and set(editor_rows(at)["review"]) == {""}


# ---------------------------------------------------------------- export


def test_geojson_has_one_point_per_place_with_its_intervals(db: Path, downloads: dict[str, bytes]) -> None:
    open_app(db)
    collection = json.loads(downloads["frontline.geojson"])
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    features = {f["properties"]["name"]: f for f in collection["features"]}
    assert {"Kandahar", "Herat", "Ghazni", "Lashkar Gah", "Mazar-i-Sharif"} <= set(features)
    assert not {"Kabul", "Doha", "Qatar", "Washington"} & set(features)
    for feature in features.values():
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and 60 < lon < 75 and 29 < lat < 39
    kandahar = features["Kandahar"]["properties"]["intervals"]
    assert {
        "status": "taliban",
        "start": "2021-08-12",
        "end": "2021-08-13",
        "inferred": False,
    } in kandahar


def test_acled_csv_has_its_columns_and_event_types(db: Path, downloads: dict[str, bytes]) -> None:
    open_app(db)
    acled = csv(downloads["acled.csv"])
    assert list(acled.columns) == ACLED_COLUMNS
    by_place = acled.groupby("location")["sub_event_type"].agg(set)
    assert by_place["Ghazni"] == {"Non-state actor overtakes territory"}
    assert "Armed clash" in by_place["Lashkar Gah"]
    assert set(acled[acled["location"] == "Mazar-i-Sharif"]["admin1"]) == {"Balkh"}
    assert acled["event_date"].str.fullmatch(r"2021-08-\d\d").all() and set(acled["time_precision"]) <= {1, 2, 3}


# ---------------------------------------------------------------- untrusted text


def test_a_hostile_file_name_shows_as_text(db: Path) -> None:
    name = "[click](javascript:alert(1)) ![x](evil.example) **loud** <img src=x onerror=alert(1)>.txt"
    at = upload(open_app(db), (name, KUNDUZ))
    source = " ".join(e.value for e in at.success)  # the markdown the page renders
    assert re.search(r"(?<!\\)[\[\]()<>*!]", source) is None  # every link, image, emphasis, tag escaped
    assert name in " ".join(messages(at.success))  # shown as typed


def test_the_day_before_the_first_claim_is_a_day_of_the_page(db: Path) -> None:
    """The map's slider starts the day before the first claim; the counts must speak of that day too."""
    at = open_app(db)
    eve = date.fromisoformat(map_days(at)[0])
    assert eve == first_day(at) - timedelta(days=1)
    counts = show_day(at, eve)
    assert counts["Taliban"] == counts["Contested"] == 0 and counts["Inferred government"] >= 2
    assert map_args(at)["day"] == eve.isoformat()


def test_a_day_outside_a_new_corpus_is_brought_within_it(db: Path) -> None:
    at = open_app(db)
    show_day(at, date(2030, 1, 1))
    assert map_args(at)["day"] == FRIDAY.isoformat()


# ---------------------------------------------------------------- places without coordinates (issue 4)


def test_an_unlocated_place_is_listed_and_coordinates_put_it_on_the_map(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    overrides = tmp_path / "places_override.csv"
    monkeypatch.setenv("FRONTLINE_OVERRIDES", str(overrides))
    at = open_app(db)
    at.text_area[0].input("The Taliban captured the Ghulam Khan crossing on Friday, border officials said.")
    at.date_input[0].set_value(date(2021, 8, 13))
    at.button(key="FormSubmitter:paste-Add pasted article").click()
    at = run(at)
    listed = [m.value for m in at.markdown if "without coordinates" in m.value]
    assert listed and "Ghulam Khan" in listed[0]
    before = metrics(at)["Taliban"]
    place = next(s for s in at.selectbox if s.label == "Place" and "Ghulam Khan" in s.options)
    place.set_value("Ghulam Khan")
    next(n for n in at.number_input if n.label == "Latitude").set_value(33.25)
    next(n for n in at.number_input if n.label == "Longitude").set_value(70.04)
    at.button(key="FormSubmitter:locate-Add coordinates and redraw").click()
    at = run(at)
    assert not at.exception, [e.value for e in at.exception]
    assert "Ghulam Khan,33.25" in overrides.read_text()
    assert metrics(at)["Taliban"] == before + 1  # the crossing is on the map now, on the last day
    assert not any("Ghulam Khan" in m.value for m in at.markdown if "without coordinates" in m.value)


def test_online_geocoding_is_off_until_switched_on(db: Path) -> None:
    at = open_app(db)
    switch = next(t for t in at.toggle if "Online geocoding" in t.label)
    assert switch.value is False
    assert not [t for t in at.text_input if "contact" in t.label.lower()]
    switch.set_value(True)
    at = run(at)
    assert [t for t in at.text_input if "contact" in t.label.lower()]


# ---------------------------------------------------------------- issue 19: odd dates, deleting, a failing database


def stored_report(db: Path, name: str, published: date) -> None:
    """A report of our own, stored as an upload would store it, published on the day given."""
    from geo.app import intake
    from geo.app.store import Store
    from geo.extraction.articles import Metadata, article_from_text

    text = f"Taliban take Kunduz\n\nThe Taliban captured Kunduz on Monday, officials said ({name})."
    article = article_from_text(text, name, Metadata(published=published, title=f"Kunduz {name}"))
    assert intake.ingest(Store(db), [article]).added == [name]


def test_the_page_opens_with_reports_of_2015_1900_and_9999_and_flags_the_odd_ones(db: Path) -> None:
    open_app(db)
    stored_report(db, "kunduz-2015.txt", date(2015, 9, 28))
    stored_report(db, "placeholder-1900.txt", date(1900, 1, 1))
    stored_report(db, "placeholder-9999.txt", date(9999, 12, 31))
    at = open_app(db)
    # The only other reports of Kunduz are dated 1900 and 9999: implausible, so evidence of nothing, and the
    # 2015 report is painted (not held as far from the rest): six years of slider, not eight thousand.
    assert (first_day(at), last_day(at)) == (date(2015, 9, 28), FRIDAY)
    [warning] = [m for m in messages(at.warning) if "not drawn" in m]
    assert "placeholder-1900.txt, placeholder-9999.txt" in warning and "kunduz-2015" not in warning
    rows = editor_rows(at)
    assert {"placeholder-1900.txt", "placeholder-9999.txt", "kunduz-2015.txt"} <= set(rows["article"])  # listed
    assert (rows.loc[rows["article"] == "kunduz-2015.txt", "flag"] == "").all()
    assert show_day(at, date(2015, 9, 28))["Taliban"] == 1


def test_an_article_can_be_deleted_with_its_reviews_and_the_log_says_so(db: Path) -> None:
    at = upload(open_app(db), ("kunduz.txt", KUNDUZ))
    edit(at, {row_of(at, "Kunduz"): {"decision": "reject"}})
    claims = int((editor_rows(at)["article"] == "kunduz.txt").sum())
    at.selectbox(key="delete_name").set_value("kunduz.txt")
    at.checkbox[0].check()
    at.button(key="FormSubmitter:delete-Delete article").click()
    at = run(at)
    assert any(f"Deleted kunduz.txt: {claims} claim(s) and 1 review(s)" in m for m in messages(at.info))
    assert "kunduz.txt" not in set(editor_rows(at)["article"]) and at.caption[0].value.startswith("2 articles")
    from geo.app.store import Store

    assert list(Store(db).reviews()["action"]) == ["delete"]
    log = review_log(at)  # in words, and not offered for undoing
    assert list(log["before"]) == ["article kunduz.txt"] and log["after"][0].startswith(f"deleted, with its {claims}")
    assert "undo_choice" not in [box.key for box in at.selectbox]


def test_a_database_made_read_only_while_open_is_a_clear_error(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    at = open_app(db)
    connect = sqlite3.connect  # chmod 444 does not stop root, who may run the tests: open it read-only instead
    monkeypatch.setattr(sqlite3, "connect", lambda path, **kw: connect(f"file:{path}?mode=ro", uri=True, **kw))
    at = upload(at, ("kunduz.txt", KUNDUZ))
    assert any("cannot be used" in m and "readonly" in m for m in messages(at.error)), messages(at.error)


def test_a_database_corrupted_while_open_is_a_clear_error(db: Path) -> None:
    at = open_app(db)
    db.write_bytes(b"this is not a database" * 100)
    at = run(at)
    assert any("cannot be used" in m and str(db) in m for m in messages(at.error)), messages(at.error)


def test_a_one_line_upload_keeps_the_database_small(db: Path) -> None:
    from bad_inputs import ONE_LINE

    at = upload(open_app(db), ("t1.txt", ONE_LINE.encode()))
    assert any("stored 1 article(s): t1.txt" in m for m in messages(at.success))
    assert db.stat().st_size < 40 * len(ONE_LINE)  # the whole line was copied into each of 1,500 claims' title


def test_an_upload_with_broken_bytes_is_stored_with_a_warning(db: Path) -> None:
    data = KUNDUZ.replace(b"officials said", b"officials at the caf\xc3\xa9 said") + b"\xff\n"
    at = upload(open_app(db), ("cafe.txt", data))
    assert any("cafe.txt: line 6: 1 byte(s) that are not UTF-8" in m for m in messages(at.warning))
    assert any("café" in e for e in editor_rows(at)["evidence"])


def test_the_claims_table_shows_evidence_and_date_precision_before_the_article(db: Path) -> None:
    columns = list(editor_rows(open_app(db)).columns)
    assert columns.index("evidence") < columns.index("article")
    assert columns.index("date_precision") < columns.index("evidence")
    assert columns[:4] == ["decision", "place", "status", "event_date"]


def test_add_by_url_fetches_stores_and_never_fetches_twice(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fake_web import serve

    monkeypatch.setenv("FRONTLINE_FETCHED", str(tmp_path / "fetched"))
    monkeypatch.setenv("FRONTLINE_FETCH_PRIVATE", "1")  # the test server is on 127.0.0.1
    with serve() as (base, asked):
        at = open_app(db)
        box = next(t for t in at.text_area if t.label.startswith("Or add by URL"))
        box.input(f"{base}/news/2021/08/08/kunduz\n{base}/missing")
        at.button(key="FormSubmitter:urls-Fetch and add").click()
        at = run(at)
        assert any("stored 1 article" in m for m in messages(at.success))
        assert any(f"{base}/missing: the server answered HTTP 404" in m for m in messages(at.error))
        table = articles_editor(at).value
        [published] = table.loc[table["url"] == f"{base}/news/2021/08/08/kunduz", "published"]
        assert published == date(2021, 8, 8)
        box = next(t for t in at.text_area if t.label.startswith("Or add by URL"))
        box.input(f"{base}/news/2021/08/08/kunduz")
        at.button(key="FormSubmitter:urls-Fetch and add").click()
        at = run(at)
        assert any("already fetched" in m for m in messages(at.info))
        assert asked.count("/news/2021/08/08/kunduz") == 1


def test_a_database_of_only_undated_articles_lists_them_and_a_date_puts_them_on_the_map(db: Path) -> None:
    at = open_app(db, demo=False)
    undated = b"Taliban take Kunduz\n\nThe Taliban captured Kunduz on Sunday after days of fighting, officials said.\n"
    at = upload(at, ("kunduz.txt", undated))
    assert any("No publication date found in kunduz.txt" in m for m in messages(at.warning))
    assert not at.metric  # nothing to map yet: its claims wait
    at = date_articles(at, {"kunduz.txt": date(2021, 8, 9)})
    assert metrics(at)["Taliban"] == 1
    assert articles_editor(at).value.iloc[0]["date from"] == "user"


def test_the_quick_start_opens_on_the_demo(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """README's quick start runs `streamlit run dashboard.py -- --demo`: an empty database opens on the demo."""
    monkeypatch.setattr(sys, "argv", ["dashboard.py", "--demo"])
    at = run(open_app(db, demo=False))  # no button pressed
    assert metrics(at)["Taliban"] > 0 and at.caption[0].value.startswith("2 articles")


def test_without_the_flag_a_new_database_waits_for_the_demo_button(db: Path) -> None:
    at = run(open_app(db, demo=False))
    assert not at.metric and any(b.label.startswith("Load the demo articles") for b in at.button)


SYRIAN_REPORT = (
    b"Rebels take Hama\n\nPublished 6 December 2024\n\n"
    b"Syrian rebels captured Hama on Thursday after days of fighting.\n"
    b"The Kurdish-led Syrian Democratic Forces took control of Deir ez-Zor on Friday.\n"
    b"The Syrian army still holds Homs.\n"
)


def test_a_new_database_reads_the_war_chosen_for_it_and_keeps_it(db: Path) -> None:
    at = open_app(db, demo=False)
    war = next(s for s in at.selectbox if s.label == "War (conflict profile)")
    assert set(war.options) >= {"Afghanistan 2021 (afghanistan-2021)", "Syria 2024 (syria-2024)"}
    war.select("syria-2024")
    at = upload(run(at), ("hama.txt", SYRIAN_REPORT))
    shown = metrics(at)
    assert {"Opposition", "Government", "SDF", "Contested", "Inferred government"} <= set(shown)
    assert (shown["Opposition"], shown["SDF"], shown["Government"]) == (1, 1, 1)
    assert set(editor_rows(at)["place"]) == {"Hama", "Deir ez-Zor", "Homs"}
    # stored: a restart reads the same war, and with articles in it the choice is no longer offered
    at = open_app(db, demo=False)
    assert not [s for s in at.selectbox if s.label == "War (conflict profile)"]
    assert any("War: Syria 2024" in text for text in messages(at.sidebar.caption))
    assert metrics(at)["SDF"] == 1


def test_loading_the_demo_chooses_its_war(db: Path) -> None:
    at = open_app(db, demo=False)
    next(s for s in at.selectbox if s.label == "War (conflict profile)").select("syria-2024")
    at = run(at)
    button(at, "Load the demo articles").click()
    at = run(run(at))
    assert "Taliban" in metrics(at) and any("War: Afghanistan 2021" in text for text in messages(at.sidebar.caption))
