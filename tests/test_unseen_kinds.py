"""Kinds of sentence that unseen reports stated and the rules had misread (issue 17), each both ways.

Why: rules grown one corpus at a time stopped carrying over to reports they had not seen. These are
the shapes of sentence behind the misses, in our own words, each with a sentence that must claim and
one that must not, so a later rule cannot fix one side by breaking the other.
"""

from __future__ import annotations

import pytest
from helpers import claims

KINDS = [
    # (kind, sentence, place, the status it must have, or None for no claim)
    ("negated limit", "Only two cities are not yet in Taliban hands: Kabul and Jalalabad.", "Kabul", None),
    ("negated limit", "Only two cities are not yet in Taliban hands: Kabul and Jalalabad.", "Jalalabad", None),
    ("limit", "Only two cities are still in government hands: Kabul and Jalalabad.", "Jalalabad", "government"),
    ("limit", "Two more capitals are now in Taliban hands: Farah and Aybak.", "Aybak", "taliban"),
    (
        "relative clause",
        "Ghazni is the third province that has been overrun by the militants this week.",
        "Ghazni",
        "taliban",
    ),
    ("relative clause", "Ghazni is the third province that the militants have threatened this week.", "Ghazni", None),
    ("rank", "Ghazni became the seventh provincial capital to fall.", "Ghazni", "taliban"),
    ("rank", "Ghazni would be the seventh to fall.", "Ghazni", "taliban"),
    ("rank", "Ghazni would be the seventh to fall if no help arrives.", "Ghazni", None),
    ("history", "Kunduz has fallen twice before, in 2015 and 2016.", "Kunduz", None),
    ("history", "Kunduz fell to the Taliban in 2015.", "Kunduz", None),
    ("history", "Kunduz fell to the Taliban on Sunday.", "Kunduz", "taliban"),
    ("time marker", "Farah and Aybak were captured hours before the collapse of Kunduz.", "Aybak", "taliban"),
    ("time marker", "Farah and Aybak were captured hours before the collapse of Kunduz.", "Kunduz", None),
    ("time marker", "The collapse of Kunduz came hours after Farah fell.", "Kunduz", "taliban"),
    ("province list", "Clashes continue in central Ghazni and Wardak provinces.", "Ghazni", "contested"),
    ("province list", "Clashes continue in central Ghazni and Wardak provinces.", "Wardak", "contested"),
    ("province list", "Clashes continue in Ghazni city and Wardak province.", "Ghazni", "contested"),
    ("capitals listed", "The provincial centres of Kunduz, Takhar and Samangan fell on Sunday.", "Taloqan", "taliban"),
    ("capitals listed", "The provincial centres of Kunduz, Takhar and Samangan fell on Sunday.", "Aybak", "taliban"),
    ("capitals listed", "Districts of Kunduz, Takhar and Samangan fell on Sunday.", "Aybak", None),
    (
        "capitals listed",
        "Clashes went on near the provincial centres in Faryab and Takhar provinces.",
        "Takhar",
        "contested",
    ),
    ("capitals listed", "Clashes went on near the provincial centres in Faryab and Takhar provinces.", "Taloqan", None),
    ("part", "The rest of Badghis province is in Taliban hands.", "Badghis", "contested"),
    ("part", "All of Badghis province is in Taliban hands.", "Badghis", "taliban"),
    ("uprising", "After the Taliban takeover, local forces recaptured Deh Salah district.", "Deh Salah", "government"),
    ("uprising", "After local forces left, the Taliban recaptured Deh Salah district.", "Deh Salah", "taliban"),
    ("back-reference", "The Taliban reached Ghazni on Wednesday. The city fell on Thursday.", "Ghazni", "taliban"),
    (
        "back-reference",
        "Fighting raged in Helmand province. The provincial capital was besieged.",
        "Lashkar Gah",
        "contested",
    ),
    ("back-reference", "The Taliban reached Kunduz. They captured the airport on Sunday.", "Kunduz Airport", "taliban"),
    ("back-reference", "The Taliban captured Farah. The city of Herat was quiet.", "Herat", None),
    ("back-reference", "Herat was calm. The Taliban seized several districts around the city.", "Herat", None),
    ("back-reference", "Officials met in Doha. The city was calm as the Taliban captured a base.", "Doha", None),
    ("unopposed", "The Taliban entered Aybak unopposed on Monday.", "Aybak", "taliban"),
    ("unopposed", "The Taliban entered Aybak on Monday after heavy fighting.", "Aybak", "contested"),
    (
        "except",
        "The insurgents took every building in Kunduz except the army base and the airport.",
        "Kunduz Airport",
        None,
    ),
    ("counted districts", "The Taliban control nine Lashkar Gah districts.", "Lashkar Gah", None),
    ("counted districts", "The Taliban control Lashkar Gah.", "Lashkar Gah", "taliban"),
    (
        "driven out",
        "Security forces and residents kicked the Taliban* out of Kaldar district on Monday.",
        "Kaldar",
        "government",
    ),
    ("driven out", "The Taliban kicked residents out of Kaldar district on Monday.", "Kaldar", None),
]


@pytest.mark.parametrize("kind, sentence, place, status", KINDS, ids=[f"{k[0]}: {k[2]} {k[3]}" for k in KINDS])
def test_each_kind_of_sentence(kind: str, sentence: str, place: str, status: str | None) -> None:
    found = claims(sentence)
    assert found.get(place) == status, found
