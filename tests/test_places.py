"""Finding place names: spellings, typos, foreign places, names that are also people's."""

from datetime import date

from helpers import READER

from geo.extraction.articles import Metadata, article_from_text
from geo.extraction.places import sentence_mentions
from geo.geocoding.offline import GazetteerGeocoder
from geo.pipeline import extract


def names(sentence: str) -> list[str]:
    gazetteer = READER.gazetteer
    return [gazetteer.entries[m.candidates[0]].name for m in sentence_mentions("t", 0, sentence, gazetteer)]


def test_spelling_variants_fold_to_one_place():
    for spelling in ("Mazar-i-Sharif", "Mazar-e-Sharif", "Mazar-e Sharif", "Mazari Sharif"):
        assert names(f"Fighting reached {spelling} today.") == ["Mazar-i-Sharif"]


def test_typo_is_tolerated():
    assert names("Fighting was raging in Lashkar Gar.") == ["Lashkar Gah"]
    assert names("The Taliban took Kunduzz.") == ["Kunduz"]


def test_longest_name_wins():
    assert names("The Taliban control Herat International Airport.") == ["Herat International Airport"]


def test_possessive_is_not_part_of_the_name():
    assert names("Troops at Herat's Shindand Air Base deployed.") == ["Herat", "Shindand Air Base"]


def test_foreign_places_are_recognised_as_foreign():
    gazetteer = READER.gazetteer
    for sentence, name in (
        ("Talks resumed in Doha.", "Doha"),
        ("Officials in Washington said so.", "Washington"),
        ("It lies near the Iranian border.", "Iran"),
        ("Envoys met in Qatar.", "Qatar"),
    ):
        [mention] = sentence_mentions("t", 0, sentence, gazetteer)
        assert gazetteer.is_foreign(gazetteer.entries[mention.candidates[0]]), name


def test_common_words_and_people_are_not_places():
    assert names("Now the Police Chief and Ashraf Ghani met Abdullah Abdullah.") == []


def test_province_or_city_by_context():
    article = article_from_text(
        "Report\n\nThe Taliban captured Herat province. They also captured Kunduz city.",
        "t.txt",
        Metadata(published=date(2021, 8, 13)),
    )
    kinds = {e.place: e.place_kind for e in extract([article]).events}
    assert kinds == {"Herat": "province", "Kunduz": "city"}


def test_same_name_nearest_to_the_articles_other_places():
    text = (
        "Report\n\nThe Taliban captured Qarabagh district on Monday. Fighting continued in Jaghori and in Ghazni city."
    )
    article = article_from_text(text, "t.txt", Metadata(published=date(2021, 8, 13)))
    [event] = [e for e in extract([article]).events if e.place == "Qarabagh"]
    assert event.latitude < 34  # the Qarabagh of Ghazni, not the one north of Kabul


def test_gazetteer_is_a_geopy_geocoder():
    location = GazetteerGeocoder(READER.gazetteer).geocode("Kandahar")
    assert round(location.latitude, 1) == 31.6 and location.raw["kind"] == "city"
    assert location.raw["geonameid"] and location.raw["country"] == "AF"


def test_district_names_that_are_surnames():
    assert names("The governor, Ajmal Kakar, said the city was calm.") == []
    assert names("Things are heating up, Mr. Kakar said.") == []
    assert names("The Taliban captured Kakar District on Monday.") == ["Kakar"]
    assert names("In Kang, fighting continued.") == ["Kang"]
    assert names("Karkh, Kohsan, Gulran and Kushk fell.") == ["Karukh", "Kohsan", "Gulran", "Kushk"]


def test_a_title_case_headline_names_its_districts_but_not_its_people():
    assert names("Taliban Capture Anardara District of Farah") == ["Anar Dara", "Farah"]
    assert names("Afghan Forces Retake Kang District After Heavy Clashes") == ["Kang"]
    assert names("Governor Ajmal Kakar Visits Frontline Troops") == []
