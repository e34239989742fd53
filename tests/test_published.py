"""The publication date: each place a reader looks, which one wins, and what is never a date."""

from datetime import date
from pathlib import Path

import pytest

from geo.extraction.articles import load_article
from geo.extraction.published import decide, find_dates
from geo.pipeline import load_articles

BODY = "The Taliban captured Aybak after a short battle, officials said on Monday. Fighting went on in Kunduz."
TODAY = date(2026, 12, 7)


def published(*blocks: str, name: str = "report.txt", url: str = "", around: date | None = None, title: str = ""):
    found = find_dates(list(blocks), title or blocks[0], name, url, today=TODAY)
    return decide(found, around)


@pytest.mark.parametrize(
    "blocks, day, source",
    [
        ((" date 2021-08-09 Connect with us", "Taliban seize Aybak after a battle", BODY), date(2021, 8, 9), "marker"),
        (("Taliban seize Aybak after a battle", "Aug 9, 2021, 10:08 AM", BODY), date(2021, 8, 9), "byline"),
        (("Taliban seize Aybak after a battle", "AFP Kabul 08 August 2021", BODY), date(2021, 8, 8), "byline"),
        (("Taliban seize Aybak after a battle", "(Last Updated On: August 5, 2021)", BODY), date(2021, 8, 5), "byline"),
        (
            ("Taliban seize Aybak after a battle", "TEHRAN, Aug. 09 (MNA) – " + BODY),
            date(2021, 8, 9),
            "dateline",
        ),
        (("Taliban seize Aybak after a battle", "KABUL, Aug 14 (Reuters) - " + BODY), date(2021, 8, 14), "dateline"),
        (("Taliban seize Aybak after a battle", "July 14 (UPI) — " + BODY), date(2021, 7, 14), "dateline"),
        (
            ("Taliban seize Aybak after a battle", "Source: https://example.org/world/2021/08/14/aybak-falls", BODY),
            date(2021, 8, 14),
            "url",
        ),
        (
            ("Taliban seize Aybak after a battle", "The Taliban took Aybak on Sunday, August 15, officials said."),
            date(2021, 8, 15),
            "text",
        ),
    ],
)
def test_each_place_a_reader_looks(blocks, day, source):
    around = date(2021, 8, 10)  # the year a yearless date takes comes from the rest of the batch
    found = published(*blocks, around=around)
    assert (found.day, found.source) == (day, source)


def test_the_file_name_and_the_url_given():
    found = published("Taliban seize Aybak after a battle", BODY, name="2021-08-12_ghazni-falls.txt")
    assert (found.day, found.source) == (date(2021, 8, 12), "filename")
    found = published("Taliban seize Aybak after a battle", BODY, url="https://news.example/2021/08/14/aybak")
    assert (found.day, found.source) == (date(2021, 8, 14), "url")


def test_a_link_inside_a_paragraph_is_not_the_pages_address():
    linked = "Since the fall of Kabul (https://example.org/2021/08/15/kabul), " + BODY
    assert published("Taliban seize Aybak after a battle", linked).source == "unknown"


def test_with_no_date_anywhere_the_date_is_unknown():
    found = published("Taliban seize Aybak after a battle", BODY)
    assert (found.day, found.source) == (None, "unknown")


def test_a_photo_caption_date_loses_to_the_dateline_and_is_never_a_date_on_its_own():
    caption = ("Taliban fighters patrol in Kunduz, Afghanistan, Wednesday, July 7, 2021. (AP Photo/A Photographer)",)
    found = published(
        "Taliban seize Aybak after a battle", *caption, "KABUL, Aug 8 (AFP) - " + BODY, around=date(2021, 8, 1)
    )
    assert (found.day, found.source) == (date(2021, 8, 8), "dateline")
    assert published("Taliban seize Aybak after a battle", *caption, BODY).day is None
    credit = "Fighters at a checkpoint, July 7, 2021 [Abdullah Sahil/AP Photo]"
    assert published("Taliban seize Aybak after a battle", credit, BODY).day is None


