"""Entities and their mentions: who and where, resolved across articles, each mention traced to its span.

The step: find the reference data's names (``recognize``), find names the text marks as names
(``discover``), merge them per article and resolve them across the corpus (``resolve``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from newsevents.entities.discover import discover
from newsevents.entities.facilities import add_facility_stems, name_facilities
from newsevents.entities.places import locate_places
from newsevents.entities.recognize import Mention, find_known
from newsevents.entities.reference import Entity, Gazetteer, load_gazetteer
from newsevents.entities.resolve import add_corpus_names, add_short_forms, merge_article, resolve_corpus
from newsevents.entities.text import Token, tokenize
from newsevents.package import Row, Tables


def recognize_article(body: str, tokens: list[Token], sentences: list[Row], gazetteer: Gazetteer) -> list[Mention]:
    skipped = [(s["start"], s["end"]) for s in sentences if s["kind"] == "boilerplate"]
    known = [m for m in find_known(body, tokens, gazetteer) if not any(s <= m.start < e for s, e in skipped)]
    name_facilities(body, known, gazetteer)
    discovered = [d for s in sentences for d in discover(body, s["start"], s["end"], s["kind"], gazetteer)]
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


def entities_and_mentions(tables: Tables, context: object) -> Tables:
    gazetteer = load_gazetteer()
    sentences: dict[str, list[Row]] = defaultdict(list)
    for s in tables["sentences"]:
        sentences[s["article_id"]].append(s)
    bodies = {a["article_id"]: a["body"] for a in tables["articles"]}
    tokens = {aid: tokenize(body) for aid, body in bodies.items()}
    found = {aid: recognize_article(body, tokens[aid], sentences[aid], gazetteer) for aid, body in bodies.items()}
    entities = {**gazetteer.entities, **resolve_corpus(found, gazetteer)}
    add_corpus_names(found, bodies, tokens, entities)

    mention_rows, by_entity = [], defaultdict(list)
    for aid, mentions in found.items():
        body = bodies[aid]
        add_short_forms(body, tokens[aid], mentions, entities)
        starts = [s["start"] for s in sentences[aid]]
        for m in mentions:
            text = body[m.start : m.end]
            by_entity[m.entity_id].append((aid, m, text))
            mention_rows.append(
                {
                    "article_id": aid,
                    "start": m.start,
                    "end": m.end,
                    "sentence_index": sentences[aid][bisect_right(starts, m.start) - 1]["sentence_index"],
                    "text": text,
                    "entity_id": m.entity_id,
                    "method": m.method,
                }
            )
    entity_rows = [entity_row(entities[eid], ms) for eid, ms in by_entity.items()]
    return {"entities": entity_rows, "mentions": mention_rows}
