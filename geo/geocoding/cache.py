"""A persistent answer cache around any geopy geocoder, so no name is asked online twice.

Like geopy's RateLimiter, the cache is a policy wrapped around the work
(`CachedGeocoder(geocoder, cache)`), not mixed into it. Answers live in one
SQLite file (a per-user default, overridable by argument or
$FRONTLINE_GEOCODE_CACHE). "Not found" is an answer and is kept too; a
failure (time-out, service down) is not, so it is asked again next run.

The cache must never cost the user a run: each write is one transaction,
a corrupt file is renamed aside with a warning and a fresh one started, and
a cache that cannot be written at all degrades to memory with a warning.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import warnings
from pathlib import Path

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from .. import paths
from .base import OfflineGeocoder

ENV = "FRONTLINE_GEOCODE_CACHE"
SCHEMA_VERSION = 1
SCHEMA = """CREATE TABLE IF NOT EXISTS frontline_answers (
    key TEXT PRIMARY KEY,
    answer TEXT NOT NULL,   -- JSON list of {address, point, raw}; [] means not found
    stored REAL NOT NULL    -- Unix time, for whoever wants to expire old answers
)"""


class CacheWarning(UserWarning):
    """The cache could not be used as asked; the run goes on without (part of) it."""


def encode(locations: list[Location]) -> str:
    return json.dumps(
        [{"address": loc.address, "point": [loc.latitude, loc.longitude], "raw": loc.raw} for loc in locations],
        ensure_ascii=False,
        default=str,
    )


def decode(answer: str) -> list[Location]:
    return [Location(item["address"] or "", tuple(item["point"]), item["raw"]) for item in json.loads(answer)]


class AnswerCache:
    """Geocoder answers by key, in memory and in one SQLite file; safe to share between threads."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path else paths.geocode_cache()
        self.memory: dict[str, list[Location]] = {}
        self.lock = threading.Lock()
        self.db: sqlite3.Connection | None = None
        self.open()

    def open(self) -> None:
        """Open (or create) the file; set a corrupt or foreign one aside; fall back to memory."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = self.connect()
        except sqlite3.OperationalError as error:
            self.give_up(error)
        except sqlite3.DatabaseError as error:
            self.set_aside(error)
        except OSError as error:
            self.give_up(error)

    def connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # reads the header: fails if corrupt
            if version not in (0, SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"unknown cache schema version {version}")
            # WAL: each answer is still one atomic transaction, readers (the dashboard) do not block
            # the writer, and a commit costs ~0.1 ms instead of an fsync (~15 ms). A power cut may
            # lose the last answers, never corrupt the file; for a cache that only means asking again.
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            with db:
                db.execute(SCHEMA)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return db
        except BaseException:
            db.close()
            raise

    def set_aside(self, error: Exception) -> None:
        """Rename the unreadable file (kept for inspection) and start an empty one."""
        if self.db is not None:
            self.db.close()
            self.db = None
        aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        try:
            self.path.rename(aside)
            for suffix in ("-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError as rename_error:
            self.give_up(rename_error)
            return
        warnings.warn(
            f"geocode cache {self.path} was unreadable ({error}); set aside as {aside.name}, starting a fresh one",
            CacheWarning,
            stacklevel=3,
        )
        try:
            self.db = self.connect()
        except (sqlite3.Error, OSError) as again:
            self.give_up(again)

    def give_up(self, error: Exception) -> None:
        """Keep answers in memory only: this run still works, the next one asks again."""
        if self.db is not None:
            self.db.close()
        self.db = None
        warnings.warn(
            f"geocode cache {self.path} cannot be used ({error}); answers are kept in memory for this run only",
            CacheWarning,
            stacklevel=3,
        )

    def get(self, key: str) -> list[Location] | None:
        """The stored answer ([] = known not found), or None when the key was never answered."""
        with self.lock:
            if key in self.memory or self.db is None:
                return self.memory.get(key)
            try:
                row = self.db.execute("SELECT answer FROM frontline_answers WHERE key = ?", (key,)).fetchone()
                found = decode(row[0]) if row else None
            except (ValueError, KeyError, TypeError):
                found = None  # one unreadable row: ask again, the put will replace it
            except sqlite3.Error as error:
                self.fail(error)
                return None
            if found is not None:
                self.memory[key] = found
            return found

    def put(self, key: str, locations: list[Location]) -> None:
        with self.lock:
            self.memory[key] = locations
            if self.db is None:
                return
            try:
                with self.db:  # one transaction: the row is written whole or not at all
                    self.db.execute(
                        "INSERT OR REPLACE INTO frontline_answers VALUES (?, ?, ?)",
                        (key, encode(locations), time.time()),
                    )
            except sqlite3.Error as error:
                self.fail(error)

    def fail(self, error: sqlite3.Error) -> None:
        if isinstance(error, sqlite3.OperationalError):  # locked, read-only, disk full: not corruption
            self.give_up(error)
        else:
            self.set_aside(error)

    def __len__(self) -> int:
        with self.lock:
            if self.db is None:
                return len(self.memory)
            return self.db.execute("SELECT count(*) FROM frontline_answers").fetchone()[0]

    def close(self) -> None:
        with self.lock:
            if self.db is not None:
                self.db.close()
                self.db = None


def cache_key(namespace: str, query: str, exactly_one: bool, kwargs: dict) -> str:
    """Same service, same question, same options: same key. The timeout changes no answer."""
    options = {k: v for k, v in kwargs.items() if k != "timeout"}
    question = " ".join(str(query).lower().split())
    extra = json.dumps(options, sort_keys=True, default=str) if options else ""
    return "\x1f".join((namespace, question, "one" if exactly_one else "all", extra))


class CachedGeocoder(OfflineGeocoder):
    """Any geocoder, asked at most once per question; errors pass through and are not kept."""

    def __init__(self, geocoder: Geocoder, cache: AnswerCache, namespace: str):
        super().__init__()
        self.geocoder = geocoder
        self.cache = cache
        self.namespace = namespace
        self.hits = self.misses = 0

    def geocode(self, query: str, exactly_one: bool = True, **kwargs) -> Location | list[Location] | None:
        key = cache_key(self.namespace, query, exactly_one, kwargs)
        locations = self.cache.get(key)
        if locations is None:
            self.misses += 1
            answer = self.geocoder.geocode(query, exactly_one=exactly_one, **kwargs)
            locations = [] if answer is None else [answer] if isinstance(answer, Location) else list(answer)
            self.cache.put(key, locations)
        else:
            self.hits += 1
        if not locations:
            return None
        return locations[0] if exactly_one else locations
