"""Step 6: the folium map with a day-by-day slider, and its HTML export.

The slider is one folium element (`ControlTimeline`): a template that hands
the map and a JSON payload to the scripts in static/. Everything the page
shows of an article is in that payload, escaped for a <script> block, and put
on the page by the scripts as text only (textContent), never as HTML.
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import folium
import pandas as pd
from branca.element import Figure, MacroElement
from jinja2 import Template

from . import boundaries
from .assets import inline_assets
from .timeline import changes, inferred_places

STATIC = Path(__file__).resolve().parent / "static"
SCRIPTS = ("basemap.js", "popup.js", "timeline.js")  # in load order
COLORS = {"taliban": "#c0392b", "contested": "#e67e22", "government": "#2471a3", "unknown": "#9e9e9e"}
CENTER = (34.0, 66.0)  # Afghanistan
TITLE = "Frontline — territorial control, day by day"
ARTICLE_KEYS = ("article", "title", "url", "published")


class ControlMap(folium.Map):
    """A folium Map that loads only Leaflet: the slider needs nothing else, and a shared file stays small."""

    default_js = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
    default_css = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]


class ControlTimeline(MacroElement):
    """Our scripts and stylesheet, inline, then one call that draws everything from the payload."""

    _template = Template("""
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro script(this, kwargs) %}
{{ this.js }}
frontlineTimeline({{ this._parent.get_name() }}, {{ this.payload }});
{% endmacro %}
""")

    def __init__(self, payload: dict):
        super().__init__()
        self._name = "ControlTimeline"
        self.payload = script_json(payload)
        self.js = "\n".join(static_text(name) for name in SCRIPTS)
        self.css = static_text("timeline.css")


def static_text(name: str) -> str:
    """A file of static/, unable to close the block it is inlined in."""
    text = (STATIC / name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/")


def script_json(value) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the block or open a comment."""
    text = json.dumps(value, ensure_ascii=True, default=str, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def payload(events: pd.DataFrame, start: date | None = None, step_ms: int = 700) -> dict:
    """What the page needs: the days, the articles once each, each located place with its dated claims."""
    base = {"colors": COLORS, "step_ms": step_ms, "boundaries": boundaries.page_data()}
    best = changes(events)
    if best.empty:
        return {**base, "days": [], "places": [], "articles": [], "start": ""}
    days = day_range(best["event_date"].min(), best["event_date"].max())
    articles, claims = claims_by_day(events.dropna(subset=["latitude", "longitude"]))
    inferred = inferred_places(best)
    places = [place_json(rows, claims, name in inferred) for name, rows in best.groupby("place", sort=True)]
    chosen = start.isoformat() if start and start.isoformat() in days else days[-1]
    return {**base, "days": days, "places": places, "articles": articles, "start": chosen}


def day_range(first: str, last: str) -> list[str]:
    """Every day from the day before the first claim (the map before any report) to the last claim."""
    begin = date.fromisoformat(first) - timedelta(days=1)
    return [(begin + timedelta(days=n)).isoformat() for n in range((date.fromisoformat(last) - begin).days + 1)]


def claims_by_day(located: pd.DataFrame) -> tuple[list[dict], dict[tuple[str, str], list[list]]]:
    """Articles listed once; per (place, day) its claims, best first, each naming its article by index.

    Plain records rather than groupby: a map of 10,000 claims is built in milliseconds.
    """
    articles: list[dict] = []
    index: dict[tuple, int] = {}
    claims: dict[tuple[str, str], list[list]] = {}
    seen: set[tuple] = set()
    ordered = located.sort_values(["place", "event_date", "confidence"], ascending=[True, True, False])
    for row in ordered.to_dict("records"):
        source = tuple(text(row.get(k)) for k in ARTICLE_KEYS)
        if source not in index:
            index[source] = len(articles)
            articles.append(dict(zip(("file", "title", "url", "published"), source)))
        claim = [row["status"], text(row.get("evidence")), index[source], round(float(row["confidence"]), 2),
                 text(row.get("date_precision"))]
        key = (row["place"], row["event_date"])
        if (key, claim[0], claim[1], claim[2]) not in seen:
            seen.add((key, claim[0], claim[1], claim[2]))
            claims.setdefault(key, []).append(claim)
    return articles, claims


def place_json(rows: pd.DataFrame, claims: dict[tuple[str, str], list[list]], inferred: bool) -> dict:
    first = rows.iloc[0]
    return {
        "name": first["place"], "kind": text(first["place_kind"]),
        "lat": round(float(first["latitude"]), 5), "lon": round(float(first["longitude"]), 5),
        "inferred": inferred,
        "changes": [{"date": day, "status": status, "disputed": bool(disputed),
                     "claims": claims.get((first["place"], day), [])}
                    for day, status, disputed in zip(rows["event_date"], rows["status"], rows["disputed"])],
    }


def text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def build_map(events: pd.DataFrame, start: date | None = None) -> folium.Map:
    figure = Figure(title=TITLE)
    m = ControlMap(location=CENTER, zoom_start=6, tiles="OpenStreetMap", control_scale=True)
    figure.add_child(m)
    ControlTimeline(payload(events, start)).add_to(m)
    return m


def map_html(events: pd.DataFrame, start: date | None = None, self_contained: bool = False) -> str:
    html = build_map(events, start).get_root().render()
    return inline_assets(html) if self_contained else html


def write_map(events: pd.DataFrame, path: Path, self_contained: bool = False) -> Path:
    path.write_text(map_html(events, self_contained=self_contained), encoding="utf-8")
    return path
