"""Find names the reference data does not know, from what the text says around them.

Each cue gives a name and, where the text says, its type:

==================  ==========================================================  ============
cue                 example                                                     type
==================  ==========================================================  ============
``title``           ``Defense Secretary Lloyd Austin``, ``Sgt. William Rivers``  person
``role``            ``the ministry’s spokesperson, Nasser Kanani,``              person
``age``             ``Kennedy Sanders, 24, of Waycross, Georgia``                person, place
``address``         ``in Carrollton, Georgia``; ``near Zarqa, Jordan``           place
``identified as``   ``was identified as Mushtaq al-Jawari``                     from the noun
``known as``        ``a base known as Tower 22``; ``X, also known as Y``         from the noun
``acronym``         ``Popular Mobilization Forces (PMF)``                        the name's
``of``              ``the leader of Saraya Awliya al-Dam``; ``the city of Hit``   group; place
``keyword``         ``Saheb al-Zaman Mosque``, ``Ministry of Defense``           place; group
``group``           ``the militia Kataib Sayyid al-Shuhada``                     armed_group
==================  ==========================================================  ============
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsevents.entities.recognize import Mention
from newsevents.entities.reference import Gazetteer
from newsevents.entities.text import APOSTROPHES, name_key

UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
U = f"[{UPPER}]"
PARTICLE = r"(?:al|el|as|ad|ash|an|ar|az|at|bin|ibn|bint|abu|abou|de|del|della|der|van|von|da|di|du|la|le|ul|ud)"
CAPWORD = rf"[‘ʿ]?{U}(?:[^\W_]|[{APOSTROPHES}](?=[^\W_]))*"
NAMEWORD = (
    rf"(?:(?:[A-Z]\.){{2,}}|{U}\.(?=[ \t])"
    rf"|(?:(?:{PARTICLE}|Al|El|Abu|Bin|Ibn)-)?{CAPWORD}(?:-(?:{PARTICLE}-)?{CAPWORD})*)"
)
NAME = rf"{NAMEWORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAMEWORD}){{0,5}}(?:[ \t]+\d{{1,3}}\b)?"

ABBREVIATED_TITLES = (
    r"(?:Lt\.|Maj\.|Brig\.|Vice|Rear|Staff|Master|First|1st)?[ \t]*"
    r"(?:Gen|Col|Lt|Maj|Capt|Sgt|Spc|Pfc|Pvt|Cpl|Adm|Cmdr|Cdr|Sen|Rep|Gov|Dr|Mr|Mrs|Ms|Mx|Prof|Amb|Rev)\."
    r"(?:[ \t]+1st[ \t]+Class)?"
)
CAPITALIZED_TITLES = (
    r"President|Vice President|Prime Minister|Deputy Prime Minister|Foreign Minister|Defense Minister|"
    r"Defence Minister|Interior Minister|Minister|Secretary of State|Secretary of Defense|Defense Secretary|"
    r"Secretary-General|Secretary General|Secretary|Press Secretary|Supreme Leader|Grand Ayatollah|Ayatollah|"
    r"Hojatoleslam|Sheikh|Sayyed|Sayyid|Seyed|Imam|Mullah|King|Queen|Crown Prince|Prince|Emir|Sultan|Pope|"
    r"General|Lieutenant General|Major General|Brigadier General|Colonel|Lieutenant Colonel|Captain|Lieutenant|"
    r"Sergeant|Staff Sergeant|Specialist|Private|Corporal|Admiral|Commander|Senator|Representative|Governor|"
    r"Mayor|Ambassador|Professor|Judge|Chief|Director|Chairman|Speaker|Spokesman|Spokeswoman|Spokesperson|"
    r"Leader|Premier|Envoy"
)
ROLES = (
    r"spokesperson|spokesman|spokeswoman|secretary|minister|commander|leader|chief|envoy|ambassador|adviser|"
    r"advisor|director|chairman|chairwoman|president|general|colonel|lieutenant|captain|sergeant|specialist|"
    r"admiral|cleric|founder|deputy|analyst|professor|researcher|journalist|correspondent|reporter|mayor|"
    r"governor|senator|lawmaker|congressman|congresswoman|judge|king|queen|prince|emir|sultan|sheikh|ayatollah|"
    r"imam|officer|premier|speaker|coordinator|negotiator|strategist|businessman|businesswoman|activist|"
    r"lawyer|doctor|physician|surgeon|engineer|scientist|diplomat|politician|photographer|photojournalist|"
    r"cameraman|editor|writer|author|poet|contractor"
)
TITLE = rf"(?:{ABBREVIATED_TITLES}|\b(?:{CAPITALIZED_TITLES})\b|\b(?i:{ROLES})s?\b)"
TITLES = rf"(?:{ABBREVIATED_TITLES}[ \t]+|\b(?:{CAPITALIZED_TITLES})[ \t]+)*"  # optional titles before a name
KUNYA = re.compile(r"^(?:Abu|Abou|Umm|Um)[ -][A-Z]")

PERSON_NOUNS = frozenset(
    "individual man woman person commander leader soldier victim official son daughter boy girl member "
    "cleric militant fighter general figure operative suspect bomber".split()
)
PLACE_NOUNS = frozenset(
    "base camp outpost city town village area region district province neighborhood neighbourhood airport "
    "facility site compound crossing garrison installation airbase outskirts suburb square mosque".split()
)
GROUP_NOUNS = frozenset("group militia faction movement coalition brigade network outfit unit cell".split())
ORGANIZATION_NOUNS = frozenset("organization organisation agency ministry company charity outlet channel".split())

GROUP_WORDS = r"Brigades?|Battalions?|Front|Militias?|Mujahideen|Resistance|Movement"
ORGANIZATION_WORDS = (
    r"Ministry|Agency|Council|Committee|Command|Department|Office|Institute|University|Organi[sz]ation|Party|"
    r"Forces|Force|Army|Navy|Corps|Guards?|Network|Foundation|Commission|Authority|Union|League|Court|"
    r"Parliament|Assembly|Center|Centre|Services?|Bureau|Administration|Embassy|Consulate|Company|"
    r"Corporation|Group|Observatory|Society|Association|Times|Post|News|Journal|Television|Radio"
)
PLACE_WORDS = (
    r"Province|Governorate|District|Air Base|Airbase|Air Force Base|Base|Airport|Camp|Garrison|Square|Mosque|"
    r"Cemetery|Shrine|Hospital|Street|Bridge|Crossing|Refinery|Oil Field|Gas Field|Port|Valley|Mountains?|Desert"
)
KEYWORD_TYPES = (("armed_group", GROUP_WORDS), ("organization", ORGANIZATION_WORDS), ("place", PLACE_WORDS))

NOT_NAMES = frozenset(
    "the a an this that these those in on at for but and or as if when while after before during since "
    "despite however meanwhile last next earlier later then it he she they we his her their its our some "
    "many several according both also q january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday".split()
)

SPEECH = r"(?:said|says|told|added|stated|warned)"
OF_NOUNS = (
    r"leaders?|commanders?|head|founder|chief|members?|fighters?|spokes(?:man|woman|person)|leadership|militants?|"
    r"wing|city|town|village|province|governorate|district|region|area|camp|base|outpost|airport|port|"
    r"neighbou?rhood|suburb|county|enclave|border crossing"
)
KEYWORDS = rf"(?:{GROUP_WORDS}|{ORGANIZATION_WORDS}|{PLACE_WORDS})"
GROUP_NOUN_BEFORE = r"(?:militia|militant group|armed group|rebel group|paramilitary group|faction)"

PATTERNS: list[tuple[str, re.Pattern]] = [
    ("title", re.compile(rf"(?<![\w.]){TITLE}(?:[ \t]+{TITLE})*[ \t]+(?P<name>{NAME})")),
    ("role", re.compile(rf"\b(?i:{ROLES})s?,[ \t]+(?P<name>{NAME})(?=,|[ \t]+{SPEECH})")),
    ("age", re.compile(rf"(?P<name>{NAME}),[ \t]+\d{{1,3}},[ \t]+(?:of|from)[ \t]+(?P<place>{NAME})")),
    (
        "address",
        re.compile(
            rf"\b(?:in|of|from|near|outside|at)[ \t]+(?P<place>{NAME}),[ \t]+"
            rf"(?P<region>{NAME})(?![\w{APOSTROPHES}])"
        ),
    ),
    (
        "identified as",
        re.compile(
            rf"\b(?:identified|named|dubbed)[ \t]+as[ \t]+{TITLES}(?P<name>{NAME})"
            rf"|\bnamed[ \t]+{TITLES}(?P<named>{NAME})"
        ),
    ),
    (
        "known as",
        re.compile(
            rf"(?:(?P<first>{NAME}),?[ \t]+\(?)?\b(?:(?:also|better)[ \t]+)?(?:known[ \t]+as|aka)[ \t]+"
            rf"{TITLES}(?P<name>{NAME})"
        ),
    ),
    ("acronym", re.compile(rf"(?P<first>{NAME})[ \t]+\((?P<name>{U}[{UPPER}0-9&.\-]{{1,9}})\)")),
    ("of", re.compile(rf"\b(?P<noun>{OF_NOUNS})[ \t]+of[ \t]+(?:the[ \t]+)?(?P<name>{NAME})")),
    (
        "keyword",
        re.compile(
            rf"(?P<name>(?:{NAME})[ \t]+{KEYWORDS}"
            rf"|(?:{ORGANIZATION_WORDS})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{NAME})\b"
        ),
    ),
    ("province", re.compile(rf"(?P<name>{NAME})[ \t]+(?:province|governorate|district)\b")),
    ("group", re.compile(rf"\b{GROUP_NOUN_BEFORE}[ \t]+(?P<name>{NAME})")),
]


# A cheap test each sentence must pass before a pattern runs on it (the patterns themselves are slow).
TRIGGERS = {
    "age": re.compile(r", \d"),
    "address": re.compile(r", [A-Z]"),
    "identified as": re.compile(r"identified|named|dubbed"),
    "known as": re.compile(r"known as|\baka\b"),
    "acronym": re.compile(r"\([A-Z]"),
    "of": re.compile(r" of "),
    "keyword": re.compile(rf"\b{KEYWORDS}\b"),
    "province": re.compile(r"province|governorate|district"),
    "group": re.compile(r"militia|group|faction"),
}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading function words (``The``), trailing dates (``Monday``) and a possessive ``’s``."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().strip(",").lower() in NOT_NAMES:
        words.pop(0)
    while words and words[-1].group().strip(",").lower() in NOT_NAMES:
        words.pop()
    if not words:
        return start, start
    s, e = start + words[0].start(), start + words[-1].end()
    if e - s > 2 and text[e - 2] in APOSTROPHES and text[e - 1] == "s":
        e -= 2
    return s, e


def abbreviates(acronym: str, name: str) -> bool:
    """Whether the acronym's letters are initials of the name's words, in order (``IRGC``, ``SOHR``)."""
    initials = iter(w[0].lower() for w in re.findall(r"[^\W\d_]+", name))
    return all(any(c == i for i in initials) for c in acronym.lower() if c.isalpha())


def type_from_noun(text: str, before: int) -> str | None:
    """The type a noun just before a name gives it (``a base known as`` → place)."""
    for word in reversed(re.findall(r"[a-z]+", text[max(0, before - 40) : before].lower())[-4:]):
        if word in PERSON_NOUNS:
            return "person"
        if word in PLACE_NOUNS:
            return "place"
        if word in GROUP_NOUNS:
            return "armed_group"
        if word in ORGANIZATION_NOUNS:
            return "organization"
    return None


def keyword_type(name: str) -> str | None:
    for entity_type, words in KEYWORD_TYPES:
        if re.search(rf"(?:^|[ \t])(?:{words})$", name) or re.match(rf"(?:{words})[ \t]+(?:of|for)\b", name):
            return entity_type
    return None


def _candidate(text: str, start: int, end: int, entity_type: str | None, cue: str) -> Mention | None:
    start, end = trim(text, start, end)
    name = text[start:end]
    if end <= start or not name_key(name) or (not name[0].isupper() and not name.startswith(("al-", "el-"))):
        return None
    if entity_type is None and KUNYA.match(name):
        entity_type = "person"  # Abu Hajar, Umm Ahmad: a kunya names a person
    return Mention(start, end, None, "discovered", name=name, entity_type=entity_type, cue=cue)


def discover(text: str, start: int, end: int, kind: str, gazetteer: Gazetteer) -> Iterator[Mention]:
    """Names marked as names by the text in ``text[start:end]`` (one sentence of kind ``kind``)."""
    if kind == "boilerplate":
        return
    for cue, pattern in PATTERNS:
        if cue == "keyword" and kind == "heading":
            continue  # every word of a title-case heading is capitalised
        trigger = TRIGGERS.get(cue)
        if trigger is not None and trigger.search(text, start, end) is None:
            continue
        for m in pattern.finditer(text, start, end):
            yield from _from_match(text, cue, m, gazetteer)


def _from_match(text: str, cue: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    if cue in ("title", "role"):
        found = _candidate(text, *m.span("name"), "person", cue)
        if found and keyword_type(found.name) is None:
            yield found
    elif cue == "age":
        person = _candidate(text, *m.span("name"), "person", cue)
        if person and keyword_type(person.name) is None:
            yield person
        place = _candidate(text, *m.span("place"), "place", cue)
        if place:
            yield place
    elif cue == "address":
        yield from _address(text, m, gazetteer)
    elif cue == "identified as":
        group = "name" if m.group("name") else "named"
        found = _candidate(text, *m.span(group), type_from_noun(text, m.start()) or "person", cue)
        if found:
            yield found
    elif cue == "known as":
        yield from _known_as(text, m)
    elif cue == "acronym":
        first = _candidate(text, *m.span("first"), keyword_type(m.group("first")), cue)
        if first and abbreviates(m.group("name"), first.name):
            yield first
            yield Mention(*m.span("name"), None, "text_alias", name=m.group("name"), cue=cue, link=first.span)
    elif cue == "of":
        noun = m.group("noun").lower()
        entity_type = (
            "place"
            if noun.rstrip("s") in PLACE_NOUNS or noun in ("border crossing", "county", "enclave", "port")
            else None
        )
        found = _candidate(text, *m.span("name"), entity_type, cue)
        if found:
            found.entity_type = found.entity_type or keyword_type(found.name) or "armed_group"
            yield found
    elif cue in ("keyword", "province", "group"):
        found = _candidate(text, *m.span("name"), None, cue)
        if found:
            default = {"province": "place", "group": "armed_group"}.get(cue)
            found.entity_type = keyword_type(found.name) or default
            if found.entity_type and len(found.name.split()) >= (2 if cue == "keyword" else 1):
                yield found


def _address(text: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    """``in Carrollton, Georgia``: a place, and the US state or country it lies in."""
    region_start, region_end = m.span("region")
    region = text[region_start:region_end]
    us_state = gazetteer.us_states.get(" ".join(name_key(region)))
    country = gazetteer.lookup(region)
    country = country if country is not None and country.entity_type == "state" else None
    place = _candidate(text, *m.span("place"), "place", "address")
    if place is None or (us_state is None and country is None):
        return
    known = gazetteer.lookup(place.name)
    if known is not None:
        # A known place's own country decides which Georgia follows it.
        if us_state and known.country_code == "US":
            yield Mention(region_start, region_end, us_state, "reference")
        return
    place.country_code = "US" if us_state else country.country_code
    yield place
    if us_state:
        yield Mention(region_start, region_end, us_state, "reference")


def _known_as(text: str, m: re.Match) -> Iterator[Mention]:
    second = _candidate(text, *m.span("name"), None, "known as")
    if second is None:
        return
    if m.group("first"):
        first = _candidate(text, *m.span("first"), None, "known as")
        if first:
            yield first
            second.method, second.link = "text_alias", first.span
            yield second
            return
    second.entity_type = type_from_noun(text, m.start("name"))
    yield second
