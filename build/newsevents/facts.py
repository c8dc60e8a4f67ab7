"""The per-article stage: one article in, its facts out, with no knowledge of the rest of the corpus
beyond the reference data and, for the second reading, what the corpus stage resolved.

The build reads each article twice, and only the corpus stages in between see more than one article:

1. :func:`read_article_facts` (``ArticleFacts``): the article row, its sentences and the names in it
   (known entities, and names the text marks as names, not yet resolved to an entity);
2. the corpus resolves the discovered names across articles into entities (:func:`knowledge_of`);
3. :func:`read_article_events` (``ArticleReading``): the article's mentions of resolved entities, the events
   it tells (clustered within the article) and its numeric claims;
4. the corpus merges events across articles, dates them, links and reconciles claims, gives stable ids and
   finds contradictions (``events.corpus_events``, ``validation.contradictions``).

Both readings are pure functions of their inputs, so they run in any order, in other processes or on other
machines (``engine``), and are cached by what they read (``engine.Cache``).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.articles import count_words, read_article, read_bytes
from newsevents.engine import Cache, canonical_json
from newsevents.entities import recognize_article
from newsevents.entities.recognize import Mention
from newsevents.entities.reference import Entity, load_gazetteer
from newsevents.entities.resolve import add_names, add_short_forms, corpus_name_index, resolve_corpus
from newsevents.entities.text import tokenize
from newsevents.errors import InputError
from newsevents.events import entity_types_and_world, extract_article, held_places
from newsevents.events.claims import ArticleClaims
from newsevents.events.coref import Event, World
from newsevents.events.lexicon import load_lexicon
from newsevents.events.sentence import Context, EntityMention
from newsevents.package import Row
from newsevents.sentences import split_sentences


@dataclass
class ArticleFacts:
    """What one article says on its own: its row, its sentences, the names in it."""

    article: Row
    sentences: list[Row]
    mentions: list[Mention]  # discovered names have no entity yet (``entity_id`` None)


@dataclass
class Knowledge:
    """What the corpus stage resolved and the second reading needs: every entity, the names discovered
    anywhere in the corpus, and the types, countries and affiliations events are read with."""

    entities: dict[str, Entity]
    names: dict | None  # index of the corpus's discovered names (None: there are none)
    world: World
    context: Context

    def digest_for(self, entity_ids: set[str]) -> str:
        """A digest of what this knowledge says about the given entities: a second reading of an article
        whose entities are described alike gives the same result."""
        described = sorted(
            (
                e,
                self.context.entity_types.get(e),
                self.context.country_of.get(e),
                tuple(sorted(self.world.ancestors(e))),
                e in self.world.regions,
                e in self.world.nowhere,
            )
            for e in entity_ids
        )
        return hashlib.sha256(canonical_json(described)).hexdigest()


@dataclass
class ArticleReading:
    """What the second reading finds: mention rows, the article's events and its claims."""

    article_id: str
    mention_rows: list[Row]
    events: list[Event]
    claims: ArticleClaims
    held: list[tuple[str, str]] = field(default_factory=list)  # (place, country holding it)


def read_article_facts(path: Path, seeds_dir: Path, source_prefix: str) -> ArticleFacts:
    article = read_article(path, seeds_dir, source_prefix)
    sentences = sentence_rows(article.article_id, article.body)
    row = {
        "article_id": article.article_id,
        "published_date": article.published_date,
        "body": article.body,
        "source_path": article.source_path,
        "sha256": article.sha256,
        "n_words": count_words(article.body),
        "n_sentences": len(sentences),
    }
    mentions = recognize_article(article.body, tokenize(article.body), sentences, load_gazetteer())
    return ArticleFacts(row, sentences, mentions)


def sentence_rows(article_id: str, body: str) -> list[Row]:
    """The ``sentences`` rows of one body (also recomputed by ``validation.derived_checks``)."""
    return [
        {
            "article_id": article_id,
            "sentence_index": s.index,
            "paragraph_index": s.paragraph_index,
            "kind": s.kind,
            "start": s.start,
            "end": s.end,
            "text": body[s.start : s.end],
        }
        for s in split_sentences(body)
    ]


