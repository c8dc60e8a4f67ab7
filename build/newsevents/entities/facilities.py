"""Bases, airports and camps: one facility whether the text gives its full name, its stem and a lowercase
noun (``the Ajman base``) or, once it has named it, the stem alone (``al-Ajman``).

News names a facility after the town or the person it stands by, so its stem is often another entity's
name too (a base named after a city, an airport after a president). A stem followed by a facility noun is the
facility where the reference data knows one of that name; a stem alone later in an article that has named the
facility, where no other name is read on the same words, is taken as the facility.
"""

from __future__ import annotations

import re

from newsevents.entities.recognize import Mention
from newsevents.entities.reference import Entity, Gazetteer
from newsevents.entities.text import Token, joins_a_name, name_key

FACILITY_NOUN = r"(?:air[ \t]?base|base|airfield|airport|garrison|camp)"
NOUN_AFTER = re.compile(rf"[ \t]+{FACILITY_NOUN}\b", re.IGNORECASE)
SUFFIX = re.compile(rf"[ \t]+{FACILITY_NOUN}$", re.IGNORECASE)
FACILITY_SUFFIXES = ("Air Base", "Airbase", "Base", "Airport", "Airfield", "Garrison", "Camp")
PARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "ad", "at", "az"})


def facility_of(stem: str, gazetteer: Gazetteer) -> Entity | None:
    """The place the reference data knows as ``stem`` and a facility word (``X Air Base``, ``X Airport``)."""
    for suffix in FACILITY_SUFFIXES:
        entity = gazetteer.lookup(f"{stem} {suffix}")
        if entity is not None and entity.entity_type == "place":
            return entity
    return None


def name_facilities(body: str, mentions: list[Mention], gazetteer: Gazetteer) -> None:
    """A known name followed by a facility noun is the facility (``al-Asad base`` is not al-Assad)."""
    for m in mentions:
        if m.entity_id is None or m.method == "description" or NOUN_AFTER.match(body, m.end) is None:
            continue
        facility = facility_of(body[m.start : m.end], gazetteer)
        if facility is not None:
            m.entity_id = facility.entity_id


def _stems(body: str, mentions: list[Mention], entities: dict[str, Entity]) -> dict[tuple[str, ...], tuple[str, int]]:
    """Folded stems of the facilities an article names, with the facility and where it is first named."""
    stems: dict[tuple[str, ...], tuple[str, int]] = {}
    for m in mentions:
        entity = entities.get(m.entity_id) if m.entity_id else None
        if entity is None or entity.entity_type != "place" or m.method == "description":
            continue
        surface = body[m.start : m.end]
        stem = SUFFIX.sub("", surface)
        if stem == surface and NOUN_AFTER.match(body, m.end) is None:
            continue
        key = name_key(stem)
        while key and key[0] in PARTICLES:
            key = key[1:]
        if key and key not in stems:
            stems[key] = (entity.entity_id, m.start)
    return stems


def add_facility_stems(body: str, tokens: list[Token], mentions: list[Mention], entities: dict[str, Entity]) -> None:
    """The stem of a facility named earlier in the article, alone (``al-Harir`` after ``Harir air base``),
    where no other name is read on the same words (``Assad said`` stays the person)."""
    stems = _stems(body, mentions, entities)
    for key, (entity_id, first) in stems.items():
        n = len(key)
        for i in range(len(tokens) - n + 1):
            window = tokens[i : i + n]
            if tuple(t.key for t in window) != key or not window[0].is_capitalized or window[0].start <= first:
                continue
            start = window[0].start
            if i and tokens[i - 1].key in PARTICLES and joins_a_name(body, tokens[i - 1], window[0]):
                start = tokens[i - 1].start
            if not any(m.start < window[-1].end and start < m.end for m in mentions):
                mentions.append(Mention(start, window[-1].end, entity_id, "short_form"))
    mentions.sort(key=lambda m: (m.start, m.end))
