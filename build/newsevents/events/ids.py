"""Stable event ids: an event keeps its id from one build to the next while it exists.

A fresh event's id hashes its earliest piece of evidence. That alone would rename an event whenever an
earlier article about it is added, so when the output folder already holds a package (the previous
release), each event first inherits the id of the previous event it shares most evidence with (the same
article and characters): adding an unrelated article, or another report of the event, changes nothing.

Where the previous events do not map one to one, ``event_id_changes`` says what became of each previous id
that is gone: ``merged`` (its evidence now lies in an event that kept another id), ``split`` (its evidence
is spread over several events, none of which kept its id) or ``removed`` (none of its evidence is left). The
rows of earlier releases are carried forward, so the table is the whole history.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

Evidence = tuple[str, int, int]  # article, start, end


def fresh_id(article_id: str, start: int, end: int, event_type: str) -> str:
    return f"ev-{hashlib.sha1(f'{article_id}:{start}:{end}:{event_type}'.encode()).hexdigest()[:12]}"


def read_previous(package_dir: Path) -> tuple[dict[str, set[Evidence]], list[dict]]:
    """The previous release's evidence per event id and its id-change history (empty if there is none)."""
    data = package_dir / "data"
    evidence: dict[str, set[Evidence]] = defaultdict(set)
    try:
        with (data / "event_mentions.csv").open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                evidence[row["event_id"]].add((row["article_id"], int(row["start"]), int(row["end"])))
    except (OSError, KeyError, ValueError):
        return {}, []  # no previous package, or one this build cannot read: ids are fresh
    history: list[dict] = []
    try:
        with (data / "event_id_changes.csv").open(encoding="utf-8", newline="") as f:
            history = [{**row, "new_event_id": row["new_event_id"] or None} for row in csv.DictReader(f)]
    except (OSError, KeyError):
        history = []
    return dict(evidence), history


def assign_ids(
    events: list[tuple[str, set[Evidence]]],
    previous: dict[str, set[Evidence]],
    history: list[dict],
    version: str,
) -> tuple[list[str], list[dict]]:
    """Ids for ``events`` (each given as its fresh id and its evidence), and the id-change rows.

    Each previous id goes to the new event holding most of its evidence (ties: the fresh id that sorts
    first); each new event takes, of the previous ids offered to it, the one whose evidence it shares most
    (ties: the smaller id). Every other previous id is recorded as merged, split or removed."""
    owner: dict[Evidence, int] = {ev: i for i, (_, evidence) in enumerate(events) for ev in evidence}
    offered: dict[int, list[tuple[int, str]]] = defaultdict(list)
    spread: dict[str, Counter] = {}
    for old_id, evidence in sorted(previous.items()):
        counts = Counter(owner[ev] for ev in evidence if ev in owner)
        spread[old_id] = counts
        if counts:
            best = min(counts, key=lambda i: (-counts[i], events[i][0]))
            offered[best].append((counts[best], old_id))
    ids: list[str | None] = []
    kept: set[str] = set()
    for i in range(len(events)):
        if offered[i]:
            old_id = min(offered[i], key=lambda pair: (-pair[0], pair[1]))[1]
            ids.append(old_id)
            kept.add(old_id)
        else:
            ids.append(None)
    used = set(kept) | set(previous)  # a fresh id never reuses one a previous release gave another event
    for i, (fresh, _) in enumerate(events):
        if ids[i] is None:
            candidate, n = fresh, 0
            while candidate in used:  # the evidence it hashes went to another event: salt it
                n += 1
                candidate = f"ev-{hashlib.sha1(f'{fresh}:{n}'.encode()).hexdigest()[:12]}"
            ids[i] = candidate
            used.add(candidate)
    taken = set(ids)
    rows = [r for r in history if r["old_event_id"] not in taken]
    recorded = {r["old_event_id"] for r in rows}
    for old_id, counts in sorted(spread.items()):
        if old_id in kept or old_id in recorded:
            continue
        holders = sorted({ids[i] for i in counts})
        if not holders:
            change, new_id = "removed", None
        elif len(holders) == 1:
            change, new_id = "merged", holders[0]
        else:
            share = {h: sum(c for i, c in counts.items() if ids[i] == h) for h in holders}
            change, new_id = "split", min(holders, key=lambda h: (-share[h], h))
        rows.append({"old_event_id": old_id, "new_event_id": new_id, "change": change, "since_version": version})
    return ids, sorted(rows, key=lambda r: r["old_event_id"])


def evidence_of(rows: Iterable[dict]) -> set[Evidence]:
    return {(r["article_id"], r["start"], r["end"]) for r in rows}
