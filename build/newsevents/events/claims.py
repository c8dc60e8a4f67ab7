"""Numeric claims: how many were killed, injured, attacked or struck, as the text states or implies.

Each claim has bounds and a qualifier: ``84 people`` is 84..84 (``exact``); ``at least 66`` 66..
(``at_least``); ``more than 40`` / ``over 100`` 41.. / 101.. (``more_than``); ``nearly 140`` 126..139 and
``about 50`` 45..55 (``about``); ``between 20 and 30`` 20..30 (``about``); ``up to 40`` 0..40 (``up_to``);
``hundreds`` 200..999, ``dozens`` 24..99 (``vague``). Words that give no size (``several``, ``a number of``,
``a few``, ``many``) are no claim. Counts implied by the wording are claims too: ``a woman was killed`` is 1;
``the commander's death, along with another individual`` and ``the commander and one of his aides were
killed`` are 2; ``one additional member`` and ``two other people were also killed`` add to what was already
counted (the targeted person if nothing; resolved once the claim is linked to its event).

Not claims: ages (``a 12-year-old``), parts of a total (``including five children``, ``three of the dead``,
``80 people injured in the attack remained in hospital``), attackers counted apart from their victims (``two
policemen and four assailants were killed`` is 2), deaths from illness, and ``N times`` with no attack.

``status`` is ``initial`` for a figure the text says was superseded (``earlier reported 73``, ``up from
34``, ``Initially, officials reported 9``) and ``revised`` for the one that superseded it (``rose to 40``,
``revised down to 84``); a sentence saying ``initial reports overestimated the toll`` makes the figure before
it ``revised`` and adds an ``initial`` claim above it (resolved per event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
VAGUE = {
    "dozens": (24, 99),
    "dozen": (12, 12),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2000, 9999),
    "several": (3, 9),
    "few": (2, 5),
    "handful": (2, 5),
    "number": (2, None),
    "many": (10, None),
}
# Words that say there were some without saying how many: "several others were hurt", "a number of soldiers"
# are no claim (unlike "dozens" or "hundreds", which give an order of magnitude).
UNQUANTIFIED = ("several", "few", "handful", "number", "many")
WORD_NUMBER = "|".join([*UNITS, *TENS, *SCALES])
#: Words that write a number or a size (``validation/sql/claims_implied.sql`` holds the same list).
NUMERAL_WORDS = frozenset([*UNITS, *TENS, *SCALES, *(f"{s}s" for s in SCALES), *(w for w in VAGUE if w != "number")])


def holds_numeral(text: str) -> bool:
    """Whether ``text`` writes a number (digits, a number word, ``dozens``); ASCII words only, as DuckDB's
    check splits them."""
    return re.search("[0-9]", text) is not None or any(w.lower() in NUMERAL_WORDS for w in re.split("[^A-Za-z]+", text))


NUMBER = (
    # a spelled-out number starts with a number word or "a" ("a hundred"), never with "and"; each word ends
    # there ("hundreds" is vague, not "hundred" and an "s")
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:a[\s-]+)?(?:{WORD_NUMBER})\b(?:[\s-]+(?:and[\s-]+)?(?:{WORD_NUMBER})\b)*"
    rf"|(?:several|a\s+few|many)\s+dozens?(?:\s+of)?|(?:a\s+)?(?:few|handful|dozen)(?:\s+of)?|a\s+number\s+of|dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?"
    rf"|thousands(?:\s+of)?|several|many)"
)
SECOND_NUMBER = rf"(?P<num2>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{WORD_NUMBER})\b(?:[\s-]+(?:{WORD_NUMBER})\b)*)"
QUALIFIER = (
    r"(?P<qual>more than|greater than|over|upwards of|in excess of|at least|no fewer than|not fewer than|"
    r"no less than|not less than|a minimum of|about|around|approximately|roughly|some|nearly|almost|close to|"
    r"an estimated|estimated|up to|as many as|at most|no more than|not more than|fewer than|less than|under)?"
)
QUALIFIERS = {
    "more than": "more_than",
    "greater than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
    "not fewer than": "at_least",
    "no less than": "at_least",  # "not less than 42" is 42 or more, never "less than 42"
    "not less than": "at_least",
    "a minimum of": "at_least",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "up to": "up_to",
    "as many as": "up_to",
    "at most": "up_to",
    "no more than": "up_to",
    "not more than": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
    "under": "up_to",
}
# Where a count may begin: a digit, a number word or a qualifier's first word. Checked first, it spares the
# patterns that open with an optional qualifier a try at every character.
COUNT_START = (
    r"(?<![\w-])(?=\d|(?:more|greater|not|over|upwards|in|at|no|a|an|about|around|approximately|roughly|some|nearly|almost|close|"
    rf"estimated|up|as|fewer|less|under|dozens?|scores|hundreds|thousands|several|many|few|handful|{WORD_NUMBER})\b)"
)
PEOPLE = (
    r"(?:people|persons|civilians|soldiers|troops|service\s?members|servicemembers|personnel|members|fighters|"
    r"militants|officers|children|women|men|americans|iranians|iraqis|syrians|israelis|palestinians|lebanese|"
    r"individuals|victims|others|staff|workers|pilgrims|mourners|worshippers|guards|commanders|contractors|"
    r"sailors|marines|policemen|police|residents|family\s+members|aides|bodyguards|companions|relatives|"
    r"journalists|passengers|students|employees|teenagers|agents|recruits|doctors|nurses|paramedics|boys|girls|"
    r"babies|infants|kids|villagers|farmers|shepherds|fishermen|miners|protesters|demonstrators|worshipers|"
    r"refugees|migrants|detainees|prisoners|hostages|tourists|shoppers|commuters|bystanders|firefighters|"
    r"rescuers|medics|volunteers|teachers|pupils|militiamen|gendarmes|conscripts|reservists|peacekeepers|settlers|"
    r"pedestrians|drivers|crew|crewmembers|allies|supporters|activists|officials|leaders|lawmakers|politicians|"
    r"opponents|guests|visitors|spectators|fans|congregants|attendees|participants|locals|inhabitants|herders|"
    r"traders|vendors|merchants|labou?rers|cadets|graduates|guardsmen|youths|elders|clerics|priests|patients)"
)
# One person, counted by "a", "an" or "one": "a woman was killed", "one service member was wounded".
SINGULAR = (
    r"(?:person|civilian|soldier|service\s?member|servicemember|man|woman|child|boy|girl|officer|policeman|"
    r"policewoman|member|fighter|worker|resident|guard|commander|contractor|journalist|teenager|baby|infant|"
    r"student|pilgrim|sailor|marine|citizen|national|employee|driver|passenger|doctor|nurse|paramedic|aide)"
)
# Those counted apart from the victims: "two policemen and four assailants were killed" counts two victims.
ATTACKERS = (
    r"(?:attackers?|assailants?|gunm[ae]n|terrorists?|suspects?|hijackers?|bombers?|perpetrators?|"
    r"insurgents?|infiltrators?)"
)
KILLED = (
    r"(?:shot\s+dead|shot\s+and\s+killed|gunned\s+down|(?:stabbed|hacked|burned|beaten)\s+to\s+death|beheaded|"
    r"killed|dead|died|deaths?|slain|perished|fatalities|martyred|lost\s+(?:their|his|her)\s+lives?|"
    r"succumbed\s+to\s+(?:their|his|her)\s+(?:wounds|injuries))"
)
# How bad a wound was: "two light injuries", "sustained minor injuries".
SEVERITY = r"(?:light|minor|slight|moderate|serious|severe|critical|non-life-threatening|life-threatening)"
INJURED = (
    rf"(?:injured|wounded|hurt|injuries|casualties|(?:sustained|suffered|received)\s+(?:{SEVERITY}\s+)?"
    r"(?:injuries|wounds))"
)
# How the words after a count that say it counts the dead begin ("were killed", "shot dead", "beheaded").
DEATH_WORD = re.compile(
    r"kill|dead|die|death|slain|perish|fatal|martyr|lost|succumb|shot|gunned|stabbed|hacked|burned|beaten|behead"
)
# What makes a toll's noun or verb count the injured rather than the dead.
INJURY_WORD = re.compile(r"injur|wound|casualt|hurt", re.I)
# Lower-case words that may stand between a number and whom it counts: "four border guards", "seven police
# officers", "two pro-government fighters", "three 12-year-old boys".
MODIFIERS = (
    r"more|other|additional|innocent|unarmed|police|border|security|patrol|army|military|government|medical|"
    r"rescue|aid|health|emergency|paramilitary|militia|coalition|service|armed|young|elderly|local|foreign|"
    r"senior|junior|civilian|female|male|opposition|[\w’']+-[\w’'-]+"
)
# Words between a number and whom it counts: "three U.S. Army soldiers", "two more people".
ADJ = rf"(?:(?:{MODIFIERS}|(?-i:[A-Z][\w.’'-]*))\s+){{0,4}}"
ASIDE = r"(?:,\s*(?:including|among\s+them|mostly|many\s+of\s+them)\s+[^,.;]{1,40},)?"  # ", including civilians,"
# The same between dashes, spaced or not: "nine people—mostly farmers—were killed"
DASHED_ASIDE = r"\s*(?:--|[—–])\s*(?:including|among\s+them|mostly|many\s+of\s+them)\s+[^,.;—–]{1,40}?\s*(?:--|[—–])"
# Whose or where they were: "five members of the provincial guard were killed", "two people in the car died";
# a clause ("who", "that", "where", "said") or another number ends it.
OF_PHRASE = (
    r"(?:\s+(?:of|from|in|on|at|aboard|inside|near)(?:\s+(?!(?:who|that|which|where|whose|when|after|while|and|but|"
    rf"as|were|was|had|have|said|says|told|reported|{WORD_NUMBER})\b)(?:\d+(?:st|nd|rd|th)\b|[^\s,;\d]+)){{1,12}}?)?"
)
# Words between the counted people and what happened to them: "were", "have been", "who also", "reportedly".
AUX = (
    r"(?:(?:were|was|have\s+been|had\s+been|has\s+been|are|is|been|being|had|have|has|reportedly|also|left|"
    r"reported|later|who|all|since|subsequently)\s+)"
)
ADVERB = r"(?:(?:seriously|critically|severely|lightly|slightly|moderately|badly|gravely|brutally)\s+)"

# What a toll is called: "the death toll", "the number of fatalities", "the number of people wounded".
TOLL_NOUN = (
    r"death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|injured|wounded|injuries|casualties|"
    rf"(?:(?-i:[A-Z][\w-]+)\s+)?{PEOPLE}\s+(?:killed|dead|injured|wounded))"
)
# Verbs saying a toll changed: the figure after them supersedes an earlier one.
REVISING = (
    r"rose|rises|rising|risen|climbed|climbs|climbing|increased|increases|jumped|jumps|grown|grew|soared|surged|"
    r"revised|corrected|lowered|fell|falls|dropped|updated"
)

# A toll and the verb that changed it, either way round: "the toll was revised down", "officials lowered the toll".
REVISION_HEAD = (
    rf"(?:\b(?P<what>{TOLL_NOUN}),?\s+(?:[^\s;]+\s+){{0,8}}?(?:{REVISING})|\b(?:{REVISING})\s+(?:the\s+|its\s+|their\s+)?"
    rf"(?P<what2>{TOLL_NOUN}))(?:\s+(?:down|up|upward|downward|sharply))?"
)

PATTERNS: list[tuple[str, re.Pattern]] = [
    # "claimed the lives of 84 people", "the deaths of 12 soldiers"
    (
        "killed",
        re.compile(rf"\b(?:claimed|cost|took)\s+the\s+lives\s+of\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?", re.I),
    ),
    # "the deaths of 12 soldiers", "announced the death of one of its fighters", "lost two of its soldiers"
    (
        "killed",
        re.compile(
            rf"\b(?:deaths?\s+of|bodies\s+of|lost)\s+{QUALIFIER}\s*{NUMBER}\s+(?:of\s+(?:its|their|his|her|our)\s+)?{ADJ}{PEOPLE}\b",
            re.I,
        ),
    ),
    # "the loss of 11 lives", "a blast that took 12 lives", "40 lives were lost"
    (
        "killed",
        re.compile(
            rf"\b(?:loss\s+of|claim(?:ed|ing|s)?|t(?:ook|aking|akes)|cost(?:ing|s)?)\s+(?:the\s+)?{QUALIFIER}\s*{NUMBER}"
            rf"\s+{ADJ}lives\b",
            re.I,
        ),
    ),
    (
        "killed",
        re.compile(
            rf"{COUNT_START}{QUALIFIER}\s*\b{NUMBER}\s+lives\s+(?:(?:were|have\s+been|had\s+been)\s+)?lost\b", re.I
        ),
    ),
    # "about 25 bodies were recovered": a body is one person dead
    ("killed", re.compile(rf"{COUNT_START}{QUALIFIER}\s*\b{NUMBER}\s+{ADJ}bodies\b", re.I)),
    # "causing injuries to eight others", "resulting in injuries to 14 U.S. personnel"
    ("injured", re.compile(rf"\binjur(?:y|ies)\s+to\s+{QUALIFIER}\s*{NUMBER}\s+{ADJ}{PEOPLE}\b", re.I)),
    # "the toll was revised down from 31 to 27" (31 initial, 27 revised), "the toll was lowered to 27 from 31"
    (
        "from_to",
        re.compile(
            rf"{REVISION_HEAD}\s+from\s+{QUALIFIER}\s*{NUMBER}\s+(?:down\s+|up\s+)?to\s+{SECOND_NUMBER}\b", re.I
        ),
    ),
    (
        "to_from",
        re.compile(
            rf"{REVISION_HEAD}\s+to\s+{QUALIFIER}\s*{NUMBER},?\s+(?:(?:up|down)\s+)?from\s+(?:an?\s+)?"
            rf"(?:(?:initial|earlier|previous|preliminary|first)\s+)?(?:(?:count|figure|tally|toll|estimate)\s+)?"
            rf"(?:of\s+)?{SECOND_NUMBER}\b",
            re.I,
        ),
    ),
    # "the number of injured had risen to more than 40", "the toll was revised down to 84", "the death toll from
    # Friday's blast in the old city has risen to 40": the verb may come many words after the noun
    (
        "toll",
        re.compile(
            rf"\b(?P<what>{TOLL_NOUN}),?\s+(?:[^\s;]+\s+){{0,20}}?(?:{REVISING}|reached|reaches|stood|stands|hit|hits)"
            rf"(?:\s+(?:down|up|at))?(?:(?:\s+[^\s,;]+){{0,3}}?\s+(?:to|at))?\s+{QUALIFIER}\s*{NUMBER}",
            re.I,
        ),
    ),
    # "the number of injured ranged between 2,100 and 2,300", "between 30 and 40 people were killed"
    (
        "range",
        re.compile(
            rf"\b(?P<what>{TOLL_NOUN})\s+(?:[^\s;]+\s+){{0,8}}?(?:between|from)\s+{NUMBER}\s+(?:and|to)\s+{SECOND_NUMBER}\b",
            re.I,
        ),
    ),
    (
        "range",
        re.compile(
            rf"\bbetween\s+{NUMBER}\s+and\s+{SECOND_NUMBER}\s+{ADJ}{PEOPLE}\s+(?:{AUX}+)?(?P<what>{KILLED}|{INJURED})\b",
            re.I,
        ),
    ),
    # "officials had earlier put the number at 133", "put the death toll at 40"
    (
        "put",
        re.compile(
            rf"\bput\s+(?:the|its|their)\s+(?P<what>(?:death\s+)?toll|number|figure|tally|count)(?:\s+of\s+(?P<of>\w+))?"
            rf"\s+at\s+{QUALIFIER}\s*{NUMBER}",
            re.I,
        ),
    ),
    # "a toll of 95", "the toll down to 84"
    (
        "killed",
        re.compile(
            rf"\b(?:death\s+)?toll\s+(?:\S+\s+){{0,6}}?(?:to|of|at|was|is|stood\s+at|stands\s+at|reached|hit)\s+{QUALIFIER}\s*{NUMBER}",
            re.I,
        ),
    ),
    # "killing 84 people", "killed at least 66", "wounding 284"
    # headlines use the present: "blast kills 12", "strike injures 20 soldiers"
    ("killed", re.compile(rf"\b(?:killing|killed|kills?)\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?", re.I)),
    (
        "injured",
        re.compile(
            rf"\b(?:wounding|injuring|wounded|injured|wounds|injures)\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?",
            re.I,
        ),
    ),
    # "two policemen and four assailants were killed": the victims, not the attackers, are the claim; "ten
    # officers and a civilian were wounded" is eleven
    (
        "pair",
        re.compile(
            rf"{COUNT_START}{QUALIFIER}\s*\b(?:{NUMBER}|(?P<one>an?))\s+{ADJ}(?P<who>{PEOPLE}|{SINGULAR}|{ATTACKERS})\s+and\s+"
            rf"(?P<num2>\d[\d,]*|{WORD_NUMBER}|an?)\s+{ADJ}(?P<who2>{PEOPLE}|{SINGULAR}|{ATTACKERS})\s+(?:{AUX}+)?"
            rf"(?P<what>{KILLED}|{INJURED})\b",
            re.I,
        ),
    ),
    # "killing the commander and two of his aides", "wounded Hassan and four others": the one named, plus N
    (
        "named",
        re.compile(
            rf"\b(?P<verb>killing|killed|kills?|wounding|wounded|injuring|injured|wounds|injures)\s+"
            rf"(?P<named>(?:the\s+|an?\s+)?(?:[^\s,;\d]+\s+){{0,3}}?[^\s,;\d]+)\s+and\s+{NUMBER}\s+"
            rf"(?:others\b|other\s+{ADJ}{PEOPLE}\b|of\s+(?:his|her|its|their)\s+{ADJ}{PEOPLE}\b)",
            re.I,
        ),
    ),
    # one person, as subject or object: "a woman was killed", "one service member was wounded", "wounding a
    # 12-year-old boy" (one, not twelve)
    (
        "single",
        re.compile(
            rf"(?P<qual>at\s+least\s+)?\b(?P<num>one|an?)\s+{ADJ}{SINGULAR}{OF_PHRASE}\s+(?:(?P<aux>{AUX}+){ADVERB}?)?"
            rf"(?P<what>{KILLED}|{INJURED})\b"
            rf"|\b(?P<verb>killing|killed|kills?|wounding|injuring|wounded|injured|wounds|injures)\s+(?P<qual2>at\s+least\s+)?"
            rf"(?P<num2>one|an?)\s+{ADJ}{SINGULAR}\b",
            re.I,
        ),
    ),
    # "left hundreds wounded", "left 40 people dead"
    ("left", re.compile(rf"\bleft\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?\s+(?P<what>{KILLED}|{INJURED})", re.I)),
    # "84 people were killed", "more than 40 were injured", "two more people died", "three U.S. soldiers killed",
    # "dozens more were injured", "seven police officers were seriously wounded", "two light injuries",
    # "ten of whom were killed"
    (
        "subject",
        re.compile(
            rf"{COUNT_START}{QUALIFIER}\s*\b{NUMBER}\s+(?:(?:of\s+(?:his|her|its|their)\s+)?{ADJ}{PEOPLE}{OF_PHRASE}(?:{ASIDE}\s+|{DASHED_ASIDE}\s*)|(?P<more>more)\s+|of\s+(?:whom|them)\s+)?"
            rf"(?:(?P<aux>{AUX}+){ADVERB}?|(?P<adverb>{ADVERB}))?(?:{SEVERITY}\s+)?(?P<what>{KILLED}|{INJURED})\b",
            re.I,
        ),
    ),
    # "over 100 attacks", "three facilities"
    (
        "attacks",
        re.compile(
            rf"{COUNT_START}{QUALIFIER}\s*\b{NUMBER}\s+(?:(?:drone|rocket|missile|separate|such|deadly)\s+)*(?:attacks|strikes|assaults)\b",
            re.I,
        ),
    ),
    # "forces were attacked 74 times", "targeted at least 10 separate times", "totalling 66 incidents" (only
    # after a word for attacking: "three times as many" is no count)
    (
        "times",
        re.compile(
            rf"{COUNT_START}{QUALIFIER}\s*\b{NUMBER}\s+(?:(?:separate|different|distinct|such)\s+)?(?:times|incidents)\b"
            r"(?!\s+(?:as|more|higher|larger|greater|over|the)\b)",
            re.I,
        ),
    ),
    (
        "facilities_struck",
        re.compile(
            rf"{COUNT_START}{QUALIFIER}\s*\b{NUMBER}\s+(?:(?:\w+)\s+)?(?:facilities|sites|targets|locations|positions|depots|buildings|installations)\b",
            re.I,
        ),
    ),
    # "up from an earlier count of 34": the figure before the revision
    (
        "previous",
        re.compile(
            rf"\b(?:up|down)\s+from\s+(?:an?\s+)?(?:initial|earlier|previous|preliminary|first)?\s*(?:count|figure|tally|toll|estimate|number)?\s*(?:of\s+)?{QUALIFIER}\s*{NUMBER}",
            re.I,
        ),
    ),
]
IMPLIED = re.compile(
    r"\b(?:the\s+)?(?:(?P<owner>\w+)['’]s\s+death|death\s+of\s+(?:a|an|the|its|their)\s+[\w\s-]{0,40}?"
    r"|(?:killed|killing|assassinated)\s+[^,.;]{1,60}?)"
    r",?\s+(?:along|together)\s+with\s+(?P<more>another|one\s+other|a\s+second|(?:\w+)\s+others?)\s*(?:\w+)?",
    re.I,
)
ADDITIONAL = re.compile(
    # "other" is left to the patterns: "X and two other men were killed" counts X in (see _count_the_named_one)
    rf"\b(?P<num>{'|'.join(UNITS)}|\d+)\s+(?:additional|more)\s+(?:\w+\s+)?(?P<who>{PEOPLE}|member|person|"
    r"soldier|fighter|individual|commander|civilian|child|man|woman)\b|\banother\s+(?P<num2>"
    + "|".join(UNITS)
    + r"|\d+)\s+(?P<who2>"
    + PEOPLE
    + r")\b",
    re.I,
)
LOSS = re.compile(r"\b(?:loss|deaths?|killing)\s+of\b|\bkilled\b|\bdied\b", re.I)
INITIAL_BEFORE = re.compile(
    r"\b(?:initial(?:ly)?|earlier(?!\s+(?:this|last|that|in|on|today)\b)|previous(?:ly)?|preliminary|original(?:ly)?|"
    r"at\s+first|first\s+(?:reports?|figures?|counts?|estimates?|tolls?))\s+(?:\w+\s+){0,4}$"
    r"|\b(?:up|down)\s+from\s+(?:an?\s+)?(?:initial\s+|earlier\s+|previous\s+)?(?:\w+\s+){0,2}(?:of\s+)?$",
    re.I,
)
REVISED_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|grew|revised|corrected|lowered|raised|updated)"
    r"(?:\s+\w+){0,3}?\s+to\s+$|\bnow\s+(?:stands|stood)\s+at\s+$",
    re.I,
)
# "Initially, the ministry reported nine deaths": a figure the sentence itself says came first. "Earlier, the
# army said two soldiers were killed" is one only in a text that says the count changed.
OPENING_INITIAL = re.compile(
    r"\W*(?:(?P<first>initially|at\s+first|originally)|earlier|previously)\s*,\s+[^.;]*?"
    r"\b(?:said|says|reported|announced|stated|told|put|gave|confirmed)\b",
    re.I,
)
COUNT_CHANGED = re.compile(rf"\b(?:toll|number|count|figure|tally)\b[^.;]{{0,120}}?\b(?:{REVISING})\b", re.I)
OVERESTIMATE = re.compile(
    r"\b(?:initial|earlier|preliminary|first)\s+(?:reports?|figures?|counts?|estimates?|tolls?)\s+"
    r"(?P<dir>overestimated|underestimated|overstated|understated|exaggerated|overcounted|undercounted)\s+"
    r"(?:the\s+)?(?P<what>death\s+toll|toll|number\s+of\s+(?:dead|deaths|victims|injured|wounded))",
    re.I,
)
SOURCE = re.compile(
    r"\b(?:according\s+to|as\s+reported\s+by)\s+(?P<src>[^,.;]{2,60})"
    r"|(?P<src2>(?:[A-Z][\w’'.-]*\s+){0,5}(?:officials?|authorities|media|ministry|agency|spokesman|spokeswoman|"
    r"spokesperson|sources?|Pentagon|military|army|government|police|group|Command))\s+(?:\w+ly\s+)?"
    r"(?:said|says|told|reported|announced|confirmed|stated)\b",
    re.I,
)


@dataclass(slots=True)
class Claim:
    start: int
    end: int
    quantity: str
    value_low: int | None
    value_high: int | None
    qualifier: str
    status: str = "reported"
    additional: int = 0  # "one additional member": add to what was counted before, once linked
    attributed_to: str | None = None


@dataclass(slots=True)
class RevisionMarker:
    """``Initial reports overestimated the death toll``: a superseded figure the text does not give."""

    start: int
    end: int
    quantity: str
    direction: str  # "over" or "under"


def parse_number(text: str) -> tuple[int, int | None, bool]:
    """(low, high, vague) of a number written in digits or words."""
    words = re.sub(r"\s+of$", "", text.lower().strip()).replace("-", " ").split()
    words = [w for w in words if w not in ("a", "and")] or ["a"]
    if len(words) == 2 and words[1] in ("dozen", "dozens") and words[0] in ("several", "few", "many"):
        low, high = VAGUE["dozens"]  # "several dozen" is dozens, not twelve
        return low, high, True
    if words[-1] in VAGUE or (len(words) == 1 and words[0] in ("few", "handful", "number")):
        low, high = VAGUE[words[-1]]
        return low, high, words[-1] not in ("dozen",)
    if words[0].replace(",", "").isdigit():
        value = int(words[0].replace(",", ""))
        return value, value, False
    total = current = 0
    for w in words:
        if w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in SCALES:
            current = max(current, 1) * SCALES[w]
            if SCALES[w] >= 1000:
                total, current = total + current, 0
    value = total + current
    return value, value, False


def bounds(qualifier: str | None, low: int, high: int | None, vague: bool) -> tuple[int, int | None, str]:
    if vague:
        return low, high, "vague"
    qualifier = " ".join((qualifier or "").lower().split())  # "at least\none" is "at least"
    kind = QUALIFIERS.get(qualifier, "exact")
    if kind == "more_than":
        return low + 1, None, kind
    if kind == "at_least":
        return low, None, kind
    if kind == "up_to":
        return 0, max(0, low - (1 if (qualifier or "").lower() in ("fewer than", "less than", "under") else 0)), kind
    if kind == "about":
        if (qualifier or "").lower() in ("nearly", "almost", "close to"):
            high = low - 1 if low > 1 else low
            return min(round(low * 0.9), high), high, kind  # "nearly three" is 2..2, never 3..2
        return round(low * 0.9), round(low * 1.1), kind
    return low, high, kind


# After a number: it is an age, a time, a distance or a duration, not a count of people.
AGE_OR_UNIT = re.compile(
    r"[\s-]*(?:years?|months?|weeks?|days?)[\s-]*old\b|\s*(?:%|percent\b|per\s+cent\b|[ap]\.m\.|[ap]m\b|GMT\b|"
    r"km\b|kilomet|miles?\b|met(?:er|re)s?\b|hours?\b|minutes?\b|days?\b|weeks?\b|months?\b|years?\b)",
    re.I,
)
# Before a number: it counts part of a total given before it ("including five children", "of whom six").
SUBGROUP_BEFORE = re.compile(r"\b(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|of\s+those)\s+$", re.I)
# After "N people injured in the attack": the clause is about those still there, a part of the injured.
STILL_IN_HOSPITAL = re.compile(
    r"\b(?:remain(?:s|ed|ing)?|still)\s+(?:in\s+(?:the\s+)?)?(?:hospital|hospitali[sz]ed|intensive\s+care|in\s+"
    r"(?:critical|serious)\s+condition)|\b(?:were|have\s+been|had\s+been)\s+(?:discharged|released)\b",
    re.I,
)
# After "died": a death from illness or an accident, not from the violence counted.
NOT_VIOLENT = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:due\s+to|of|from|after|in)\s+(?:an?\s+|the\s+)?(?:suspected\s+|apparent\s+|sudden\s+)?"
    r"(?:cardiac|heart|natural\s+causes|illness|disease|stroke|medical\s+(?:emergency|condition|incident)|"
    r"(?:car|road|traffic)\s+(?:crash|accident))",
    re.I,
)
# Before such a count: a named person or a title ("Hassan and", "the commander and"), not another number.
NAMED_AND = re.compile(
    rf"(?:\b(?!{PEOPLE}\b)(?-i:[A-Z][\w’'-]+)|\b(?:{SINGULAR}|leader|chief|head|official|founder|general|colonel|"
    r"minister))\s+and\s+"
    r"(?:the\s+)?(?:{Q})?\s*$".replace("{Q}", QUALIFIER.replace("(?P<qual>", "(?:")),
    re.I,
)
# After a bare number in a headline ("blast kills 12"), what shows it counts people: the end of the clause, a
# preposition or a name ("kills 12 Afghans").
COUNT_ENDS = re.compile(
    r"\s*(?:[,.;:!?)\"”’'–—-]|$)|\s+(?-i:[A-Z])|\s+(?:in|at|on|near|as|after|when|during|and|while|including|inside|across|"
    r"around|since|over|before|with|from|by|among|of|to|within|outside|overnight|today|yesterday|this|last|earlier|"
    r"late|early|but|or|according|so\s+far|more)\b",
    re.I,
)
# A word for attacking, which "N times" or "N incidents" after it counts.
ATTACKING = re.compile(
    r"\b(?:attack(?:ed|s)?|assault(?:ed|s)?|raid(?:ed|s)?|strikes|targeted|struck|shelled|bombed|came\s+under)\b", re.I
)

# A sentence without any of these holds no claim: the (slow) patterns are not run on it.
HINT = re.compile(
    rf"\d|\b(?:{WORD_NUMBER}|dozens?|scores|hundreds|thousands|several|few|handful|number|many|another|"
    r"additional|death|toll|overestimated|underestimated|overstated|understated)\b"
    rf"|\ban?\s+(?:[\w.’'-]+\s+){{0,4}}?{SINGULAR}\b",
    re.I,
)


def find_claims(body: str, start: int, end: int) -> tuple[list[Claim], list[RevisionMarker]]:
    """Numeric claims and revision markers in ``body[start:end]`` (one sentence)."""
    if not HINT.search(body, start, end):
        return [], []
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in taken)

    subjects: list[Claim] = []  # "two of his aides were killed": may count someone named before them
    for m in IMPLIED.finditer(body, start, end):
        more = m.group("more").lower().split()[0]
        extra = 1 if more in ("another", "one", "a") else parse_number(more)[0] if more != "others" else 2
        if m.group(0).lower().startswith(("killed", "killing", "assassinated")) and re.search(
            r"\d|\b(?:people|civilians)\b", m.group(0)[: m.start("more") - m.start()]
        ):
            continue  # "killed 12 people, along with ...": the number is its own claim
        claims.append(Claim(m.start(), m.end(), "killed", 1 + extra, 1 + extra, "exact"))
        taken.append(m.span())
    for m in ADDITIONAL.finditer(body, start, end):
        if not free(*m.span()) or not LOSS.search(body, max(start, m.start() - 40), min(end, m.end() + 60)):
            continue
        if re.match(rf"\s+(?:{AUX}+)?{ADVERB}?(?:{INJURED})\b", body[m.end() : end], re.I):
            continue  # "ten were killed and another 60 injured": a count of the injured, told on its own
        n = parse_number(m.group("num") or m.group("num2"))[0]
        claims.append(Claim(m.start(), m.end(), "killed", n, n, "exact", additional=n))
        taken.append(m.span())
    for quantity, pattern in PATTERNS:
        for m in pattern.finditer(body, start, end):
            if not free(*m.span()) or _not_a_count(body, start, end, quantity, m):
                continue
            if quantity in ("from_to", "to_from"):
                claims += _revision_pair(quantity, m)
                taken.append(m.span())
                continue
            claim = _claim(body, start, quantity, m, claims)
            if claim is not None:
                claims.append(claim)
                taken.append(m.span())
                if quantity == "subject":
                    subjects.append(claim)
    for claim in subjects:
        _count_the_named_one(body, start, claim, claims)
    _share_qualifiers(body, claims)
    source = _source(body, start, end) if claims else None
    for c in claims:
        c.attributed_to = source
    markers = [
        RevisionMarker(
            m.start(),
            m.end(),
            "injured" if INJURY_WORD.search(m.group("what")) else "killed",
            "over" if m.group("dir").lower().startswith(("over", "exag")) else "under",
        )
        for m in OVERESTIMATE.finditer(body, start, end)
    ]
    return sorted(claims, key=lambda c: c.start), markers


def _not_a_count(body: str, start: int, end: int, quantity: str, m: re.Match) -> bool:
    """A match whose number counts something else: an age (``a 12-year-old``), a time or a distance (``at 5
    p.m.``), a part of a total given before (``including five children``), the attackers (``killed two gunmen``),
    those still in hospital (``80 people injured in the attack remained in hospital``), deaths from illness
    (``a contractor died of a heart attack``), or ``N times`` with no attack to repeat."""
    groups = m.groupdict()
    num = next((g for g in ("num", "one", "num2") if groups.get(g)), None)
    if num is None:
        return True
    if AGE_OR_UNIT.match(body, m.end(num)):
        return True
    first = m.start("qual") if groups.get("qual") else m.start(num)
    if SUBGROUP_BEFORE.search(body[max(start, first - 30) : first]):
        return True
    if quantity in ("killed", "injured") and re.match(rf"\s+{ADJ}{ATTACKERS}\b", body[m.end(num) : end], re.I):
        return True
    present = re.match(r"(?:kills?|injures|wounds)\b", m.group(), re.I)
    if present and m.end() == m.end(num) and not COUNT_ENDS.match(body, m.end(), end):
        return True  # "will kill two bills": a number before a noun that is not people counts that noun
    bare = quantity in ("subject", "single") and groups.get("what") and not groups.get("aux")
    if bare and STILL_IN_HOSPITAL.search(body, m.end(), min(end, m.end() + 120)):
        return True
    if quantity == "subject" and groups[num].lower() == "one" and re.match(r"\s+of\s", body[m.end(num) : end]):
        return True  # "one of its commanders was killed" names a person; the count is given elsewhere
    ranked = groups[num].lower() == "one" and re.match(r"\s+of\s", body[m.end(num) : end])
    if ranked and re.match(r"(?:death\s+)?toll\b", m.group(), re.I):
        return True  # "the toll is one of the highest in years" ranks the toll; it does not give it
    if groups.get("adverb") and not re.search(rf"\b{KILLED}\s+and\s+$", body[start:first], re.I):
        return True  # "six seriously injured" is a part, unless it follows the dead: "12 killed and 40 badly hurt"
    if groups.get("what") and NOT_VIOLENT.match(body, m.end(), end):
        return True
    if groups.get("more") and not parse_number(groups[num])[2]:
        return True  # "five more were killed": an addition to a count, not a count
    return quantity == "times" and not ATTACKING.search(body, start, m.start())


def _claim(body: str, start: int, quantity: str, m: re.Match, before: list[Claim]) -> Claim | None:
    """The claim of one match: its quantity, bounds, qualifier and status."""
    count = _count(quantity, m)
    q = _quantity(body, start, quantity, m, before)
    if count is None or q is None:
        return None
    low, high, vague, qual, num_start = count
    if q == "attacks" and not vague and low < 2:
        return None
    value_low, value_high, qualifier = bounds(qual, low, high, vague)
    if quantity == "range":
        value_high = parse_number(m.group("num2"))[0]
        if vague or value_high <= value_low:
            return None
        qualifier = "about"
    start_at = m.start() + len(m.group()) - len(m.group().lstrip())
    claim = Claim(start_at, m.end(), q, value_low, value_high, qualifier)
    claim.status = _status(body, start, m.start("qual") if m.groupdict().get("qual") else num_start)
    if quantity == "previous":
        claim.status = "initial"
    elif quantity == "toll" and re.search(rf"\b(?:{REVISING})\b", m.group(), re.I):
        claim.status = "revised"
    return claim


def _count(quantity: str, m: re.Match) -> tuple[int, int | None, bool, str | None, int] | None:
    """(low, high, vague, qualifier, where the number starts) of a match; None for a number with no size."""
    groups = m.groupdict()
    if quantity == "single":
        num = "num" if groups.get("num") else "num2"
        return 1, 1, False, groups.get("qual") or groups.get("qual2"), m.start(num)
    if groups.get("one"):  # "a soldier and two civilians were killed"
        low, high, vague = 1, 1, False
    elif m.group("num").lower().removesuffix(" of").split()[-1] in UNQUANTIFIED:
        return None
    else:
        low, high, vague = parse_number(m.group("num"))
    if not vague and low == 0:
        return None
    if quantity == "pair":
        low = high = _victims_of_pair(m, low)
    if quantity == "named":
        if re.search(rf"\b(?:{WORD_NUMBER}|dozens|hundreds|scores)\b", m.group("named"), re.I):
            return None  # "killed three and two others" names nobody
        low = high = low + 1
    return low, high, vague, groups.get("qual"), m.start("one" if groups.get("one") else "num")


def _quantity(body: str, start: int, quantity: str, m: re.Match, before: list[Claim]) -> str | None:
    """killed, injured, attacks or facilities_struck, as the pattern or the words it matched say."""
    what = (m.groupdict().get("what") or m.groupdict().get("verb") or "").lower()
    if quantity in ("left", "subject", "pair", "single", "named"):
        return "killed" if DEATH_WORD.match(what) else "injured"
    if quantity in ("toll", "range"):
        return "injured" if INJURY_WORD.search(what) else "killed"
    if quantity == "put":
        return _what_was_counted(body, start, m)
    if quantity == "previous":
        counted = [c for c in before if c.start < m.start() and c.quantity in ("killed", "injured")]
        return counted[-1].quantity if counted else None
    return "attacks" if quantity == "times" else quantity


def _count_the_named_one(body: str, start: int, claim: Claim, claims: list[Claim]) -> None:
    """``the commander and two of his aides were killed`` is three. ``two other people were also killed``,
    with no one named beside them, adds two to those counted before (the targeted person if nobody; resolved
    once linked). After a count in the same sentence (``11 were killed and 19 others wounded``) the number
    stands alone."""
    if any(c.start < claim.start for c in claims if c is not claim) or claim.qualifier != "exact":
        return
    before = body[max(start, claim.start - 60) : claim.start]
    if NAMED_AND.search(before) and not re.search(rf"\b{NUMBER}\s+(?:\S+\s+){{0,3}}and\s+$", before, re.I):
        claim.value_low = claim.value_high = claim.value_low + 1
    elif claim.quantity == "killed" and re.search(r"\bother\b", body[claim.start : claim.end], re.I):
        claim.additional = claim.value_low


def _share_qualifiers(body: str, claims: list[Claim]) -> None:
    """``attacked at least 10 times in one country and three times in another``: the ``at least`` holds for
    both counts joined by ``and``."""
    ordered = sorted(claims, key=lambda c: c.start)
    for first, second in pairwise(ordered):
        joined = re.fullmatch(r"[^.;]{0,40}?\band\s+", body[first.end : second.start])
        if not joined or first.quantity != second.quantity or second.qualifier != "exact":
            continue
        if first.qualifier in ("at_least", "more_than"):
            second.value_low += first.qualifier == "more_than"
            second.value_high, second.qualifier = None, first.qualifier


def _what_was_counted(body: str, start: int, m: re.Match) -> str | None:
    """``put the number at 133``: killed or injured, as the noun or the rest of the sentence says."""
    said = f"{m.group('what')} {m.group('of') or ''}".lower()
    if "toll" in said or re.search(r"\b(?:dead|deaths|killed|fatalities)\b", said):
        return "killed"
    if re.search(r"injur|wound", said):
        return "injured"
    sentence = body[start : body.find(".", m.end()) if "." in body[m.end() :] else len(body)]
    if re.search(r"\b(?:death\s+toll|dead|deaths|killed|fatalities)\b", sentence, re.I):
        return "killed"
    return "injured" if re.search(r"\b(?:injured|wounded|injuries)\b", sentence, re.I) else None


def _revision_pair(quantity: str, m: re.Match) -> list[Claim]:
    """``revised down from 31 to 27``: the first figure superseded (``initial``), the second the revision."""
    what = (m.group("what") or m.group("what2")).lower()
    q = "injured" if INJURY_WORD.search(what) else "killed"
    low, high, vague = parse_number(m.group("num"))
    first = Claim(
        m.start("qual") if m.group("qual") else m.start("num"),
        m.end("num"),
        q,
        *bounds(m.group("qual"), low, high, vague),
    )
    second_value = parse_number(m.group("num2"))[0]
    second = Claim(m.start("num2"), m.end("num2"), q, second_value, second_value, "exact")
    if quantity == "to_from":
        first.status, second.status = "revised", "initial"
    else:
        first.status, second.status = "initial", "revised"
    return [first, second]


def _victims_of_pair(m: re.Match, first: int) -> int:
    """``two policemen and four assailants were killed``: the victims only; two groups of victims add up."""
    second = 1 if m.group("num2").lower() in ("a", "an") else parse_number(m.group("num2"))[0]
    attackers = [bool(re.fullmatch(ATTACKERS, m.group(g), re.I)) for g in ("who", "who2")]
    return second if attackers[0] else first if attackers[1] else first + second


def _status(body: str, sentence_start: int, number_start: int) -> str:
    before = body[max(sentence_start, number_start - 60) : number_start]
    if INITIAL_BEFORE.search(before):
        return "initial"
    opening = OPENING_INITIAL.match(body, sentence_start, number_start)
    if opening and (opening.group("first") or COUNT_CHANGED.search(body)):
        return "initial"
    if REVISED_BEFORE.search(before):
        return "revised"
    return "reported"


def _source(body: str, start: int, end: int) -> str | None:
    m = SOURCE.search(body, start, end)
    if m is None:
        return None
    return (m.group("src") or m.group("src2")).strip()


@dataclass
class ArticleClaims:
    """The numeric claims and revision markers of one article, each with its sentence index."""

    claims: list[tuple[int, Claim]]  # (sentence index, claim)
    markers: list[tuple[int, RevisionMarker]]
