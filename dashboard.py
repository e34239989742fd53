"""Frontline's dashboard: load articles, choose a day, see the map, inspect and correct claims, export.

Run with `streamlit run dashboard.py`. This file only lays out the page; every
rule lives in geo/ (store, intake, review, editor, query, history, charts,
exports, mapping). Article text is untrusted: it reaches the page only through
st.dataframe / st.data_editor / st.code, or markdown-escaped.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import sys
from datetime import date, datetime, timedelta

import pandas as pd
import streamlit as st

from geo import paths, pipeline, profiles
from geo.app import editor, exports, history, intake, livemap, mapview, query, review, reviewlog
from geo.app.charts import at_day, status_spec
from geo.app.store import Store
from geo.extraction.dates import parse_iso_date, plausible, plausible_span
from geo.extraction.explain import explain, format_explanation
from geo.extraction.reader import Reader, reader_for
from geo.fetch.http import Fetcher
from geo.geocoding import overrides
from geo.geocoding.chain import GeocoderChain, default_geocoder, geocoder_notes
from geo.geocoding.online import OnlineConfigError, online_settings
from geo.mapping import assets
from geo.mapping.page import map_html
from geo.profiles import Profile
from geo.timeline import counts_on, daily_status, undrawn, with_flags

MAX_UPLOAD_MB = 5
MAP_HEIGHT = 620


# ---------------------------------------------------------------- data, cached by database revision


@st.cache_resource(show_spinner=False)
def open_store(path: str) -> Store:
    return Store(path)


@st.cache_data(show_spinner="Reading the demo articles…")
def demo_corpus(folder: str) -> pipeline.Result:
    """The demo (reports of the default profile's war), extracted once per server process, however many
    databases are seeded from it."""
    return pipeline.run([folder], reader=reader_for(profiles.load(profiles.DEFAULT)))


def profile_of(path: str) -> Profile:
    """The war the database reads reports of: the profile stored with it, the default until one is chosen."""
    return profiles.load(open_store(path).profile())


# Shared, read-only frames (cache_resource: no copy per rerun). Keyed by the store's revision, which
# every write bumps, so a slider move reuses them and a new article or review rebuilds them once.


@st.cache_resource(show_spinner=False, max_entries=8)
def reviewed_claims(path: str, revision: int) -> pd.DataFrame:
    store = open_store(path)
    return with_flags(review.apply_reviews(store.claims(), store.reviews()))


@st.cache_resource(show_spinner=False, max_entries=8)
def shown_claims(path: str, revision: int) -> pd.DataFrame:
    """The claims the map, counts and exports use: reviews applied, rejected ones dropped."""
    return review.effective(reviewed_claims(path, revision))


@st.cache_resource(show_spinner=False, max_entries=8)
def review_history(path: str, revision: int) -> pd.DataFrame:
    """The review log in words, built once per revision (not on every slider step)."""
    store = open_store(path)
    return reviewlog.describe(store.reviews(), store.claims())


@st.cache_resource(show_spinner=False, max_entries=8)
def day_table(path: str, revision: int) -> pd.DataFrame:
    """Each place on each day from the first claim (exports, place history): the map's days less the eve."""
    days = map_days(path, revision)
    return days if days.empty else days[days["day"] > min(days["day"])].reset_index(drop=True)


@st.cache_resource(show_spinner=False, max_entries=8)
def map_days(path: str, revision: int) -> pd.DataFrame:
    """The day table over the map's days: from the day before the first claim, as the map's slider."""
    return daily_status(shown_claims(path, revision), profile_of(path).holding, lead=1)


@st.cache_resource(show_spinner=False, max_entries=8)
def chart_spec(path: str, revision: int) -> dict:
    daily = map_days(path, revision)
    return status_spec(daily, max(daily["day"]), profile_of(path))


@st.cache_resource(show_spinner=False, max_entries=8)
def day_slices(path: str, revision: int) -> dict[date, pd.DataFrame]:
    """The map's days split by day once, so a day change reads one small slice."""
    return {day: rows for day, rows in map_days(path, revision).groupby("day")}


@st.cache_resource(show_spinner="Drawing the map…", max_entries=8)
def base_map(path: str, revision: int, self_contained: bool, asset_cache: str) -> str:
    """The map page, built once per corpus (and asset cache, which it inlines); `map_page` re-aims it at a day."""
    return map_html(shown_claims(path, revision), profile_of(path), self_contained=self_contained)


@st.cache_resource(show_spinner=False, max_entries=8)
def live_data(path: str, revision: int, asset_cache: str) -> str:
    """The live map's payload file for this corpus, written once; a slider move sends only the day."""
    return livemap.publish(shown_claims(path, revision), profile_of(path), asset_cache)


def map_page(path: str, revision: int, day: date, self_contained: bool = True) -> str:
    page = base_map(path, revision, self_contained, str(assets.cache_dir()))
    return mapview.on_day(page, day, shown_claims(path, revision), profile_of(path), self_contained)


@st.cache_data(show_spinner=False, max_entries=8)
def export_files(path: str, revision: int) -> dict[str, str]:
    claims = shown_claims(path, revision)
    places = open_store(path).places()
    daily = day_table(path, revision)
    return {
        "events.csv": exports.events_csv(claims),
        "frontline.geojson": exports.geojson_text(claims, daily, places),
        "acled.csv": exports.acled_csv(claims, places, profile_of(path)),
    }


def plain(text: str) -> str:
    """Markdown-escaped text: a file name or message shows as typed, never as a link, image or markup."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=])", r"\\\1", str(text))


def progress_bar(label: str) -> pipeline.Progress:
    """A pipeline progress callback drawing a Streamlit progress bar."""

    def progress(items, total):
        bar = st.progress(0.0, text=label)
        for n, item in enumerate(items):
            bar.progress(n / max(total, 1), text=f"{label} {n + 1} of {total}")
            yield item
        bar.empty()

    return progress


# ---------------------------------------------------------------- load


def choose_store() -> Store:
    path = st.sidebar.text_input(
        "Database (SQLite file)",
        value=str(paths.database()),
        key="db_path",
        help="Articles, claims and reviews are kept here; $FRONTLINE_DB sets the default. A new file starts empty.",
    )
    try:
        store = open_store(path)
    except (OSError, sqlite3.Error) as error:
        st.error(plain(f"Cannot open the database {path}: {error}. Choose another file in the sidebar."))
        st.stop()
    return store


def profile_choice(store: Store) -> Profile:
    """The war the database reads: chosen while it is empty (in the sidebar), kept with it after."""
    current = store.profile() or profiles.DEFAULT
    if store.article_count() == 0:
        shipped = profiles.available()
        choice = st.sidebar.selectbox(
            "War (conflict profile)",
            shipped,
            index=shipped.index(current) if current in shipped else 0,
            format_func=lambda name: f"{profiles.load(name).name} ({name})",
            key=f"profile-{store.path}",
            help="Whose sides, places and names the reports are read with. Chosen while the database is empty, "
            "then kept with it: its articles' claims were read with it.",
        )
        if choice != store.profile():
            store.set_profile(choice)
        current = choice
    try:
        profile = profiles.load(current)
    except profiles.ProfileError as error:
        st.error(plain(f"This database reads reports with a profile that cannot be used: {error}"))
        st.stop()
    if store.article_count():
        st.sidebar.caption(plain(f"War: {profile.name} (chosen when the database was created)"))
    return profile


def demo_offer(store: Store) -> None:
    """An empty database says so and offers the demo; nothing is loaded unasked (`streamlit run dashboard.py
    -- --demo` asks: the quick start opens on the demo). The demo is the default war's: loading it chooses
    that war for the database."""
    st.info("No articles yet: upload some in the sidebar (with an index.csv to date them), or load the demo.")
    asked = "--demo" in sys.argv[1:] and not st.session_state.get("demo_offered")
    st.session_state["demo_offered"] = True  # asked once per session: a user who empties the database means it
    demo_war = profiles.load(profiles.DEFAULT).name
    if asked or st.button(
        f"Load the demo articles ({demo_war})", help="Two reports of 13 August 2021, from data/articles/."
    ):
        store.set_profile(profiles.DEFAULT)
        st.session_state.pop(f"profile-{store.path}", None)
        remember(intake.seed(store, demo_corpus(str(pipeline.DEMO))), "Demo corpus")
        st.rerun()


def remember(report: intake.IntakeReport, what: str) -> None:
    st.session_state["intake"] = (what, report)


def reviewer_name() -> None:
    st.sidebar.text_input(
        "Your name (kept with your reviews)",
        key="reviewer",
        max_chars=80,
        help="Shown in the review log beside each review you save, so colleagues know who decided.",
    )


def geocoding_choice(reader: Reader) -> GeocoderChain:
    """Offline by default; the user may add Nominatim (rate limited, cached) with a contact address."""
    online = st.sidebar.toggle(
        "Online geocoding (OpenStreetMap Nominatim)",
        key="online",
        help="Asks Nominatim for places the gazetteer cannot locate: one request a second, "
        "answers cached so no name is asked twice. Off: no network is used.",
    )
    contact = (
        st.sidebar.text_input("Your contact e-mail (Nominatim's usage policy asks for it)", key="contact")
        if online
        else ""
    )
    try:
        return geocoder_chain(online, contact, reader)
    except (OnlineConfigError, ValueError) as error:
        st.sidebar.error(plain(str(error)))
        return geocoder_chain(False, "", reader)


def geocoder_chain(online: bool, contact: str, reader: Reader) -> GeocoderChain:
    """The profile's gazetteer, then (if asked) Nominatim within its country."""
    gazetteer = reader.gazetteer
    settings = online_settings(contact=contact or None, country_codes=gazetteer.country.lower()) if online else None
    return default_geocoder(gazetteer, paths.overrides(), online=settings)


def upload_form(store: Store, geocoder: GeocoderChain, reader: Reader) -> None:
    with st.sidebar.form("upload", clear_on_submit=True):
        files = st.file_uploader(
            "Upload articles (.txt, .md, .html) and their index.csv",
            type=["txt", "md", "html", "htm", "csv"],
            accept_multiple_files=True,
            max_upload_size=MAX_UPLOAD_MB,
            help=f"Several at once; at most {intake.MAX_BYTES:,} bytes each. An index.csv "
            "(columns file,url,published,title) gives the dates, titles and URLs of the files it names.",
        )
        if st.form_submit_button("Add uploaded articles") and files:
            articles, problems = intake.read_uploads(
                [(f.name, f.getvalue()) for f in files], intake.stored_dates(store)
            )
            report = intake.ingest(store, articles, progress_bar("Extracting"), geocoder, reader)
            report.problems[:0] = problems
            remember(report, "Upload")


def paste_form(store: Store, geocoder: GeocoderChain, reader: Reader) -> None:
    with st.sidebar.form("paste", clear_on_submit=True):
        text = st.text_area("Or paste an article")
        published = st.date_input("Published (if the text does not say)", value=None)
        title = st.text_input("Title (optional)")
        url = st.text_input("URL (optional)")
        if st.form_submit_button("Add pasted article") and text.strip():
            try:
                article = intake.article_from_paste(text, title, url, published)
            except intake.ArticleError as error:
                remember(intake.IntakeReport(problems=[str(error)]), "Paste")
                return
            remember(intake.ingest(store, [article], progress_bar("Extracting"), geocoder, reader), "Paste")


def url_form(store: Store, geocoder: GeocoderChain, reader: Reader) -> None:
    """Opt-in fetching: nothing is asked of the network until the user submits addresses."""
    with st.sidebar.form("urls", clear_on_submit=True):
        text = st.text_area(
            "Or add by URL (one a line; an RSS/Atom feed adds its items)",
            help="Fetched one at a time, at most 5 MB each; pages are kept with an index.csv in "
            f"{paths.fetched()}, and nothing is fetched twice.",
        )
        if st.form_submit_button("Fetch and add") and text.strip():
            fetcher = Fetcher(allow_private=paths.fetch_private())
            report = intake.add_by_url(
                store, text.split(), paths.fetched(), fetcher, progress_bar("Extracting"), geocoder, reader
            )
            remember(report, "Add by URL")


def maintenance(store: Store, geocoder: GeocoderChain, reader: Reader) -> None:
    if st.sidebar.button("Re-run extraction on all articles", help="Reviews are kept and still win."):
        n = intake.reextract(store, progress_bar("Re-extracting"), geocoder, reader)
        st.sidebar.success(f"Re-extracted {n} articles.")


def show_intake() -> None:
    """What the last load did: each refused file an error naming it, each duplicate a note."""
    what, report = st.session_state.get("intake", ("", intake.IntakeReport()))
    if report.added and what != "Demo corpus":
        st.success(plain(f"{what}: stored {len(report.added)} article(s): {', '.join(report.added)}"))
    if report.undated:
        st.warning(
            plain(
                f"No publication date found in {', '.join(report.undated)}: stored, their claims wait. "
                "Type the dates in the Articles table below."
            )
        )
    for message in report.duplicates:
        st.info(plain(message))
    for message in report.problems:
        (st.warning if what == "Demo corpus" else st.error)(plain(message))
    for message in report.notes:
        st.warning(plain(message))
    if report.duplicates or report.problems or report.notes or (report.added and what != "Demo corpus"):
        st.button(
            "Dismiss these messages",
            type="tertiary",
            on_click=st.session_state.pop,
            args=("intake", None),
        )


# ---------------------------------------------------------------- choose a day, show the map


def page_day(first: date, last: date) -> date:
    """The one day of the whole page: the map, counts, chart, place history and export all show it.

    It is chosen on the map (its slider, Play and speed are the page's only ones) and kept in
    session state; a new corpus with other days brings it back within them.
    """
    day = min(max(st.session_state.get("day", last), first), last)
    st.session_state["day"] = day
    return day


def day_from_map() -> None:
    """The reader moved the map's slider, or Play stepped: that day is the page's now."""
    value = st.session_state.get("map") or {}
    if value.get("day"):
        st.session_state["day"] = date.fromisoformat(value["day"])
        st.session_state["day_serial"] = int(value.get("serial", 0))


def day_heading(day: date) -> None:
    st.markdown(f"**{day.isoformat()}**, {day.strftime('%A')}: the map, counts, chart and the tabs below")


def show_counts(slices: dict[date, pd.DataFrame], day: date, profile: Profile) -> None:
    """Places per status on the day (timeline.counts_on), and the change since the day before, if any."""
    yesterday = day - timedelta(days=1)
    today = counts_on(slices[day], day, profile.statuses)
    before = counts_on(slices[yesterday], yesterday, profile.statuses) if yesterday in slices else None
    columns = st.columns(len(profile.statuses) + 1)
    for column, status in zip(columns, profile.statuses):
        change = None if before is None else today[status] - before[status]
        column.metric(
            profile.labels[status],
            today[status],
            delta=change,
            delta_color="off",
            delta_description=None if change is None else "since the day before",
        )
    columns[-1].metric(
        f"Inferred {profile.labels[profile.holding].lower()}",
        query.inferred_count(slices[day], day),
        help="Held before its first reported capture: not reported, so not counted above.",
    )


def show_map(path: str, revision: int, day: date) -> None:
    """The live map: drawn once per corpus, then only told the day (it keeps the reader's zoom)."""
    cache = str(assets.cache_dir())
    try:
        serial = st.session_state.get("day_serial", 0)
        livemap.show(live_data(path, revision, cache), day, serial, MAP_HEIGHT, cache, on_change=day_from_map)
    except assets.MissingAssets as error:
        st.error(
            "The map cannot be drawn: the offline copy of Leaflet is missing. "
            f"Run `{assets.FETCH_COMMAND}` once in the project folder, then reload this page."
        )
        st.code(str(error), language=None)


# ---------------------------------------------------------------- show the table: filter, review, history


def claim_filter(claims: pd.DataFrame, first: date, last: date, profile: Profile) -> query.ClaimFilter:
    """Filters over the claims; the date window spans the plausible days only (a claim dated 9999 would make
    a slider of 3 million days), and left at its full span it hides no claim, implausible ones included."""
    days = [d for d in query.claim_days(claims) if d is not None and plausible(d)]
    low, high = min([first, *days]), max([last, *days])
    a, b, c = st.columns(3)
    window = a.slider(
        "Claims dated",
        min_value=low,
        max_value=max(high, low + timedelta(days=1)),
        value=(low, max(high, low + timedelta(days=1))),
        format="YYYY-MM-DD",
        key=f"window-{low}-{high}",
    )
    statuses = b.multiselect("Status", profile.statuses, key="f_status")
    confidence = c.slider("Confidence at least", 0.0, 1.0, 0.0, 0.05, key="f_conf")
    a, b, c = st.columns(3)
    places = a.multiselect("Place", sorted(claims["place"].unique()), key="f_place")
    articles = b.multiselect("Article", sorted(claims["article"].unique()), key="f_article")
    reviews = c.multiselect(
        "Review",
        ["", "accepted", "edited", "added", "rejected"],
        key="f_review",
        format_func=lambda r: r or "not reviewed",
    )
    whole = window == (low, max(high, low + timedelta(days=1)))
    return query.ClaimFilter(
        None if whole else window[0],
        None if whole else window[1],
        tuple(places),
        tuple(statuses),
        tuple(articles),
        confidence,
        tuple(reviews),
    )


def review_table(
    store: Store, claims: pd.DataFrame, chosen: query.ClaimFilter, revision: int, profile: Profile
) -> None:
    """The filtered claims in an editor; saved edits become reviews that win over extraction."""
    shown = query.filter_claims(claims, chosen)
    st.caption(
        f"{len(shown)} of {len(claims)} claims. Set a decision, edit status, date or place, or add a row; "
        "then save. Rejected claims stay listed here but leave the map, counts and exports. A flagged claim "
        "(weeks from every other report of its place) is not painted until you accept it."
    )
    before = editor.editor_frame(shown)
    key = f"claims-{revision}-{hashlib.md5(repr(chosen).encode()).hexdigest()[:8]}"
    after = st.data_editor(
        before,
        key=key,
        num_rows="add",
        hide_index=True,
        width="stretch",
        placeholder="",
        disabled=["review", "flag", "confidence", "article", "reviewed_at", "key", "date_precision"],
        column_config=editor_columns(profile),
    )
    save, undo, _ = st.columns([1, 1, 4])
    if save.button("Save reviews", type="primary"):
        save_reviews(store, before, after, shown, profile)
    if undo.button("Undo last review"):
        log = review_history(str(store.path), revision)
        undone = store.undo_last()
        said = log[log["id"] == undone["id"]].to_dict("records") if undone else []
        notice("claims", f"Undid: {reviewlog.undo_choice(said[0])}." if said else "Nothing to undo.")
        st.rerun()
    show_notice("claims")


def editor_columns(profile: Profile) -> dict:
    return {
        "decision": st.column_config.SelectboxColumn("decision", options=list(review.DECISIONS)),
        "status": st.column_config.SelectboxColumn("status", options=list(profile.statuses)),
        "place": st.column_config.TextColumn("place", width="small"),
        "event_date": st.column_config.DateColumn("event date", format="YYYY-MM-DD"),
        "date_precision": st.column_config.TextColumn(
            "date is",
            width="small",
            help="day: the article names the day; range: only a span (e.g. 'this week'), so the claim "
            "may not move the map; unknown: undated, so the publication date is used.",
        ),
        "confidence": st.column_config.NumberColumn("confidence", format="%.2f"),
        "evidence": st.column_config.TextColumn("evidence", width="large"),
        "article": st.column_config.TextColumn("article", width="small"),
        "reviewed_at": st.column_config.TextColumn("reviewed at (UTC)"),
        "key": None,
    }


def save_reviews(
    store: Store, before: pd.DataFrame, after: pd.DataFrame, shown: pd.DataFrame, profile: Profile
) -> None:
    known = store.places()
    found, problems = editor.reviews_from_edits(
        before, after, shown, lambda n: review.resolve_place(n, profile, known), profile
    )
    for item in found:
        store.add_review(item.claim_key, item.action, item.data, by=st.session_state.get("reviewer", ""))
    notice("claims", f"Saved {len(found)} review(s)." + "".join(f"\n\nNot saved: {p}" for p in problems))
    st.rerun()


def notice(where: str, message: str) -> None:
    """A message for the next run, shown where the user acted (not at the top, which would move the page)."""
    st.session_state["notice"] = (where, message)


def show_notice(where: str) -> None:
    if st.session_state.get("notice", ("", ""))[0] == where:
        st.info(plain(st.session_state.pop("notice")[1]))


def place_panel(claims: pd.DataFrame, daily: pd.DataFrame, today_rows: pd.DataFrame, day: date, reader: Reader) -> None:
    places = sorted(claims["place"].unique())
    place = st.selectbox("Place", places, key="history_place")
    if place is None:
        return
    spans = history.status_intervals(daily[daily["place"] == place])
    today = today_rows[today_rows["place"] == place]["status"]
    st.write(f"{place} on {day.isoformat()}: {today.iloc[0] if len(today) else 'not on the map'}")
    st.dataframe(spans.drop(columns="place"), hide_index=True, width="stretch")
    st.dataframe(
        history.place_history(claims, place),
        hide_index=True,
        width="stretch",
        column_config={"evidence": st.column_config.TextColumn(width="large")},
    )
    why_panel(
        claims[claims["place"] == place].sort_values(["event_date", "confidence"], ascending=[True, False]), reader
    )


def why_panel(rows: pd.DataFrame, reader: Reader) -> None:
    """How one claim's sentence was read: the rule, trigger and actor behind each place's claim, or the
    veto that stopped one, and the day reasoning; the same text `python -m geo explain` prints."""
    if rows.empty:
        return
    labels = [f"{r.event_date} · {r.status} · {r.article}" for r in rows.itertuples()]
    chosen = st.selectbox(
        "Why? Choose a claim to see how its sentence was read",
        range(len(labels)),
        format_func=labels.__getitem__,
        key="why_claim",
    )
    row = rows.iloc[chosen or 0]
    reading = explain(str(row["evidence"]), date.fromisoformat(str(row["published"])), reader)
    st.code(format_explanation(reading), language=None, wrap_lines=True)


def unlocated_panel(store: Store, claims: pd.DataFrame, geocoder: GeocoderChain, reader: Reader) -> None:
    """Places named but not on the map, and a form to give one coordinates (kept in the override file)."""
    names = sorted(
        set(claims.loc[claims["latitude"].isna(), "place"]) | {n for n, p in store.places().items() if not p.located}
    )
    show_notice("locate")
    for note in geocoder_notes(geocoder):
        st.caption(plain(note))
    if not names:
        st.caption("Every place named in the articles has coordinates.")
        return
    st.write(f"{len(names)} place(s) without coordinates, so not on the map: " + plain(", ".join(names)))
    with st.form("locate"):
        name = st.selectbox("Place", names)
        a, b, c = st.columns(3)
        centre = reader.profile.centre  # of the war's country, for a start
        latitude = a.number_input("Latitude", -90.0, 90.0, float(centre[0]), format="%.5f")
        longitude = b.number_input("Longitude", -180.0, 180.0, float(centre[1]), format="%.5f")
        kind = c.selectbox("Kind", ["city", "district", "site", "province", "region"])
        if st.form_submit_button("Add coordinates and redraw"):
            try:
                overrides.add_override(paths.overrides(), name, latitude, longitude, kind)
            except ValueError as error:
                st.error(plain(str(error)))
                return
            fresh = geocoder_chain(st.session_state.get("online", False), st.session_state.get("contact", ""), reader)
            intake.reextract(store, progress_bar("Re-extracting"), fresh, reader)  # a new chain reads the new row
            notice("locate", f"{name} is now at {latitude:.4f}, {longitude:.4f} ({paths.overrides().name}).")
            st.rerun()


def delete_form(store: Store) -> None:
    """A way to delete an article: its claims and their reviews go with it, and the deletion is written
    in the review log."""
    stored = store.articles()
    with st.form("delete"):
        name = st.selectbox("Article to delete", list(stored["article"]), index=None, key="delete_name")
        sure = st.checkbox("Delete it, its claims and the reviews of its claims (this cannot be undone)")
        if st.form_submit_button("Delete article") and name is not None:
            if not sure:
                st.error("Tick the box to confirm the deletion.")
                return
            removed = store.delete_article(name)
            notice(
                "articles",
                f"Deleted {name}: {removed['claims']} claim(s) and {removed['reviews']} review(s)."
                if removed
                else f"{name} is no longer stored.",
            )
            st.rerun()


def undrawn_warning(claims: pd.DataFrame) -> None:
    """Claims whose date is implausible (1900, 9999): kept and listed, but not drawn, which would stretch the
    slider and the chart over centuries; named so an analyst can edit the date or delete the article."""
    flagged = undrawn(claims)
    if flagged.empty:
        return
    articles = ", ".join(sorted(set(flagged["article"])))
    st.warning(
        plain(
            f"{len(flagged)} claim(s) dated outside {plausible_span()} are not drawn on the map "
            f"(articles: {articles}). Edit their date in the Claims tab or delete the article."
        )
    )


def review_log(store: Store, revision: int) -> None:
    """Every review in words (newest first), and any one of them undone by choosing it."""
    show_notice("log")
    log = review_history(str(store.path), revision)
    if log.empty:
        st.caption("No reviews yet.")
        return
    st.dataframe(
        log.drop(columns=["id", "undoable"]),
        hide_index=True,
        width="stretch",
        column_config={"evidence": st.column_config.TextColumn(width="large")},
    )
    standing = log[(log["undone"] == "") & log["undoable"]].to_dict("records")
    if not standing:
        return
    a, b = st.columns([4, 1], vertical_alignment="bottom")
    chosen = a.selectbox("Undo a review", standing, format_func=reviewlog.undo_choice, key="undo_choice")
    if b.button("Undo this review") and chosen:
        store.undo(chosen["id"])
        notice("log", f"Undid: {reviewlog.undo_choice(chosen)}.")
        st.rerun()


# ---------------------------------------------------------------- articles: dates, titles, URLs


def typed_day(value: object) -> date | None:
    """A date cell as the editor hands it back: a date, a timestamp, an ISO string, or empty."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_iso_date(value) if isinstance(value, str) else None


def articles_panel(store: Store, geocoder: GeocoderChain, reader: Reader) -> None:
    """Every stored article in one editable table, those without a date first: type many dates, titles and
    URLs, then save (those articles are extracted again); then the way to delete one."""
    show_notice("articles")
    stored = store.articles()
    waiting = stored["published"] == ""
    if waiting.any():
        st.warning(
            f"{int(waiting.sum())} article(s) have no publication date; their claims wait until you type one below."
        )
    before = pd.DataFrame(
        {
            "article": stored["article"],
            "published": stored["published"].map(lambda text: parse_iso_date(text or "")),  # 9999 too
            "date from": stored["published_source"].replace("", "not recorded").where(~waiting, "unknown"),
            "title": stored["title"].fillna(""),
            "url": stored["url"].fillna(""),
            "claims": stored["claims"],
        }
    ).sort_values("published", na_position="first", kind="stable")
    after = st.data_editor(
        before,
        key=f"articles-{store.revision()}",
        hide_index=True,
        width="stretch",
        disabled=["article", "date from", "claims"],
        column_config={
            "published": st.column_config.DateColumn("published", format="YYYY-MM-DD"),
            "title": st.column_config.TextColumn("title", width="large"),
            "url": st.column_config.LinkColumn("url"),
        },
    )
    if st.button("Save article details", type="primary"):
        edits = [(row.article, typed_day(row.published), row.title or "", row.url or "") for row in after.itertuples()]
        changed = intake.set_details(store, edits, progress_bar("Re-extracting"), geocoder, reader)
        notice(
            "articles",
            f"Saved the details of {len(changed)} article(s)" + (f": {', '.join(changed)}." if changed else "."),
        )
        st.rerun()
    delete_form(store)


# ---------------------------------------------------------------- export


def export_buttons(path: str, revision: int, day: date) -> None:
    files = export_files(path, revision)
    st.caption("What the map shows, reviews applied. The map opens on the chosen day and works offline.")
    a, b, c, d = st.columns(4)
    try:
        page = map_page(path, revision, day)
        a.download_button("Map (map.html)", page, file_name="map.html", mime="text/html")
    except assets.MissingAssets:
        a.button("Map (map.html)", disabled=True, help=f"Run `{assets.FETCH_COMMAND}` first.")
    b.download_button("Claims (events.csv)", files["events.csv"], file_name="events.csv", mime="text/csv")
    c.download_button(
        "Places (GeoJSON)",
        files["frontline.geojson"],
        file_name="frontline.geojson",
        mime="application/geo+json",
    )
    d.download_button("ACLED-style CSV (acled.csv)", files["acled.csv"], file_name="acled.csv", mime="text/csv")


# ---------------------------------------------------------------- the page


def main() -> None:
    st.set_page_config(page_title="Frontline", layout="wide")
    st.title("Frontline")
    try:
        page()
    except sqlite3.DatabaseError as error:  # made read-only, corrupted or removed while the page is open
        path = st.session_state.get("db_path", str(paths.database()))
        st.error(
            plain(
                f"The database {path} cannot be used: {error}. Nothing was changed. Check the file "
                "(its permissions, the disk) or choose another in the sidebar, then reload the page."
            )
        )


def page() -> None:
    store = choose_store()
    profile = profile_choice(store)
    reader = reader_for(profile)
    geocoder = geocoding_choice(reader)
    reviewer_name()
    upload_form(store, geocoder, reader)
    paste_form(store, geocoder, reader)
    url_form(store, geocoder, reader)
    maintenance(store, geocoder, reader)
    path, revision = str(store.path), store.revision()
    claims = reviewed_claims(path, revision)
    daily = day_table(path, revision)
    st.caption(
        f"{store.article_count()} articles · {len(shown_claims(path, revision))} claims on record · "
        f"{int((claims['review'] != '').sum())} reviewed"
    )
    show_intake()
    if store.article_count() == 0:
        demo_offer(store)
        return
    if daily.empty:
        st.info("No located control claims yet: add articles in the sidebar, or date those in the table below.")
        undrawn_warning(claims)
        articles_panel(store, geocoder, reader)
        return
    slices = day_slices(path, revision)
    first, last = min(slices), max(slices)
    day = page_day(first, last)
    show_map(path, revision, day)
    day_heading(day)
    show_counts(slices, day, profile)
    st.vega_lite_chart(at_day(chart_spec(path, revision), day), width="stretch")
    undrawn_warning(claims)
    claims_tab, articles_tab, place_tab, log_tab, export_tab, locate_tab = st.tabs(
        ["Claims", "Articles", "Place history", "Review log", "Export", "Unlocated places"]
    )
    with claims_tab:
        review_table(store, claims, claim_filter(claims, first, last, profile), revision, profile)
    with place_tab:
        place_panel(claims, daily, slices[day], day, reader)
    with log_tab:
        review_log(store, revision)
    with export_tab:
        export_buttons(path, revision, day)
    with locate_tab:
        unlocated_panel(store, claims, geocoder, reader)
    with articles_tab:  # drawn last: the claims table stays the page's first editor
        articles_panel(store, geocoder, reader)


main()
