"""An export made from hostile articles: every payload must arrive as text, none as markup or code.

Articles are untrusted and the map is shared, so script tags, event-handler
attributes, javascript: URLs, quotes that close attributes or JS strings, and
`</script>` are planted in the sentences, titles, file names and URLs, then
the map is opened in Chromium and every popup is opened on every day. Jinja
tags are planted too: folium's renderer must never evaluate article text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers import AFGHANISTAN
from map_support import errors, open_map

from geo.extraction.articles import Metadata, article_from_text
from geo.mapping.assets import fetch_for_folium
from geo.mapping.page import map_html
from geo.pipeline import extract

IMG = '<img src=x onerror="alert(1)">'
CLOSE = "</script><script>alert(2)</script>"
QUOTES = "\"'><svg onload=alert(3)>"
JS_STRING = "';alert(4);//\\"
JINJA = "{{ 7*7 }}{% if true %}jinja ran{% endif %}{# hidden #}"  # branca re-parses macros as templates
BAD_URL = 'https://example.org/a"><img src=x onerror=alert(9)>'
ARTICLES = [
    (
        f"Taliban {IMG} seize Kandahar {CLOSE}",
        f"The Taliban captured Kandahar on Thursday {IMG} after heavy fighting {CLOSE}.\n\n"
        f"Fighting raged in Herat {QUOTES} as the Taliban attacked the city {JS_STRING}.\n\n"
        f"The Taliban seized Ghazni on Thursday <b onmouseover=alert(5)>bold</b> and javascript:alert(6) {JINJA}.",
        f"{IMG}{QUOTES}.txt",
        "javascript:alert(7)",
    ),
    (
        f"Title {QUOTES}{JS_STRING}{JINJA}",
        f"Government forces retook Lashkar Gah on Wednesday {QUOTES} {CLOSE}.\n\n"
        "The Taliban encircled Mazar-i-Sharif on Thursday <iframe src=javascript:alert(8)></iframe>.",
        f"{CLOSE}.txt",
        BAD_URL,
    ),
]
PLACES = {"Kandahar", "Herat", "Ghazni", "Lashkar Gah", "Mazar-i-Sharif"}
INJECTED = """() => ({
  img: document.querySelectorAll('img[src="x"]').length,
  handlers: Array.from(document.querySelectorAll('*')).filter(
      e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on')))
      .map(e => e.outerHTML.slice(0, 80)),
  jsLinks: document.querySelectorAll('[href^="javascript" i], [src^="javascript" i]').length,
  foreign: document.querySelectorAll('iframe, svg svg, b, .frontline-popup script').length,
  scripts: document.scripts.length,
})"""


@pytest.fixture(scope="module")
def hostile_html() -> str:
    report = fetch_for_folium()
    assert not report.failed, report.lines()
    articles = [
        article_from_text(f"{title}\n\n{body}", name, Metadata(url=url, title=title, published=date(2021, 8, 13)))
        for title, body, name, url in ARTICLES
    ]
    table = extract(articles).table
    assert PLACES <= set(table["place"]), "the hostile sentences must still yield claims to show"
    return map_html(table, AFGHANISTAN, self_contained=True)


@pytest.fixture
def hostile_page(offline_page, hostile_html: str, tmp_path: Path):
    dialogs: list[str] = []
    offline_page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    path = tmp_path / "hostile.html"
    path.write_text(hostile_html, encoding="utf-8")
    page = open_map(offline_page, path)
    page.dialogs = dialogs
    return page


def test_payloads_never_appear_as_markup_in_the_file(hostile_html: str) -> None:
    for payload in (IMG, CLOSE, QUOTES, "<iframe", "<b onmouseover", "{{", "{%", "{#"):
        assert payload not in hostile_html


def open_every_popup(page) -> list[str]:
    """Click each marker in turn (as a reader would) and return each popup's text."""
    texts = []
    for place in page.locator("path.frontline-marker").evaluate_all("ps => ps.map(p => p.dataset.place)"):
        page.locator(f'path.frontline-marker[data-place="{place}"]').dispatch_event("click")
        popup = page.locator(".leaflet-popup .frontline-popup")
        popup.wait_for()
        assert popup.locator("h4").text_content() == place
        texts.append(popup.text_content())
    return texts


def test_every_popup_on_every_day_shows_payloads_as_text_and_runs_none(hostile_page) -> None:
    page = hostile_page
    before = page.evaluate(INJECTED)
    slider = page.locator(".frontline-slider")
    texts = []
    for index in range(int(slider.get_attribute("max")) + 1):
        slider.evaluate("(s, i) => { s.value = i; s.dispatchEvent(new Event('input')); }", index)
        texts += open_every_popup(page)
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    after = page.evaluate(INJECTED)

    assert page.dialogs == []
    assert after == {**before, "img": 0, "handlers": [], "jsLinks": 0, "foreign": 0}
    assert set(page.locator("path.frontline-marker").evaluate_all("ps => ps.map(p => p.dataset.place)")) == PLACES
    seen = "\n".join(texts)
    for payload in (IMG, CLOSE, QUOTES, JS_STRING, "<b onmouseover=alert(5)>", JINJA):
        assert payload in seen, f"{payload!r} should be shown, as text"
    assert errors(page) == []


def test_only_http_addresses_become_links_and_quotes_stay_inside_them(hostile_page) -> None:
    page = hostile_page
    page.locator('path.frontline-marker[data-place="Mazar-i-Sharif"]').dispatch_event("click")
    link = page.locator(".leaflet-popup .frontline-popup a")
    assert link.count() == 1
    assert link.get_attribute("href") == "https://example.org/a%22%3E%3Cimg%20src=x%20onerror=alert(9)%3E"
    assert link.text_content() == ARTICLES[1][0]
    page.locator('path.frontline-marker[data-place="Kandahar"]').dispatch_event("click")
    popup = page.locator(".leaflet-popup .frontline-popup")
    assert popup.locator("a").count() == 0  # javascript:alert(7) is shown as a name, never linked
    assert f"{IMG}{QUOTES}.txt" in popup.text_content()
    assert page.dialogs == [] and errors(page) == []
