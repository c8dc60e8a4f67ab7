"""The build: a sequence of steps, each taking the tables built so far and returning new ones.

Adding a table is adding its schema to ``schemas/`` (and its name to ``package.meta.json``) and a step
here. Every step has the same shape::

    def step(tables: Tables, context: BuildContext) -> Tables

It reads the tables it needs from ``tables`` and returns only the tables it creates. The steps alternate
between the per-article stage (``facts``: each article read on its own, spread over processes or a Dask
cluster by ``engine``, cached) and the corpus stages (what needs every article: entity resolution, event
coreference, ids, contradictions).
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from newsevents import nlp
from newsevents.articles import ARTICLE_SUFFIX, duplicate_ids, find_article_files
from newsevents.corpus import NO_SOURCE, package_metadata, read_corpus_metadata, read_sources
from newsevents.engine import CHUNK, Cache, Failed, Runner
from newsevents.entities import entity_rows
from newsevents.entities.reference import load_gazetteer
from newsevents.errors import InputError
from newsevents.events import corpus_events
from newsevents.events.rows import reconcile
from newsevents.facts import first_reading, knowledge_of, second_reading
from newsevents.facts import sentence_rows as sentence_rows
from newsevents.package import Row, Tables
from newsevents.schemas import table_schema
from validation.contradictions import contradictions_step


@dataclass(frozen=True)
class BuildContext:
    seeds_dir: Path
    out_dir: Path
    workers: int = 1  # local processes for the per-article stage
    scheduler: str | None = None  # a Dask scheduler's address: run the per-article stage there
    cache_dir: Path | None = None  # where each article's readings are kept between builds (None: nowhere)
    #: the previous release's evidence per event id and id-change history (``events.ids.read_previous``),
    #: when a build names one (``--previous``); never read from ``out_dir``
    previous_ids: tuple[dict, list] | None = None

    @property
    def source_prefix(self) -> str:
        """``source_path`` is relative to the output folder when the seeds lie inside it, else
        the seeds folder's own name: either way the same on every machine."""
        seeds, out = self.seeds_dir.resolve(), self.out_dir.resolve()
        if seeds.is_relative_to(out):
            relative = os.path.relpath(seeds, out)
            return "" if relative == "." else f"{Path(relative).as_posix()}/"
        return f"{seeds.name}/"

    @property
    def runner(self) -> Runner:
        return Runner(self.workers, self.scheduler)

    @cached_property
    def cache(self) -> Cache:
        """The cache both readings use (made once: it reads, or makes, the user's key)."""
        return Cache(self.cache_dir)


Step = Callable[[Tables, BuildContext], Tables]
#: Tables whose names start with ``_`` are a stage's results for the next stage, never published.
FACTS, READINGS, KNOWLEDGE = "_facts", "_readings", "_knowledge"
#: The package's metadata (one row), for the descriptor: see :mod:`newsevents.corpus`.
METADATA = "_metadata"


def read_articles_stage(tables: Tables, context: BuildContext) -> Tables:
    """Per article, first reading: ``articles``, ``sentences`` and the names each article holds; with the
    corpus's own metadata and the articles' sources where the folder gives them (``corpus.json``,
    ``sources.csv``), read first so that a bad one stops the build before any article is read."""
    paths = find_article_files(context.seeds_dir)
    try:
        context.source_prefix.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(
            context.seeds_dir, "the folder's name is not valid UTF-8 (each article's source_path starts with it)"
        ) from None
    corpus = read_corpus_metadata(context.seeds_dir)
    sources = read_sources(context.seeds_dir, paths)
    duplicates = duplicate_ids(paths)
    items = [(p, context.seeds_dir, context.source_prefix, context.cache) for p in paths if p not in duplicates]
    if context.workers > 1 and context.scheduler is None and len(items) > CHUNK:
        # Loaded before the workers fork, they share one copy: the gazetteer (the corpus stage reads it here
        # anyway) and, where no cache can spare the reading of any article, spaCy's model.
        load_gazetteer()
        if context.cache_dir is None:
            nlp.pipeline()
    results = context.runner.map(first_reading, items, failures=True)
    read = iter(results)
    for path in paths:  # the first file at fault, in path order, as a reader going through them would say
        result = duplicates.get(path) or next(read)
        if isinstance(result, InputError):
            raise result
        if isinstance(result, Failed):
            raise result.error
    facts = sorted(results, key=lambda f: f.article["article_id"])
    files = {p.name.removesuffix(ARTICLE_SUFFIX): p.relative_to(context.seeds_dir).as_posix() for p in paths}
    return {
        "articles": [{**f.article, **sources.get(files[f.article["article_id"]], NO_SOURCE)} for f in facts],
        "sentences": [s for f in facts for s in f.sentences],
        FACTS: facts,
        METADATA: [package_metadata(corpus, context.source_prefix.rstrip("/") or ".")],
    }


