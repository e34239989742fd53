"""The dashboard's map, built once and re-aimed at a day: the same page the export writes, opening elsewhere.

Why: re-aiming rewrites one entry of the page instead of rebuilding it; if
that ever stopped matching the page mapping.py writes, the slider would
silently stop moving the map. These tests catch that.
"""

from __future__ import annotations

from datetime import date

import pytest
from helpers import AFGHANISTAN

from geo import pipeline
from geo.app import mapview
from geo.mapping import page as mapping


@pytest.fixture(scope="module")
def table():
    return pipeline.run([pipeline.DEMO]).table


@pytest.fixture(scope="module")
def page(table) -> str:
    return mapping.map_html(table, AFGHANISTAN)


def days_of(table) -> list[str]:
    return mapping.payload(table, AFGHANISTAN)["days"]


def test_a_built_page_names_the_day_it_opens_on(page: str, table) -> None:
    assert mapview.opened_on(page) == days_of(table)[-1]
    first = date.fromisoformat(days_of(table)[0])
    assert mapview.opened_on(mapping.map_html(table, AFGHANISTAN, start=first)) == first.isoformat()


def test_re_aiming_changes_only_the_day(page: str, table) -> None:
    for day in days_of(table):
        aimed = mapview.on_day(page, date.fromisoformat(day), table, AFGHANISTAN, self_contained=False)
        assert mapview.opened_on(aimed) == day
        assert aimed.replace(mapview.start_entry(day), mapview.start_entry(days_of(table)[-1])) == page


def test_a_day_outside_the_map_or_an_unknown_page_is_rebuilt(page: str, table) -> None:
    outside = mapview.on_day(page, date(2020, 1, 1), table, AFGHANISTAN, self_contained=False)
    assert mapview.opened_on(outside) == days_of(table)[-1]  # what map_html itself does with such a day
    rebuilt = mapview.on_day(
        "<html>no payload</html>", date.fromisoformat(days_of(table)[0]), table, AFGHANISTAN, False
    )
    assert mapview.opened_on(rebuilt) == days_of(table)[0]
