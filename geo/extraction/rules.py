"""The status rules: every pattern that reads a control claim out of a sentence.

A sentence arrives "masked": each place mention is replaced by a run of `@`
of the same length, so offsets stay valid and a pattern can say "a place
here" as `@+`; read() lowers its case, offsets kept. A claim about a place
comes either from a trigger on its left whose object it is ("the Taliban
captured X", "fighting in X", "the fall of X") or from a predicate on its
right whose subject it is ("X fell", "X, the second city, was captured by
the Taliban"). Who acts decides the side for verbs either side uses
(captured, forced out of, controls).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import regex
from retrie.trie import Trie

from ..profiles import CONTESTED, Profile, ProfileError
from ..text import lower_case
from .gates import GateError, first_words, required_factors, whole_first_words
from .vocabulary import FAMILY_END, families

# The rules read a sentence in lower case: the patterns are written in lower case and run without
# IGNORECASE, which slows both engines 1.5-2x. (DATELINE reads capitals, and LIST_COLON runs before the
# lowering.) `re` runs them, the faster of the two on lower-case text; `regex` only what re cannot do:
# REVERSE and partial matches. Every pattern is compiled ASCII (re.A, regex.A): the words the rules read are
# English, place names (the words likeliest to hold other letters) are masked to @ by then, and an ASCII word
# boundary is checked faster than a Unicode one: 4.5 % of extraction's instructions.

PLACE = r"@+"
PLACES = re.compile(PLACE, re.A)
POSSESSIVE = re.compile(r"['’´]s\b", re.A)
# Who acts is read with the names of the profile's sides (Rules.actor). A side's name used as a modifier
# ("police headquarters", "Taliban strongholds", "pushed back a Taliban offensive and retook X") is not an actor.
MODIFIED = (
    r"(?!\s+(?:headquarters|hq|station|stations|base|bases|positions?|posts?|checkpoints?|office|"
    r"offices|building|compound|strongholds?|heartlands?|flag|proposal|offensives?|assaults?|onslaught|"
    r"takeover)\b)"
)

# Clause boundaries: a claim's trigger and its place stand in the same clause. Three cheap scans
# rather than one: punctuation (which the engine finds by its first character), four words (looked
# for only in a sentence that has them), and a dateline ("KABUL (AP) —") at the start.
CLAUSE_PUNCTUATION = re.compile(
    r";|:\s|,\s+(?:(?:while|but|whereas|which|who|where|although|though|as(?! well as)|after|when|even as)\b|"
    r"(?=(?!including\b)\w+ing\b))",
    re.A,
)
# "A in X; B in Y; and C": where semicolons part a list, one before a place goes on with it.
LISTING_SEMICOLON = re.compile(r";\s*(?:and\s+)?(?:the\s+)?@", re.A)
# "Despite the military not naming the settlements, X was freed": a concession ends at its comma.
CONCESSION = re.compile(r"\s*(?:despite|although|though|even though)\b[^,;]{0,200},", re.A)
# "after their capture of X" opens a clause of its own; "hours after capturing X" goes on with its subject.
CLAUSE_WORD = re.compile(r"\b(?:but|while|whereas|although)\b|\bafter\b(?!\s+\w+ing\b)", re.A)
CLAUSE_WORDS = required_factors(CLAUSE_WORD)  # one of them is in every match
DATELINE = re.compile(r"[@A-Z][@A-Z ,./'’]*(?:\([^)]*\))?\s*(?:[–—]|--?)\s", re.A)
# "seized three more capitals: A; B; and C" — a colon after a plural opens a list, not a new clause.
LIST_COLON = re.compile(
    r"\b(?:cities|capitals|districts|towns|villages|settlements|communities|provinces|crossings|bases|centres|centers|"
    r"hands|control)\s*:[^.]*",
    re.I | re.A,
)

ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|last|\d+(?:st|nd|rd|th))"
CLOSING = " \"'”’)]"  # what may follow a sentence's last mark: "Will Kabul fall?”" is a question

# Words that make a clause something other than a report of fact.
HYPOTHETICAL = re.compile(
    rf"\b(?:if|once|unless|would(?!\s+be\s+the\s+{ORDINAL}\b)|could|might|may|should|will|shall|won't|wouldn't|can't|cannot|not|"
    r"never|n't|fail(?:s|ed)? to|threaten(?:s|ed|ing)? to|try(?:ing)? to|tried to|attempt(?:s|ed|ing)? to|"
    r"bid to|efforts? to|strategy to|plan(?:s|ned|ning)? to|aim(?:s|ed|ing)? to|poised to|about to|seeking to|"
    r"in the event|"
    r"prevent(?:ed|ing)?|whether|fear(?:s|ed)?|expected to|likely to|forecast|possibility|potential|"
    r"possible|imminent|risk of|threat of|could soon|"
    # habits, not the news of the day
    r"over the (?:years|decades)|regularly|traditionally|historically|sporadic|occasional|frequent(?:ly)?|"
    r"no\s+(?:[\w-]+\s+)?(?:districts?|cities|city|towns?|provinces?|areas?|parts?|places?)|"  # "no district is"
    r"(?:talks?|talking|negotiations?|negotiating)\s+(?:[\w-]+\s+){0,5}?(?:about|on|over))\b",
    re.A,
)
ATTRIBUTED = re.compile(r"\b(?:claim(?:s|ed)?|said|says|according to|reportedly|reports?)\b", re.A)
ATTRIBUTED_STEMS = required_factors(ATTRIBUTED)  # one of them is in every match
DENIED = re.compile(r"\b(?:den(?:y|ies|ied)|rejected|dismissed|false)\b", re.A)
DENIED_STEMS = required_factors(DENIED)  # likewise


def denies(text: str) -> bool:
    lowered = text.lower()
    return any(stem in lowered for stem in DENIED_STEMS) and bool(DENIED.search(lowered))


# The BACKWARDS patterns below end in `$`: each is read backwards from the end of the text before a
# place, so `.match` tries it at that end only, where `.search` would go on trying every position.
BACKWARDS = regex.REVERSE

# What may stand between a left trigger and its place: a few words, other
# places of a list, no preposition that makes the place a mere landmark.
GAP_WORDS = 18
# "Dawlatabad district in northern Faryab": the second place only says where the first is.
LOCATOR = regex.compile(
    r"@(?:(?:\s+(?:district|city|town|province|village|area)s?)?\s*,?\s+(?:in|of|near)\s+"
    r"(?:the\s+)?(?:[@\w]+['’´]s\s+)?(?:(?:north|south|east|west|central)\w*\s+)?"
    r"(?:province\s+of\s+)?|"
    r"\s+(?:district|town|village|area)s?\s*,\s*)$",
    BACKWARDS | regex.A,
)
POSSESSED_PART = re.compile(
    r"['’´]s\s+(?:[\w-]+\s+){0,2}(?:headquarters|hq|compound|office|offices|prison|"
    r"jail|airport|palace|outskirts|gates?|police|governor)",
    re.A,
)
# "most of Aleppo's city centre": who holds a city's centre holds the city (and "the central part of" it).
CENTRE_PART = re.compile(r"['’´]s\s+(?:city\s+)?cent(?:re|er)\b", re.A)
# "took over Herat police headquarters": a building the place names, not the place.
BUILDING_AFTER = re.compile(
    r"\s+(?:(?:police|provincial|city|central|district)\s+)?(?:headquarters|hq|compound|"
    r"prison|jail|palace|customs)\b",
    re.A,
)
# "Takhar province's capital Taloqan", "the Nimroz provincial capital of Zaranj": the capital is named next.
CAPITAL_NAMED_NEXT = r"(?:\s+province)?(?:['’´]s)?\s+(?:provincial\s+)?capital\s+(?:of\s+|city\s+)?(?:the\s+)?"
# Between a place and the next of one list stands a separator: "A, B and C", "A; B", "A including B".
# A possessive joins too: "Afghanistan's second city of Kandahar", "Herat's Shindand Air Base".
# The separator ends the stretch before the place, give or take a few words ("and the city of").
LIST_GLUE = re.compile(
    r"(?:[,;&]|\b(?:and|or|plus|as well as|including|such as|namely)\b)(?:\s+[\w-]+){0,3}\s*$|"
    rf"^['’´]s\b|^{CAPITAL_NAMED_NEXT}$",
    re.A,
)
NEW_CLAUSE = re.compile(
    r"\b(?:said|says|told|announced|reported|added|that|which|who|where|is|was|are|were)\b|"
    r"\band\s+(?:have|has|had)\b|"
    r"\b(?:approach\w*|advanc\w*|head(?:ed|ing)?|mov(?:ed|ing)|march(?:ed|ing)?)\s+(?:on|to|towards?|for)?\b",
    re.A,
)
LANDMARK = regex.compile(
    r"\b(?:from|near|around|towards?|to|via|outside|beyond|between|against|into|linking|links|connecting|"
    r"connects|except|excluding|apart from|other than|(?:north|south|east|west)\w*\s+of|"
    r"neighbou?ring\s+the|bordering|adjacent to|close to|next to)\s+"
    r"(?:the\s+)?(?:\w+\s+){0,2}$",
    BACKWARDS | regex.A,
)
# "attacks against A and B from the provinces of C and D": a list goes no further than such a word.
LANDMARK_WORD = re.compile(
    r"\b(?:from|near|towards?|via|outside|beyond|between|into|except|excluding|apart from|other than)\b", re.A
)
PARTIAL_NOUN = (
    r"\b(?:headquarters|hq|compound|office|offices|prison|jail|checkpoints?|outposts?|bases?|"
    r"buildings?|palace|outskirts|(?<!central )(?<!all the )(?<!all )parts?|areas?|neighbou?rhoods?|suburbs?|"
    r"villages?|gates?|edges?|"
    r"streets|residence|mansion|airport|university|hospital|bazaar|market)"
)
PARTIAL = re.compile(rf"(?:{PARTIAL_NOUN}\s+(?:of|in|near|around)|\d+\s*(?:%|per\s*cent)\s+of)\b", re.A)
# "partially lost control over X", "partly captured X": a part of it.
PARTLY = re.compile(r"\b(?:partially|partly)\s+(?:[\w-]+\s+)?$", re.A)
# "central parts of the city of X fell": the subject is part of the place, and of each place listed with it
# ("most areas of A and B districts").
PARTIAL_SUBJECT = regex.compile(
    r"\b(?:(?:parts?|areas?|neighbou?rhoods?|suburbs?|outskirts|rest)\s+(?:of|in)|\d+\s*(?:%|per\s*cent)\s+of)\s+"
    r"(?:the\s+)?(?:city\s+of\s+)?"
    r"(?:@+\s*(?:,\s*(?:and\s+)?|and\s+|&\s*))*$",
    BACKWARDS | regex.A,
)
# "captured eight districts in Herat province": the districts are taken, the province is where they are.
SOME_OF = regex.compile(
    rf"\b(?:(?:a|one|another|\d+|{ORDINAL})\s+(?:[\w-]+\s+)?(?:district|village|town|settlement)|"
    r"districts|villages|towns|settlements|localities)\s+(?:of|in)\s+(?:the\s+)?(?:city\s+of\s+)?(?:[@\w]+['’´]s\s+)?"
    r"(?:(?:their|its|the|former|traditional|spiritual|old|strategic(?:ally)?|important|key|vital|restive)\s+){0,3}"
    r"(?:(?:bastion|stronghold|heartland)\s+of\s+)?"
    r"(?:(?:\w+an|\w+ern|central)\s+){0,2}(?:provinces?\s+of\s+)?"
    r"(?:@+(?:\s+province)?\s*(?:,\s*(?:and\s+)?|and\s+|or\s+))*$",
    BACKWARDS | regex.A,
)
SOME_OF_NOUNS = required_factors(SOME_OF)  # one is in every match
# "took Sheberghan, the provincial capital in Jawzjan": after a named object, "in X" only says where.
WHERE_IN = regex.compile(
    r"[^\s@]\s+(?:in|at)\s+(?:the\s+)?(?:(?:@+(?:['’´]s)?|\w+ern)\s+)*(?:province\s+of\s+)?$",
    BACKWARDS | regex.A,
)
# "the third district overrun by the Taliban in Baghlan, Maidan Wardak and Laghman provinces": provinces listed
# after "in" say where; districts so listed are more items ("A district in X and B district in Y").
WHERE_IN_LIST = regex.compile(
    r"[^\s@]\s+(?:in|at)\s+(?:the\s+)?"
    r"(?:(?:[\w-]+\s+)?@+\s*(?:,\s*(?:and\s+)?|and\s+|&\s*))+$",
    BACKWARDS | regex.A,
)
# What a place names when the words after it make it a modifier, not itself: an office ("Bamiyan governor",
# "Kunduz police"), a road ("the Pul-e-Khumri – Kunduz highway"), or a capital named next (whose the claim is).
NAMES_ANOTHER = re.compile(
    r"\s+(?:provincial\s+)?(?:governors?|government|police(?!\s+(?:headquarters|hq|compound))|"
    r"officials?|spokesm[ae]n|council|lawmakers?|residents?|authorities|commanders?|chief|deputy|elders|mps?)\b|"
    rf"(?:\s*[-–—]\s*@+)*\s+(?:highway|road|motorway)s?\b|{CAPITAL_NAMED_NEXT}@",
    re.A,
)
# "two villages of Taloqan, capital city of Takhar": the province names the city before it again (see
# senses.names_a_capital), whose own claim stands.
CAPITAL_OF_THE_PLACE_BEFORE = regex.compile(
    r"@\s*,\s*(?:the\s+)?(?:provincial\s+)?capital(?:\s+city)?\s+of\s+"
    r"(?:the\s+)?(?:\w+ern\s+)?(?:province\s+of\s+)?$",
    BACKWARDS | regex.A,
)
DISTRICT_NAMED = re.compile(r"\s+districts?\b", re.A)
# In Afghan reports a district's headquarters or centre stands for the district (see DISTRICT_CENTRE).
DISTRICT_SEAT_AFTER = re.compile(r"\s+district\s+(?:headquarters|hq|cent(?:er|re))\b", re.A)
# "captured the center of Dand Patan district", "the district headquarters of Farah's Anardara district":
# in Afghan reports, taking a district's centre or headquarters is taking the district.
DISTRICT_CENTRE = regex.compile(
    r"\b(?:cent(?:er|re)s?|district\s+(?:and\s+police\s+)?headquarters)\s+of\s+"
    r"(?:the\s+)?(?:@+['’´]s\s+)?$",
    BACKWARDS | regex.A,
)
LISTED = re.compile(r"\b(?:including|such as|namely|among them)\b", re.A)

# "withdrew on Monday afternoon from X": when, said between a verb and its preposition.
WHEN = (
    r"(?:\s+(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|overnight|late|early)"
    r"(?:\s+(?:morning|afternoon|evening|night))?)?"
)

AUX = r"(?:(?:has|have|had|was|were|is|are|been|being|also|reportedly|now|finally|effectively|completely|"
AUX += r"fully|officially|all|largely|mostly|already|just|then|since|quickly|reportedly|apparently|either|briefly|"
AUX += r"temporarily|remains?|remained|stays?|stayed|recently|later|eventually|soon|swiftly|rapidly)\s+)*"
RELATIVE = re.compile(r"\s*,\s+(?:which|that)\s+", re.A)
ASIDE = re.compile(r",\s+(?:which|who|where)\b[^,;]{1,90},", re.A)
# "an operation to retake X": a purpose, not yet a fact; "managed to retake X" is one.
PURPOSE = regex.compile(
    r"(?<!\b(?:managed|able|forced|began|started|continued|went on|succeeded))"
    r"\s+to\s+$",
    BACKWARDS | regex.A,
)
# "attacked X but were defeated": the attack failed, in the clause after it.
# ... "but their attempts to gain ground have been foiled".
FOILED = (
    r"(?:were|was|had been|have been|has been)\s+(?:defeated|repelled|repulsed|pushed back|beaten back|"
    r"driven back|foiled|thwarted)"
)
FOILED_AFTER = re.compile(
    rf"[^.;]{{0,60}}?\bbut\s+(?:{FOILED}|fled|retreated|withdrew|"
    rf"(?:their|its|the)\s+(?:attempts?|efforts?|bid|push|attack|assault)\b[^.;]{{0,40}}?"
    rf"\b{FOILED})\b",
    re.A,
)
# "a key Kandahar district", "two Helmand districts": the place only says where an unnamed district is.
COUNTED_BEFORE = regex.compile(
    rf"\b(?:a|an|another|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|several|many|"
    rf"some|more|other|\d+|"
    rf"{ORDINAL})\s+(?:[\w-]+\s+)?$",
    BACKWARDS | regex.A,
)
# "fighting to besiege X", "continuing its fight to overrun X": X is fought over.
FIGHT_TO = regex.compile(r"\b(?:fight|fighting|battle|battling|push|pushing)\s+to\s+$", BACKWARDS | regex.A)
# "a rocket attack on Kabul", "a suicide attack in Kandahar": a strike, not a fight for the place.
STRIKE = regex.compile(
    r"\b(?:rocket|suicide|bomb|bombing|mortar|drone|air|terror|terrorist|missile|grenade)s?\s+$",
    BACKWARDS | regex.A,
)
# "entered the city virtually unopposed", "without a fight": an entry nobody resisted is a capture.
UNOPPOSED = re.compile(
    r"\s*(?:\w+\s+){0,4}?(?:unopposed|unchallenged|without (?:\w+ing\s+)?(?:a fight|any fight|(?:any )?resistance))",
    re.A,
)
# "A and B were captured hours before the collapse of C": C's fall only says when theirs came.
TIME_MARKER = regex.compile(
    r"\b(?:before|ahead of)\s+(?:the\s+)?(?:fall|collapse|capture|seizure|loss|takeover|surrender)\s+of\s+"
    r"(?:the\s+)?(?:city\s+of\s+)?(?:@+\s*(?:,\s*(?:and\s+)?|and\s+|&\s*))*$",
    BACKWARDS | regex.A,
)
TIME_MARKER_WORDS = required_factors(TIME_MARKER)  # one is in every match
# "The fall of X would be a turning point": a fall spoken of in the conditional has not happened.
CONDITIONAL_AFTER = re.compile(r"\s*(?:would|could|might)\b", re.A)

# Right predicates: the place is their subject.
WHERE = (
    r"(?:\s+in the (?:north|south|east|west|centre|center|\w+ern)\w*|"
    r"\s+(?:in|of) the same (?:province|area|region))?"
)
LIST_ITEM = rf"(?:(?:[\w-]+\s+){{1,3}}(?:in|of)\s+(?:the\s+)?(?:city\s+of\s+)?)?{PLACE}(?:\s+city)?"
# What one item of a list may add: "A and B districts in X province", "C district in the province".
ITEM_KIND = (
    r"(?:\s+(?:city|province|district|town|area|region|countryside)s?"
    r"(?:\s+(?:in|of)\s+(?:the\s+)?(?:\w+ern\s+)?(?:@+(?:\s+province)?|province))?)?"
)
LIST_TAIL = rf"{ITEM_KIND}{WHERE}(?:\s*(?:,\s*(?:and\s+)?|&\s*|\s+and\s+|\s+or\s+){LIST_ITEM}{ITEM_KIND}{WHERE})*"
APPOSITIVE = (
    r"(?:\s*,(?:\d,\d|[^,;]){1,90}?,|\s+--[^;]{1,90}?--|\s+-\s[^;-]{1,90}?\s-|"
    r"\s*,\s*(?:the\s+)?(?:provincial\s+)?capital\s+of\s+(?:the\s+)?(?:\w+ern\s+)?@+(?:\s+province)?)?"
    r"(?:\s*[—–]+|\s+--)?\s*"
)
# "is one of three provincial capitals under siege"
ONE_OF = (
    r"(?:(?:one|two|three|several|some)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}"
    r"(?:cities|capitals|towns|districts)\s+(?:(?:that|which|now|are|were|have|had|been)\s+)*)?"
)
# What stands between a place and its predicate: the list, the appositive and the auxiliaries, read once.
RIGHT_PREFIX = rf"^{LIST_TAIL}{APPOSITIVE}(?:\s*,)?\s*{AUX}{ONE_OF}[\"“‘]?"  # 'had been "liberated from...'"
# The place is the object of a preposition, so not the subject of what follows.
OBJECT_OF_PREPOSITION = regex.compile(
    r"\b(?:in|for|near|from|to|towards?|outside|beyond|via)\s+(?:the\s+)?"
    r"(?:(?:\w+ern|central)\s+)?$",
    BACKWARDS | regex.A,
)


@dataclass(frozen=True, eq=False)
class Rules:
    """The patterns that read claims for one profile: the shared vocabulary's families with the profile's side
    names put in, and the gates read off them. Made once per profile (rules_for)."""

    sides: tuple[str, ...]  # side ids, in the order of the actor pattern's groups s0, s1, ...
    advancing: str
    holding: str
    actor_name: str  # a side's name, its group naming the side (s0, s1, ...)
    actor: re.Pattern[str]  # the same, tried only where one of actor_words stands
    actor_words: tuple[str, ...]  # the words a side's name can begin with
    triggers: dict[str, regex.Pattern[str]]  # left trigger families, in order
    any_left_trigger: re.Pattern[str]  # all of them in one pattern: what left_triggers must find
    trigger_words: frozenset[str]  # every word a left trigger can begin with
    trigger_word: re.Pattern[str]  # ...as one trie-shaped pattern, read a letter at a time
    predicates: dict[str, str]  # right predicate families, in order
    any_right_predicate: re.Pattern[str]
    predicate_stems: tuple[str, ...]  # one of them stands in every right predicate
    predicate_stem: re.Pattern[str]  # found in one scan: 30 substring tests cost more
    by_actor: re.Pattern[str]  # "... by the Taliban" after a predicate
    recipient: re.Pattern[str]  # "... to the SDF", "... in the hands of the Taliban" after a place given up
    loser: re.Pattern[str]  # "... from Ukrainian forces" after a place taken
    named: re.Pattern[str]  # a side's name anywhere, a modifier too: "hoisting a Ukrainian flag above X"
    opened_by: dict[str, re.Pattern[str]] = field(default_factory=dict)  # see triggers_opened_by

    @property
    def repelled(self) -> regex.Pattern[str]:
        return self.triggers["repel"]

    def side_of(self, match: re.Match[str]) -> str:
        """The side whose name this actor match is (its group is s0, s1, ...)."""
        return self.sides[int(match.lastgroup[1:])]

    def triggers_opened_by(self, word: str) -> re.Pattern[str]:
        """The left-trigger families a match of which can begin with this word, in their order, as one pattern.

        A family is in if the word, followed by a space or a hyphen, could begin one of its matches.
        One entry per trigger word at most.
        """
        if word not in self.opened_by:
            kinds = tuple(
                kind
                for kind, pattern in self.triggers.items()
                if any(pattern.match(word + after, partial=True) for after in " -")
            )
            self.opened_by[word] = trigger_families(self.triggers, kinds)
        return self.opened_by[word]

    def taker_from(self, loser: str) -> str:
        """Who took a place from `loser`: the holding side from any other, the advancing side from it (exact in
        a war of two sides)."""
        return self.holding if loser != self.holding else self.advancing

    def status_for(self, kind: str, actor: str | None) -> str | None:
        """Which side holds the place, given what happened and who did it (None: nobody named)."""
        if kind in ("fight", "siege", "partial"):
            return CONTESTED
        if kind in ("recapture", "garrison"):
            return actor or self.holding
        if kind == "repel":  # its actor may be the attacker: "a Taliban attack ... was repelled"
            return actor if actor and actor != self.advancing else self.holding
        if kind == "fall":
            return self.advancing
        if kind == "lose":  # the actor is the one who left
            return self.holding if actor == self.advancing else self.advancing
        if kind == "capture":
            return actor or self.advancing
        if kind in ("hold", "held", "fall_to"):  # the side is named in the words: "Taliban-held", "fell to X"
            return actor
        return None


def trigger_families(triggers: dict[str, regex.Pattern[str]], kinds: tuple[str, ...]) -> re.Pattern[str]:
    """Some trigger families in one pattern, in their order; the group that matched names the family."""
    return re.compile("|".join(f"(?P<{kind}>{triggers[kind].pattern})" for kind in kinds) or r"(?!)", re.A)


@lru_cache(maxsize=8)
def rules_for(profile: Profile) -> Rules:
    """The rules for a profile, made once per process."""
    names = [f"(?P<s{i}>{'|'.join(side.names)})" for i, side in enumerate(profile.sides)]
    actor_name = "|".join(f"{name}\\b{MODIFIED}" for name in names)
    try:
        actor_words = first_words(actor_name)
    except GateError as error:
        raise ProfileError(f"profile {profile.path}: each side's name must begin with a word ({error})") from None
    any_side = "(?<![\\w-])(?:" + "|".join(n for side in profile.sides for n in side.names) + ")"  # not "anti-X"
    found = families(profile, any_side, WHEN)
    triggers = {kind: regex.compile(rf"\b(?:{pattern}){FAMILY_END}", regex.A) for kind, pattern in found.left}
    trigger_words = frozenset(word for pattern in triggers.values() for word in whole_first_words(pattern))
    any_right = re.compile(
        RIGHT_PREFIX + "(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in found.right) + r")\b", re.A
    )
    stems = required_factors(any_right, common=actor_words)
    plain_names = "|".join(names)  # the same groups, without the actor pattern's guard against modifiers
    return Rules(
        sides=profile.side_ids,
        advancing=profile.advancing,
        holding=profile.holding,
        actor_name=actor_name,
        # not after a hyphen: "anti-regime groups" are not the regime
        actor=re.compile(rf"(?<![\w-])(?={Trie(*actor_words).pattern()})(?:{actor_name})", re.A),
        actor_words=actor_words,
        triggers=triggers,
        any_left_trigger=trigger_families(triggers, tuple(triggers)),
        trigger_words=trigger_words,
        # every left trigger begins with \b, so a trigger word without one either side could not begin a match
        trigger_word=re.compile(rf"\b{Trie(*trigger_words).pattern()}\b", re.A),
        predicates=dict(found.right),
        any_right_predicate=any_right,
        predicate_stems=stems,
        predicate_stem=re.compile(Trie(*stems).pattern(), re.A),
        by_actor=re.compile(rf"^[^@;]{{0,60}}?\bby\s+(?:the\s+)?(?:{plain_names})\b", re.A),
        named=re.compile(rf"(?<![\w-])(?:{plain_names})\b", re.A),
        loser=re.compile(rf"[^@;]{{0,40}}?\bfrom\s+(?:the\s+)?(?:{plain_names})\b", re.A),
        recipient=re.compile(
            rf"[^.;]{{0,150}}?\b(?:to|(?:in|into) the hands of|under the control of)\s+(?:the\s+)?(?:{plain_names})\b",
            re.A,
        ),
    )


# Roundups: "nine more districts were captured by the Taliban", then "The districts include A, B in X and C".
GROUP = re.compile(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|dozens of)\s+"
    r"(?:more\s+|other\s+)?(?:districts|provincial capitals|capitals|cities|towns)\b",
    re.A,
)
GROUP_NOUNS = required_factors(GROUP)  # one is in every GROUP match
MEMBERS_NAMED = re.compile(
    r"(?:the|these|those)\s+(?:[\w-]+\s+)?(?:districts|capitals|cities|towns|provinces)\s+"
    r"(?:include[sd]?|are|were)\s*:?\s+@",
    re.A,
)


@dataclass(slots=True)  # not frozen: see geo/records.py
class Claim:
    """What a sentence claims for a place, and the words that made it (for `explain`)."""

    status: str
    rule: str  # which family of rules made it, e.g. "left:capture"
    actor_named: bool
    attributed: bool
    denied: bool
    trigger: str = ""  # the trigger or predicate, as the rules read it (lower case, places masked)
    actor: str = ""  # the words naming who acted, if any


# Why a place named in a sentence gets no claim: each veto's id and what it means, in people's words.
VETOES = {
    "question": "the sentence asks, it does not report",
    "no_claim_word": "no trigger before the place and no predicate word in the sentence",
    "names_another": "the name qualifies what follows it (an office, a road, the capital named next)",
    "restates_capital": "it restates the capital just named before it",
    "unnamed_district": "it speaks of one of the place's districts, unnamed",
    "locates": "it only says where another place is",
    "nothing_reaches": "no trigger or predicate reaches it within its clause",
    "object_of_preposition": "it follows a preposition, so it is not the subject of the predicate",
    "building": "the subject is a building in it, and the wording gives no claim for the place",
    "possessive": "the place owns what the trigger acts on, and that is no fight for the place",
    "strike": "a strike on the place, not a fight for it",
    "far_or_new_clause": "too far from its trigger, or a new clause stands between them",
    "landmark": "a landmark ('near', 'from', 'towards' it), or outside the trigger's list",
    "says_where": "after the trigger's object, 'in X' only says where it is",
    "conditional": "a condition ('if', 'once', 'unless')",
    "time_marker": "its fall only says when something else happened ('hours before the fall of X')",
    "purpose": "a purpose, not yet a fact ('an operation to retake')",
    "hypothetical": "hypothetical, negated, feared or habitual",
    "no_side": "the wording names no side that holds it",
    "foreign": "a foreign place, or a country: not on the control map",
    "history": "the sentence names an earlier year: history, not news",
    "repeated": "the sentence already made this claim under another name of the place",
}


@dataclass(slots=True)
class Veto:
    """Why a place gets no claim: one of VETOES, and the words that decided it."""

    reason: str
    words: str = ""
    final: bool = False  # decided by the predicate after the place: the trigger before it is not tried

    @property
    def meaning(self) -> str:
        return VETOES[self.reason]


@dataclass(slots=True)
class Reading:
    """What one trigger (left, the place its object) or predicate (right, the place its subject) says
    of a place, before the clause's vetoes are weighed."""

    kind: str  # capture, fall, siege, hold, ...: a key of BASE_CONFIDENCE in events.py
    side: str  # "left" or "right"
    trigger: tuple[int, int]  # its span in the masked sentence
    actor: str | None  # the side, when the sentence names who acted
    actor_words: str = ""


