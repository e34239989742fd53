"""Step 6: the folium map with a day-by-day slider, and its HTML export.

The slider is one folium element (`ControlTimeline`): a template that hands
the map and a JSON payload to static/timeline.js. Everything the page shows
of an article is in that payload, escaped for a <script> block, and put on
the page by the script as text only.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from .assets import inline_assets
from .timeline import TAKEN_RULES, changes

STATIC = Path(__file__).resolve().parent / "static"
COLORS = {"taliban": "#c0392b", "contested": "#e67e22", "government": "#2471a3", "unknown": "#9e9e9e"}
CENTER = (34.0, 66.0)  # Afghanistan


class ControlMap(folium.Map):
    """A folium Map that loads only Leaflet: the slider needs nothing else, and a shared file stays small."""

    default_js = [("leaflet", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")]
    default_css = [("leaflet_css", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css")]


class ControlTimeline(MacroElement):
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
        self.js = (STATIC / "timeline.js").read_text(encoding="utf-8")
        self.css = (STATIC / "timeline.css").read_text(encoding="utf-8")


def script_json(value) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' can end the block or open a comment."""
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def payload(events: pd.DataFrame, start: date | None = None, step_ms: int = 700) -> dict:
    """What the slider needs: the days, and each located place with its dated claims."""
    best = changes(events)
    located = events.dropna(subset=["latitude", "longitude"])
    if best.empty:
        return {"days": [], "places": [], "start": "", "colors": COLORS, "step_ms": step_ms}
    days = [d.date().isoformat() for d in pd.date_range(best["event_date"].min(), best["event_date"].max())]
    places = []
    for name, rows in best.groupby("place", sort=True):
        claims = located[located["place"] == name]
        first = rows.iloc[0]
        places.append({
            "name": name, "kind": first["place_kind"],
            "lat": float(first["latitude"]), "lon": float(first["longitude"]),
            "inferred": first["rule"].split(":")[-1] in TAKEN_RULES,
            "changes": [{
                "date": row["event_date"], "status": row["status"], "disputed": bool(row["disputed"]),
                "claims": [claim_json(c) for _, c in claims[claims["event_date"] == row["event_date"]]
                           .sort_values("confidence", ascending=False).iterrows()],
            } for _, row in rows.iterrows()],
        })
    chosen = (start.isoformat() if start else days[-1])
    return {"days": days, "places": places, "start": chosen, "colors": COLORS, "step_ms": step_ms}


def claim_json(row: pd.Series) -> dict:
    return {k: (row[k] if pd.notna(row[k]) else "") for k in
            ("status", "evidence", "article", "title", "url", "confidence", "event_date")}


def build_map(events: pd.DataFrame, start: date | None = None) -> folium.Map:
    m = ControlMap(location=CENTER, zoom_start=6, tiles="OpenStreetMap", control_scale=True)
    ControlTimeline(payload(events, start)).add_to(m)
    return m


def map_html(events: pd.DataFrame, start: date | None = None, self_contained: bool = False) -> str:
    html = build_map(events, start).get_root().render()
    return inline_assets(html) if self_contained else html


def write_map(events: pd.DataFrame, path: Path, self_contained: bool = False) -> Path:
    path.write_text(map_html(events, self_contained=self_contained), encoding="utf-8")
    return path
