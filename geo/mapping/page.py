"""The folium map with a day-by-day slider, and its HTML export.

The slider is one folium element (`ControlTimeline`) that hands the map and a
JSON payload to the scripts in static/. The dashboard's live map (`live_page`)
is the same scripts in a page of its own that fetches the payload and takes
its day from the dashboard. Everything the page shows of an
article is in that payload, escaped for a <script> block and never passed
through Jinja, and the scripts put it on the page as text only (textContent),
never as HTML.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement

from .. import paths
from ..profiles import Profile
from ..timeline import changes, inferred_places, placed
from . import boundaries
from .assets import inline_assets

STATIC = paths.STATIC
SCRIPTS = ("basemap.js", "popup.js", "labels.js", "timeline.js")  # in load order
# Quarter zoom steps: fitting the country at whole steps could leave it half the size the frame
# allows, and a small country crowds its names.
ZOOM_SNAP = 0.25
TITLE = "Frontline — territorial control, day by day"
ARTICLE_KEYS = ("article", "title", "url", "published")


class ControlMap(folium.Map):
    """A folium Map that loads only Leaflet: the slider needs nothing else, and a shared file stays small."""

    default_js = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
    default_css = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]


class Raw(Element):
    """Text put on the page as it is. branca turns every rendered macro into a new Jinja
    template, so article text such as "{{ 7*7 }}" would be evaluated at build time (and
    a 3 MB payload lexed for seconds); this element is never parsed."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class ControlTimeline(MacroElement):
    """Our scripts and stylesheet, inline, then one call that draws everything from the payload."""

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "ControlTimeline"
        self.payload = script_json(payload)
        self.js = "\n".join(static_text(name) for name in SCRIPTS)
        self.css = static_text("timeline.css")

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        figure.header.add_child(Raw(f"<style>{self.css}</style>"), name=self.get_name())
        call = f"frontlineTimeline({self._parent.get_name()}, {self.payload});"
        figure.script.add_child(Raw(f"{self.js}\n{call}\n"), name=self.get_name())