@dataclass(slots=True)  # not frozen: see geo/records.py
class Masked:
    """A masked sentence read once: its clause breaks and left triggers serve every place in it."""

    text: str  # in lower case, as every pattern reads it
    breaks: tuple[tuple[int, int], ...]
    triggers: tuple[re.Match[str], ...]
    question: bool
    attributed: bool
    may_deny: bool  # a denial's word stands somewhere in it
    predicate_word: bool  # one of PREDICATE_STEMS is in it: a right predicate has one


def read(rules: Rules, masked: str) -> Masked:
    if ":" in masked:
        masked = LIST_COLON.sub(lambda m: m.group(0).replace(":", ",").replace(";", ","), masked)
    lowered = lower_case(masked)
    triggers = tuple(left_triggers(rules, lowered, lowered.rfind("@")))
    stems = rules.predicate_stem.search(lowered) is not None
    if not triggers and not stems:  # no claim can come of it: the rest is not worth reading
        return Masked(lowered, (), (), False, False, False, False)
    return Masked(
        lowered,
        clause_breaks(masked, lowered),
        triggers,
        masked.rstrip(CLOSING).endswith("?"),
        any(stem in lowered for stem in ATTRIBUTED_STEMS) and bool(ATTRIBUTED.search(lowered)),
        any(stem in lowered for stem in DENIED_STEMS),
        stems,
    )