def test_copyright_and_the_sites_own_date_above_the_headline_lose():
    found = published(
        "menu",
        "Saturday June 1, 2024",
        "Taliban take two more provincial capitals",
        "By Staff Reporter",
        "August 13, 2021",
        BODY,
        title="Taliban take two more provincial capitals",
    )
    assert found.day == date(2021, 8, 13)
    assert published("Taliban take two more provincial capitals", "© 2024 News Ltd, July 4, 2024", BODY).day is None


def test_when_sources_disagree_the_most_deliberate_wins_and_every_date_is_kept():
    found = published(
        " date 2021-08-09",
        "Taliban seize Aybak after a battle",
        "August 7, 2021",
        "KABUL, Aug 8 (AFP) - " + BODY,
        name="2021-08-10_aybak.txt",
    )
    assert (found.day, found.source) == (date(2021, 8, 9), "marker")
    assert [f.source for f in found.found] == ["marker", "filename", "byline", "dateline", "text"]


def test_a_deadline_in_the_text_is_not_the_day_of_the_report():
    text = "US troops are to leave by August 31, 2021. The Taliban took Aybak on August 9, 2021, officials said."
    assert published("Taliban seize Aybak after a battle", text).day == date(2021, 8, 9)


def test_a_weekday_beside_a_yearless_date_gives_its_year():
    # 15 August was a Sunday in 2021, and in no later year up to 2026
    assert published("Taliban seize Aybak", "On Sunday, August 15, the Taliban took Kabul.").day == date(2021, 8, 15)


def test_a_bare_folder_is_dated_and_yearless_datelines_take_the_batchs_year(tmp_path: Path):
    (tmp_path / "a.txt").write_text(f"Taliban seize Aybak after a battle\n\nAugust 9, 2021\n\n{BODY}\n", "utf-8")
    (tmp_path / "b.txt").write_text(f"Mazar falls\n\nKABUL, Aug 14 (Reuters) - {BODY}\n", "utf-8")
    (tmp_path / "c.txt").write_text(f"Kunduz falls\n\n{BODY}\n", "utf-8")
    articles, problems = load_articles([tmp_path])
    assert problems == []
    dated = {a.id: (a.published, a.published_source) for a in articles}
    assert dated == {
        "a.txt": (date(2021, 8, 9), "byline"),
        "b.txt": (date(2021, 8, 14), "dateline"),
        "c.txt": (None, "unknown"),
    }


def test_an_undated_file_is_read_not_refused_and_makes_no_claim_yet(tmp_path: Path):
    from geo.pipeline import run

    path = tmp_path / "kunduz.txt"
    path.write_text(f"Kunduz falls to the Taliban\n\n{BODY}\n", "utf-8")
    assert load_article(path).published is None
    result = run([path])
    assert result.problems == [] and [a.id for a in result.undated] == ["kunduz.txt"] and result.events == []


@pytest.mark.parametrize(
    "background",
    [
        "The offensive was launched on August 30, 2021 by the insurgents.",
        "Fighting broke out near the city on August 30, 2021, residents said.",
        "They were ousted twenty years ago after the September 11 attacks.",
        "The rebels had taken several towns by the evening of August 30, 2021.",
    ],
)
def test_a_date_recalled_as_background_does_not_date_the_report(background):
    text = f"The Taliban took Aybak on August 9, 2021, officials said. {background}"
    assert published("Taliban seize Aybak after a battle", text).day == date(2021, 8, 9)


def test_a_date_far_from_the_rest_of_the_batch_does_not_date_the_report():
    text = "A chemical attack killed dozens there on April 4, 2017, the report recalled."
    assert published("Taliban seize Aybak after a battle", text).day == date(2017, 4, 4)  # alone, it is all there is
    assert published("Taliban seize Aybak after a battle", text, around=date(2021, 8, 9)).source == "unknown"
