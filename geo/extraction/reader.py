"""What extraction needs to read the reports of one war: its profile's gazetteer and rules, made once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..profiles import Profile
from ..profiles import load as load_profile
from .gazetteer import Gazetteer, load_gazetteer
from .rules import Rules, rules_for


@dataclass(frozen=True, eq=False)
class Reader:
    profile: Profile
    gazetteer: Gazetteer
    rules: Rules


@lru_cache(maxsize=8)
def reader_for(profile: Profile | None = None) -> Reader:
    """The reader of a profile (the default profile when None): its gazetteer loaded, its rules compiled."""
    profile = profile or load_profile()
    return Reader(profile, load_gazetteer(profile.gazetteer), rules_for(profile))
