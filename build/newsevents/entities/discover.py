"""Find names the reference data does not know, from what the text says around them.

Each cue gives a name and, where the text says, its type:

=====================  =========================================================  ==================
cue                    example                                                    type
=====================  =========================================================  ==================
``title``              ``Defense Secretary Lloyd Austin``, ``Lt.-Gen. Ann Roe``,   person
                       ``senior medic Dan Levi``, ``Ambassador in Rome Ali Nik``
``role``               ``the ministry’s spokesperson, Nasser Kanani,``;           person
                       ``a senior official from the group, Ali Saad, said``
``apposition``         ``Ali Saad, the deputy governor of the province,``         from the noun
``age``                ``Kennedy Sanders, 24, of Waycross, Georgia``              person, place
``address``            ``in Carrollton, Georgia``; ``near Zarqa, Jordan``         place
``identified as``      ``was identified as Mushtaq al-Jawari``                    from the noun
``known as``           ``a base known as Tower 22``; ``X, also known as Y``       from the noun
``gloss``              ``Jaish al-Adl (Army of Justice)``                         the known one's
``acronym``            ``Popular Mobilization Forces (PMF)``                      the name's, or
                                                                                  organization
``of``                 ``the leader of Saraya Awliya al-Dam``; ``the city of Hit``  group; place
``keyword``            ``Saheb al-Zaman Mosque``, ``Ministry of Defense``,         place; group;
                       ``Borno State``, ``Starlight Hall``                         organization
``place noun``         ``the Dar al-Salam neighbourhood``, ``Ramon air base``      place
``group``              ``the militia Kataib Sayyid al-Shuhada``                   armed_group
``organization noun``  ``the advocacy group Sawa``, ``the Yonhap news agency``     organization
``vessel``             ``the tanker Galaxy Leader``, ``USS Mason``                place (no country)
``locative``           ``in Goma`` (a GeoNames city), ``in North Kivu``            place
=====================  =========================================================  ==================

A possessor the reference data knows is not part of the name (``Russia’s Federal Security Service``): it
gives the name its country and, for an institution, its owner (``Iran’s Foreign Ministry``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from newsevents.entities.recognize import Mention
from newsevents.entities.reference import Entity, Gazetteer
from newsevents.entities.text import APOSTROPHES, CALENDAR, name_key

UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
U = f"[{UPPER}]"
PARTICLE = r"(?:al|el|as|ad|ash|an|ar|az|at|bin|ibn|bint|abu|abou|de|del|della|der|van|von|da|di|du|la|le|ul|ud)"
CAPWORD = rf"[‘ʿ]?{U}(?:[^\W_]|[{APOSTROPHES}](?=[^\W_]))*"
NAMEWORD = (
    rf"(?:(?:[A-Z]\.){{2,}}|(?:{U}|St|Mt|Ft)\.(?=[ \t])"
    rf"|(?:(?:{PARTICLE}|Al|El|Abu|Bin|Ibn)-)?{CAPWORD}(?:-(?:(?:{PARTICLE}|e|i|ye|o)-)?{CAPWORD})*"
    rf"(?:-(?:e|ye|i)(?=[ \t]+{U}))?)"  # the Persian ezafe: Qasr-e Shirin, Bandar-e Abbas
)
NAME = rf"{NAMEWORD}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{NAMEWORD}){{0,5}}(?:[ \t]+\d{{1,3}}\b)?"

ABBREVIATED_TITLES = (
    r"(?:Lt\.|Maj\.|Brig\.|Vice|Rear|Staff|Master|First|1st)?[ \t]*-?"  # Lt. Gen. or Lt.-Gen.
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
    r"cameraman|editor|writer|author|poet|contractor|medic|paramedic|nurse|rescuer|prosecutor|attorney|official"
)
# Words one of which a sentence must contain for a title or a role to be in it.
ABBREVIATIONS = "gen col lt maj capt sgt spc pfc pvt cpl adm cmdr cdr sen rep gov dr mr mrs ms mx prof amb rev"
TITLE_WORDS = frozenset(
    [t.split()[0].split("-")[0].lower() for t in CAPITALIZED_TITLES.split("|")]
    + ROLES.split("|")
    + ABBREVIATIONS.split()
)
ROLE_WORDS = frozenset(ROLES.split("|")) | {f"{w}s" for w in ROLES.split("|")}
# One person's title: "doctors" before a name is not one (``Doctors Without Borders``).
TITLE = rf"(?:{ABBREVIATED_TITLES}|\b(?:{CAPITALIZED_TITLES})\b|\b(?i:{ROLES})\b)"
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
    r"Corporation|Group|Observatory|Society|Association|Times|Post|News|Journal|Television|Radio|"
    r"Directorate|Headquarters|Secretariat|Tribunal|Forum|Without Borders|Sans Fronti[eè]res"
)
PLACE_WORDS = (
    r"Province|Governorate|District|Air Base|Airbase|Air Force Base|Base|Airport|Camp|Garrison|Square|Mosque|"
    r"Cemetery|Shrine|Hospital|Street|Bridge|Crossing|Refinery|Oil Field|Gas Field|Port|Valley|Mountains?|Desert|"
    r"Hall|Stadium|Arena|Hotel|Palace|Towers?|Mall|Market|Church|Cathedral|Synagogue|Prison|Zone|State|Oblast|School|"
    r"Prefecture|Region"
)
KEYWORD_TYPES = (("armed_group", GROUP_WORDS), ("organization", ORGANIZATION_WORDS), ("place", PLACE_WORDS))

NOT_NAMES = frozenset(
    "the a an this that these those in on at for but and or as if when while after before during since "
    "despite however meanwhile last next earlier later then it he she they we his her their its our some "
    "many several according both also q january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday".split()
)

SPEECH = r"(?:said|says|told|added|stated|warned)"
# ``Alireza Tehrani, the deputy governor of the province,``; ``Jaish al-Fath, a militia group,``: a name, a
# comma and a description of a few words whose head noun says what the name is.
APPOSITION_NOUNS = "|".join(
    sorted(
        {*ROLES.split("|"), *PERSON_NOUNS, *PLACE_NOUNS, "capital", *GROUP_NOUNS, *ORGANIZATION_NOUNS},
        key=len,
        reverse=True,
    )
)
NOT_DESCRIPTION = (
    r"(?:and|or|but|said|says|told|who|which|that|was|were|is|are|has|have|had|to|by|when|after|before|as|"
    r"while|where|on|in|at)"
)
OF_NOUNS = (
    r"leaders?|commanders?|head|founder|chief|members?|fighters?|spokes(?:man|woman|person)|leadership|militants?|"
    r"wing|city|town|village|province|governorate|district|region|area|camp|base|outpost|airport|port|"
    r"neighbou?rhood|suburb|county|enclave|border crossing"
)
KEYWORDS = rf"(?:{GROUP_WORDS}|{ORGANIZATION_WORDS}|{PLACE_WORDS})"
GROUP_NOUN_BEFORE = r"(?:militia|militant group|armed group|rebel group|paramilitary group|faction)"


def _alternation(phrases: tuple[str, ...]) -> str:
    """A regex alternation of plain phrases, longest first, any run of spaces between their words."""
    return "|".join(p.replace(" ", r"[ \t]+") for p in sorted(phrases, key=len, reverse=True))


def _heads(phrases: tuple[str, ...]) -> frozenset[str]:
    """The last word of each phrase, lower-cased: what a sentence must contain for the phrase to be in it."""
    return frozenset(p.split()[-1].lower() for p in phrases)


# A common noun right after a name says what the name is: ``the Dar al-Salam neighbourhood``, ``Kafr Nabl
# town``, ``the Ras Tanura refinery``, ``the Ajman air base``.
PLACE_NOUNS_AFTER = (
    *"province governorate district county region state oblast prefecture neighborhood neighbourhood suburb "
    "quarter town village hamlet city camp airbase airfield airport airstrip hospital hall stadium arena theatre "
    "theater hotel mall market bazaar mosque church synagogue shrine cemetery prison jail checkpoint crossing port "
    "harbor harbour refinery dam bridge square compound outpost".split(),
    *("refugee camp", "air base", "military base", "naval base", "army base", "navy base", "medical center"),
    *("medical centre", "concert hall", "border crossing", "oil field", "gas field", "power plant", "power station"),
    *("police station", "railway station", "train station", "tram station", "metro station", "bus station"),
    "landing zone",
)
# Who a name belongs to: ``the advocacy group Sawa``, ``drone maker Baykar``, ``the Yonhap news agency``.
ORGANIZATION_NOUNS_BEFORE = (
    *(f"{kind} group" for kind in ("advocacy", "rights", "human rights", "aid", "humanitarian", "relief")),
    *(f"{kind} group" for kind in ("monitoring", "activist", "campaign", "lobby", "research", "charity")),
    *"agency broadcaster newspaper daily outlet company firm conglomerate charity NGO organization organisation "
    "shipper shipowner insurer manufacturer carmaker automaker chipmaker planemaker watchdog".split(),
    *("news agency", "shipping line", "think tank", "non-profit group", "nonprofit group"),
    # "a trader", "a maker", "an operator" alone may be a person's occupation
    *(f"{what} trader" for what in ("commodities", "commodity", "oil", "energy", "grain", "metals")),
    *(f"{what} maker" for what in ("drone", "arms", "weapons", "missile", "aircraft", "defence", "defense")),
    *(f"{what} operator" for what in ("ship", "vessel", "port", "network", "satellite", "shipping", "pipeline")),
)
ORGANIZATION_NOUNS_AFTER = ("news agency", "news channel", "broadcaster", "newspaper", "daily", "news website")
LOCATIVES = r"in|near|outside|at|from|to|into|toward|towards|around|across"
REGION_NAME = re.compile(r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Upper|Lower|Central)[ \t]+[A-Z]")
VESSEL_TYPES = (
    *"tanker vessel ship freighter carrier warship destroyer frigate cruiser corvette submarine yacht ferry".split(),
    *("trawler", "dhow", "bulk carrier", "patrol boat"),
)
VESSEL_NOUN = (
    r"(?:(?:oil|crude|chemical|products?|petroleum[ \t]+products|LNG|LPG|gas|bulk|cargo|container|merchant|"
    rf"commercial|fishing)[ \t]+)?(?:{_alternation(VESSEL_TYPES)})"
)
MERCHANT_PREFIXES = ("M/V", "M/T", "MV", "MT", "SS", "RV")  # written before a ship's name, not part of it
NAVY_PREFIXES = "USS USNS HMS HMAS HMCS HMNZS INS FS ITS SPS HNLMS ROKS JS PNS IRIS TCG ESPS KRI BNS".split()
VESSEL_PREFIX = rf"(?:{'|'.join(MERCHANT_PREFIXES)})"
NAVY_PREFIX = rf"(?:{'|'.join(NAVY_PREFIXES)})"


class Cue(NamedTuple):
    """One way the text marks a name: the pattern, a cheap test a sentence must pass before the pattern runs
    on it (a regex, or words one of which the sentence must contain), and, for a pattern that starts with a
    name, the words after the name to look for first (the name is then read backwards from them)."""

    name: str
    pattern: re.Pattern
    trigger: re.Pattern | frozenset[str] | None = None
    anchor: re.Pattern | None = None
    words: frozenset[str] | None = None  # words one of which the sentence must contain, besides the trigger


APPOSITION_TAIL = (
    rf",[ \t]+(?:(?:the|a|an)[ \t]+)?(?:(?!{NOT_DESCRIPTION}\b)[\w’'-]+[ \t]+){{0,4}}?"
    rf"(?P<noun>{APPOSITION_NOUNS})\b(?=[ \t]*[,.;]|[ \t]+(?:of|for|in|at|from|to|who|which|that|with|based)\b)"
)
PLACE_NOUN = rf"[ \t]+(?:{_alternation(PLACE_NOUNS_AFTER)})\b"
ORGANIZATION_NOUN = rf"[ \t]+(?:{_alternation(ORGANIZATION_NOUNS_AFTER)})\b"
VESSEL_AFTER = rf"[ \t]+(?:{VESSEL_NOUN})\b"
PREFIX_WORDS = frozenset(w.lower() for w in (*MERCHANT_PREFIXES, *NAVY_PREFIXES) if "/" not in w) | {"m"}

CUES: list[Cue] = [
    Cue(
        "title",
        re.compile(rf"(?<![\w.])(?P<title>{TITLE}(?:[ \t]+{TITLE})*)[ \t]+(?P<name>{NAME})"),
        TITLE_WORDS,
    ),
    Cue(
        "role",
        re.compile(
            rf"\b(?i:{ROLES})s?(?P<of>[ \t]+(?:of|from|for|at|in|to|with)[ \t]+[^,.;:()\"“”\n]{{1,40}}?)?,"
            rf"[ \t]+(?P<name>{NAME})(?=[ \t]*[,;]|\.(?:\s|$)|[ \t]+(?:{SPEECH}|has|had)\b)"
        ),
        re.compile(r", (?:[A-Z‘ʿ]|al-|el-)"),
        words=ROLE_WORDS,
    ),
    Cue(
        "apposition", re.compile(rf"(?P<name>{NAME}){APPOSITION_TAIL}"), re.compile(r", "), re.compile(APPOSITION_TAIL)
    ),
    Cue(
        "posted",
        re.compile(rf"\b(?:{CAPITALIZED_TITLES}|(?i:{ROLES}))[ \t]+(?:in|to|at)[ \t]+(?P<name>{NAME})"),
        re.compile(r" (?:in|to|at) [A-Z]"),
        words=TITLE_WORDS,
    ),
    Cue(
        "age",
        re.compile(rf"(?P<name>{NAME}),[ \t]+\d{{1,3}},[ \t]+(?:of|from)[ \t]+(?P<place>{NAME})"),
        re.compile(r", \d"),
    ),
    Cue(
        "address",
        re.compile(
            rf"\b(?:in|of|from|near|outside|at)[ \t]+(?P<place>{NAME}),[ \t]+"
            rf"(?P<region>{NAME})(?![\w{APOSTROPHES}])"
        ),
        re.compile(r", [A-Z]"),
    ),
    Cue(
        "identified as",
        re.compile(
            rf"\b(?:identified|named|dubbed)[ \t]+as[ \t]+{TITLES}(?P<name>{NAME})"
            rf"|\bnamed[ \t]+{TITLES}(?P<named>{NAME})"
        ),
        frozenset({"identified", "named", "dubbed"}),
    ),
    Cue(
        "known as",
        re.compile(
            rf"(?:(?P<first>{NAME}),?[ \t]+\(?)?\b(?:(?:also|better)[ \t]+)?(?:known[ \t]+as|aka)[ \t]+"
            rf"{TITLES}(?P<name>{NAME})"
        ),
        re.compile(r"known as|\baka\b"),
    ),
    Cue(
        "gloss",
        re.compile(
            rf"(?P<first>{NAME})[ \t]+\("
            rf"(?P<name>{NAMEWORD}(?:[ \t]+(?:(?:of|for|the|and|{PARTICLE})[ \t]+)*{NAMEWORD})+)\)"
            r"(?P<after>[ \t]+[a-z]+)?"
        ),
        re.compile(r"\([A-Z][\w’'-]*[ \t]+[\w’'-]"),
    ),
    Cue(
        "acronym",
        re.compile(rf"(?P<first>{NAME})[ \t]+\((?P<name>{U}[{UPPER}0-9&.\-]{{1,9}})\)"),
        re.compile(r"\([A-Z]"),
    ),
    Cue(
        "of",
        re.compile(rf"\b(?P<noun>{OF_NOUNS})[ \t]+of[ \t]+(?:the[ \t]+)?(?P<name>{NAME})"),
        frozenset({"of"}),
    ),
    Cue(
        "keyword",
        re.compile(
            rf"(?P<name>(?:{NAME})[ \t]+(?:{ORGANIZATION_WORDS})(?P<of>[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{NAME})?"
            rf"|(?:{NAME})[ \t]+(?:{GROUP_WORDS}|{PLACE_WORDS})"
            rf"|(?:{ORGANIZATION_WORDS})[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?{NAME})\b"
        ),
        re.compile(rf"\b{KEYWORDS}\b"),
    ),
    Cue(
        "place noun",
        re.compile(rf"(?P<name>{NAME}){PLACE_NOUN}"),
        _heads(PLACE_NOUNS_AFTER),
        re.compile(PLACE_NOUN),
    ),
    Cue(
        "group",
        re.compile(rf"\b{GROUP_NOUN_BEFORE}[ \t]+(?P<name>{NAME})"),
        frozenset({"militia", "group", "faction"}),
    ),
    Cue(
        "organization noun",
        re.compile(rf"\b(?:{_alternation(ORGANIZATION_NOUNS_BEFORE)})[ \t]+(?P<name>{NAME})"),
        _heads(ORGANIZATION_NOUNS_BEFORE),
    ),
    Cue(
        "organization noun",
        re.compile(rf"(?P<before>{NAME}){ORGANIZATION_NOUN}"),
        _heads(ORGANIZATION_NOUNS_AFTER),
        re.compile(ORGANIZATION_NOUN),
    ),
    Cue("locative", re.compile(rf"\b(?:{LOCATIVES})[ \t]+(?P<name>{NAME})"), re.compile(rf"\b(?:{LOCATIVES}) [A-Z]")),
    Cue(
        "vessel",
        re.compile(
            rf"\b(?:{VESSEL_NOUN})[ \t]+(?:{VESSEL_PREFIX}[ \t]+)?(?P<name>{NAME})"
            rf"|\b{VESSEL_PREFIX}[ \t]+(?P<prefixed>{NAME})|(?P<navy>\b{NAVY_PREFIX}[ \t]+{NAME})"
        ),
        _heads(VESSEL_TYPES) | PREFIX_WORDS,
    ),
    Cue("vessel", re.compile(rf"(?P<before>{NAME}){VESSEL_AFTER}"), _heads(VESSEL_TYPES), re.compile(VESSEL_AFTER)),
]
NAME_ENDING = re.compile(rf"(?:{NAME})$")
LOOKBACK = 100  # characters before an anchor where the name it follows may start
WORD = re.compile(r"[a-z]+")


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
        if re.search(rf"(?:^|[ \t])(?:(?:{words})$|(?:{words})[ \t]+(?:of|for)\b)", name):
            return entity_type
    return None


def _candidate(text: str, start: int, end: int, entity_type: str | None, cue: str) -> Mention | None:
    start, end = trim(text, start, end)
    name = text[start:end]
    if end <= start or not name_key(name) or (not name[0].isupper() and not name.startswith(("al-", "el-"))):
        return None
    if CALENDAR.fullmatch(name):
        return None  # "Tuesday's market", "near Friday prayers": a day, not a name
    if entity_type is None and KUNYA.match(name):
        entity_type = "person"  # Abu Hajar, Umm Ahmad: a kunya names a person
    return Mention(start, end, None, "discovered", name=name, entity_type=entity_type, cue=cue)


def discover(text: str, start: int, end: int, kind: str, gazetteer: Gazetteer) -> Iterator[Mention]:
    """Names marked as names by the text in ``text[start:end]`` (one sentence of kind ``kind``)."""
    if kind == "boilerplate":
        return
    words = frozenset(WORD.findall(text[start:end].lower()))
    for cue in CUES:
        if cue.name == "keyword" and kind == "heading":
            continue  # every word of a title-case heading is capitalised
        if isinstance(cue.trigger, frozenset) and words.isdisjoint(cue.trigger):
            continue
        if cue.words is not None and words.isdisjoint(cue.words):
            continue
        if isinstance(cue.trigger, re.Pattern) and cue.trigger.search(text, start, end) is None:
            continue
        for m in _matches(text, start, end, cue):
            for found in _from_match(text, cue.name, m, gazetteer):
                if found.entity_id is None:
                    found = _after_possessor(text, found, gazetteer)
                if found is not None:
                    yield found
    yield from _titled_across_a_split(text, start, end)


def _matches(text: str, start: int, end: int, cue: Cue) -> Iterator[re.Match]:
    """The cue's matches in ``text[start:end]``; a pattern that opens with a name is tried only where the words
    that follow the name are (trying a name at every word is what makes such patterns slow)."""
    if cue.anchor is None:
        yield from cue.pattern.finditer(text, start, end)
        return
    done = start
    for anchor in cue.anchor.finditer(text, start, end):
        name = NAME_ENDING.search(text, max(done, anchor.start() - LOOKBACK), anchor.start())
        m = cue.pattern.match(text, name.start(), end) if name else None
        if m is not None:
            done = m.end()
            yield m


POSSESSIVE_WORD = re.compile(rf"\S+?[{APOSTROPHES}]s?(?=[ \t])")


def _after_possessor(text: str, found: Mention, gazetteer: Gazetteer) -> Mention | None:
    """``Russia’s Federal Security Service`` is the service, owned by a name the reference data knows; a
    possessive inside an unknown name is part of it (``People’s Protection Units``, ``Children’s Hospital``)."""
    for m in reversed(list(POSSESSIVE_WORD.finditer(text, found.start, found.end))):
        owner = gazetteer.lookup(text[found.start : m.end()]) or _region(text[found.start : m.end()], gazetteer)
        if owner is None:
            continue
        start = m.end() + 1
        while start < found.end and text[start] in " \t":
            start += 1
        rest = _candidate(text, start, found.end, found.entity_type, found.cue or "")
        if rest is None or (len(rest.name.split()) == 1 and keyword_type(rest.name)):
            return None
        rest.entity_type = found.entity_type or keyword_type(rest.name)
        rest.country_code = owner.country_code
        if rest.entity_type != "place" and owner.entity_id:  # a place is one place whoever's it is said to be
            rest.owner = owner.entity_id
        return rest
    return found


def _region(name: str, gazetteer: Gazetteer) -> Entity | None:
    """A first-level region of one country (``Jammu and Kashmir’s``) as a possessor: whose the name is."""
    regions = gazetteer.regions.get(name_key(name), ())
    codes = {r.country_code for r in regions}
    if len(codes) != 1 or len(name_key(name)) < 2:
        return None
    return Entity("", regions[0].name, "place", regions[0].country_code)


SPLIT_TITLE = re.compile(rf"(?<![\w.]){ABBREVIATED_TITLES}\s+$")
NAME_AT = re.compile(NAME)


def _titled_across_a_split(text: str, start: int, end: int) -> Iterator[Mention]:
    """A name whose abbreviated title closed the sentence before (``Lt.-Gen.`` read as a full stop)."""
    if SPLIT_TITLE.search(text, max(0, start - 16), start) is None:
        return
    m = NAME_AT.match(text, start, end)
    found = _candidate(text, *m.span(), "person", "title") if m else None
    if found and keyword_type(found.name) is None:
        yield found


def _from_match(text: str, cue: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    if cue in ("title", "role"):
        found = _candidate(text, *m.span("name"), "person", cue)
        # "Officials in Tyre, Qana said": after a role and where it is held, one word may be the next place.
        one_word_after_where = cue == "role" and m.group("of") and found and " " not in found.name
        titled_wrongly = cue == "title" and found is not None and _not_titled(text, m, found)
        if found and keyword_type(found.name) is None and not one_word_after_where and not titled_wrongly:
            yield found
    elif cue == "apposition":
        yield from _apposition(text, m, gazetteer)
    elif cue == "posted":
        yield from _posted(text, m, gazetteer)
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
    elif cue == "gloss":
        yield from _gloss(text, m, gazetteer)
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
        if found and not (" " not in found.name and keyword_type(found.name)):  # "the head of the Guards"
            found.entity_type = found.entity_type or keyword_type(found.name) or "armed_group"
            yield found
    elif cue == "locative":
        yield from _locative(text, m, gazetteer)
    elif cue in ("place noun", "organization noun", "vessel"):
        yield from _named_by_noun(text, cue, m, gazetteer)
    elif cue == "keyword":
        found = _owned_by_what_follows(text, m, gazetteer)
        if found and LOCATIVE_BEFORE.search(text, max(0, found.start - 12), found.start):
            found = _without_leading_demonym(text, found, gazetteer)  # "in Iraq Security Forces were sent"
        if found and keyword_type(found.name) and len(found.name.split()) >= 2:
            found.entity_type = keyword_type(found.name)
            if found.entity_type == "place" and _describes(found.name.split()[0]) and len(found.name.split()) == 2:
                return  # "the Jewish State", "the Western District"
            _country_of_demonym(found, gazetteer)
            yield found
    elif cue == "group":
        found = _candidate(text, *m.span("name"), None, cue)
        if found:
            found.entity_type = keyword_type(found.name) or "armed_group"
            yield found


def _gloss(text: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    """``Jaish al-Adl (Army of Justice)``, ``Hashd al-Shaabi (Popular Mobilization) forces``: a name and its
    translation in brackets are one entity, where the reference data knows one of the two (a bracket after an
    unknown name may be anything: a party, a place, a date)."""
    gloss = m.group("name")
    after = (m.group("after") or "").strip()
    known = gazetteer.lookup(gloss) or (gazetteer.lookup(f"{gloss} {after.title()}") if after else None)
    first_known = gazetteer.lookup(m.group("first"))
    if known is not None and first_known is None:
        first = _candidate(text, *m.span("first"), known.entity_type, "gloss")
        if first is not None and len(first.name.split()) >= 2:
            yield Mention(*m.span("name"), known.entity_id, "reference")
            first.method, first.link = "text_alias", m.span("name")
            yield first
    elif known is None and first_known is not None and first_known.entity_type != "person":
        yield Mention(*m.span("name"), None, "text_alias", name=gloss, cue="gloss", link=m.span("first"))


def _locative(text: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    """``in Goma``, ``near North Darfur``: after a locative, a city GeoNames knows or a region named by a
    compass point is a place; so is any name of one or two words after ``near`` or ``outside`` (a village
    too small for GeoNames: ``near Kolpa``). Anything else after "in" may be a month, a party or a language,
    and is left alone. Its country is read later (see ``places.locate_places``)."""
    found = _candidate(text, *m.span("name"), "place", "locative")
    if found is None or gazetteer.lookup(found.name) is not None or keyword_type(found.name):
        return
    ordinary = found.name.split()[0].lower() not in NOT_PLACE_NAMES
    known_city = name_key(found.name) in gazetteer.world and ordinary  # "at Lincoln High School" is a school
    near = NEAR.match(m.group()) and ordinary and len(found.name.split()) <= 2
    if known_city or REGION_NAME.match(found.name) or near:
        yield found


NEAR = re.compile(r"(?:near|outside)\b")


def _owned_by_what_follows(text: str, m: re.Match, gazetteer: Gazetteer) -> Mention | None:
    """``the Health Ministry of Jordan`` is the ministry, owned by a known name; ``the Ministry for Civil
    Defence`` is one name."""
    of = m.group("of")
    if of:
        owner = gazetteer.lookup(re.sub(r"^\s*(?:of|for)\s+(?:the\s+)?", "", of))
        if owner is not None:
            found = _candidate(text, m.start("name"), m.start("of"), None, "keyword")
            if found is not None:
                found.owner, found.country_code = owner.entity_id, owner.country_code
            return found
    return _candidate(text, *m.span("name"), None, "keyword")


def _country_of_demonym(found: Mention, gazetteer: Gazetteer) -> None:
    """``the Jordanian Interior Ministry`` is Jordan's."""
    first = gazetteer.lookup(found.name.split()[0])
    if found.country_code is None and first is not None and first.entity_type == "state":
        found.country_code = first.country_code