def clause_breaks(text: str, lowered: str) -> tuple[tuple[int, int], ...]:
    dateline = DATELINE.match(text)  # the one pattern that reads capitals
    start = dateline.end() if dateline else 0
    breaks = [dateline.span()] if dateline else []
    breaks += [m.span() for m in CLAUSE_PUNCTUATION.finditer(lowered, start)]
    if lowered.count(";") > 1:
        breaks = [b for b in breaks if not LISTING_SEMICOLON.match(lowered, b[0])]
    if any(word in lowered for word in CLAUSE_WORDS):
        breaks += [m.span() for m in CLAUSE_WORD.finditer(lowered, start)]
    concession = CONCESSION.match(lowered, start)  # "Despite the army not naming them, X was freed"
    if concession:
        breaks.append((concession.end() - 1, concession.end()))
    return tuple(breaks)


def left_triggers(rules: Rules, text: str, until: int | None = None) -> Iterator[re.Match[str]]:
    """rules.any_left_trigger.finditer on lower-case text, tried only where a trigger's first word stands.

    The whole alternation costs several microseconds at every character it is tried at; a scan for
    trigger words finds the few places worth trying, and each tries just the families that can start
    there. No trigger is wanted from `until` on (after a sentence's last place, it has no object).
    """
    after = 0
    for word in rules.trigger_word.finditer(text, 0, len(text) if until is None else until):
        if word.start() >= after:
            match = rules.triggers_opened_by(word.group(0)).match(text, word.start())
            if match:
                after = match.end()
                yield match