def knowledge_of(facts: list[ArticleFacts]) -> Knowledge:
    """The corpus stage between the two readings: discovered names resolved to entities across articles
    (in place: each discovered mention gets its entity id), and the index of the corpus's names."""
    gazetteer = load_gazetteer()
    found = {f.article["article_id"]: f.mentions for f in facts}
    entities = {**gazetteer.entities, **resolve_corpus(found, gazetteer)}
    names = corpus_name_index(found.values())
    world, context = entity_types_and_world(gazetteer, entities)
    return Knowledge(entities, names, world, context)


def finish_mentions(facts: ArticleFacts, knowledge: Knowledge) -> list[Mention]:
    """The article's mentions once the corpus is known: its names found where another article discovered
    them, and people named by surname after their full name."""
    body = facts.article["body"]
    tokens = tokenize(body)
    mentions = list(facts.mentions)
    add_names(mentions, body, tokens, knowledge.names, knowledge.entities)
    add_short_forms(body, tokens, mentions, knowledge.entities)
    return mentions


def read_article_events(facts: ArticleFacts, mentions: list[Mention], knowledge: Knowledge) -> ArticleReading:
    """The second reading: mention rows, then events and claims read with the corpus's entities."""
    aid, body = facts.article["article_id"], facts.article["body"]
    starts = [s["start"] for s in facts.sentences]
    rows = [
        {
            "article_id": aid,
            "start": m.start,
            "end": m.end,
            "sentence_index": facts.sentences[bisect_right(starts, m.start) - 1]["sentence_index"],
            "text": body[m.start : m.end],
            "entity_id": m.entity_id,
            "method": m.method,
        }
        for m in mentions
    ]
    context, world = knowledge.context, knowledge.world
    held = held_places(body, rows, context)
    local = world.with_held(held)
    entity_mentions = [
        EntityMention(r["start"], r["end"], r["entity_id"], context.entity_types.get(r["entity_id"]), r["method"])
        for r in rows
    ]
    events, claims, _ = extract_article(facts.article, facts.sentences, entity_mentions, load_lexicon(), context, local)
    return ArticleReading(aid, rows, events, claims, held)


# The per-article stage's two entries, as the engine calls them: ``(item, shared)`` -> result.


def first_reading(item: tuple[Path, Path, str, Cache], shared: object = None) -> ArticleFacts:
    """``read_article_facts`` through the cache (keyed by the file's bytes, its path and the code)."""
    path, seeds_dir, source_prefix, cache = item
    try:
        raw_digest = hashlib.sha256(read_bytes(path)).hexdigest()  # bounded: a huge file is not loaded
    except InputError:
        raw_digest = None  # unreadable or too large: read_article_facts says so, in one line
    key = cache.key("facts", path.relative_to(seeds_dir).as_posix(), source_prefix, raw_digest)
    facts = cache.get("facts", key, ArticleFacts) if raw_digest else None
    if facts is None:
        facts = read_article_facts(path, seeds_dir, source_prefix)
        cache.put("facts", key, facts)
    return facts


def second_reading(facts: ArticleFacts, shared: tuple[Knowledge, Cache]) -> ArticleReading:
    """``read_article_events`` through the cache (keyed by the article, its final mentions and what the
    corpus says of the entities they name)."""
    knowledge, cache = shared
    mentions = finish_mentions(facts, knowledge)
    named = {m.entity_id for m in mentions if m.entity_id}
    key = cache.key(
        "reading",
        facts.article["article_id"],
        facts.article["sha256"],
        facts.article["source_path"],
        [(m.start, m.end, m.entity_id, m.method) for m in mentions],
        knowledge.digest_for(named),
    )
    reading = cache.get("reading", key, ArticleReading)
    if reading is None:
        reading = read_article_events(facts, mentions, knowledge)
        cache.put("reading", key, reading)
    return reading
