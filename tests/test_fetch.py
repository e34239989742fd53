"""Fetching articles by URL into a folder that reads like any other, against a local server only."""

from __future__ import annotations

import csv
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from geo.fetch.folder import fetch_into
from geo.fetch.http import Fetcher
from geo.pipeline import load_articles, run
from tests.fake_web import FEED_ITEMS, serve


@pytest.fixture(scope="module")
def web():
    with serve() as (base, asked):
        yield base, asked


def fetcher(**limits) -> Fetcher:
    return Fetcher(**{"timeout": 1, "host_delay": 0.0, "allow_private": True, **limits})


def index(folder: Path) -> list[dict[str, str]]:
    with (folder / "index.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_page_is_saved_with_its_index_row_and_reads_like_any_folder(web, tmp_path: Path) -> None:
    base, _ = web
    report = fetch_into([f"{base}/moved"], tmp_path, fetcher())  # a redirect, followed
    assert report.failed == [] and len(report.saved) == 1
    [row] = index(tmp_path)
    assert row["url"] == f"{base}/news/2021/08/08/kunduz"
    assert (row["published"], row["title"]) == ("2021-08-08", "Taliban take Kunduz after days of fighting")
    result = run([tmp_path])
    assert result.problems == [] and [a.published for a in result.articles] == [date(2021, 8, 8)]
    assert any(e.place == "Kunduz" and e.status == "taliban" for e in result.events)


def test_nothing_is_fetched_twice(web, tmp_path: Path) -> None:
    base, asked = web
    url = f"{base}/news/2021/08/08/kunduz"
    fetch_into([url, url + "#comments"], tmp_path, fetcher())
    before = asked.count("/news/2021/08/08/kunduz")
    again = fetch_into([url], tmp_path, fetcher())
    assert asked.count("/news/2021/08/08/kunduz") == before and len(again.already) == 1
    assert len(index(tmp_path)) == 1


@pytest.mark.parametrize(
    "path, why, limits",
    [
        ("/missing", "HTTP 404", {}),
        ("/broken", "HTTP 500", {}),
        ("/slow", "timed out", {}),
        ("/huge", "larger than the 100,000 bytes allowed", {"max_bytes": 100_000}),
        ("/photo.png", "not a web page or feed (Content-Type image/png)", {}),
        ("/loop", "redirects", {}),
    ],
)
def test_each_failed_url_gets_a_clear_error_and_the_rest_go_on(web, tmp_path: Path, path, why, limits) -> None:
    base, _ = web
    report = fetch_into([f"{base}{path}", f"{base}/news/2021/08/08/kunduz"], tmp_path, fetcher(**limits))
    assert len(report.failed) == 1 and report.failed[0].startswith(f"{base}{path}: ") and why in report.failed[0]
    assert [r["url"] for r in index(tmp_path)] == [f"{base}/news/2021/08/08/kunduz"]


def test_a_page_in_another_charset_than_it_claims_reads_right(web, tmp_path: Path) -> None:
    base, _ = web
    fetch_into([f"{base}/herat"], tmp_path, fetcher())
    [article], _ = load_articles([tmp_path])
    assert "café" in article.text and "Herat’s" in article.title


def test_a_feed_adds_its_items(web, tmp_path: Path) -> None:
    base, _ = web
    report = fetch_into([f"{base}/feed.xml"], tmp_path, fetcher())
    rows = index(tmp_path)
    assert report.failed == [] and len(rows) == FEED_ITEMS
    assert {r["published"] for r in rows} == {"2021-08-09"}


def test_the_command_line_fetches_into_a_folder(web, tmp_path: Path) -> None:
    base, _ = web
    folder = tmp_path / "fetched"
    done = subprocess.run(
        [sys.executable, "-m", "geo", "fetch", f"{base}/news/2021/08/08/kunduz", f"{base}/missing", "-o", str(folder)]
        + ["--allow-private", "--delay", "0", "--timeout", "2", "--profile", "syria-2024"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and f"failed {base}/missing: the server answered HTTP 404" in done.stderr
    assert len(index(folder)) == 1
    assert f"read them with: python -m geo extract --profile syria-2024 {folder}" in done.stderr  # the war it named


def test_local_addresses_are_refused_unless_allowed(web, tmp_path: Path) -> None:
    base, _ = web
    report = fetch_into([f"{base}/news/2021/08/08/kunduz"], tmp_path, Fetcher(timeout=1, host_delay=0))
    assert len(report.failed) == 1 and "private or local address" in report.failed[0]


def test_an_atom_feed_gives_its_entries_and_hostile_entities_are_not_expanded() -> None:
    from geo.fetch.feeds import feed_items

    atom = b"""<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Example</title>
    <entry><title>Kunduz falls &x;</title><link rel="alternate" href="https://news.example/kunduz"/>
    <published>2021-08-08T10:00:00Z</published></entry>
    <entry><title>Herat falls</title><link href="https://news.example/herat"/><updated>2021-08-13</updated></entry>
    </feed>"""
    items = feed_items(atom)
    assert [(i.url, i.published) for i in items] == [
        ("https://news.example/kunduz", date(2021, 8, 8)),
        ("https://news.example/herat", date(2021, 8, 13)),
    ]
    assert "root:" not in items[0].title
