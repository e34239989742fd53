"""A third war from its profile alone (Ukraine 2022): two sides, the countries' names as sides, claims and
denials. Sentences written for these tests in the manner of the reports of February – November 2022."""

from datetime import date

import pytest
from helpers import claims, events

from geo.timeline import changes, events_frame

DAY = date(2022, 9, 12)


def ukraine(text: str) -> dict[str, str]:
    return claims(text, DAY, "ukraine-2022")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Russian forces captured Izium on Saturday.", {"Izium": "russia"}),
        ("Ukrainian troops liberated Balakliia on Thursday.", {"Balakliia": "ukraine"}),
        ("Balakliia was liberated on Thursday.", {"Balakliia": "ukraine"}),  # no side named: the holding side
        (
            "Mariupol had been liberated from Ukrainian forces, the Russian defence ministry said.",
            {"Mariupol": "russia"},
        ),
        ("Russia captured Kherson on March 2.", {"Kherson": "russia"}),  # a country names its side
        ("Ukraine still holds Pisky, the governor said.", {"Pisky": "ukraine"}),
        ("Lysychansk is under Ukrainian control.", {"Lysychansk": "ukraine"}),
        ("Kherson returns to Ukraine.", {"Kherson": "ukraine"}),
        ("Russian troops pushed back Ukrainian troops from Sievierodonetsk.", {"Sievierodonetsk": "russia"}),
        ("Moscow announced the withdrawal of its troops from Kherson on Wednesday.", {"Kherson": "ukraine"}),
        ("Ukrainian forces de-occupied Lyman on Saturday.", {"Lyman": "ukraine"}),
        ("Ukrainian soldiers were hoisting a Ukrainian flag above Davydiv Brid.", {"Davydiv Brid": "ukraine"}),
        ("The Russian invaders were knocked out of Snihurivka.", {"Snihurivka": "ukraine"}),
        ("Trostianets returned under the Ukrainian flag on March 26.", {"Trostianets": "ukraine"}),
        ("Snake Island, which Russia seized on February 24, achieved fame.", {"Snake Island": "russia"}),
        # a place's name that begins a side's name is the side, not the place
        ("The Donetsk People's Republic said its forces had taken Svitlodarsk.", {"Svitlodarsk": "russia"}),
        # a part of a place: fought over
        ("Russian forces control 60% of Rubizhne, the governor said.", {"Rubizhne": "contested"}),
        ("We partially lost control over Lyman, Pushilin said.", {"Lyman": "contested"}),
    ],
)
def test_each_side_by_its_names(sentence: str, expected: dict[str, str]) -> None:
    assert ukraine(sentence) == expected


def test_a_claim_and_the_other_sides_denial_leave_the_day_contested() -> None:
    """A Russian ministry's claim and a Ukrainian denial of one place and day, in two reports: both are kept,
    and the map shows the place contested, not the surer sentence's side."""
    claim = events("Russian forces captured Pisky on Friday, the defence ministry said.", DAY, "ukraine-2022")
    denial = events("Ukraine still holds Pisky on Friday, the governor said.", DAY, "ukraine-2022")
    denial[0].article = "denial.txt"
    both = events_frame(claim + denial)
    assert set(both["status"]) == {"russia", "ukraine"}
    day = changes(both)
    assert list(day["status"]) == ["contested"] and bool(day["disputed"].iloc[0])