def resolve_entities_stage(tables: Tables, context: BuildContext) -> Tables:
    """Across the corpus: the names discovered in the articles resolved into entities."""
    return {KNOWLEDGE: [knowledge_of(tables[FACTS])]}


def read_events_stage(tables: Tables, context: BuildContext) -> Tables:
    """Per article, second reading: ``mentions`` of resolved entities, the events each article tells and
    its claims; then ``entities``, one row per entity mentioned."""
    (knowledge,) = tables[KNOWLEDGE]
    readings = context.runner.map(second_reading, tables[FACTS], shared=(knowledge, context.cache))
    mentions = [m for r in readings for m in r.mention_rows]
    return {"mentions": mentions, "entities": entity_rows(mentions, knowledge.entities), READINGS: readings}


def corpus_events_stage(tables: Tables, context: BuildContext) -> Tables:
    """Across the corpus: events merged, dated and given stable ids; claims linked and reconciled."""
    (knowledge,) = tables[KNOWLEDGE]
    sentences: dict[str, list[Row]] = defaultdict(list)
    for s in tables["sentences"]:
        sentences[s["article_id"]].append(s)
    return corpus_events(
        tables["articles"],
        sentences,
        tables[READINGS],
        knowledge.world,
        knowledge.context,
        tables["entities"],
        context.previous_ids,
    )


def counts_in_range(tables: Tables, context: BuildContext) -> Tables:
    """A figure above the schema's ``maximum`` for a count (a quadrillion) is not a count but an identifier
    or a typo read as one (``killed 99999999999999999999 people``): its claim is dropped, with the claims
    that only mean something beside it, and the events' casualty figures are reconciled again without it.
    The bound keeps every count, and the checks' arithmetic on counts, inside 64-bit integers."""
    limit = table_schema("claims").field("value_low")["constraints"]["maximum"]
    claims = tables["claims"]
    dropped = {c["claim_id"] for c in claims if max(c["value_low"], c["value_high"] or 0) > limit}
    if not dropped:
        return {}
    dropped |= {c["revises_claim_id"] for c in claims if c["claim_id"] in dropped and c["revises_claim_id"]}
    kept = [c if c["revises_claim_id"] not in dropped else {**c, "revises_claim_id": None} for c in claims]
    kept = [c for c in kept if c["claim_id"] not in dropped]
    return {"claims": kept, "events": _reconciled(tables["events"], kept, tables["articles"])}


def _reconciled(events: list[Row], claims: list[Row], articles: list[Row]) -> list[Row]:
    published = {a["article_id"]: a["published_date"] for a in articles}
    by_event: dict[object, list[Row]] = defaultdict(list)
    for c in claims:
        by_event[c["event_id"]].append(c)
    rows = []
    for e in events:
        low, best, high = reconcile(by_event[e["event_id"]], "killed", published)
        row = {**e, "fatalities_low": low, "fatalities_best": best, "fatalities_high": high}
        low, best, high = reconcile(by_event[e["event_id"]], "injured", published)
        rows.append({**row, "injured_low": low, "injured_best": best, "injured_high": high})
    return rows


STEPS: tuple[Step, ...] = (
    read_articles_stage,
    resolve_entities_stage,
    read_events_stage,
    corpus_events_stage,
    counts_in_range,
    contradictions_step,
)


#: The stage results no later step reads, dropped once the step named has run: on a large corpus the
#: articles' first readings, then their second, are most of the build's memory.
LAST_READ_BY: dict[str, tuple[str, ...]] = {
    "read_events_stage": (FACTS,),
    "corpus_events_stage": (READINGS, KNOWLEDGE),
}


def run_steps(
    context: BuildContext,
    steps: tuple[Step, ...] | None = None,
    after_step: Callable[[Step], None] | None = None,
) -> Tables:
    """Run the steps in order (``after_step`` is called after each: the benchmark times them)."""
    tables: Tables = {}
    try:
        for step in STEPS if steps is None else steps:
            tables.update(step(tables, context))
            for name in LAST_READ_BY.get(step.__name__, ()):
                # freed by reference counting as its last reference goes; anything caught in a cycle waits
                # for the collector, which sees it again once the build unfreezes
                tables.pop(name, None)
            # what the steps so far made lives to the end of the build: the cyclic collector need not scan it
            # again in every later step (on a large corpus that scan made the cost per article grow)
            gc.freeze()
            if after_step is not None:
                after_step(step)
    finally:
        gc.unfreeze()
    return tables
