"""Places the reference data does not know: which country they are in, and names GeoNames knows as cities.

A discovered place takes its country, in this order, from

* the known place or state the text puts it in, just before it (``the Aleppo suburb of X``, ``Egypt’s X``,
  ``in Dahiyeh, X``) or just after it (``X in southern Lebanon``, ``X, Iraq``, ``X town, about 40 miles
  north of Mosul``);
* a known place or state inside its name (``South Lebanon``, ``East Jerusalem``), or the GeoNames city an
  admin region is named after (``Kherson Oblast``);
* GeoNames, when the name is a city there (in a country the article names, else the most populous);
* the known places named in the same sentence (``in Sidon, Tyre and the X valley``), else the last one its
  paragraph names before it;
* the country the article is about: the one its known places and states name most often.

Ships take no country: they move, and their flag is not where anything happened.
"""

from __future__ import annotations

import re
from collections import Counter

from newsevents.entities.discover import PLACE_NOUNS
from newsevents.entities.recognize import Mention
from newsevents.entities.reference import City, Entity, Gazetteer
from newsevents.entities.text import name_key

DIRECTIONS = (
    r"(?:north|south|east|west|northern|southern|eastern|western|central|north-?east|north-?west|south-?east|"
    r"south-?west|north-?eastern|north-?western|south-?eastern|south-?western|upper|lower)"
)
PLACE_WORDS = (
    "(?:"
    + "|".join(
        sorted(
            {
                *PLACE_NOUNS,
                *"suburbs outskirts capital border coast countryside heart centre center edge part parts side "
                "air airbase hall concert field quarter".split(),
            },
            key=len,
            reverse=True,
        )
    )
    + ")"
)
# Lowercase words that may stand between a place and the place it lies in.
AFTER_GLUE = (
    r"(?:a|an|the|located|situated|lying|about|some|around|nearly|roughly|just|close|far|\d[\d,.]*|km|kilometres|"
    rf"kilometers|miles|of|to|from|{DIRECTIONS}|{PLACE_WORDS})"
)
IN_WHAT_FOLLOWS = re.compile(
    rf"(?:,?[ \t]+{AFTER_GLUE})*?,?[ \t]+(?:in|near|outside|of|at|on)[ \t]+(?:the[ \t]+)?(?:{DIRECTIONS}[ \t]+)?"
    r"|,[ \t]+"
)
IN_WHAT_PRECEDES = re.compile(
    rf"(?:[’']s?)?(?:[ \t]+(?:{DIRECTIONS}|{PLACE_WORDS}))*(?:[ \t]+of)?[ \t]+(?:the[ \t]+)?|,[ \t]+"
)
NEAR = 80  # characters: how far around a place the text is read for its country


def world_city(name: str, gazetteer: Gazetteer, countries: frozenset[str] = frozenset()) -> City | None:
    """The GeoNames city of that name: in one of ``countries`` if any is, else the most populous."""
    cities = gazetteer.world.get(name_key(name), [])
    return next((c for c in cities if c.country_code in countries), cities[0] if cities else None)


def article_countries(mentions: list[Mention], entities: dict[str, Entity]) -> Counter:
    """How often the article names each country, through the names of its known states and places (not
    demonyms: an ``Israeli strike`` says who struck, not where), first named first among equals."""
    counts: Counter = Counter()
    for m in mentions:
        entity = entities.get(m.entity_id) if m.entity_id and m.method != "demonym" else None
        if entity is not None and entity.country_code and entity.entity_type in ("state", "place"):
            counts[entity.country_code] += 1
    return counts


def locate_places(
    body: str,
    sentences: list[tuple[int, int]],
    paragraphs: list[tuple[int, int]],
    mentions: list[Mention],
    gazetteer: Gazetteer,
) -> None:
    """Give each discovered place of one article (bar ships) the country the text or GeoNames says."""
    entities = gazetteer.entities
    counts = article_countries(mentions, entities)
    places = [
        m
        for m in mentions
        if m.entity_id is None and m.entity_type == "place" and not m.country_code and m.cue != "vessel" and m.name
    ]
    for m in places:
        city = world_city(m.name, gazetteer, frozenset(counts))
        m.country_code = (
            _around(body, m, mentions, entities) or _inside(m.name, gazetteer) or (city.country_code if city else None)
        )
    counts.update(m.country_code for m in places if m.country_code)
    for m in places:
        if m.country_code is None:
            m.country_code = (
                _among(m, sentences, mentions, entities)
                or _before(m, paragraphs, mentions, entities)
                or (counts.most_common(1)[0][0] if counts else None)
            )


def _among(place: Mention, sentences: list[tuple[int, int]], mentions: list[Mention], entities) -> str | None:
    """The country of the known places its sentence names along with it (``in Sidon, Tyre and the X
    valley``); states are left out, as a sentence names them as actors as often as as places."""
    start, end = next(((s, e) for s, e in sentences if s <= place.start < e), (place.start, place.end))
    counts = Counter(
        entities[m.entity_id].country_code
        for m in _known_places(mentions, entities, start, end)
        if entities[m.entity_id].entity_type == "place" and m.method == "reference"
    )
    return counts.most_common(1)[0][0] if counts else None


ADMIN_SUFFIX = re.compile(
    r"[ \t]+(?:Province|Governorate|District|County|Region|State|Oblast|Prefecture|Municipality|province|governorate|"
    r"district|county|region|state|oblast|prefecture|municipality)$"
)


def _before(place: Mention, paragraphs: list[tuple[int, int]], mentions: list[Mention], entities) -> str | None:
    """The country of the last known place its paragraph names before it: news sets the scene, then names
    the streets and buildings in it."""
    start = next((s for s, e in paragraphs if s <= place.start < e), place.start)
    before = [
        m
        for m in _known_places(mentions, entities, start, place.start)
        if entities[m.entity_id].entity_type == "place" and m.method == "reference"
    ]
    return entities[before[-1].entity_id].country_code if before else None


def _inside(name: str, gazetteer: Gazetteer) -> str | None:
    """The country of a known place or state inside the name, or of the city an admin region is named after
    (``Kherson Oblast``)."""
    city = world_city(ADMIN_SUFFIX.sub("", name), gazetteer) if ADMIN_SUFFIX.search(name) else None
    if city is not None:
        return city.country_code
    words = name.split()
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            known = gazetteer.lookup(" ".join(words[i : i + size]))
            if known is not None and known.entity_type in ("state", "place") and known.country_code:
                return known.country_code
    return None


def _around(body: str, place: Mention, mentions: list[Mention], entities: dict[str, Entity]) -> str | None:
    """The country of the known place or state the text puts ``place`` in, just before or just after it."""
    before = _known_places(mentions, entities, place.start - NEAR, place.start)
    for m in reversed(before):
        if IN_WHAT_PRECEDES.fullmatch(body, m.end, place.start):
            return entities[m.entity_id].country_code
    for m in _known_places(mentions, entities, place.end, place.end + NEAR):
        if IN_WHAT_FOLLOWS.fullmatch(body, place.end, m.start):
            return entities[m.entity_id].country_code
    return None


def _known_places(mentions: list[Mention], entities: dict[str, Entity], start: int, end: int) -> list[Mention]:
    """Known states and places (not descriptions) between ``start`` and ``end``, in text order."""
    return [
        m
        for m in mentions
        if start <= m.start
        and m.end <= end
        and m.method != "description"
        and m.entity_id in entities
        and entities[m.entity_id].country_code
        and entities[m.entity_id].entity_type in ("state", "place")
    ]
