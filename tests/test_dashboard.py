"""The dashboard driven as a user would, through Streamlit's AppTest, over a fresh SQLite file each test.

Why: the page is where analysts load, scrub, correct and export; these tests
click its widgets and read what it shows (metrics, messages, tables, the
bytes of each download), never its internals.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from geo import pipeline
from geo.app import query
from geo.app.exports import ACLED_COLUMNS
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
    offer = [b for b in at.button if b.label == "Load the demo articles"]
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
    at.slider(key="day").set_value(day)
    return metrics(run(at))


def first_day(at: AppTest) -> date:
    """The slider's first day (AppTest reports a date slider's bounds in microseconds since 1970)."""
    return (datetime(1970, 1, 1) + timedelta(microseconds=at.slider(key="day").min)).date()


def last_day(at: AppTest) -> date:
    return (datetime(1970, 1, 1) + timedelta(microseconds=at.slider(key="day").max)).date()


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
    daily = daily_status(pipeline.run([pipeline.DEMO]).table)
    shown = {status.capitalize(): n for status, n in counts_on(daily, day).items()}
    return {**shown, "Inferred government": query.inferred_count(daily, day)}


# ---------------------------------------------------------------- issue 2: open, scrub, export


def test_demo_opens_on_the_last_day_with_its_counts(db: Path) -> None:
    at = open_app(db)
    assert messages(at.error) == [] and messages(at.warning) == []
    assert first_day(at) <= BEFORE and (last_day(at), at.slider(key="day").value) == (
        FRIDAY,
        FRIDAY,
    )
    assert metrics(at) == expected(FRIDAY)
    assert at.caption[0].value.startswith("2 articles")


def test_moving_the_slider_to_the_13th_shows_more_places_taliban(db: Path) -> None:
    at = open_app(db)
    before = show_day(at, BEFORE)
    after = show_day(at, FRIDAY)
    assert before == expected(BEFORE) and after == expected(FRIDAY)
    assert after["Taliban"] >= before["Taliban"] + 2  # Kandahar and Herat fell on the 12th
    assert before["Inferred government"] >= 2  # ... and were held until then


def test_the_map_opens_on_the_day_chosen(db: Path) -> None:
    at = open_app(db)
    show_day(at, THURSDAY)
    pages = [e.proto.srcdoc for e in at.get("iframe")]
    assert len(pages) == 1 and "leaflet" in pages[0].lower()
    assert '"start":"2021-08-12"' in pages[0].replace(" ", "")


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
    assert any(b.label == "Load the demo articles" for b in at.button)
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


def test_reject_then_undo(db: Path) -> None:
    at = open_app(db)
    assert metrics(at)["Government"] == 1
    at = edit(at, {row_of(at, "Shindand Air Base"): {"decision": "reject"}})
    assert metrics(at)["Government"] == 0
    assert "rejected" in set(editor_rows(at)["review"])
    log = [t.value for t in at.dataframe if t.editing_mode == "read_only" and "action" in t.value.columns][0]
    assert list(log["action"]) == ["reject"]
    made = datetime.fromisoformat(log["made_at"][0])
    assert abs((datetime.now(made.tzinfo) - made).total_seconds()) < 600  # when it was made, kept with it
    assert editor_rows(at).set_index("place").loc["Shindand Air Base", "reviewed_at"] == log["made_at"][0]
    button(at, "Undo last review").click()
    at = run(at)
    assert metrics(at)["Government"] == 1
    assert any("Undid the reject" in m for m in messages(at.info))


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


def test_play_turns_into_pause_and_back(db: Path) -> None:
    at = open_app(db)
    button(at, "Play").click()
    at = run(at)
    assert [b.label for b in at.button if b.label in ("Play", "Pause")] == ["Pause"]
    assert at.slider(key="day").value == first_day(at)  # from the end, playing starts again at the beginning
    button(at, "Pause").click()
    assert [b.label for b in run(at).button if b.label in ("Play", "Pause")] == ["Play"]


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