CIVIL_GROUP = re.compile(
    r"\b(?:rights|advocacy|aid|humanitarian|relief|medical|monitoring|watchdog|research|lobby|campaign|charity|"
    r"charitable|civil|civic|business|trade|industry|environmental|activist|non-?profit|opposition|political)\b"
    r"|-based\b"
)
LOCATIVE_BEFORE = re.compile(r"\b(?i:in|at|on|from|near|outside|inside|to|into|across)[ \t]+$")


def _apposition(text: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    """``NAME, the deputy governor of the province,``: the description's head noun types the name.

    Only names of two words or more (one, for a place or a group, if it does not open the sentence), not after
    a preposition (``In West Harbin, a commander said`` is a place and a clause), and not a place the
    reference data knows inside a person's name."""
    noun = m.group("noun").lower()
    entity_type = (
        "place"
        if noun in PLACE_NOUNS or noun == "capital"
        else "armed_group"
        if noun in GROUP_NOUNS
        else "organization"
        if noun in ORGANIZATION_NOUNS
        else "person"
    )
    if entity_type == "armed_group" and CIVIL_GROUP.search(text, m.end("name"), m.start("noun")):
        entity_type = "organization"  # "a rights group", "a New York-based group"
    found = _candidate(text, *m.span("name"), entity_type, "apposition")
    if found is None or keyword_type(found.name):
        return
    if " " not in found.name and (entity_type == "person" or _opens_sentence(text, found.start)):
        return  # "Haddad, a commander" is known by then; "Separately, the town" opens a sentence
    if LOCATIVE_BEFORE.search(text, max(0, found.start - 12), found.start):
        return
    if entity_type == "person" and any(gazetteer.lookup(w) for w in found.name.split()):
        return
    yield found


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 40) : start].rstrip()
    return not before or before[-1] in '.!?:;"“(\n'


