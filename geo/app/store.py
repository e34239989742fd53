"""Persistence: articles, their extracted claims, the places they name, and analysts' reviews, in SQLite.

Why: an analyst's corpus and corrections must survive a restart, and one file
is easy to back up or hand over. The store only keeps and returns records; how
reviews change the claims is geo.review's job.

- An article is stored once, keyed by the hash of its clean text; a second
  article with the same file name but other text is renamed "name (2)".
- Claims are keyed by article hash, sentence and place, so re-extracting an
  article finds the same keys and the reviews that point at them.
- Reviews are a log: never updated except to mark one undone.
- Every write bumps a revision number, which callers use as a cache key.
- An article may be stored with its publication date unknown (published ''):
  it has no claims until the user gives one (`set_details`, then re-extraction).
- A file made by an older version gains the columns added since (`upgrade`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import asdict, replace
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from .. import profiles
from ..extraction.articles import Metadata, article_from_text
from ..extraction.dates import parse_iso_date
from ..records import EVENT_COLUMNS, EXTRA_COLUMNS, Article, Event, Place

CLAIM_COLUMNS = EVENT_COLUMNS + EXTRA_COLUMNS
REVIEW_COLUMNS = ["id", "claim_key", "action", "data", "made_at", "undone_at", "made_by"]
PLACE_FIELDS = ["name", "kind", "country", "latitude", "longitude", "province", "source"]
DELETED = "delete"  # the review-log action that records an article's removal; never undone

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    hash TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, title TEXT, published TEXT NOT NULL,
    url TEXT, text TEXT NOT NULL, added_at TEXT NOT NULL, published_source TEXT NOT NULL DEFAULT '');
CREATE TABLE IF NOT EXISTS claims (
    key TEXT PRIMARY KEY, article_hash TEXT NOT NULL REFERENCES articles(hash), position INTEGER NOT NULL,
    {", ".join(CLAIM_COLUMNS)});
CREATE TABLE IF NOT EXISTS places ({", ".join(PLACE_FIELDS)}, PRIMARY KEY (name));
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT, claim_key TEXT NOT NULL, action TEXT NOT NULL,
    data TEXT, made_at TEXT NOT NULL, undone_at TEXT, made_by TEXT);
"""


