"""Text primitives under bad input: sentences stay sentence-sized, and names print on one line.

Why: every later step does more than linear work per sentence, so a "sentence" of a megabyte (a list of
places, a file with no full stop) must arrive cut into pieces; and a file name is untrusted text that
reaches the terminal.
"""

from __future__ import annotations

from geo.text import MAX_SENTENCE, printable, split_sentences


def test_a_run_without_full_stops_is_cut_at_commas_into_pieces_that_keep_every_word() -> None:
    places = "Ghazni, Herat, Kunduz, " * 1000
    pieces = split_sentences(f"The Taliban captured {places}and Kabul")
    assert len(pieces) > 1 and all(len(p) <= MAX_SENTENCE for p in pieces)
    assert all(p.endswith(",") for p in pieces[:-1])  # cut after a comma, never inside a name
    assert " ".join(pieces).split() == f"The Taliban captured {places}and Kabul".split()


def test_a_run_without_commas_is_cut_at_a_space() -> None:
    pieces = split_sentences("word " * 2000)
    assert all(len(p) <= MAX_SENTENCE and set(p.split()) == {"word"} for p in pieces)


def test_a_sentence_of_normal_length_is_left_whole() -> None:
    sentence = "The Taliban captured " + "Ghazni, " * 200 + "and Herat."
    assert len(sentence) < MAX_SENTENCE and split_sentences(sentence) == [sentence]


def test_initials_and_titles_never_end_a_sentence_however_many() -> None:
    first = "A. " * 5000 + "Then Mr. Amin left."
    pieces = split_sentences(f"{first} Kabul fell.")
    assert pieces[-1] == "Kabul fell." and pieces[-2].endswith("Then Mr. Amin left.")
    assert " ".join(pieces[:-1]).split() == first.split() and all(len(p) <= MAX_SENTENCE for p in pieces)


def test_a_file_name_prints_on_one_line_with_its_control_characters_shown() -> None:
    name = "evil\n\x1b[31mskipped good.txt\x1b[0m\udcff.txt"
    shown = printable(name)
    assert shown == "evil\\n\\x1b[31mskipped good.txt\\x1b[0m\\udcff.txt"
    shown.encode("utf-8")  # an undecodable byte no longer breaks the terminal's encoding
    assert printable("Mazār-i-Sharif café.txt") == "Mazār-i-Sharif café.txt"
