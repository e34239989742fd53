"""The gazetteer file: reproducible from its sources, complete where news needs it."""

import json

from geo.extraction.gazetteer import load_gazetteer
from geo.tools import gazetteer_build


def test_committed_gazetteer_is_what_the_build_script_makes(tmp_path):
    rebuilt = gazetteer_build.write(tmp_path / "g.json")
    assert json.loads(rebuilt.read_text()) == json.loads(gazetteer_build.OUTPUT.read_text())


def test_all_provinces_and_their_capitals_are_located():
    gazetteer = load_gazetteer()
    provinces = [e for e in gazetteer.entries.values() if e.kind == "province"]
    assert len(provinces) == 34 and all(p.located for p in provinces)
    assert len(gazetteer.capital_of) == 34
    assert all(gazetteer.entries[c].located for c in gazetteer.capital_of.values())


def test_every_curated_row_has_a_source():
    assert all(e.source for e in load_gazetteer().entries.values())