def text_hash(text: str) -> str:
    """The identity of an article: its clean text, whitespace-normalised, hashed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def claim_keys(article_hash: str, events: list[Event]) -> list[str]:
    """Stable keys: the same sentence and place of the same text give the same key on every extraction."""
    keys, seen = [], {}
    for event in events:
        base = f"{article_hash[:12]}:{event.sentence}:{event.place}"
        seen[base] = seen.get(base, -1) + 1
        keys.append(base if seen[base] == 0 else f"{base}#{seen[base]}")
    return keys


class Store:
    """One SQLite file. A connection per call, so Streamlit's threads can share the object."""

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.transaction() as db:
            db.executescript(SCHEMA)
            upgrade(db)
            db.execute("INSERT OR IGNORE INTO meta VALUES ('revision', '0')")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a failure half-way through leaves the stored corpus as it was."""
        with closing(sqlite3.connect(self.path, timeout=30)) as db:
            with db:
                yield db

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A transaction that holds the write lock from its first read: what it reads (a free name, the latest
        review) is still true when it writes, whatever another process is doing to the same file."""
        with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    def profile(self) -> str | None:
        """The war this database reads reports of (a profile's name or path), None until one is chosen."""
        with self.transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'profile'").fetchone()
        return row[0] if row else None

    def set_profile(self, name: str) -> bool:
        """Choose the database's profile: only while it holds no article (their claims were read with the old
        one). False, and nothing changed, once it does."""
        with self.writing() as db:
            if db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]:
                return False
            db.execute("INSERT OR REPLACE INTO meta VALUES ('profile', ?)", (name,))
            self.bump(db)
        return True

    def bump(self, db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'")

    def revision(self) -> int:
        with self.transaction() as db:
            return int(db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    def article_count(self) -> int:
        with self.transaction() as db:
            return db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def stored_name(self, text: str) -> str | None:
        """The name under which this text is already stored, if it is."""
        with self.transaction() as db:
            row = db.execute("SELECT name FROM articles WHERE hash = ?", (text_hash(text),)).fetchone()
        return row[0] if row else None

    def free_name(self, name: str, db: sqlite3.Connection | None = None) -> str:
        """`name`, or `name (2)`, `name (3)`... when another text already has it."""
        if db is None:
            with self.transaction() as db:
                return self.free_name(name, db)
        rows = db.execute("SELECT name FROM articles WHERE name = ? OR name LIKE ?", (name, f"{name} (%)"))
        taken = {row[0] for row in rows}
        candidate, n = name, 1
        while candidate in taken:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    def add_article(self, article: Article, events: list[Event], places: dict[str, Place]) -> str | None:
        """Store an article with its claims and places under a free name, in one transaction; returns the name it
        is stored under, or None (and nothing written) if its text is stored already.

        Picking the name and inserting it are one transaction, so two processes storing "report.txt" at
        once store "report.txt" and "report.txt (2)", and the same text twice is stored once.
        """
        digest = text_hash(article.text)
        with self.writing() as db:
            if db.execute("SELECT 1 FROM articles WHERE hash = ?", (digest,)).fetchone():
                return None
            name = self.free_name(article.id, db)
            if name != article.id:
                events = [replace(e, article=name) for e in events]
            db.execute(
                "INSERT INTO articles (hash, name, title, published, url, text, added_at, published_source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    digest,
                    name,
                    article.title,
                    article.published.isoformat() if article.published else "",
                    article.url,
                    article.text,
                    now(),
                    article.published_source,
                ),
            )
            self.write_claims(db, digest, events)
            self.write_places(db, places)
            self.bump(db)
        return name

    def delete_article(self, name: str) -> dict | None:
        """Remove an article, its claims and the reviews of its claims, and log the deletion in the review log;
        returns what was removed, or None if no article has that name."""
        with self.writing() as db:
            row = db.execute("SELECT hash, title FROM articles WHERE name = ?", (name,)).fetchone()
            if row is None:
                return None
            digest, title = row
            prefix = f"{digest[:12]}:"  # claim_keys: reviews of claims extraction no longer finds go too
            reviews = db.execute(
                "DELETE FROM reviews WHERE substr(claim_key, 1, ?) = ? AND action != ?", (len(prefix), prefix, DELETED)
            ).rowcount
            claims = db.execute("DELETE FROM claims WHERE article_hash = ?", (digest,)).rowcount
            db.execute("DELETE FROM articles WHERE hash = ?", (digest,))
            removed = {"article": name, "title": title, "claims": claims, "reviews": reviews}
            db.execute(
                "INSERT INTO reviews (claim_key, action, data, made_at) VALUES (?, ?, ?, ?)",
                (f"article:{name}", DELETED, json.dumps(removed), now()),
            )
            self.bump(db)
        return removed

    def replace_claims(self, article: Article, events: list[Event], places: dict[str, Place]) -> None:
        """A fresh extraction of a stored article; reviews live elsewhere and are untouched."""
        digest = text_hash(article.text)
        with self.transaction() as db:
            db.execute("DELETE FROM claims WHERE article_hash = ?", (digest,))
            self.write_claims(db, digest, events)
            self.write_places(db, places)
            self.bump(db)

    def write_claims(self, db: sqlite3.Connection, digest: str, events: list[Event]) -> None:
        start = db.execute("SELECT COALESCE(MAX(position), -1) + 1 FROM claims").fetchone()[0]
        marks = ", ".join("?" * (len(CLAIM_COLUMNS) + 3))
        db.executemany(
            f"INSERT INTO claims (key, article_hash, position, {', '.join(CLAIM_COLUMNS)}) VALUES ({marks})",
            [
                (key, digest, start + n, *(getattr(e, c) for c in CLAIM_COLUMNS))
                for n, (key, e) in enumerate(zip(claim_keys(digest, events), events))
            ],
        )

    def write_places(self, db: sqlite3.Connection, places: dict[str, Place]) -> None:
        db.executemany(
            f"INSERT OR REPLACE INTO places VALUES ({', '.join('?' * len(PLACE_FIELDS))})",
            [tuple(asdict(p)[f] for f in PLACE_FIELDS) for p in places.values()],
        )

    def claims(self) -> pd.DataFrame:
        """Extracted claims as stored, in the order they were found, with their keys."""
        with self.transaction() as db:
            frame = pd.read_sql_query(f"SELECT key, {', '.join(CLAIM_COLUMNS)} FROM claims ORDER BY position", db)
        return frame.astype({"latitude": float, "longitude": float, "confidence": float})

    def articles(self) -> pd.DataFrame:
        """One row per stored article with how many claims it gave."""
        with self.transaction() as db:
            return pd.read_sql_query(
                "SELECT a.name AS article, a.title, a.published, a.published_source, a.url, a.added_at, "
                "COUNT(c.key) AS claims "
                "FROM articles a LEFT JOIN claims c ON c.article_hash = a.hash "
                "GROUP BY a.hash ORDER BY a.rowid",
                db,
            )

    def stored_articles(self, names: list[str] | None = None) -> list[Article]:
        """Articles rebuilt from their stored text (all, or those named), for a new extraction."""
        with self.transaction() as db:
            rows = db.execute(
                "SELECT name, title, published, url, text, published_source FROM articles ORDER BY rowid"
            ).fetchall()
        articles = []
        for name, title, published, url, text, source in rows:
            if names is not None and name not in names:
                continue
            meta = Metadata(url=url or "", published=parse_iso_date(published or ""), title=title or "")
            article = article_from_text(text, name, meta)
            articles.append(replace(article, published_source=source) if published and source else article)
        return articles

    def set_details(self, name: str, published: date | None, title: str, url: str) -> bool:
        """The user's publication date, title and URL for a stored article; True if anything changed.

        The caller re-extracts the article: its claims are dated from the publication date.
        """
        value = published.isoformat() if published else ""
        with self.transaction() as db:
            row = db.execute("SELECT published, title, url FROM articles WHERE name = ?", (name,)).fetchone()
            if row is None or tuple(x or "" for x in row) == (value, title, url):
                return False
            source = "user" if value != (row[0] or "") else None
            db.execute(
                "UPDATE articles SET published = ?, title = ?, url = ?, "
                "published_source = COALESCE(?, published_source) WHERE name = ?",
                (value, title, url, source, name),
            )
            self.bump(db)
        return True

    def places(self) -> dict[str, Place]:
        with self.transaction() as db:
            rows = db.execute(f"SELECT {', '.join(PLACE_FIELDS)} FROM places ORDER BY name").fetchall()
        return {row[0]: Place(*row) for row in rows}

    def add_review(self, claim_key: str, action: str, data: dict | None, by: str = "") -> int:
        """Log one review (the claim as the analyst left it, or None for a rejection) and by whom; returns its id."""
        with self.writing() as db:
            cursor = db.execute(
                "INSERT INTO reviews (claim_key, action, data, made_at, made_by) VALUES (?, ?, ?, ?, ?)",
                (claim_key, action, None if data is None else json.dumps(data, default=str), now(), by or None),
            )
            self.bump(db)
            return int(cursor.lastrowid)

    def undo_last(self) -> dict | None:
        """Mark the latest standing review undone; returns it, or None if there is none."""
        return self.mark_undone("ORDER BY id DESC LIMIT 1")

    def undo(self, review_id: int) -> dict | None:
        """Mark one standing review undone (any, not only the latest); returns it, or None."""
        return self.mark_undone("AND id = ?", (review_id,))

    def mark_undone(self, which: str, values: tuple = ()) -> dict | None:
        """Undo the first standing review `which` picks, a deletion never. One write-locked transaction:
        two undos at once undo two reviews, never one twice."""
        with self.writing() as db:
            row = db.execute(
                f"SELECT id, claim_key, action FROM reviews WHERE undone_at IS NULL AND action != ? {which}",
                (DELETED, *values),
            ).fetchone()
            if row is None:
                return None
            db.execute("UPDATE reviews SET undone_at = ? WHERE id = ?", (now(), row[0]))
            self.bump(db)
        return {"id": row[0], "claim_key": row[1], "action": row[2]}

    def reviews(self) -> pd.DataFrame:
        """The whole review log, oldest first, undone ones included."""
        with self.transaction() as db:
            return pd.read_sql_query(f"SELECT {', '.join(REVIEW_COLUMNS)} FROM reviews ORDER BY id", db)


def upgrade(db: sqlite3.Connection) -> None:
    """Bring a file written by an older Frontline up to this schema, keeping everything in it: reviews learnt
    who made them, claims gained extra columns, articles the source of their date."""
    if db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]:  # written before profiles: the first war's
        db.execute("INSERT OR IGNORE INTO meta VALUES ('profile', ?)", (profiles.DEFAULT,))
    review_columns = {row[1] for row in db.execute("PRAGMA table_info(reviews)")}
    if "made_by" not in review_columns:
        db.execute("ALTER TABLE reviews ADD COLUMN made_by TEXT")
    for table, wanted in (("claims", CLAIM_COLUMNS), ("articles", ["published_source"])):
        have = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for column in wanted:
            if column not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