def clause_bounds(sentence: Masked, start: int, end: int) -> tuple[int, int]:
    left = max((e for s, e in sentence.breaks if e <= start), default=0)
    right = min((s for s, e in sentence.breaks if s >= end), default=len(sentence.text))
    return left, right


def classify(rules: Rules, sentence: Masked, start: int, end: int, place_kind: str = "") -> Claim | Veto:
    """The claim a sentence makes about the place (of this kind: city, district...) at [start, end), or
    the veto that stopped one."""
    if sentence.question:
        return Veto("question")
    trigger_before = sentence.triggers and sentence.triggers[0].end() <= start
    if not (sentence.predicate_word or trigger_before):
        return Veto("no_claim_word")
    masked = sentence.text
    lo, hi = clause_bounds(sentence, start, end)
    relative = RELATIVE.match(masked, end)
    # "X, which fell on Sunday": the relative clause speaks of X; "A and B in X, which borders Y, were retaken"
    read_past = relative or ASIDE.match(masked, hi)
    if read_past:
        hi = clause_bounds(sentence, start, read_past.end())[1]
    left, right = masked[lo:start], masked[relative.end() if relative else end : hi]
    another = NAMES_ANOTHER.match(masked, end)
    if another:
        return Veto("names_another", another.group(0).strip())
    if "capital" in left and CAPITAL_OF_THE_PLACE_BEFORE.match(left):
        return Veto("restates_capital")
    if DISTRICT_NAMED.match(masked, end):
        if COUNTED_BEFORE.match(left):
            return Veto("unnamed_district")  # "a key Kandahar district"
    elif locates(left, place_kind):
        return Veto("locates")
    if any(word in left for word in TIME_MARKER_WORDS):
        marker = TIME_MARKER.match(left)
        if marker:
            return Veto(
                "time_marker", marker.group(0).strip()
            )  # "districts in Bamiyan" locates; "... and Chakhansur district" names one more
    right_at = relative.end() if relative else end
    after = (relative and object_of_relative(rules, sentence, relative.end())) or right_claim(
        rules, sentence, left, right, right_at, place_kind
    )
    found = after if isinstance(after, Reading) or (after and after.final) else None
    found = found or object_claim(rules, sentence, lo, start, end, right, place_kind)
    if not isinstance(found, Reading):
        return found or after or Veto("nothing_reaches")
    kind, trigger_at = found.kind, found.trigger[0]
    left_side = found.side == "left"
    if left_side and kind in ("fall", "capture") and CONDITIONAL_AFTER.match(right):  # "Capturing X would"
        return Veto("conditional", CONDITIONAL_AFTER.match(right).group(0).strip())
    adjective = kind == "held"  # "arrive to Kurdish-controlled areas in X": neither fought for nor a purpose
    if left_side and not adjective and FIGHT_TO.match(masked, lo, trigger_at):
        kind = "siege"
    elif left_side and not adjective and PURPOSE.match(masked, lo, trigger_at):
        return Veto("purpose")
    if left_side and kind == "siege" and UNOPPOSED.match(right):
        kind = "capture"  # "entered the city unopposed": nobody held it against them
    if left_side and kind in ("siege", "fight") and (rules.repelled.search(right) or FOILED_AFTER.match(masked, end)):
        kind = "repel"  # "the attack on X was pushed back"; "attacked X but were defeated"
    doubt = HYPOTHETICAL.search(masked[lo:trigger_at] if left_side else left + right[:40])
    if doubt:
        return Veto("hypothetical", doubt.group(0))
    if found.actor is None and kind in ("capture", "recapture"):  # "liberated X from Ukrainian forces"
        taken_from = rules.loser.match(masked, end if left_side else found.trigger[1])
        if taken_from:
            found.actor = rules.taker_from(rules.side_of(taken_from))
    given = rules.recipient.match(masked, end) if left_side and kind == "lose" else None
    if given:  # "handed over control of X to the SDF", "retreated from X, leaving it in the hands of Y"
        kind, found.actor, found.actor_words = "fall_to", rules.side_of(given), given.group(given.lastgroup)
    status = rules.status_for(kind, found.actor)
    if status is None:
        return Veto("no_side")
    return Claim(
        status,
        f"{found.side}:{kind}",
        found.actor is not None,
        sentence.attributed,
        sentence.may_deny and bool(DENIED.search(masked, lo, hi)),
        masked[found.trigger[0] : found.trigger[1]].strip(),
        found.actor_words,
    )


