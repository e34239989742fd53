"""`explain`: why a sentence makes each claim it makes, or none.

Why: an analyst who doubts a mark on the map must see the rule, trigger and actor behind a claim, or
the veto that stopped one, and the day reasoning; a reader that cannot say why cannot be trusted or
fixed. The sentences are ours, written for these tests.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import READER

from geo.extraction.explain import explain, format_explanation
from geo.extraction.rules import VETOES, Claim, Veto

ROOT = Path(__file__).resolve().parent.parent
PUBLISHED = date(2021, 8, 13)  # a Friday


@pytest.fixture(scope="module")
def gazetteer():
    return READER


def outcomes(text: str, place: str, gazetteer) -> list[Claim | Veto]:
    return [d.outcome for d in explain(text, PUBLISHED, gazetteer).decisions if d.place == place]


def test_a_claim_says_its_rule_trigger_actor_and_day(gazetteer) -> None:
    found = explain("The Taliban captured Kandahar on Thursday after heavy fighting.", PUBLISHED, gazetteer)
    [decision] = [d for d in found.decisions if d.place == "Kandahar"]
    claim = decision.outcome
    assert isinstance(claim, Claim)
    assert (claim.status, claim.rule, claim.trigger, claim.actor) == ("taliban", "left:capture", "captured", "taliban")
    assert decision.day.day == date(2021, 8, 12) and decision.day.cue == "Thursday"
    text = format_explanation(found)
    assert "TALIBAN by rule left:capture, trigger 'captured', actor 'taliban'" in text
    assert "dated 2021-08-12 (day) from 'Thursday'" in text


def test_a_predicate_after_the_place_names_its_actor(gazetteer) -> None:
    [claim] = outcomes("Ghazni was seized by the insurgents.", "Ghazni", gazetteer)
    assert (claim.status, claim.rule, claim.trigger, claim.actor) == (
        "taliban",
        "right:capture",
        "was seized",
        "insurgents",
    )


# One sentence for each veto: the place named gets no claim, and explain says which veto stopped it.
VETO_CASES = [
    ("question", "Will the Taliban capture Kandahar?", "Kandahar"),
    ("no_claim_word", "Residents of Kandahar went to the market.", "Kandahar"),
    ("names_another", "The Taliban captured the Herat police chief.", "Herat"),
    ("restates_capital", "The Taliban seized two villages of Taloqan, capital city of Takhar, on Monday.", "Taloqan"),
    ("unnamed_district", "The Taliban captured a key Kandahar district on Monday.", "Kandahar"),
    ("locates", "The Taliban captured Dawlatabad district in northern Faryab.", "Faryab"),
    ("nothing_reaches", "Officials in Kabul met elders on Monday; the Taliban captured a base.", "Kabul"),
    ("object_of_preposition", "A commander in Faryab has surrendered to the Taliban.", "Faryab"),
    ("building", "Kunduz prison was attacked on Sunday.", "Kunduz"),
    ("possessive", "The Taliban captured Kunduz's main square.", "Kunduz"),
    ("strike", "A rocket attack on Kabul killed three people.", "Kabul"),
    (
        "far_or_new_clause",
        "The Taliban captured a base that officials said was the largest in the region near Ghazni.",
        "Ghazni",
    ),
    ("landmark", "The Taliban captured Jalrez, 60km from Kabul.", "Kabul"),
    ("says_where", "The Taliban seized a large cache of weapons in Farah.", "Farah"),
    ("conditional", "The fall of Kabul would end the war.", "Kabul"),
    ("time_marker", "Farah and Aybak were captured hours before the collapse of Kunduz.", "Kunduz"),
    ("purpose", "Commandos launched an operation to retake Kunduz.", "Kunduz"),
    ("hypothetical", "The Taliban could capture Kandahar within days.", "Kandahar"),
    ("no_side", "Forces control Kandahar.", "Kandahar"),
    ("foreign", "The Taliban captured Kandahar, officials in Doha said.", "Doha"),
    ("history", "The Taliban captured Kandahar in 1994.", "Kandahar"),
    ("repeated", "The Taliban captured Lashkar Gah, the capital of Helmand, Lashkar Gah city.", "Lashkar Gah"),
]


def test_every_veto_has_a_sentence_here() -> None:
    assert {reason for reason, _, _ in VETO_CASES} == set(VETOES)


@pytest.mark.parametrize("reason, text, place", VETO_CASES, ids=[c[0] for c in VETO_CASES])
def test_a_non_claim_names_the_veto_that_stopped_it(reason: str, text: str, place: str, gazetteer) -> None:
    found = outcomes(text, place, gazetteer)
    vetoes = [o for o in found if isinstance(o, Veto)]
    assert reason in [v.reason for v in vetoes], found
    assert VETOES[reason] in format_explanation(explain(text, PUBLISHED, gazetteer))


def test_a_dated_list_explains_each_day_in_turn(gazetteer) -> None:
    found = explain(
        "On August 6 the Taliban took Zaranj, and on August 7 Sheberghan.",
        PUBLISHED,
        gazetteer,
    )
    days = {d.place: (d.day.day, d.day.cue) for d in found.decisions if isinstance(d.outcome, Claim)}
    assert days == {"Zaranj": (date(2021, 8, 6), "August 6"), "Sheberghan": (date(2021, 8, 7), "August 7")}


def test_a_roundup_claim_is_explained_from_the_sentence_before(gazetteer) -> None:
    found = explain(
        "Nine districts fell to the Taliban on Sunday. The districts include Kofab and Baharak in Badakhshan.",
        PUBLISHED,
        gazetteer,
    )
    claims = {d.place: d.outcome.rule for d in found.decisions if isinstance(d.outcome, Claim)}
    assert claims == {"Kuf Ab": "group:fall_to", "Baharak": "group:fall_to"}


def explain_command(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", "explain", *arguments], capture_output=True, text=True, cwd=ROOT
    )


def test_the_command_line_prints_the_explanation() -> None:
    run = explain_command("If the Taliban take Kabul, talks end.", "--date", "2021-08-13")
    assert run.returncode == 0, run.stderr
    assert "Kabul (city, named 'Kabul'): no claim, hypothetical ('if')" in run.stdout


def test_the_command_line_refuses_a_bad_date() -> None:
    run = explain_command("Kabul fell.", "--date", "13/08/2021")
    assert run.returncode == 2 and "not a date" in run.stderr
