"""Where Frontline's files are: what ships with the code, and what a user's runs keep.

Shipped data (the profiles with their gazetteers and outlines, the vocabulary, demo articles, the map's scripts) lives
beside the code and is read, never written. What a user's runs make (the
dashboard's database, the geocoding and asset caches) lives in that user's
own folders (platformdirs: ~/.local/share and ~/.cache on Linux), so a
checkout stays clean and two checkouts share one cache. Each user path has
an environment variable that wins.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_cache_path, user_data_path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
DATA = ROOT / "data"
PROFILES = DATA / "profiles"  # one TOML file per war, its data in a folder of the same name
VOCABULARY = DATA / "vocabulary.toml"  # the English of control every war shares
DEMO_ARTICLES = DATA / "articles"
STATIC = PACKAGE / "mapping" / "static"
APP = "frontline"


def from_env(variable: str, default: Path) -> Path:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else default


def overrides() -> Path:
    """The user's own coordinates; $FRONTLINE_OVERRIDES points elsewhere (tests, a shared team file)."""
    return from_env("FRONTLINE_OVERRIDES", DATA / "places_override.csv")


def database() -> Path:
    """The dashboard's SQLite file: $FRONTLINE_DB, else frontline.sqlite in the user's data folder."""
    return from_env("FRONTLINE_DB", user_data_path(APP) / "frontline.sqlite")


def fetched() -> Path:
    """Pages the dashboard fetched by URL, with their index.csv: $FRONTLINE_FETCHED, else the user's data folder."""
    return from_env("FRONTLINE_FETCHED", user_data_path(APP) / "fetched")


def fetch_private() -> bool:
    """$FRONTLINE_FETCH_PRIVATE=1 lets the dashboard fetch from local and private addresses (an intranet)."""
    return os.environ.get("FRONTLINE_FETCH_PRIVATE", "") == "1"


def geocode_cache() -> Path:
    """Online geocoding's answers: $FRONTLINE_GEOCODE_CACHE, else the user's cache folder."""
    return from_env("FRONTLINE_GEOCODE_CACHE", user_cache_path(APP) / "geocode.sqlite")


def asset_cache() -> Path:
    """Leaflet and the map's other scripts: $FRONTLINE_ASSET_CACHE, else the user's cache folder."""
    return from_env("FRONTLINE_ASSET_CACHE", user_cache_path(APP) / "assets")


def live_map() -> Path:
    """The dashboard's map page and its data, served by Streamlit: $FRONTLINE_LIVE_MAP, else the user's cache folder."""
    return from_env("FRONTLINE_LIVE_MAP", user_cache_path(APP) / "livemap")
