"""Speed gates derived from the patterns they guard, never kept by hand.

A gate is a cheap test that must pass before a costly pattern is tried: a
substring one of which stands in every match (`in` tests, one trie scan), or
the words a match can begin with (a trie lookahead, so the pattern is tried
only where one stands). Kept by hand, a gate goes stale the day someone adds a
word to a pattern and not to its gate, and that word is then silently never
matched. Here each gate is read off the pattern itself (its parse tree, from
Python's own regex parser), so it is sound by construction: anything the
pattern can match passes its gate.
"""

from __future__ import annotations

import re
from itertools import product

# Python's own regex parser (3.11 and later name it re._parser): the parse tree every `re` pattern
# compiles from; `regex` patterns here use the same syntax.
from re import _constants as c
from re import _parser as sre_parse

LIMIT = 4000  # prefixes kept per pattern before extending stops (a shorter prefix is still a sound gate)
WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


class GateError(ValueError):
    """A gate cannot be read off this pattern: its matches may begin (or hold) nothing literal."""


def parse(pattern: str | re.Pattern[str]):
    text = pattern if isinstance(pattern, str) else pattern.pattern  # re or regex: both keep their source
    return sre_parse.parse(text, re.A)


def prefixes(pattern: str | re.Pattern[str]) -> frozenset[tuple[str, bool]]:
    """Every literal start a match can have, each with whether the start is open (more letters of the
    same word may follow, unknown). Every match begins with one of them."""
    return frozenset(starts(list(parse(pattern)), {("", False)}))


def starts(items: list, current: set[tuple[str, bool]]) -> set[tuple[str, bool]]:
    done: set[tuple[str, bool]] = set()
    for at, (op, arg) in enumerate(items):
        if not current:
            break
        if op == c.LITERAL:
            current = {(p + chr(arg), False) for p, _ in current}
        elif op in ZERO_WIDTH:
            continue
        elif op == c.SUBPATTERN:  # a group is read as if its items stood in the sequence
            return done | starts(list(arg[3]) + items[at + 1 :], current)
        elif op == c.BRANCH:
            following = items[at + 1 :]
            return done | {s for alt in arg[1] for s in starts(list(alt) + following, set(current))}
        elif op == c.IN and len(arg) <= 6 and all(o == c.LITERAL for o, _ in arg):
            current = {(p + chr(ch), False) for (p, _), (_, ch) in product(current, arg)}
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] == 0 and arg[1] == 1:
            following = items[at + 1 :]
            taken = starts(list(arg[2]) + following, set(current))
            skipped = starts(following, set(current))
            return done | taken | skipped
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            once = starts(list(arg[2]), set(current))
            more = word_may_go_on(list(arg[2]))  # more of it may follow: unknown from here
            return done | {(p, open_ or more) for p, open_ in once}
        else:  # a class, \w, \s, any character, an open repeat: the literal start ends here
            bounded = at > 0 and items[at - 1] == (c.AT, c.AT_BOUNDARY)  # "fighting\b": the word is whole
            more = not bounded and word_may_go_on(items[at:])
            return done | {(p, more) for p, _ in current}
        if len(current) > LIMIT:
            return done | {(p, True) for p, _ in current}
    return done | current


def word_may_go_on(items: list) -> bool:
    """Whether the first thing these items match could be a letter of the word before it; when unsure, yes."""
    if not items:
        return True
    op, arg = items[0]
    if op == c.LITERAL:
        return chr(arg).lower() in WORD_CHARS
    if op == c.IN:
        return any(in_word(o, a) for o, a in arg)
    if op == c.SUBPATTERN:
        return word_may_go_on(list(arg[3]))
    if op == c.BRANCH:
        return any(word_may_go_on(list(alt)) for alt in arg[1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):
        return word_may_go_on(list(arg[2])) or (arg[0] == 0 and word_may_go_on(items[1:]))
    if op == c.AT:
        return arg != c.AT_BOUNDARY and word_may_go_on(items[1:])
    if op in (c.ASSERT, c.ASSERT_NOT):
        return word_may_go_on(items[1:])
    return True


def in_word(op, arg) -> bool:
    if op == c.LITERAL:
        return chr(arg).lower() in WORD_CHARS
    if op == c.CATEGORY:
        return arg not in (c.CATEGORY_SPACE, c.CATEGORY_NOT_WORD)
    return True  # a range, a negated set: may be a letter


def first_words(pattern: str | re.Pattern[str]) -> tuple[str, ...]:
    """The literal starts of every match, shortest set first: a lookahead trie of them lets the
    pattern be tried only where one stands."""
    found = {p for p, _ in prefixes(pattern)}
    if "" in found:
        raise GateError(f"a match of {pattern!r} may begin with nothing literal")
    return tuple(sorted(minimal(found)))


def whole_first_words(pattern: str | re.Pattern[str]) -> tuple[str, ...]:
    """The first whole word of every match (its letters up to the first non-word character).

    For a gate that scans for whole words (`\\bword\\b`), a start left open mid-word could hide a
    longer word, so it is refused rather than guessed."""
    words = set()
    for start, open_ in prefixes(pattern):
        word = re.match(r"[a-z0-9_]*", start).group(0)
        if not word or (word == start and open_):
            raise GateError(f"{pattern!r}: a match may begin with {start!r} and an unknown rest of its word")
        words.add(word)
    return tuple(sorted(words))


def minimal(found: set[str]) -> set[str]:
    """Drop every start that a shorter one already covers."""
    kept: set[str] = set()
    for item in sorted(found, key=len):
        if not any(item.startswith(k) for k in kept):
            kept.add(item)
    return kept


def required_factors(pattern: str | re.Pattern[str], common: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Literal strings one of which stands in every match: an `in` test or one trie scan that
    must succeed before the pattern is worth trying. Where a match holds several, a set free of
    `common` words (the sides' names, which stand in nearly every sentence of a war report) is taken
    first: a gate of them would let everything through."""
    found = factors(list(parse(pattern)), common)
    if not found or "" in found:
        raise GateError(f"no literal stands in every match of {pattern!r}")
    return tuple(sorted(minimal_substrings(found)))


def factors(items: list, common: tuple[str, ...] = ()) -> frozenset[str] | None:
    """The best set of strings, one of which every match of this sequence holds; None if none."""
    run = ""
    candidates: list[frozenset[str]] = []
    for op, arg in items:
        if op == c.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        if op in ZERO_WIDTH:
            continue
        if op == c.SUBPATTERN:
            inner = factors(list(arg[3]), common)
        elif op == c.BRANCH:
            alts = [factors(list(alt), common) for alt in arg[1]]
            inner = None if any(a is None for a in alts) else frozenset().union(*alts)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            inner = factors(list(arg[2]), common)
        else:
            inner = None
        if inner is not None:
            candidates.append(inner)
    if run:
        candidates.append(frozenset([run]))

    def rank(option: frozenset[str]) -> tuple[bool, int]:  # rare first: no side's name, long words
        return (not any(word in member for member in option for word in common), min(map(len, option)))

    return max(candidates, key=rank, default=None)


def minimal_substrings(found: frozenset[str]) -> set[str]:
    """Drop every factor that holds a shorter one: the shorter is in every text the longer is."""
    kept: set[str] = set()
    for item in sorted(found, key=len):
        if not any(k in item for k in kept):
            kept.add(item)
    return kept
