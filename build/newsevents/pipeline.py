"""The build: a sequence of steps, each taking the tables built so far and returning new ones.

Adding a table is adding its schema to ``schemas/`` (and its name to ``package.meta.json``) and a step
here. Every step has the same shape::

    def step(tables: Tables, context: BuildContext) -> Tables

It reads the tables it needs from ``tables`` and returns only the tables it creates.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsevents.articles import count_words, read_articles
from newsevents.entities import entities_and_mentions
from newsevents.events import events_and_claims
from newsevents.package import Tables
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
        split = split_sentences(article.body)
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
        sentences.extend(
            {
                "article_id": article.article_id,
                "sentence_index": s.index,
                "paragraph_index": s.paragraph_index,
                "kind": s.kind,
                "start": s.start,
                "end": s.end,
                "text": article.body[s.start : s.end],
            }
            for s in split
        )
    return {"articles": articles, "sentences": sentences}


STEPS: tuple[Step, ...] = (articles_and_sentences, entities_and_mentions, events_and_claims, contradictions_step)


def run_steps(context: BuildContext, steps: tuple[Step, ...] | None = None) -> Tables:
    tables: Tables = {}
    for step in STEPS if steps is None else steps:
        tables.update(step(tables, context))
    return tables