def group_claim(rules: Rules, masked: str) -> Claim | None:
    """The claim a sentence makes about a counted group of places it does not name ("nine districts fell")."""
    lowered = masked.lower()
    if not any(noun in lowered for noun in GROUP_NOUNS):
        return None
    for group in GROUP.finditer(lowered):
        start, end = group.span()
        claim = classify(rules, read(rules, masked[:start] + "@" * (end - start) + masked[end:]), start, end)
        if isinstance(claim, Claim):
            claim.rule = "group:" + claim.rule.split(":")[1]
            return claim
    return None


def member_of_group(sentence: Masked, start: int, place_kind: str) -> bool:
    """A place this sentence lists as one of the group the sentence before counted, not a place that
    locates one of them ("Baharak in Badakhshan")."""
    return MEMBERS_NAMED.match(sentence.text) is not None and not locates(sentence.text[:start], place_kind)


def locates(left: str, place_kind: str = "") -> bool:
    """The place after `left` only says where something else is. Each pattern is tried only if its
    first word is there: a REVERSE match costs one or two microseconds even when it fails at once.
    "The districts of A and B" names districts when A and B are districts: only a larger place holds some."""
    return ("@" in left and LOCATOR.match(left) is not None) or (
        place_kind not in SMALLEST and any(noun in left for noun in SOME_OF_NOUNS) and SOME_OF.match(left) is not None
    )


