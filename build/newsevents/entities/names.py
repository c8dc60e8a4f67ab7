"""Names from the statistical recogniser (spaCy's English pipeline, ``newsevents.nlp.names``), as mentions.

The recogniser runs once per article, with the build's own sentence starts. Each of its spans becomes a
discovered name (or, for a nationality, a demonym mention of the state), typed by its label and by the world
gazetteer:

==========  ===================================================================================
label       becomes
==========  ===================================================================================
PERSON      person
GPE, LOC    place; its country from a first-level region or a city of that name (else later, from
            the text: ``places.locate_places``); a country's name is the state (reference data)
FAC         place
ORG         organization, or armed_group where its words say so (``Front``, ``Brigade``, ``Taliban``)
NORP        a demonym of a country (``Ethiopian``, ``South Korean``): a ``demonym`` mention of the state;
            any other community (``Sunni``, ``Pashtun``) is not a name of an actor and is left out
EVENT       left out
==========  ===================================================================================

The reference data wins: a span that overlaps a known name, or a name a cue in the text found
(``discover``), is left to them. Noise is filtered by general rules: a leading ``the`` and a trailing
possessive are trimmed, a span that does not start with a capital is dropped, and so is a news agency named
only as the source of a report (``(Reuters)``, a line of credits).
"""

from __future__ import annotations

import functools
import re

import pycountry

from newsevents import nlp
from newsevents.entities.discover import NOT_PLACE_NAMES, keyword_type, trim
from newsevents.entities.recognize import Mention, match
from newsevents.entities.reference import Gazetteer, Region
from newsevents.entities.text import APOSTROPHES, CALENDAR, Token, name_key
from newsevents.package import Row

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Nouns after a name that say it names a thing, not a person: ``its Telegram channel``.
THING_AFTER = re.compile(
    r"[ \t]+(?:channel|account|app|page|platform|website|site|feed|post|video|group|network|brand|model|family)s?\b"
)
# Words that make an organisation's name an armed group's.
ARMED_WORDS = re.compile(
    r"\b(?:Brigades?|Battalions?|Front|Militias?|Mujahideen|Mujahidin|Resistance|Liberation|Insurgents?|Rebels?|"
    r"Taliban|Jihad|Jaish|Lashkar|Tehreek|Tehrik|Harakat|Ansar|Jamaat|Jama'at|Islamic State|Qaeda|Shabaab|Boko Haram|"
    r"Guerrillas?|Paramilitar(?:y|ies)|Self-Defen[cs]e)\b"
)
# A region's kind written after its name, in lower case (``the Kharkiv region``): part of the place's name.
REGION_AFTER = re.compile(
    r"[ \t]+(?:region|province|district|governorate|oblast|state|county|prefecture|territory)\b(?![’'-])"
)
# Credits, not reports: ``(Reuters)``, ``Reporting by``, ``Photo: AFP``.
CREDIT_BEFORE = re.compile(
    r"(?:\(|(?:reporting|editing|writing|photo|photograph|image|video|source)[^.\n]{0,40}?[:\s])\s*$", re.I
)
# Lower-case words spaCy includes at the start of a place (``southern Lebanon`` keeps ``Lebanon``).
LEADING_LOWER = re.compile(r"(?:[a-z][\w-]*[ \t]+)+(?=[A-Z])")


