"""Entities and their mentions: who and where, resolved across articles, each mention traced to its span.

Per article (``facts``): find the reference data's names (``recognize``), the names the text marks as
names (``discover``) and the statistical recogniser's names (``names``), merged. Across the corpus: resolve
the discovered names into entities (``resolve``); then, per article again, find the corpus's names and
surnames (``resolve.add_names``, ``add_short_forms``).
"""

from __future__ import annotations

from collections import defaultdict

from newsevents.entities.discover import discover
from newsevents.entities.facilities import add_facility_stems, name_facilities
from newsevents.entities.names import find_names, take_in_region_kinds
from newsevents.entities.places import locate_places
from newsevents.entities.recognize import Mention, find_known
from newsevents.entities.reference import Entity, Gazetteer
from newsevents.entities.resolve import merge_article
from newsevents.entities.text import Token
from newsevents.package import Row


def recognize_article(body: str, tokens: list[Token], sentences: list[Row], gazetteer: Gazetteer) -> list[Mention]:
    skipped = [(s["start"], s["end"]) for s in sentences if s["kind"] == "boilerplate"]
    known = [m for m in find_known(body, tokens, gazetteer) if not any(s <= m.start < e for s, e in skipped)]
    name_facilities(body, known, gazetteer)
    discovered = [d for s in sentences for d in discover(body, s["start"], s["end"], s["kind"], gazetteer)]
    take_in_region_kinds(body, discovered)
    named = find_names(body, tokens, sentences, gazetteer, known + discovered)
    known += [m for m in named if m.entity_id is not None]
    discovered += [m for m in named if m.entity_id is None]
    mentions = merge_article(known, discovered, gazetteer.entities)
    add_facility_stems(body, tokens, mentions, gazetteer.entities)
    locate_places(body, [(s["start"], s["end"]) for s in sentences], paragraph_spans(sentences), mentions, gazetteer)
    return mentions


def paragraph_spans(sentences: list[Row]) -> list[tuple[int, int]]:
    """Where each paragraph of an article starts and ends, from its sentences."""
    spans: dict[int, tuple[int, int]] = {}
    for s in sentences:
        start, end = spans.get(s["paragraph_index"], (s["start"], s["end"]))
        spans[s["paragraph_index"]] = (min(start, s["start"]), max(end, s["end"]))
    return sorted(spans.values())


def entity_row(entity: Entity, mentions: list[tuple[str, Mention, str]]) -> Row:
    return {
        "entity_id": entity.entity_id,
        "name": entity.name,
        "entity_type": entity.entity_type,
        "country_code": entity.country_code,
        "latitude": entity.latitude,
        "longitude": entity.longitude,
        "in_reference": entity.in_reference,
        "source": entity.source,
        "n_articles": len({article_id for article_id, _, _ in mentions}),
        "n_mentions": len(mentions),
        "surface_forms": " | ".join(sorted({text for _, _, text in mentions})),
    }


def entity_rows(mention_rows: list[Row], entities: dict[str, Entity]) -> list[Row]:
    """One row per entity the articles mention, with its mention counts and surface forms."""
    by_entity: dict[str, list[tuple[str, Mention | None, str]]] = defaultdict(list)
    for m in mention_rows:
        by_entity[m["entity_id"]].append((m["article_id"], None, m["text"]))
    return [entity_row(entities[eid], ms) for eid, ms in by_entity.items()]