SMALLEST = ("district", "village")  # kinds that hold no districts or villages


def object_of_relative(rules: Rules, sentence: Masked, at: int) -> Reading | None:
    """ "Snake Island, which Russia seized on the first day": the place is the object of the clause after it, whose
    subject is a side (a trigger within a couple of words of its name)."""
    who = rules.actor.match(sentence.text, at)
    if who is None:
        return None
    # the sentence's triggers stop at its last place: look for the verb after the side's name itself
    after = sentence.text[who.end() : who.end() + 24]
    verb = next(left_triggers(rules, after), None)
    if verb is None or verb.lastgroup not in (*TAKING, "hold"):
        return None
    span = (who.end() + verb.start(), who.end() + verb.end())
    return Reading(verb.lastgroup, "right", span, rules.side_of(who), who.group(0))


def object_claim(
    rules: Rules, sentence: Masked, lo: int, start: int, end: int, right: str, place_kind: str = ""
) -> Reading | Veto | None:
    """The place as the object of a trigger; "captured Kunduz's police headquarters" is partial."""
    if not is_possessive(sentence.text, end):
        found = left_claim(rules, sentence, lo, start, place_kind)
        if (
            isinstance(found, Reading)
            and found.kind in ("capture", "hold", "recapture")
            and BUILDING_AFTER.match(right)
            and not DISTRICT_SEAT_AFTER.match(right)
        ):
            found.kind = "partial"
        return found
    centre = CENTRE_PART.match(right)  # "took control of most of Aleppo's city centre": of Aleppo
    found = left_claim(rules, sentence, lo, start) if centre or POSSESSED_PART.match(right) else None
    if not isinstance(found, Reading):
        return found or Veto("possessive")
    if found.kind in ("capture", "hold", "recapture") and not centre:
        found.kind = "partial"
        return found
    return found if found.kind in ("fight", "siege") else Veto("possessive")