def find_names(
    body: str, tokens: list[Token], sentences: list[Row], gazetteer: Gazetteer, taken: list[Mention]
) -> list[Mention]:
    """The recogniser's names in one article not already found (``taken``: reference matches and cue
    discoveries), as discovered mentions (``entity_id`` None) and demonym mentions of states; and the world's
    first-level regions of two words or more (``Uttar Pradesh``), which the recogniser often splits."""
    skipped = [(s["start"], s["end"]) for s in sentences if s["kind"] in ("boilerplate", "heading")]
    starts = {s["start"] for s in sentences}
    spans = [m.span for m in taken if m.method != "description"]
    countries = {gazetteer.entities[m.entity_id].country_code for m in taken if m.entity_id in gazetteer.entities}
    candidates = []
    known_spans = [m.span for m in taken if m.method != "description" and m.entity_id is not None]
    for _alias, start, end in match(body, tokens, gazetteer.region_names):
        if any(s <= start < e for s, e in skipped) or any(s < end and start < e for s, e in known_spans):
            continue
        region = region_of(body[start:end], gazetteer, frozenset(countries - {None}))
        place = Mention(start, end, None, "discovered", name=body[start:end], entity_type="place", cue="region")
        place.country_code = region.country_code if region else None
        candidates.append(("GPE", place))
        spans.append(place.span)
        _after_region_possessor(body, place, taken)
    for name in nlp.names(body, sorted(starts)):
        if any(s <= name.start < e for s, e in skipped):
            continue
        mention = mention_of(body, name, gazetteer, frozenset(countries - {None}))
        if mention is None:
            continue
        if not any(s < mention.end and mention.start < e for s, e in spans):
            candidates.append((name.label, mention))
        elif name.label == "ORG":
            _name_with_its_state(body, mention, taken, gazetteer)
    occupied = spans + [m.span for _, m in candidates]
    for place in one_word_regions(body, tokens, starts, gazetteer, frozenset(countries - {None})):
        if not any(s <= place.start < e for s, e in skipped) and not any(
            s < place.end and place.start < e for s, e in occupied
        ):
            candidates.append(("GPE", place))
    place_person(body, candidates, taken, gazetteer)
    longer = longer_names(body, taken, [m for _, m in candidates], gazetteer)
    found: list[Mention] = []
    for label, mention in candidates:
        if mention.entity_id is None and (
            fragment(body, mention, label, starts, longer, gazetteer) or any(m.span == mention.span for m in found)
        ):
            continue
        found.append(mention)
    return found


OF_THE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?")


def _name_with_its_state(body: str, org: Mention, taken: list[Mention], gazetteer: Gazetteer) -> None:
    """``Armed Forces of Ukraine``: where the recogniser reads a body's name and its state as one name, and a
    cue read the body's name alone as the state's (``Armed Forces``, owned by Ukraine), the name is the whole;
    the state in it is part of it (see ``resolve.yields_to``)."""
    for d in taken:
        if d.entity_id is not None or d.start != org.start or not d.cue or "keyword" not in d.cue:
            continue
        of = OF_THE.match(body, d.end)
        state = next((k for k in taken if of and k.start == of.end() and k.end == org.end and k.entity_id), None)
        entity = gazetteer.entities.get(state.entity_id) if state else None
        if entity is not None and entity.entity_type == "state" and d.owner == entity.entity_id:
            d.end, d.name, d.owner = org.end, body[org.start : org.end], None
            d.country_code = entity.country_code
            d.cue = f"{d.cue}, of its state"
        return


POSSESSIVE_AT = re.compile(rf"[{APOSTROPHES}]s?[ \t]+")


def _after_region_possessor(body: str, region: Mention, taken: list[Mention]) -> None:
    """A name a cue read across a region's possessive (``Kashmir’s Anantnag`` in ``Jammu and Kashmir’s
    Anantnag district``) starts after it, and lies in the region's country."""
    after = POSSESSIVE_AT.match(body, region.end)
    if after is None:
        return
    for m in taken:
        if m.entity_id is None and region.start <= m.start < region.end < m.end and after.end() < m.end:
            cut = after.end() - m.start
            m.name = m.name[cut:] if m.name and len(m.name) > cut else body[after.end() : m.end]
            m.start = after.end()
            m.country_code = m.country_code or region.country_code


