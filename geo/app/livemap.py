"""The dashboard's live map: a Streamlit component that keeps one Leaflet map and moves its day.

Why: showing the whole map page in an iframe rebuilt the map on every slider step, so the
reader's zoom was lost and a step cost half a second with a thousand places. Here the page
(Leaflet and the map's own scripts, see geo.mapping.page.live_page) is written once into a
folder that Streamlit serves, each corpus's payload beside it in a file named by its content,
and each run of the dashboard sends the browser only {src, day, serial, height}: it fetches a
payload once and, on a new day, restyles the markers that change (static/live.js). The map's
own slider, Play and speed are the page's: a day picked there shows at once on the map and
comes back to the page, whose counts, chart, place history and export follow.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd
import streamlit.components.v1 as components

from .. import paths
from ..mapping.page import live_page, payload_json
from ..profiles import Profile

NAME = "frontline_map"
KEEP = 16  # payload files kept per page folder: one per recent corpus revision


def write(path: Path, text: str) -> None:
    """Whole or not at all: a browser never fetches a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4)
def folder(asset_cache: str) -> Path:
    """The page's folder, named by the page's content: two versions of the code never share one."""
    page = live_page(self_contained=True)
    where = paths.live_map() / digest(page)
    if not (where / "index.html").is_file():
        write(where / "index.html", page)
    return where


@lru_cache(maxsize=4)
def component(where: Path) -> components.CustomComponent:
    return components.declare_component(NAME, path=str(where))


def publish(events: pd.DataFrame, profile: Profile, asset_cache: str) -> str:
    """The claims' payload (with the profile's sides) as a file beside the page; returns its address relative
    to the page."""
    text = payload_json(events, profile)
    where = folder(asset_cache)
    target = where / "data" / f"{digest(text)}.json"
    if not target.is_file():
        write(target, text)
        stale = sorted((where / "data").glob("*.json"), key=lambda p: p.stat().st_mtime)[:-KEEP]
        for old in stale:
            old.unlink(missing_ok=True)
    return f"data/{target.name}"


def show(src: str, day: date, serial: int, height: int, asset_cache: str, on_change: Callable[[], None]) -> None:
    """The map of `day`; the same map (zoom and centre kept) on the next run with the same src.

    The map holds the page's slider and Play: each day the reader picks comes back as the
    component's value {day, playing, serial} (see static/live.js), and `on_change` makes it the
    page's day. `serial` is the count of the latest such report the page has taken in.
    """
    component(folder(asset_cache))(
        src=src, day=day.isoformat(), serial=serial, height=height, key="map", default=None, on_change=on_change
    )
