"""Speed gates are read off the patterns they guard, so a word added to a pattern is never skipped.

Why: a gate lets extraction skip a costly pattern when a cheap test fails. Kept by hand, a gate once
missed 'mopup' (the pattern said `mop-?up`): such a word is then silently never matched. Here
hypothesis writes texts each pattern matches and every gate must let each of them through.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo import profiles
from geo.extraction import dates, gates, places, rules, senses

# Every shipped profile's rules: the vocabulary with each war's side names and words put in.
RULES = [rules.rules_for(profiles.load(name)) for name in profiles.available()]
PROFILE_IDS = profiles.available()

# (pattern, the substrings its gate looks for): one of them is in every match
FACTOR_GATES = [
    *[
        (f"{name}:predicate:{kind}", re.compile(pattern, re.A), each.predicate_stems)
        for name, each in zip(PROFILE_IDS, RULES)
        for kind, pattern in each.predicates.items()
    ],
    ("group", rules.GROUP, rules.GROUP_NOUNS),
    ("some_of", rules.SOME_OF, rules.SOME_OF_NOUNS),
    ("attributed", rules.ATTRIBUTED, rules.ATTRIBUTED_STEMS),
    ("denied", rules.DENIED, rules.DENIED_STEMS),
    ("capital", senses.CAPITAL_BEFORE, senses.CAPITAL_WORDS),
    ("back_reference", re.compile(places.BACK_NOUNS, re.I), places.BACK_WORDS),
    ("time_marker", rules.TIME_MARKER, rules.TIME_MARKER_WORDS),
    ("clause_word", rules.CLAUSE_WORD, rules.CLAUSE_WORDS),
    ("day_after", dates.DAY_AFTER, dates.DAY_AFTER_CUES),
    *[(f"date{i}", e.pattern, e.cues) for i, e in enumerate(dates.SPANS_TO_NOW + dates.PAST_SPANS)],
    *[(f"day{i}", e.pattern, e.cues) for i, e in enumerate(dates.RELATIVE_DAYS + dates.SHIFT_FROM_CONTEXT)],
]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


def texts_matching(pattern) -> st.SearchStrategy[str]:
    """ASCII texts holding a match of the pattern (written for `re`; the `regex` ones use the same syntax)."""
    flags = re.A | (re.I if pattern.flags & re.I else 0)
    return st.from_regex(re.compile(pattern.pattern, flags), alphabet=st.characters(max_codepoint=127))


@pytest.mark.parametrize("name, pattern, gate", FACTOR_GATES, ids=[g[0] for g in FACTOR_GATES])
def test_every_match_holds_what_its_gate_looks_for(name, pattern, gate) -> None:
    @FAST
    @given(texts_matching(pattern))
    def check(text: str) -> None:
        assert any(word in text.lower() for word in gate), f"{name}: gate {gate} skips {text!r}"

    check()


@pytest.mark.parametrize("each", RULES, ids=PROFILE_IDS)
def test_every_left_trigger_starts_at_a_word_the_scan_finds(each: rules.Rules) -> None:
    @FAST
    @given(texts_matching(each.any_left_trigger))
    def check(text: str) -> None:
        match = re.search(each.any_left_trigger.pattern, text, re.A)
        assert each.trigger_word.match(text, match.start()), f"the trigger scan skips {text[match.start() :]!r}"

    check()


@pytest.mark.parametrize("each", RULES, ids=PROFILE_IDS)
def test_every_actor_name_starts_where_the_lookahead_tries_it(each: rules.Rules) -> None:
    @FAST
    @given(texts_matching(re.compile(rf"(?<![\w-])(?:{each.actor_name})", re.A)))
    def check(text: str) -> None:
        assert each.actor.search(text), f"the actor lookahead skips {text!r}"

    check()


def test_a_word_missing_from_a_hand_kept_gate_is_found() -> None:
    """'mopup' was missing from the hand-kept trigger words; read off the pattern it is there."""
    afghan = rules.rules_for(profiles.load("afghanistan-2021"))
    assert "mopup" in afghan.trigger_words
    sentence = "A mopup operation in @@@@@ went on."  # a place masked, as the rules read it
    claim = rules.classify(afghan, rules.read(afghan, sentence), sentence.index("@"), sentence.rindex("@") + 1)
    assert claim is not None and claim.status == "government"


def test_a_gate_is_refused_where_a_pattern_may_begin_with_nothing_literal() -> None:
    with pytest.raises(gates.GateError):
        gates.whole_first_words(r"\w+ed\s+@")
    with pytest.raises(gates.GateError):
        gates.required_factors(r"\w+\s+\d+")


def test_gates_read_off_small_patterns() -> None:
    assert gates.required_factors(r"\b(?:was|were) (?:captured|seized)\b") == ("captured", "seized")
    assert gates.first_words(r"\b(?:afghan )?(?:forces|troops)") == (
        "afghan forces",
        "afghan troops",
        "forces",
        "troops",
    )
    assert gates.whole_first_words(r"\bre-?took\b") == ("re", "retook")


def test_a_group_that_stops_reading_ends_the_start_there() -> None:
    """After `\\s+` inside a group nothing literal is known: 'a' is the start, never 'ac'."""
    assert gates.first_words(r"(?:a\s+b)c") == ("a",)
    assert gates.whole_first_words(r"\b(?:soldiers\s+)at") == ("soldiers",)