def one_word_regions(
    body: str, tokens: list[Token], starts: set[int], gazetteer: Gazetteer, countries: frozenset[str]
) -> list[Mention]:
    """First-level regions of one word (``Maharashtra``) the recogniser missed, where the word cannot be
    anything else: five letters or more, capitalised but not in capitals, not opening a sentence, not next to
    another capitalised word, never written in lower case in the article, of one country (or of one the article
    names)."""
    found = []
    for t in tokens:
        regions = gazetteer.regions.get((t.key,))
        if not regions or len(t.text) < 5 or not t.is_capitalized or t.text.isupper():
            continue
        if t.start in starts or _opens_sentence(body, t.start):
            continue
        if CAPITALISED_BEFORE.search(body, max(0, t.start - 60), t.start) or CAPITALISED_AFTER.match(body, t.end):
            continue
        if body[t.start - 1 : t.start] in "-" + APOSTROPHES or body[t.end : t.end + 1] == "-":
            continue  # part of a hyphenated name
        if re.search(rf"\b{re.escape(t.text.lower())}\b", body):
            continue
        region = region_of(t.text, gazetteer, countries)
        if region is not None:
            place = Mention(t.start, t.end, None, "discovered", name=t.text, entity_type="place", cue="region")
            place.country_code = region.country_code
            found.append(place)
    return found


LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|outside|into|across|toward|towards)[ \t]+$")
LISTED_AFTER = re.compile(r"(?:,[ \t]+(?:and[ \t]+)?|[ \t]+and[ \t]+)$")


def place_person(body: str, candidates: list[tuple[str, Mention]], taken: list[Mention], gazetteer: Gazetteer) -> None:
    """A person after a locative (``in Goma``), or a person or organisation listed after a place (``Tyre, Qana,
    Bint Jbeil``), is a place: the recogniser reads many unfamiliar towns as people or bodies."""
    ends = {
        m.end
        for m in taken
        if m.entity_type == "place"
        or (m.entity_id in gazetteer.entities and gazetteer.entities[m.entity_id].entity_type == "place")
    }
    for _label, m in sorted(candidates, key=lambda c: c[1].start):
        if m.entity_id is not None:
            continue
        before = body[max(0, m.start - 20) : m.start]
        listed = LISTED_AFTER.search(before)
        after_place = listed is not None and m.start - len(listed.group()) in ends
        after_locative = m.entity_type == "person" and LOCATIVE_BEFORE.search(before) is not None
        if m.entity_type in ("person", "organization") and (after_place or after_locative):
            m.entity_type = "place"  # "in Parliament" stays a body: only a person after a locative is a place
        if m.entity_type == "place":
            ends.add(m.end)


def take_in_region_kinds(body: str, mentions: list[Mention]) -> None:
    """A discovered place followed by its kind in lower case (``Kupiansk district``, ``the Kharkiv region``)
    is mentioned with it: the kind is in the span, not in the name (the place is the district or region)."""
    for m in mentions:
        if m.entity_id is None and m.entity_type == "place" and m.cue and "place noun" in m.cue:
            after = REGION_AFTER.match(body, m.end)
            if after is not None:
                m.end = after.end()


def longer_names(body: str, taken: list[Mention], found: list[Mention], gazetteer: Gazetteer) -> dict[str, str]:
    """The words of the article's people's names of two words or more (known or found), and the first words of
    its places' names, each with the type of the name it is in: a lone word that is one of them is a second
    mention of that name (``Mr. Ali Saad`` ... ``Saad``; ``Harir Air Base`` ... ``Harir``), left to the corpus
    stage (surnames: ``resolve.add_short_forms``); so is the plural head of a body's name (``the Guards``). Other
    words of a group's name are not (``Taliban`` of ``Tehreek-e-Taliban Pakistan``)."""
    words: dict[str, str] = {}
    for m in [*taken, *found]:
        entity = gazetteer.entities.get(m.entity_id) if m.entity_id else None
        names = [body[m.start : m.end]] + ([entity.name] if entity else [])
        entity_type = entity.entity_type if entity else m.entity_type
        for name in names:
            key = [k for k in name_key(name) if k not in ("al", "el", "bin", "ibn", "abu")]
            if len(key) < 2:
                continue
            if entity_type == "person" or (entity_type is None and m.method == "text_alias"):  # "aka Hajj Mohsen"
                parts = key
            elif entity_type == "place":
                parts = key[:1]  # "Harir" of "Harir Air Base"
            else:
                parts = key[-1:] if key[-1].endswith("s") else []  # "the Guards" of the "Revolutionary Guards"
            for word in parts:
                if len(word) > 2:
                    words.setdefault(word, entity_type or "person")
    return words


