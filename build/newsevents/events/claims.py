"""Numeric claims: how many were killed, injured, attacked or struck, as the text states or implies.

Each claim has bounds and a qualifier: ``84 people`` is 84..84 (``exact``); ``at least 66`` 66..
(``at_least``); ``more than 40`` / ``over 100`` 41.. / 101.. (``more_than``); ``nearly 140`` 126..139 and
``about 50`` 45..55 (``about``); ``up to 40`` 0..40 (``up_to``); ``hundreds`` 200..999, ``dozens``
24..99, ``several`` 3..9, ``a number of`` 2.. (``vague``). Counts implied by the wording are claims too:
``the commander's death, along with another individual`` is 2 killed; ``one additional member`` adds one
to what was already counted (resolved once the claim is linked to its event).

``status`` is ``initial`` for a figure the text says was superseded (``earlier reported 73``, ``up from
34``) and ``revised`` for the one that superseded it (``rose to 40``, ``revised down to 84``); a sentence
saying ``initial reports overestimated the toll`` makes the figure before it ``revised`` and adds an
``initial`` claim above it (resolved per event).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
WORD_NUMBER = "|".join([*UNITS, *TENS, *SCALES])
NUMBER = (
    # a spelled-out number starts with a number word or "a" ("a hundred"), never with "and"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|(?:a[\s-]+)?(?:{WORD_NUMBER})(?:[\s-]+(?:and[\s-]+)?(?:{WORD_NUMBER}))*"
    rf"|(?:a\s+)?(?:few|handful|dozen)(?:\s+of)?|a\s+number\s+of|dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?"
    rf"|thousands(?:\s+of)?|several|many)"
)
QUALIFIER = (
    r"(?P<qual>more than|over|upwards of|in excess of|at least|no fewer than|a minimum of|about|around|"
    r"approximately|roughly|some|nearly|almost|close to|an estimated|estimated|up to|as many as|at most|"
    r"no more than|fewer than|less than|under)?"
)
QUALIFIERS = {
    "more than": "more_than",
    "over": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "at least": "at_least",
    "no fewer than": "at_least",
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
    "fewer than": "up_to",
    "less than": "up_to",
    "under": "up_to",
}
PEOPLE = (
    r"(?:people|persons|civilians|soldiers|troops|service\s?members|servicemembers|personnel|members|fighters|"
    r"militants|officers|children|women|men|americans|iranians|iraqis|syrians|israelis|palestinians|lebanese|"
    r"individuals|victims|others|staff|workers|pilgrims|mourners|worshippers|guards|commanders|contractors|"
    r"sailors|marines|policemen|police|residents|family\s+members)"
)
KILLED = r"(?:killed|dead|died|deaths?|lives|slain|perished|fatalities|martyred)"
INJURED = r"(?:injured|wounded|hurt|injuries|casualties)"
# Words between a number and whom it counts: "three U.S. Army soldiers", "two more people".
ADJ = r"(?:(?:more|other|additional|innocent|unarmed|(?-i:[A-Z][\w.’'-]*))\s+){0,4}"
ASIDE = r"(?:,\s*(?:including|among\s+them|mostly|many\s+of\s+them)\s+[^,.;]{1,40},)?"  # ", including civilians,"

PATTERNS: list[tuple[str, re.Pattern]] = [
    # "claimed the lives of 84 people", "the deaths of 12 soldiers"
    (
        "killed",
        re.compile(rf"\b(?:claimed|cost|took)\s+the\s+lives\s+of\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?", re.I),
    ),
    ("killed", re.compile(rf"\bdeaths?\s+of\s+{QUALIFIER}\s*{NUMBER}\s+{ADJ}{PEOPLE}", re.I)),
    # "a toll of 95", "the toll down to 84"
    (
        "killed",
        re.compile(
            rf"\b(?:death\s+)?toll\s+(?:\S+\s+){{0,6}}?(?:to|of|at|was|is|stood\s+at|stands\s+at|reached|hit)\s+{QUALIFIER}\s*{NUMBER}",
            re.I,
        ),
    ),
    # "killing 84 people", "killed at least 66", "wounding 284"
    ("killed", re.compile(rf"\b(?:killing|killed)\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?", re.I)),
    (
        "injured",
        re.compile(rf"\b(?:wounding|injuring|wounded|injured)\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?", re.I),
    ),
    # "left hundreds wounded", "left 40 people dead"
    ("left", re.compile(rf"\bleft\s+{QUALIFIER}\s*{NUMBER}(?:\s+{ADJ}{PEOPLE})?\s+(?P<what>{KILLED}|{INJURED})", re.I)),
    # "84 people were killed", "more than 40 were injured", "two more people died", "three U.S. soldiers killed"
    (
        "subject",
        re.compile(
            rf"{QUALIFIER}\s*\b{NUMBER}\s+(?:{ADJ}{PEOPLE}{ASIDE}\s+)?(?:(?:were|was|have\s+been|had\s+been|are|been|being|had|have|reportedly|also)\s+)*(?P<what>{KILLED}|{INJURED})\b",
            re.I,
        ),
    ),
    # "the number of injured had risen to more than 40", "the toll was revised down to 84"
    (
        "toll",
        re.compile(
            rf"\b(?P<what>death\s+toll|toll|number\s+of\s+(?:dead|deaths|injured|wounded|injuries|casualties|people\s+(?:killed|injured|wounded)))\s+(?:\S+\s+){{0,6}}?(?:rose|risen|climbed|increased|jumped|grown|grew|revised|corrected|lowered|fell|dropped|reached|stood|stands)(?:\s+(?:down|up|at))?\s+(?:to\s+)?{QUALIFIER}\s*{NUMBER}",
            re.I,
        ),
    ),
    # "over 100 attacks", "three facilities"
    (
        "attacks",
        re.compile(
            rf"{QUALIFIER}\s*\b{NUMBER}\s+(?:(?:drone|rocket|missile|separate|such|deadly)\s+)*(?:attacks|strikes|assaults)\b",
            re.I,
        ),
    ),
    (
        "facilities_struck",
        re.compile(
            rf"{QUALIFIER}\s*\b{NUMBER}\s+(?:(?:\w+)\s+)?(?:facilities|sites|targets|locations|positions|depots|buildings|installations)\b",
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
    rf"\b(?P<num>{'|'.join(UNITS)}|\d+)\s+(?:additional|more|other)\s+(?:\w+\s+)?(?P<who>{PEOPLE}|member|person|"
    r"soldier|fighter|individual|commander|civilian|child|man|woman)\b|\banother\s+(?P<num2>"
    + "|".join(UNITS)
    + r"|\d+)\s+(?P<who2>"
    + PEOPLE
    + r")\b",
    re.I,
)
LOSS = re.compile(r"\b(?:loss|deaths?|killing)\s+of\b|\bkilled\b|\bdied\b", re.I)
INITIAL_BEFORE = re.compile(
    r"\b(?:initial(?:ly)?|earlier|previous(?:ly)?|preliminary|original(?:ly)?|first)\s+(?:\w+\s+){0,3}$"
    r"|\b(?:up|down)\s+from\s+(?:an?\s+)?(?:initial\s+|earlier\s+|previous\s+)?(?:\w+\s+){0,2}(?:of\s+)?$",
    re.I,
)
REVISED_BEFORE = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|grew|revised|corrected|lowered|raised|updated)"
    r"(?:\s+\w+){0,3}?\s+to\s+$|\bnow\s+(?:stands|stood)\s+at\s+$",
    re.I,
)
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


@dataclass
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


@dataclass
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
    kind = QUALIFIERS.get((qualifier or "").lower(), "exact")
    if kind == "more_than":
        return low + 1, None, kind
    if kind == "at_least":
        return low, None, kind
    if kind == "up_to":
        return 0, low - (1 if (qualifier or "").lower() in ("fewer than", "less than", "under") else 0), kind
    if kind == "about":
        if (qualifier or "").lower() in ("nearly", "almost", "close to"):
            return round(low * 0.9), low - 1 if low > 1 else low, kind
        return round(low * 0.9), round(low * 1.1), kind
    return low, high, kind


# A sentence without any of these holds no claim: the (slow) patterns are not run on it.
HINT = re.compile(
    rf"\d|\b(?:{WORD_NUMBER}|dozens?|scores|hundreds|thousands|several|few|handful|number|many|another|"
    r"additional|death|toll|overestimated|underestimated|overstated|understated)\b",
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
        n = parse_number(m.group("num") or m.group("num2"))[0]
        claims.append(Claim(m.start(), m.end(), "killed", n, n, "exact", additional=n))
        taken.append(m.span())
    for quantity, pattern in PATTERNS:
        for m in pattern.finditer(body, start, end):
            if not free(*m.span()):
                continue
            low, high, vague = parse_number(m.group("num"))
            if not vague and low == 0:
                continue
            what = (m.groupdict().get("what") or "").lower()
            q = quantity
            if quantity in ("left", "subject"):
                q = "killed" if re.fullmatch(KILLED, what, re.I) else "injured"
            if quantity == "toll":
                q = "injured" if re.search(r"injur|wound|casualt", what) else "killed"
            if quantity == "previous":
                before = [c for c in claims if c.start < m.start() and c.quantity in ("killed", "injured")]
                if not before:
                    continue
                q = before[-1].quantity
            if q in ("attacks", "facilities_struck") and not vague and low < 2 and quantity == "attacks":
                continue
            value_low, value_high, qualifier = bounds(m.group("qual"), low, high, vague)
            start_at = m.start() + len(m.group()) - len(m.group().lstrip())
            claim = Claim(start_at, m.end(), q, value_low, value_high, qualifier)
            claim.status = _status(body, start, m.start("qual") if m.group("qual") else m.start("num"))
            if quantity == "previous":
                claim.status = "initial"
            elif quantity == "toll" and re.search(
                r"\b(?:rose|risen|climbed|increased|jumped|grown|grew|revised|"
                r"corrected|lowered|fell|dropped)\b",
                m.group(),
                re.I,
            ):
                claim.status = "revised"
            claims.append(claim)
            taken.append(m.span())
    for c in claims:
        c.attributed_to = _source(body, start, end)
    markers = [
        RevisionMarker(
            m.start(),
            m.end(),
            "killed" if "death" in m.group("what").lower() or m.group("what").lower() == "toll" else "injured",
            "over" if m.group("dir").lower().startswith(("over", "exag")) else "under",
        )
        for m in OVERESTIMATE.finditer(body, start, end)
    ]
    return sorted(claims, key=lambda c: c.start), markers


def _status(body: str, sentence_start: int, number_start: int) -> str:
    before = body[max(sentence_start, number_start - 60) : number_start]
    if INITIAL_BEFORE.search(before):
        return "initial"
    if REVISED_BEFORE.search(before):
        return "revised"
    return "reported"


def _source(body: str, start: int, end: int) -> str | None:
    m = SOURCE.search(body, start, end)
    if m is None:
        return None
    return (m.group("src") or m.group("src2")).strip()
