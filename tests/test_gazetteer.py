"""The gazetteer file: reproducible from its sources, complete where news needs it."""

import json

import pytest
from helpers import READER

from geo import profiles
from geo.tools import gazetteer_build


@pytest.mark.parametrize("name", profiles.available())
def test_committed_gazetteer_is_what_the_build_script_makes(name):
    profile = profiles.load(name)
    rebuilt = json.loads(gazetteer_build.text_of(profile))
    assert rebuilt == json.loads(profile.gazetteer.read_text(encoding="utf-8"))


def test_all_provinces_and_their_capitals_are_located():
    gazetteer = READER.gazetteer
    provinces = [e for e in gazetteer.entries.values() if e.kind == "province"]
    assert len(provinces) == 34 and all(p.located for p in provinces)
    assert len(gazetteer.capital_of) == 34
    assert all(gazetteer.entries[c].located for c in gazetteer.capital_of.values())


def test_every_curated_row_has_a_source():
    assert all(e.source for e in READER.gazetteer.entries.values())