TIME_ZONE = re.compile(r"(?:GMT|UTC|[ECMP][SD]T|CES?T|EES?T|IST|AST)")


def fragment(
    body: str, mention: Mention, label: str, starts: set[int], longer: dict[str, str], gazetteer: Gazetteer
) -> bool:
    """Spans that are not a name of their own: a word of a longer name in the article, a common word
    capitalised (written in lower case elsewhere in the article, or opening a sentence and nowhere else), a
    community's adjective (``Druze``), a time zone, a name ending in a lower-case word (``the West Asia war``)."""
    text = body[mention.start : mention.end]
    words = text.split()
    last = words[-1]
    if TIME_ZONE.fullmatch(text) or (
        last[0].islower() and not last.startswith(("al-", "el-")) and not REGION_AFTER.match(" " + last)
    ):
        return True
    key = [k for k in name_key(text) if k not in PARTICLES]
    if len(words) > 1 and len(key) > 1:
        return False
    if not key:
        return True
    word = key[0]
    if word in NOT_PLACE_NAMES or word in language_names():
        return True
    part_of = longer.get(word)
    if part_of is not None and (label not in ("GPE", "LOC") or part_of == "person"):
        return True
    place = label in ("GPE", "LOC", "NORP")
    if not place and (
        CAPITALISED_BEFORE.search(body, max(0, mention.start - 60), mention.start)
        or CAPITALISED_AFTER.match(body, mention.end)
    ):
        return True  # the recogniser cut a longer name: "Deputy Interior Minister"
    if not place and re.search(rf"\b{re.escape(text.lower())}\b", body):  # case-sensitive: the word in lower case
        return True
    at_start = mention.start in starts or _opens_sentence(body, mention.start)
    elsewhere = any(not _opens_sentence(body, m.start()) for m in re.finditer(rf"\b{re.escape(text)}\b", body))
    return at_start and not elsewhere and not known_place(text, gazetteer)


PARTICLES = frozenset({"al", "el"})
CAPITALISED_BEFORE = re.compile(rf"(?<![.!?:;\n] )\b[A-Z][\w{APOSTROPHES}-]* $")
CAPITALISED_AFTER = re.compile(r" [A-Z]\w")


@functools.cache
def language_names() -> frozenset[str]:
    """The names of the world's major languages (ISO 639-1, through pycountry), folded: ``Arabic``."""
    return frozenset(
        " ".join(name_key(lang.name))
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2") and " " not in lang.name
    )


def known_place(text: str, gazetteer: Gazetteer) -> bool:
    """Whether the world gazetteer knows the name as a country, a first-level region or a city."""
    key = name_key(text)
    return key in gazetteer.world or key in gazetteer.regions or " ".join(key) in gazetteer.states


