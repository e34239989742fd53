"""The offline gazetteer: every place Frontline can name, keyed by folded spelling.

Loaded once per profile from its gazetteer.json (see geo/tools/gazetteer_build.py). Lookups are
exact on folded names; fuzzy lookups (typos such as "Lashkar Gar") only
consider the places news is about (capitals, provinces, districts, sites,
foreign places), not every village, so a misspelt common word does not
become a hamlet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..records import GazetteerEntry


def typos_allowed(folded: str) -> int:
    """One typo in a name of up to eight letters, two in a longer one ("Dawalabad")."""
    return 1 if len(folded) <= 8 else 2


# Which of several same-named places a bare name most likely means.
KIND_RANK = {"city": 0, "site": 1, "district": 2, "province": 3, "country": 4}


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry]
    by_name: dict[str, tuple[str, ...]]  # folded name -> entry ids, best first
    country: str = ""  # ISO code: every other country's places are foreign
    national_capital: str = ""  # its folded name: what "the capital" means
    demonym: str = ""  # lower case: "the afghan capital" is the capital too
    # Words a reporter writes that sit one typo from a place's spelling but name a side: "Taleban" (The
    # Times' spelling) is one letter from "Taleqan" (the profile's not_places).
    not_places: frozenset[str] = frozenset()
    capital: dict[str, bool] = field(default_factory=dict)
    fuzzy_names: list[str] = field(default_factory=list)
    capital_of: dict[str, str] = field(default_factory=dict)  # province id -> its capital's id
    # (compass adjective or "", province name or "" for the country) -> the region's id: see places.regions
    region_of: dict[tuple[str, str], str] = field(default_factory=dict)
    prefixes: frozenset[str] = frozenset()  # every name and its leading words: "mazar", "mazar sharif"
    # Names only the country's districts and villages bear, no capital: often people's names too (places.accept).
    plain_names: frozenset[str] = frozenset()
    fuzzy_cache: dict[str, tuple[str, float]] = field(default_factory=dict, repr=False)
    fuzzy_spans: dict[str, tuple | None] = field(default_factory=dict, repr=False)  # see places.fuzzy_at

    def lookup(self, folded: str) -> list[GazetteerEntry]:
        return [self.entries[i] for i in self.by_name.get(folded, ())]

    def fuzzy(self, folded: str) -> tuple[list[GazetteerEntry], float]:
        """Entries whose name is a near spelling of `folded` (same first letter, close ratio)."""
        if folded in self.not_places:
            return [], 0.0
        if folded not in self.fuzzy_cache:
            limit = typos_allowed(folded)
            names = [n for n in self.fuzzy_names if n[:1] == folded[:1] and abs(len(n) - len(folded)) <= limit]
            best = process.extractOne(folded, names, scorer=Levenshtein.distance, score_cutoff=limit)
            score = 100.0 * (1 - best[1] / len(folded)) if best else 0.0
            self.fuzzy_cache[folded] = (best[0], score) if best else ("", 0.0)
        name, score = self.fuzzy_cache[folded]
        return (self.lookup(name), score) if name else ([], 0.0)

    def is_foreign(self, entry: GazetteerEntry) -> bool:
        return entry.country != self.country


def rank(entry: GazetteerEntry, capital: bool) -> tuple:
    """Capitals first, then the curated places news is about, then GeoNames' villages."""
    source = 0 if capital else 1 if not entry.id.startswith("gn:") else 2
    return (source, KIND_RANK.get(entry.kind, 2), -entry.population, entry.id)


@lru_cache(maxsize=4)
def load_gazetteer(path: Path) -> Gazetteer:
    """Read a profile's built gazetteer; a missing or broken file is a clear error, not a traceback."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        raw, country = data["entries"], data["country"]
    except (OSError, ValueError, KeyError) as error:
        raise RuntimeError(
            f"cannot read gazetteer {path}: {error}; rebuild it with `python -m geo.tools.gazetteer_build PROFILE`"
        ) from error
    entries: dict[str, GazetteerEntry] = {}
    by_name: dict[str, list[str]] = {}
    capital: dict[str, bool] = {}
    fuzzy_names: set[str] = set()
    for row in raw:
        item = GazetteerEntry(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            country=row["country"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            province=row.get("province", ""),
            population=row.get("population", 0),
            source=row.get("source", ""),
        )
        entries[item.id] = item
        capital[item.id] = bool(row.get("capital"))
        notable = not item.id.startswith("gn:") or capital[item.id]
        for name in row["names"]:
            by_name.setdefault(name, []).append(item.id)
            if notable and len(name) >= 5:
                fuzzy_names.add(name)
    ranked = {name: tuple(sorted(ids, key=lambda i: rank(entries[i], capital[i]))) for name, ids in by_name.items()}
    seats = {entries[i].province: i for i, is_capital in capital.items() if is_capital}
    capital_of = {i: seats[e.name] for i, e in entries.items() if e.kind == "province" and e.name in seats}
    prefixes = frozenset(" ".join(name.split()[:size]) for name in by_name for size in range(1, name.count(" ") + 2))
    region_of = {(e.id.split(":")[1], e.province): i for i, e in entries.items() if e.id.startswith("region:")}
    plain_names = frozenset(
        name
        for name, ids in by_name.items()
        if all(
            entries[i].kind in ("district", "city") and entries[i].country == country["code"] and not capital[i]
            for i in ids
        )
    )
    return Gazetteer(
        entries,
        ranked,
        country["code"],
        country["capital"],
        country["demonym"],
        frozenset(country["not_places"]),
        capital,
        sorted(fuzzy_names),
        capital_of=capital_of,
        region_of=region_of,
        prefixes=prefixes,
        plain_names=plain_names,
    )
