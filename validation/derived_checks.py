"""Layer 5, derived: every value the build derives from the articles that SQL cannot recompute.

The DuckDB checks recompute the counts a query can (``n_sentences``, ``n_mentions``, reconciled figures).
The rest is recomputed here with the build's own code and compared cell by cell, as the CSV writes it:

* ``articles.n_words``: the build's word count of the body (a Unicode regular expression DuckDB lacks);
* ``sentences``: the rows the sentence splitter gives for each body;
* ``contradictions``: every row the rules of :mod:`validation.contradictions` find on the published
  claims, events and event mentions, and no other (a deleted ``date_conflict`` row is caught here).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

from newsevents.articles import count_words
from newsevents.package import format_value, table_resources
from newsevents.pipeline import sentence_rows
from validation.contradictions import find_contradictions
from validation.report import CheckResult, Failure

LAYER = "derived"
Row = dict[str, object]
PARSE: dict[str, Callable[[str], object]] = {
    "integer": int,
    "number": float,
    "boolean": lambda v: {"true": True, "false": False}[v],
    "date": date.fromisoformat,
}


def read_rows(package_dir: Path, resource: dict) -> tuple[list[dict[str, str]], list[Row]]:
    """The table's rows as text (as published) and typed as the build makes them (``None`` for empty)."""
    with (package_dir / resource["path"]).open(encoding="utf-8", newline="") as f:
        text = list(csv.DictReader(f))
    kinds = {f["name"]: f.get("type", "string") for f in resource["schema"]["fields"]}
    typed = [{k: _parse(v, kinds.get(k, "string")) for k, v in row.items()} for row in text]
    return text, typed


def _parse(value: str | None, kind: str) -> object:
    """The cell as the build typed it; ``None`` when empty, or when it is not of its type (the pandera
    layer reports that)."""
    if value is None or value == "":
        return None
    try:
        return PARSE.get(kind, str)(value)
    except (KeyError, ValueError):
        return None


def _key(row: dict, key: list[str]) -> str:
    return ", ".join(f"{k}={row.get(k)}" for k in key)


def _compare(
    table: str, key: list[str], published: list[dict[str, str]], derived: list[Row], rule: str
) -> list[Failure]:
    """A failure per row missing, extra or different, comparing ``derived`` (typed) with ``published`` (text)."""
    mine = {_key(r, key): r for r in published}
    theirs = {_key(r, key): {k: format_value(v) for k, v in r.items()} for r in derived}
    failures = []
    for k in sorted(theirs.keys() - mine.keys()):
        failures.append(Failure(table, k, rule, "missing: the build derives this row"))
    for k in sorted(mine.keys() - theirs.keys()):
        failures.append(Failure(table, k, rule, "extra: the build derives no such row"))
    for k in sorted(mine.keys() & theirs.keys()):
        changed = [c for c in theirs[k] if mine[k].get(c) != theirs[k][c]]
        if changed:
            c = changed[0]
            failures.append(Failure(table, k, rule, f"{c} is {mine[k].get(c)!r}, the build derives {theirs[k][c]!r}"))
    return failures


def _articles(articles: list[dict[str, str]], typed: list[Row]) -> list[Failure]:
    failures = []
    for text, row in zip(articles, typed, strict=True):
        words = count_words(str(row["body"] or ""))
        if text["n_words"] != str(words):
            failures.append(
                Failure(
                    "articles",
                    f"article_id={row['article_id']}",
                    "n_words is the build's word count of the body",
                    f"n_words is {text['n_words']}, the body has {words} words",
                )
            )
    return failures


def check(package_dir: Path) -> list[CheckResult]:
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in table_resources(descriptor)}
    text, typed = {}, {}
    for name, resource in resources.items():
        text[name], typed[name] = read_rows(package_dir, resource)
    derived_sentences = [s for a in typed["articles"] for s in sentence_rows(str(a["article_id"]), str(a["body"]))]
    return [
        CheckResult(
            LAYER,
            "articles: n_words",
            "n_words is the word count of the body",
            _articles(text["articles"], typed["articles"]),
        ),
        CheckResult(
            LAYER,
            "sentences: the splitter's",
            "the sentences rows are those the sentence splitter gives for each body",
            _compare(
                "sentences",
                ["article_id", "sentence_index"],
                text["sentences"],
                derived_sentences,
                "the sentences rows are the splitter's for each body",
            ),
        ),
        CheckResult(
            LAYER,
            "contradictions: the rules'",
            "contradictions holds every disagreement the rules find in claims, events and event_mentions, and no other",
            _contradictions(text["contradictions"], typed),
        ),
    ]


def _contradictions(published: list[dict[str, str]], typed: dict[str, list[Row]]) -> list[Failure]:
    rule = "contradictions holds exactly the disagreements the rules of validation/contradictions.py find"
    try:
        derived = find_contradictions(typed)
    except (KeyError, TypeError, ValueError) as exc:  # a broken reference: the foreign-key checks name it
        return [Failure("contradictions", "(table)", rule, f"cannot be recomputed ({type(exc).__name__}: {exc})")]
    return _compare("contradictions", ["contradiction_id"], published, derived, rule)