def _opens_sentence(body: str, start: int) -> bool:
    before = body[max(0, start - 30) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?:;\n"


def mention_of(body: str, name: nlp.Name, gazetteer: Gazetteer, countries: frozenset[str]) -> Mention | None:
    """The mention one recogniser span stands for, or None where it is noise."""
    start, end = clean_span(body, name.start, name.end, name.label)
    text = body[start:end]
    if end <= start or not is_name(text) or only_a_credit(body, start, end):
        return None
    if name.label == "NORP":
        state = state_of_demonym(text, gazetteer)
        return Mention(start, end, state, "demonym") if state else None
    if name.label == "EVENT":
        return None
    known = gazetteer.lookup(text)
    if known is not None:  # a spelling find_known's token match missed (a line break inside): the reference's
        return Mention(start, end, known.entity_id, "reference")
    mention = Mention(start, end, None, "discovered", name=text, cue="ner")
    kind = REGION_KIND_AT_END.search(text) if name.label in PLACE_LABELS else None
    if kind is not None and text[kind.start() :].strip().islower():
        mention.name = text[: kind.start()]  # "the Kharkiv region" is Kharkiv's: one name with "Kharkiv"
    if name.label == "PERSON":
        if THING_AFTER.match(body, end):
            return None  # "its Telegram channel", "the Brevik family home": a thing named after something
        mention.entity_type = keyword_type(text) or "person"
    elif name.label == "ORG":
        mention.entity_type = "armed_group" if ARMED_WORDS.search(text) else keyword_type(text) or "organization"
    elif name.label in PLACE_LABELS:
        mention.entity_type = "place"
        region = region_of(text, gazetteer, countries)
        if region is not None:
            mention.country_code = region.country_code
    return mention


def clean_span(body: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Trim a leading ``the`` (and other function words), a trailing possessive, lower-case words before a
    place's name; take in a region's kind written after a place (``Kharkiv region``)."""
    start, end = trim(body, start, end)
    while end > start and body[end - 1] in ".,;:-–—" + APOSTROPHES:
        end -= 1
    if label in ("GPE", "LOC"):
        lower = LEADING_LOWER.match(body, start, end)
        if lower is not None:
            start = lower.end()
        after = REGION_AFTER.match(body, end)
        if after is not None:
            end = after.end()
    return start, end


def is_name(text: str) -> bool:
    """A name starts with a capital (or an Arabic article), has letters, and stays on one line."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(letters) >= 2
        and "\n" not in text
        and (text[0].isupper() or text.startswith(("al-", "el-")))
        and not any(c.isdigit() for c in text.split()[0])
        and not CALENDAR.fullmatch(text)  # "Tuesday's market": a day, read as a name
    )


def only_a_credit(body: str, start: int, end: int) -> bool:
    """A name alone in brackets (``(Reuters)``, ``(AP)``) or in a line of credits is where a report came from."""
    alone_in_brackets = body[max(0, start - 1) : start] == "(" and body[end : end + 1] == ")"
    line = body[body.rfind("\n", 0, start) + 1 : start]
    credited = body[end : end + 1] == "/" or body[max(0, start - 1) : start] == "/"  # "Name/Agency"
    return alone_in_brackets or credited or (CREDIT_BEFORE.search(line) is not None and not line.startswith("("))


def region_of(text: str, gazetteer: Gazetteer, countries: frozenset[str]) -> Region | None:
    """The first-level region of that name (``Paktika``, ``Kharkiv region``): in a country the article names
    if one is, else the only one of that name."""
    regions = gazetteer.regions.get(name_key(text)) or gazetteer.regions.get(name_key(REGION_KIND_AT_END.sub("", text)))
    if not regions:
        return None
    local = [r for r in regions if r.country_code in countries]
    if local:
        return local[0]
    return regions[0] if len({r.country_code for r in regions}) == 1 else None


REGION_KIND_AT_END = re.compile(
    r"[ \t]+(?:region|province|district|governorate|oblast|state|county|prefecture|territory)$", re.IGNORECASE
)


def state_of_demonym(text: str, gazetteer: Gazetteer) -> str | None:
    """The state a nationality's adjective or plural names (``Ethiopian``, ``Afghans``, ``South Korean``),
    from the country's names: the longest country name the word starts like, differing only by a demonym's
    ending. Communities that are not a country's people (``Sunni``, ``Kurdish``) give None."""
    known = gazetteer.lookup(text)
    if known is not None:
        return known.entity_id if known.entity_type == "state" else None
    word = " ".join(name_key(text))
    if not word or word.split()[0] in NOT_PLACE_NAMES:
        return None
    best: tuple[int, str] | None = None
    for country, entity_id in gazetteer.states.items():
        common = _common_prefix(word, country)
        rest_word, rest_country = word[common:], country[common:]
        if common < 4 or len(rest_country) > 3 or len(rest_word) > 4:
            continue
        if common < len(country) - 2:
            continue
        if best is None or common > best[0]:
            best = (common, entity_id)
        elif common == best[0] and entity_id != best[1]:
            best = (common, "")  # two countries alike: say neither
    return best[1] if best and best[1] else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