def is_possessive(masked: str, end: int) -> bool:
    return bool(POSSESSIVE.match(masked, end))


def right_claim(
    rules: Rules, sentence: Masked, left: str, right: str, right_at: int, place_kind: str = ""
) -> Reading | Veto | None:
    """The place as the subject of a predicate after it ("X fell", "X was captured by the Taliban");
    `right` is the clause after the place, from `right_at` in the sentence."""
    if not sentence.predicate_word or rules.predicate_stem.search(right) is None:
        return None  # the pattern, tried in vain, costs tens of microseconds
    seat = DISTRICT_SEAT_AFTER.match(right)  # "X district headquarters fell": the district fell
    building = None if seat else BUILDING_AFTER.match(right)  # "X prison fell": the building is the subject
    subject_end = seat or building
    if subject_end:
        right, right_at = right[subject_end.end() :], right_at + subject_end.end()
    match = rules.any_right_predicate.match(right)
    if match is None:
        return None
    kind = match.lastgroup
    if (OBJECT_OF_PREPOSITION.match(left) or provinces_saying_where(left, place_kind)) and not PARTIAL_SUBJECT.match(
        left
    ):
        return Veto("object_of_preposition")  # "a commander in Faryab has surrendered"; "60km from Kabul, ..."
    by = rules.by_actor.match(right[match.end() :])
    actor = rules.side_of(by) if by else None
    actor_words = by.group(by.lastgroup) if by else ""
    if kind == "siege" and rules.repelled.search(right, match.end()):
        kind = "repel"  # "X was attacked from the south, which was repelled by the army"
    if kind in ("held", "fall_to"):  # "held by the Taliban", "fell to the SDF": the side is in the predicate
        named = rules.named.search(match.group(kind))
        actor, actor_words = (rules.side_of(named), named.group(0)) if named else (None, "")
    if PARTIAL_SUBJECT.match(left) or building:  # "parts of the city of X fell"; "X prison fell"
        if kind not in ("fall", "fall_to", "capture") and not (kind == "held" and actor == rules.advancing):
            return Veto("building", final=True)
        kind = "partial"
    trigger = (right_at + match.start(), right_at + match.end())
    return Reading(kind, "right", trigger, actor, actor_words)