def _posted(text: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    """``the Ambassador in Riyadh Ali Navab``: a title, where it is held, then the person."""
    words = list(re.finditer(r"\S+", text[m.start("name") : m.end("name")]))
    base = m.start("name")
    for k in range(len(words) - 2, 0, -1):
        place = gazetteer.lookup(text[base : base + words[k - 1].end()])
        if place is not None and place.entity_type in ("place", "state"):
            found = _candidate(text, base + words[k].start(), m.end("name"), "person", "title")
            if found and keyword_type(found.name) is None and len(found.name.split()) >= 2:
                yield found
            return


NOUN_TYPES = {"place noun": "place", "organization noun": "organization", "vessel": "place"}
# Capitalised words that describe a community or a direction, not a place: ``a Druze town``.
NOT_PLACE_NAMES = frozenset(
    "sunni shia shiite druze christian muslim jewish arab bedouin alawite yazidi kurdish maronite armenian "
    "assyrian coptic catholic orthodox turkmen baluch baloch pashtun hazara western eastern northern southern "
    "central coalition government regime opposition rebel army police military border federal national "
    "state local regional provincial municipal old new main holy gulf deep nation welfare member hebrew".split()
)


def _named_by_noun(text: str, cue: str, m: re.Match, gazetteer: Gazetteer) -> Iterator[Mention]:
    """A name a common noun next to it types: a place, an organisation or a vessel.

    Vessels are places: an attack on a ship at sea happens *on* it, and an event dataset locates events at
    places; the ship is also what the event's target and location name. A ship moves and its flag is not where
    anything happened, so it gets no country. A navy prefix (``USS``) is part of a warship's name; a merchant
    prefix (``M/V``) is not."""
    group = next(g for g, value in m.groupdict().items() if value)
    found = _candidate(text, *m.span(group), NOUN_TYPES[cue], cue)
    if found is None:
        return
    if (
        group == "before"
        and cue == "vessel"
        and not re.search(r"\bthe[ \t]+$", text[max(0, m.start() - 5) : m.start()])
    ):
        return  # "the Eternity C vessel"; without "the" the name may be the owner's ("a Houthi vessel")
    if group == "before" or cue == "place noun":
        found = _without_leading_demonym(text, found, gazetteer)
    words = found.name.split() if found else []
    if not words or keyword_type(found.name) or (words[0].lower() in NOT_PLACE_NAMES and len(words) == 1):
        return
    if len(words) == 1 and ((cue == "vessel" and group == "before") or _describes(words[0])):
        return  # "the Greek tanker", "the Lebanese town": a demonym the reference data does not know
    yield found


def _describes(word: str) -> bool:
    """A capitalised adjective of community, religion or direction, not a name: ``Druze``, ``Baltic``."""
    return word.lower() in NOT_PLACE_NAMES or re.search(r"(?:ian|ese|ish|ite|ic|ist)$", word) is not None


def _without_leading_demonym(text: str, found: Mention, gazetteer: Gazetteer) -> Mention | None:
    """``the Iraqi Ain Zalah oil field`` is the field; the demonym (or state) says whose it is."""
    first = re.match(r"\S+[ \t]+", text[found.start : found.end])
    known = gazetteer.lookup(first.group().strip()) if first else None
    if known is None:
        return found
    rest = _candidate(text, found.start + first.end(), found.end, found.entity_type, found.cue or "")
    if rest is not None:
        rest.country_code = known.country_code
    return rest


def _not_titled(text: str, m: re.Match, found: Mention) -> bool:
    """One capitalised word after a title that is a body or an adjective, not a person: ``the General Staff``
    (a title after "the" names an office), ``official Telegram channel`` ("official" is also an adjective)."""
    if " " in found.name.strip():
        return False
    after_the = re.search(r"\bthe[ \t]+$", text[max(0, m.start() - 5) : m.start()]) is not None
    return after_the or m.group("title").lower().endswith("official")


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
