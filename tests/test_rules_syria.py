"""Reading reports of a war with three sides (Syria 2024): who acted, and whose the place is.

Sentences written for these tests in the manner of the reports of 27 November – 12 December 2024.
"""

from datetime import date

import pytest
from helpers import claims

DAY = date(2024, 12, 6)


def syria(text: str) -> dict[str, str]:
    return claims(text, DAY, "syria-2024")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # each side by the names reports give it
        ("Hayat Tahrir al-Sham fighters captured Saraqib on Thursday.", {"Saraqib": "opposition"}),
        ("The Syrian army recaptured Qalaat al-Madiq on Thursday.", {"Qalaat al-Madiq": "government"}),
        ("The Kurdish-led Syrian Democratic Forces took control of Deir ez-Zor on Thursday.", {"Deir ez-Zor": "sdf"}),
        ("Turkish-backed factions seized Tal Rifaat on Thursday.", {"Tal Rifaat": "opposition"}),
        # a place fallen to a side named after it
        ("Deir ez-Zor fell to the SDF on Thursday.", {"Deir ez-Zor": "sdf"}),
        # a side named in an adjective holds the place
        ("Displaced families arrived in Kurdish-controlled areas in Raqqa on Thursday.", {"Raqqa": "sdf"}),
        # "anti-regime" groups are not the regime; the object of "opposing" or "with" did not act
        ("Anti-regime armed groups recaptured Maarat al-Numan on Thursday.", {"Maarat al-Numan": "opposition"}),
        ("Groups opposing the Assad regime captured Khan Shaykhun on Thursday.", {"Khan Shaykhun": "opposition"}),
        ("After clashes with Assad's forces, the rebels captured Palmyra.", {"Palmyra": "opposition"}),
        # names side by side are one name, its side the first's
        ("Opposition militia groups have taken control of Manbij.", {"Manbij": "opposition"}),
        ("Syrian rebel forces took over Hama on Thursday.", {"Hama": "opposition"}),
    ],
)
def test_who_acted_decides_the_side(sentence: str, expected: dict[str, str]) -> None:
    assert syria(sentence) == expected


def test_a_side_named_after_a_capture_verb_is_its_object() -> None:
    text = "Rebels took over Hama on Thursday, overrunning forces loyal to President Assad days after capturing Aleppo."
    assert syria(text) == {"Hama": "opposition", "Aleppo": "opposition"}


def test_a_held_adjective_after_a_capture_verb_describes_what_was_captured() -> None:
    text = "Opposition forces overran key government-held areas, including Homs, on Saturday."
    assert syria(text) == {"Homs": "opposition"}


def test_surrounding_areas_are_no_siege() -> None:
    text = "The rebels captured Palmyra on Friday, along with surrounding areas such as Qaryatayn."
    assert syria(text) == {"Palmyra": "opposition", "Qaryatayn": "opposition"}


def test_a_clause_after_after_keeps_its_own_doubt() -> None:
    """'try to' speaks of the advance, not of the capture after 'after'."""
    text = "Rebels try to advance on Hama after their sudden capture of Aleppo on Saturday."
    assert syria(text) == {"Aleppo": "opposition"}


def test_a_month_of_an_earlier_year_is_history() -> None:
    assert syria("In August 2019, regime forces took control of Khan Shaykhun.") == {}


def test_the_capital_is_the_profiles() -> None:
    """'the Syrian capital' is Damascus in Syria's profile, as 'the Afghan capital' is Kabul in Afghanistan's."""
    assert syria("Rebels captured the Syrian capital on Sunday.") == {"Damascus": "opposition"}