def left_claim(rules: Rules, sentence: Masked, lo: int, start: int, place_kind: str = "") -> Reading | Veto | None:
    """The nearest trigger before the place, in its clause, whose object the place can be."""
    match = None
    for trigger in sentence.triggers:
        if trigger.end() > start:
            break
        if trigger.start() >= lo:
            match = trigger
    if match is None:
        return None
    masked, kind = sentence.text, match.lastgroup
    governing = governed_by(sentence, match) if kind == "held" else None
    if governing is not None:  # "overran government-held X": X was held, and is now overrun
        match, kind = governing, governing.lastgroup
    if kind == "siege" and STRIKE.match(masked, lo, match.start()):
        return Veto("strike", match.group(0))  # "a rocket attack on Kabul"
    if kind in ("siege", "fight") and rules.repelled.search(masked, lo, match.start()):
        kind = "repel"  # "repelled an attack on X": the attack failed
    gap = masked[match.end() : start]
    segments = PLACES.split(gap)  # a long list is fine if each stretch between its places is short
    if max(len(g.split()) for g in segments) > GAP_WORDS or NEW_CLAUSE.search(gap):
        return Veto("far_or_new_clause", match.group(0))
    if LANDMARK.match(segments[0]) or LANDMARK.match(segments[-1]) or not one_list(segments):
        return Veto("landmark", match.group(0))  # "fled to A, capital of B"; "150 km from Kabul"
    if kind in ("capture", "hold", "recapture", "lose"):
        part = PARTIAL.search(LISTED.split(gap)[-1])
        if part and not DISTRICT_CENTRE.match(gap) and not names_the_parts(part.group(0), place_kind):
            kind = "partial"
        elif PARTLY.search(masked, lo, match.start()):
            kind = "partial"
        elif WHERE_IN.match(gap) or provinces_saying_where(gap, place_kind):
            return Veto("says_where", match.group(0))
    # The actor stands before the trigger, or in it ("Taliban control of"); "drove the Taliban out of" names
    # the loser.
    if kind == "held":  # "Taliban-held", "under government control:": the side is named in the trigger
        named = rules.named.search(match.group(0))
        actor = Actor(rules.side_of(named), named.group(0)) if named else None
    else:
        verbs_end = tuple(t.end() - lo for t in sentence.triggers if lo <= t.end() <= match.start())
        actor = actor_before(rules, masked[lo : match.start() if kind == "recapture" else match.end()], verbs_end)
        if actor is None and lo and PARTICIPLE.match(masked, lo) and masked[:lo].endswith(", "):
            # "the SDF made advances, seizing control of X": the participle's subject is the clause's before
            actor = actor_before(rules, masked[clause_bounds(sentence, lo - 2, lo - 2)[0] : lo])
        in_trigger = None if actor or kind == "recapture" else rules.named.search(match.group(0))
        if in_trigger:  # "hoisting a Ukrainian flag above X": the flag names the side
            actor = Actor(rules.side_of(in_trigger), in_trigger.group(0))
    return Reading(kind, "left", match.span(), actor.side if actor else None, actor.words if actor else "")


TAKING = ("capture", "recapture", "lose", "fall")


def governed_by(sentence: Masked, held: re.Match[str]) -> re.Match[str] | None:
    """The taking whose object a "held" trigger describes: "overran key government-held areas", "captured the
    Taliban-controlled town of X" (a few words apart, nothing else between). Fighting in a held place ("conflict
    in the Russian-controlled city of X") leaves it held."""
    before = [t for t in sentence.triggers if t.end() <= held.start() and t.lastgroup in TAKING]
    if not before:
        return None
    between = sentence.text[before[-1].end() : held.start()]
    return before[-1] if len(between.split()) <= 3 and not NEW_CLAUSE.search(between) else None


def names_the_parts(part: str, place_kind: str) -> bool:
    """ "the villages of A and B", "the neighbourhoods of C": the parts are the places named, when they are
    villages or districts, not parts of them."""
    return place_kind in SMALLEST and PARTS_NAMED.match(part) is not None


PARTS_NAMED = re.compile(r"\b(?:villages?|neighbou?rhoods?|suburbs?|areas?)\b", re.A)


def provinces_saying_where(before: str, place_kind: str) -> bool:
    """The place is a province listed after "in": "overrun in Baghlan, Wardak and Laghman provinces"."""
    return place_kind == "province" and WHERE_IN_LIST.match(before) is not None


def one_list(segments: list[str]) -> bool:
    """The places between these stretches of text form one list: "A, B and C", not "A leaves B" or
    "have fallen – A, B – as well as the provinces of C" (a dash closes the list it opened)."""
    return len(segments) == 1 or (
        LIST_GLUE.search(segments[-1]) is not None
        and not any(dash in g for g in segments[1:] for dash in "–—")
        and not any(LANDMARK_WORD.search(g) for g in segments[1:])
    )


@dataclass(slots=True)
class Actor:
    side: str
    words: str


PARTICIPLE = re.compile(r"\w+ing\b", re.A)
OBJECT_GAP = re.compile(r"\s+(?:the\s+)?", re.A)
# "rebels fighting government forces captured X", "opposing the Assad regime": a side named as the object of such
# words is not who acted.
NOT_SUBJECT = re.compile(
    r"\b(?:opposing|opposed to|against|fighting|battling|versus|vs\.?|from|with|to)\s+(?:the\s+)?$", re.A
)


def actor_before(rules: Rules, text: str, verbs_end: tuple[int, ...] = ()) -> Actor | None:
    """The side named nearest before the trigger (the subject), if any. Names side by side are one name, whose
    side the first says: in "opposition militia groups" or "rebel forces", the head noun is any side's word.
    A name right after another trigger (`verbs_end`: where they end in `text`) is its object: in "overrunning
    forces loyal to Assad days after capturing X" the forces did not capture X."""
    last: Actor | None = None
    end = -1
    for match in rules.actor.finditer(text):
        if NOT_SUBJECT.search(text, 0, match.start()) or any(
            OBJECT_GAP.fullmatch(text, at, match.start()) for at in verbs_end if at <= match.start()
        ):
            continue
        if last is not None and text[end : match.start()].strip(" -") == "":
            last, end = Actor(last.side, f"{last.words}{text[end : match.end()]}"), match.end()
            continue
        last, end = Actor(rules.side_of(match), match.group(0)), match.end()
    return last
