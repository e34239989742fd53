"""What an analyst takes away: events.csv (the contract), GeoJSON and an ACLED-style CSV.

Why: each format is one pure function from the claims the map shows (reviews
applied) to text, so the dashboard's download and a test read the same bytes.
"""

from __future__ import annotations

import json

import pandas as pd

from ..csvsafe import csv_text
from ..profiles import CONTESTED, Profile
from ..records import EVENT_COLUMNS, EXTRA_COLUMNS, Place
from .history import status_intervals

ACLED_COLUMNS = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "time_precision",
    "source",
    "notes",
]
# ACLED's sub-event types: the holding side (the government) regains, any other side overtakes.
REGAINS, OVERTAKES, CLASH = "Government regains territory", "Non-state actor overtakes territory", "Armed clash"
GEO_PRECISION = {
    "city": 1,
    "site": 1,
    "district": 2,
    "province": 3,
    "region": 3,
}  # ACLED: 1 exact ... 3 region
TIME_PRECISION = {"day": 1, "range": 2, "unknown": 3}  # ACLED: 1 day, 2 week, 3 month


def events_csv(claims: pd.DataFrame) -> str:
    """The events.csv the command line writes: the contract columns, then the extras, nothing more.

    Reviewed rows are told apart by their rule (`accepted:`, `edited:`, `added:`), see geo.review.
    """
    return csv_text(claims[EVENT_COLUMNS + EXTRA_COLUMNS])


def geojson(claims: pd.DataFrame, daily: pd.DataFrame, places: dict[str, Place]) -> dict:
    """An RFC 7946 FeatureCollection: one Point per located place, [longitude, latitude], with its intervals."""
    intervals = status_intervals(daily)
    located = claims.dropna(subset=["latitude", "longitude"])
    features = []
    for name, rows in located.groupby("place", sort=True):
        spans = intervals[intervals["place"] == name]
        first = rows.iloc[0]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        round(float(first["longitude"]), 6),
                        round(float(first["latitude"]), 6),
                    ],
                },
                "properties": {
                    "name": name,
                    "kind": first["place_kind"],
                    "country": first["country"],
                    "province": places[name].province if name in places else "",
                    "claims": int(len(rows)),
                    "intervals": [
                        {"status": s, "start": str(a), "end": str(b), "inferred": bool(i)}
                        for s, a, b, i in zip(spans["status"], spans["start"], spans["end"], spans["inferred"])
                    ],
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_text(claims: pd.DataFrame, daily: pd.DataFrame, places: dict[str, Place]) -> str:
    return json.dumps(geojson(claims, daily, places), ensure_ascii=False, indent=1)


def acled_rows(claims: pd.DataFrame, places: dict[str, Place], profile: Profile) -> pd.DataFrame:
    """One ACLED-style row per claim, oldest first, its actor named as the profile names the side."""
    ordered = claims.sort_values(["event_date", "place"], kind="stable")
    return pd.DataFrame(
        [acled_row(row, places.get(row["place"]), profile) for row in ordered.to_dict("records")],
        columns=ACLED_COLUMNS,
    )


def sub_event(status: str, profile: Profile) -> str:
    return CLASH if status == CONTESTED else REGAINS if status == profile.holding else OVERTAKES


def actor1(status: str, profile: Profile) -> str:
    """The side's ACLED name; a fight's, the profile's contested actor (else the advancing side)."""
    if status in profile.side_ids:
        return profile.side(status).acled
    return profile.contested_acled or profile.side(profile.advancing).acled


def acled_row(row: dict, place: Place | None, profile: Profile) -> dict:
    admin1 = row["place"] if row["place_kind"] == "province" else (place.province if place else "")
    reviewed = f"; reviewed: {row['review']}" if row.get("review") else ""
    return {
        "event_date": row["event_date"],
        "event_type": "Battles",
        "sub_event_type": sub_event(row["status"], profile),
        "actor1": actor1(row["status"], profile),
        "admin1": admin1,
        "location": row["place"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": GEO_PRECISION.get(row["place_kind"], 2),
        "time_precision": TIME_PRECISION.get(row["date_precision"], 3),
        "source": row.get("url") or row["article"],
        "notes": f"{row['evidence']} [Frontline: {row['status']}, confidence {row['confidence']}{reviewed}]",
    }


def acled_csv(claims: pd.DataFrame, places: dict[str, Place], profile: Profile) -> str:
    return csv_text(acled_rows(claims, places, profile))
