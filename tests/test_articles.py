"""Reading article files: text, HTML, index.csv, and the clear errors a user sees."""

from datetime import date
from pathlib import Path

import pytest

from geo.extraction.articles import ArticleError, expand_paths, load_article
from geo.pipeline import DEMO, load_articles

REPORT = """Taliban seize another provincial capital

By Staff Reporter
August 10, 2021

KABUL: The Taliban captured Aybak on Monday, officials said. Fighting continued in Kunduz.
"""


def test_demo_articles_have_the_reports_date_not_the_sites():
    articles, problems = load_articles([DEMO])
    assert problems == []
    assert sorted(a.published for a in articles) == [date(2021, 8, 13)] * 2
    assert all(a.title and len(a.sentences) > 10 for a in articles)


def test_corpus_notes_are_not_articles():
    assert all(p.name != "SOURCES.md" for p, _ in expand_paths([DEMO]))


def test_text_article(tmp_path: Path):
    path = tmp_path / "aybak.txt"
    path.write_text(REPORT, encoding="utf-8")
    article = load_article(path)
    assert article.title == "Taliban seize another provincial capital"
    assert article.published == date(2021, 8, 10)
    assert any("Aybak" in s.text for s in article.sentences)


def test_index_csv_wins_over_the_text(tmp_path: Path):
    (tmp_path / "aybak.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "index.csv").write_text(
        "file,url,published,title\naybak.txt,https://example.org/a,2021-08-11,Given title\n",
        encoding="utf-8",
    )
    [(path, meta)] = expand_paths([tmp_path])
    article = load_article(path, meta)
    assert (article.published, article.title, article.url) == (
        date(2021, 8, 11),
        "Given title",
        "https://example.org/a",
    )


def test_html_article_main_text_and_metadata(tmp_path: Path):
    html = """<html><head><title>Taliban seize Aybak</title>
    <meta property="article:published_time" content="2021-08-10T08:00:00Z"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Taliban seize Aybak</h1>
    <p>The Taliban captured Aybak, the capital of Samangan province, on Monday after officials
    handed over the city without a fight, according to local elders and the provincial council.</p>
    <p>Fighting continued in Kunduz and in Sheberghan, where government forces were besieged by the
    insurgents for a third day running, residents said on Monday evening.</p></article>
    <footer>Copyright 2024</footer></body></html>"""
    path = tmp_path / "aybak.html"
    path.write_text(html, encoding="utf-8")
    article = load_article(path)
    assert article.published == date(2021, 8, 10)
    assert "Aybak" in article.text and "Sport" not in article.text


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty"),
        ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (
            "events.csv",
            b"article,published,place\nkunduz.txt,2021-08-08,Kunduz\n",
            "not an article file",
        ),
    ],
)
def test_bad_files_are_named_and_the_rest_still_processed(tmp_path: Path, name, content, message):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(REPORT, encoding="utf-8")
    articles, problems = load_articles([tmp_path / name, tmp_path / "good.txt"])  # named, as on a command line
    assert [a.id for a in articles] == ["good.txt"]
    assert len(problems) == 1 and name in problems[0] and message in problems[0]


def test_missing_file_is_reported(tmp_path: Path):
    with pytest.raises(ArticleError, match="nothere.txt"):
        load_article(tmp_path / "nothere.txt")


def test_a_dated_line_is_not_the_title():
    from geo.extraction.articles import guess_title

    assert guess_title(["Published 9 August 2021", "Taliban seize Aybak after a short battle"]) == (
        "Taliban seize Aybak after a short battle"
    )


def test_whitespace_in_a_line_is_normalised_and_evidence_reads_cleanly(tmp_path: Path):
    """Tabs, non-breaking and doubled spaces from a pasted page become single spaces in the evidence."""
    path = tmp_path / "spaced.txt"
    path.write_text(
        "Taliban  take\tKunduz  city\n\n August 9, 2021 \n\nThe\u00a0Taliban captured  Kunduz on Sunday. \n",
        encoding="utf-8",
    )
    article = load_article(path)
    assert article.title == "Taliban take Kunduz city"
    assert [s.text for s in article.sentences][-1] == "The Taliban captured Kunduz on Sunday."


def test_a_sentence_keeps_its_closing_quote():
    """Evidence is quoted to the user as written: a quotation's closing mark stays with its sentence."""
    from geo.text import split_sentences

    assert split_sentences('He said: "The city has fallen." Officials denied it. Dr. Amin left.') == [
        'He said: "The city has fallen."',
        "Officials denied it.",
        "Dr. Amin left.",
    ]


def test_links_left_in_copied_text_do_not_hide_a_claim() -> None:
    """Text copied from a page may keep its links: they are no words of the report."""
    from helpers import claims

    link = '<a href="https://example.org/k?a=1&b=2" target="_blank">Kandahar</a>'
    text = f"Kandahar falls\n\nThe Taliban captured {link} on Thursday.\n"
    assert claims(text) == {"Kandahar": "taliban"}
