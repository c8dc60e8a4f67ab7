"""The build: a sequence of steps, each taking the tables built so far and returning new ones.

Adding a table is adding its schema to ``schemas/`` (and its name to ``package.meta.json``) and a step
here. Every step has the same shape::

    def step(tables: Tables, context: BuildContext) -> Tables

It reads the tables it needs from ``tables`` and returns only the tables it creates.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsevents.articles import count_words, read_articles
from newsevents.entities import entities_and_mentions
from newsevents.events import events_and_claims, reconcile
from newsevents.package import Row, Tables
from newsevents.schemas import table_schema
from newsevents.sentences import split_sentences
from validation.contradictions import contradictions_step


@dataclass(frozen=True)
class BuildContext:
    seeds_dir: Path
    out_dir: Path

    @property
    def source_prefix(self) -> str:
        """``source_path`` is relative to the output folder when the seeds lie inside it, else
        the seeds folder's own name: either way the same on every machine."""
        seeds, out = self.seeds_dir.resolve(), self.out_dir.resolve()
        if seeds.is_relative_to(out):
            relative = os.path.relpath(seeds, out)
            return "" if relative == "." else f"{Path(relative).as_posix()}/"
        return f"{seeds.name}/"


Step = Callable[[Tables, BuildContext], Tables]


def articles_and_sentences(tables: Tables, context: BuildContext) -> Tables:
    articles, sentences = [], []
    for article in read_articles(context.seeds_dir, context.source_prefix):
        split = sentence_rows(article.article_id, article.body)
        articles.append(
            {
                "article_id": article.article_id,
                "published_date": article.published_date,
                "body": article.body,
                "source_path": article.source_path,
                "sha256": article.sha256,
                "n_words": count_words(article.body),
                "n_sentences": len(split),
            }
        )
        sentences.extend(split)
    return {"articles": articles, "sentences": sentences}


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
    articles_and_sentences,
    entities_and_mentions,
    events_and_claims,
    counts_in_range,
    contradictions_step,
)


def run_steps(context: BuildContext, steps: tuple[Step, ...] | None = None) -> Tables:
    tables: Tables = {}
    for step in STEPS if steps is None else steps:
        tables.update(step(tables, context))
    return tables
