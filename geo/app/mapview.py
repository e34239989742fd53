"""The map the dashboard exports (map.html), built once per corpus and re-aimed at the chosen day.

Why: building the map (payload, folium render, inlining Leaflet) costs a
tenth of a second or more with a thousand places, and a new day changes
only the day the page opens on. (The map shown in the dashboard is the live
one of livemap.py, which never reloads.) So the page is built once (opening on the
last day) and, for another day, only its `start` entry is rewritten. Should
the page's format ever change so that this entry cannot be found exactly
once, the page is simply rebuilt for that day: slower, never wrong.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..mapping.page import map_html
from ..profiles import Profile

START = '"start":"'  # how the payload (compact JSON, as mapping.script_json writes it) begins that entry


def start_entry(day: date | str) -> str:
    """How the payload names the day the page opens on."""
    return f'{START}{day if isinstance(day, str) else day.isoformat()}"'


def opened_on(page: str) -> str | None:
    """The day a page opens on, if its start entry is there exactly once."""
    at = page.find(START)
    if at < 0 or page.find(START, at + 1) >= 0:
        return None
    return page[at + len(START) : at + len(START) + len("YYYY-MM-DD")]


def on_day(page: str, day: date, events: pd.DataFrame, profile: Profile, self_contained: bool = True) -> str:
    """The same page opening on `day`; rebuilt from the events only if the start entry cannot be found."""
    current = opened_on(page)
    if current is None or f'"{day.isoformat()}"' not in page:
        return map_html(events, profile, start=day, self_contained=self_contained)
    return page.replace(start_entry(current), start_entry(day), 1)
