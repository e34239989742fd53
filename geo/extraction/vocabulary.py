"""The shared vocabulary of control (data/vocabulary.toml), with a profile's words and side names put in.

Why a file and not code: the words that say a place was taken, lost or held are the
same in every war and are what a contributor most often adds to; kept as data they
are read in one place, and a war's profile can add its own without touching the
engine. What reads them (clauses, lists, vetoes) stays in rules.py.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import paths
from ..profiles import Profile, ProfileError

FAMILY_END = r"(?!\w)"  # a family's match ends where a word does (after a place's lookahead too)


@dataclass(frozen=True)
class Families:
    """Trigger families (place after) and predicate families (place before), each one pattern, in order."""

    left: tuple[tuple[str, str], ...]
    right: tuple[tuple[str, str], ...]


@lru_cache(maxsize=2)
def read_vocabulary(path: Path = paths.VOCABULARY) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise RuntimeError(f"cannot read the vocabulary {path}: {error}") from error


def families(profile: Profile, actor: str, when: str, path: Path = paths.VOCABULARY) -> Families:
    """Each family's alternatives, the profile's added after the shared ones, joined into one pattern.

    `actor` is the pattern for any side's name, put where a family says {actor}.
    """
    vocabulary = read_vocabulary(path)

    def joined(where: str) -> tuple[tuple[str, str], ...]:
        shared: dict[str, list[str]] = vocabulary[where]
        added = profile.words.get(where, {})
        unknown = set(added) - set(shared)
        if unknown:
            raise ProfileError(f"profile {profile.path}: words.{where} has no family {', '.join(sorted(unknown))}")
        return tuple(
            (
                kind,
                "|".join(
                    p.replace("{actor}", actor).replace("{when}", when) for p in (*patterns, *added.get(kind, ()))
                ),
            )
            for kind, patterns in shared.items()
        )

    return Families(joined("left"), joined("right"))
