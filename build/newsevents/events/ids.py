"""Stable event ids: an event keeps its id from one build to the next while it exists.

A fresh event's id hashes its earliest piece of evidence (the first report by publication date): adding an
unrelated article or a later report of the event changes nothing. An earlier report would rename it, so a
build can be given a previous release explicitly (``--previous DIR|ZIP``, a package folder or a release
archive): each event then first inherits the id of the previous event it shares most evidence with (the
same article and characters). Ids depend on the articles and that release only: a build never reads what
its output folder holds.

Where the previous events do not map one to one, ``event_id_changes`` says what became of each previous id
that is gone: ``merged`` (its evidence now lies in an event that kept another id), ``split`` (its evidence
is spread over several events, none of which kept its id) or ``removed`` (none of its evidence is left). The
rows of earlier releases are carried forward, so the table is the whole history.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from newsevents.errors import InputError

Evidence = tuple[str, int, int]  # article, start, end


def fresh_id(article_id: str, start: int, end: int, event_type: str) -> str:
    return f"ev-{hashlib.sha1(f'{article_id}:{start}:{end}:{event_type}'.encode()).hexdigest()[:12]}"


#: The most a previous release's table may hold: the reader refuses a larger one before reading it.
PREVIOUS_LIMIT = 1 << 30


def read_previous(source: Path) -> tuple[dict[str, set[Evidence]], list[dict]]:
    """The previous release's evidence per event id and its id-change history, from a package folder
    (``datapackage.json`` and ``data/``) or a release archive (``<name>/datapackage.json`` and
    ``<name>/data/`` inside a zip). A release that cannot be read is a one-line error, never fresh ids."""
    mentions, changes = _previous_tables(source)
    evidence: dict[str, set[Evidence]] = defaultdict(set)
    try:
        for row in csv.DictReader(io.StringIO(mentions)):
            evidence[row["event_id"]].add((row["article_id"], int(row["start"]), int(row["end"])))
        history = [
            {
                "old_event_id": row["old_event_id"],
                "new_event_id": row["new_event_id"] or None,
                "change": row["change"],
                "since_version": row["since_version"],
            }
            for row in csv.DictReader(io.StringIO(changes))
        ]
    except (KeyError, ValueError, TypeError, csv.Error) as exc:
        raise InputError(source, f"not a release this build can read ids from ({type(exc).__name__}: {exc})") from None
    return dict(evidence), history


def _previous_tables(source: Path) -> tuple[str, str]:
    """The text of ``event_mentions.csv`` and ``event_id_changes.csv`` of the release at ``source``."""
    names = ("data/event_mentions.csv", "data/event_id_changes.csv")
    try:
        if source.is_dir():
            if not (source / "datapackage.json").is_file():
                raise InputError(source, "no datapackage.json here (--previous takes a package folder or release zip)")
            texts = []
            for name in names:
                path = source / name
                if not path.is_file():
                    raise InputError(path, "missing from the previous release")
                if path.stat().st_size > PREVIOUS_LIMIT:
                    raise InputError(path, f"larger than {PREVIOUS_LIMIT} bytes")
                texts.append(path.read_bytes().decode("utf-8"))
            return texts[0], texts[1]
        if not source.exists():
            raise InputError(source, "no such file or folder (--previous takes a package folder or a release zip)")
        with zipfile.ZipFile(source) as archive:
            members = {info.filename: info for info in archive.infolist()}
            tops = {name.split("/", 1)[0] for name in members if "/" in name}
            top = next((t for t in sorted(tops) if f"{t}/datapackage.json" in members), None)
            if top is None:
                raise InputError(source, "not a release archive (no <name>/datapackage.json inside)")
            texts = []
            for name in names:
                info = members.get(f"{top}/{name}")
                if info is None:
                    raise InputError(source, f"{top}/{name} is missing from the previous release")
                if info.file_size > PREVIOUS_LIMIT:
                    raise InputError(source, f"{top}/{name} is larger than {PREVIOUS_LIMIT} bytes")
                with archive.open(info) as member:
                    texts.append(member.read(PREVIOUS_LIMIT + 1).decode("utf-8"))
            return texts[0], texts[1]
    except UnicodeDecodeError:
        raise InputError(source, "a table of the previous release is not UTF-8") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise InputError(source, "neither a package folder nor a readable zip archive") from None
    except OSError as exc:
        raise InputError(source, f"cannot read the previous release ({exc.strerror or exc})") from None


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