def static_text(name: str) -> str:
    """A file of static/, unable to close the block it is inlined in."""
    text = (STATIC / name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/")


JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def script_json(value) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the block or open a comment,
    and no '{{', '{%' or '{#' can start a Jinja tag should the text ever pass through a template.
    (Structural JSON never has '{' before '{', '%' or '#', so only string content is touched.)"""
    text = json.dumps(value, ensure_ascii=True, default=str, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return JINJA_OPEN.sub(r"\\u007b", text)


def payload(events: pd.DataFrame, profile: Profile, start: date | None = None, step_ms: int = 1000) -> dict:
    """What the page needs: the war's sides (statuses in order, labels, colours, who holds places before their
    first capture), the days, the articles once each, each located place with its dated claims."""
    base = {
        "statuses": list(profile.statuses),
        "labels": profile.labels,
        "colors": profile.colours,
        "holding": profile.holding,
        "step_ms": step_ms,
        "boundaries": boundaries.page_data(profile.boundaries),
        "capital": profile.capital,  # its name is placed first on the map
    }
    best = changes(events)
    if best.empty:
        return {**base, "days": [], "places": [], "articles": [], "start": ""}
    days = day_range(best["event_date"].min(), best["event_date"].max())
    articles, claims = claims_by_day(placed(events))
    places = places_json(best, claims, inferred_places(best, profile.holding))
    chosen = start.isoformat() if start and start.isoformat() in days else days[-1]
    return {**base, "days": days, "places": places, "articles": articles, "start": chosen}


def day_range(first: str, last: str) -> list[str]:
    """Every day from the day before the first claim (the map before any report) to the last claim."""
    begin = date.fromisoformat(first) - timedelta(days=1)
    return [(begin + timedelta(days=n)).isoformat() for n in range((date.fromisoformat(last) - begin).days + 1)]


def records(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple]:
    """Rows as plain tuples of Python values: far faster than iterrows or groupby on 10,000 claims."""
    return list(zip(*(frame[c].astype(object).where(frame[c].notna(), "").tolist() for c in columns)))


CLAIM_COLUMNS = (
    "place",
    "event_date",
    "status",
    "evidence",
    "confidence",
    "date_precision",
) + ARTICLE_KEYS


def claims_by_day(located: pd.DataFrame) -> tuple[list[dict], dict[tuple[str, str], list[list]]]:
    """Articles listed once; per (place, day) its claims, best first, each naming its article by index."""
    articles: list[dict] = []
    index: dict[tuple, int] = {}
    claims: dict[tuple[str, str], list[list]] = {}
    seen: set[tuple] = set()
    columns = tuple(c for c in CLAIM_COLUMNS if c in located.columns)
    ordered = located.sort_values(["place", "event_date", "confidence"], ascending=[True, True, False])
    for row in (dict(zip(columns, r)) for r in records(ordered, columns)):
        source = tuple(str(row.get(k, "")) for k in ARTICLE_KEYS)
        if source not in index:
            index[source] = len(articles)
            articles.append(dict(zip(("file", "title", "url", "published"), source)))
        claim = [
            row["status"],
            str(row.get("evidence", "")),
            index[source],
            round(float(row["confidence"]), 2),
            str(row.get("date_precision", "")),
        ]
        key = (row["place"], row["event_date"])
        if (key, *claim[:3]) not in seen:
            seen.add((key, *claim[:3]))
            claims.setdefault(key, []).append(claim)
    return articles, claims


def places_json(best: pd.DataFrame, claims: dict[tuple[str, str], list[list]], inferred: set[str]) -> list[dict]:
    """Each place once, with its days of claims in order (best is sorted by place, then day)."""
    places: dict[str, dict] = {}
    columns = ("place", "place_kind", "latitude", "longitude", "event_date", "status", "disputed")
    for name, kind, lat, lon, day, status, disputed in records(best, columns):
        place = places.get(name)
        if place is None:
            place = places[name] = {
                "name": name,
                "kind": str(kind),
                "lat": round(float(lat), 5),
                "lon": round(float(lon), 5),
                "inferred": name in inferred,
                "changes": [],
            }
        place["changes"].append(
            {
                "date": day,
                "status": status,
                "disputed": bool(disputed),
                "claims": claims.get((name, day), []),
            }
        )
    return [places[name] for name in sorted(places)]


def build_map(events: pd.DataFrame, profile: Profile, start: date | None = None) -> folium.Map:
    figure = Figure(title=f"{TITLE}: {profile.name}")
    m = ControlMap(
        location=profile.centre, zoom_start=profile.zoom, tiles="OpenStreetMap", control_scale=True, zoom_snap=ZOOM_SNAP
    )
    figure.add_child(m)
    ControlTimeline(payload(events, profile, start)).add_to(m)
    return m


def map_html(events: pd.DataFrame, profile: Profile, start: date | None = None, self_contained: bool = False) -> str:
    html = build_map(events, profile, start).get_root().render()
    return inline_assets(html) if self_contained else html


def payload_json(events: pd.DataFrame, profile: Profile) -> str:
    """The payload as the live map fetches it (JSON, also safe should it ever be inlined)."""
    return script_json(payload(events, profile))


LIVE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="{leaflet_css}">
<style>html, body {{ margin: 0; padding: 0; }} .frontline-live {{ width: 100%; height: 100%; }}
{css}</style>
</head><body><div id="frontline-live" style="height: 600px"></div>
<script src="{leaflet_js}"></script>
<script>{js}
Frontline.live(document.getElementById("frontline-live"), {zoom_snap});</script>
</body></html>
"""


def live_page(self_contained: bool = True) -> str:
    """The dashboard's map page: Leaflet and our scripts, no data (it is fetched, see static/live.js)."""
    html = LIVE_PAGE.format(
        title=TITLE,
        leaflet_css=ControlMap.default_css[0][1],
        leaflet_js=ControlMap.default_js[0][1],
        css=static_text("timeline.css"),
        js="\n".join(static_text(name) for name in (*SCRIPTS, "live.js")),
        zoom_snap=ZOOM_SNAP,
    )
    return inline_assets(html) if self_contained else html


def write_map(events: pd.DataFrame, profile: Profile, path: Path, self_contained: bool = False) -> Path:
    path.write_text(map_html(events, profile, self_contained=self_contained), encoding="utf-8")
    return path
