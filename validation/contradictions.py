"""Contradictions: where the sources disagree, the package says so, row by row.

Claims about the same incident and quantity (killed, injured, attacks) are compared by their ranges
(``at least 34`` is 34 and up; ``hundreds`` is 200 to 999). Two figures whose ranges meet agree. Taken in
the order they were reported (publication date, article, position), each figure is set against the latest
earlier figure it cannot stand with, so a toll told as 115, then 133, then 137 gives two rows, not three:

``revision``
    the text says a figure was superseded (a claim marked ``initial``: ``earlier reported 73``,
    ``initial reports overestimated the death toll``, ``up from 34``) and another replaced it; a figure told
    as a rise or correction (``has risen to 40``) against another of the same day; or a figure of one
    incident that a later report changes, up or down.
``conflict``
    two figures that cannot both hold, in one article or in articles published the same day, with
    nothing saying which stands.

A campaign's tallies (attacks counted so far) are never rivals: they cover different spans and places.
Counts told for different places are parts, not rivals; an article repeating its own figure says it once.

``date_conflict``
    a date phrase that cannot hold: a report places the event (or the start of a war) after the day an
    earlier article already reported it (``the war that began earlier this year`` in January, when a
    November article reported it under way), or two reports give windows that do not meet.

Each row cites both statements (claims, or the date words of event mentions) and says which value the
``events`` table uses and why. The build publishes these rows; ``validation/sql`` checks that none is
missing.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from datetime import date
from itertools import combinations

Row = dict[str, object]
QUANTITIES = ("killed", "injured", "attacks")
START = re.compile(r"\b(?:outbreak|began|begun|start(?:ed)?|broke\s+out|erupted|beginning)\b", re.I)


def contradiction_id(*parts: object) -> str:
    return "ct-" + hashlib.sha1(":".join(map(str, parts)).encode()).hexdigest()[:12]


def bounds(claim: Row) -> tuple[int, float]:
    high = claim["value_high"]
    return claim["value_low"], float("inf") if high is None else high


def meet(a: Row, b: Row) -> bool:
    (a0, a1), (b0, b1) = bounds(a), bounds(b)
    return a0 <= b1 and b0 <= a1


def describe(claim: Row) -> str:
    low, high = claim["value_low"], claim["value_high"]
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low} to {high}"


def places_by_sentence(
    mentions: list[Row], types: dict[str, str | None], countries: dict[str, str | None] | None = None
) -> dict[tuple[str, int], frozenset[str]]:
    """The places and states each sentence names (demonyms aside), and their countries (as ``cc:XX``):
    where a figure was counted."""
    countries = countries or {}
    places: dict[tuple[str, int], set[str]] = defaultdict(set)
    for m in mentions:
        if types.get(m["entity_id"]) in ("place", "state") and m["method"] != "demonym":
            key = (m["article_id"], m["sentence_index"])
            places[key].add(m["entity_id"])
            if countries.get(m["entity_id"]):
                places[key].add(f"cc:{countries[m['entity_id']]}")
    return {k: frozenset(v) for k, v in places.items()}


def find_contradictions(tables: dict[str, list[Row]]) -> list[Row]:
    published = {a["article_id"]: a["published_date"] for a in tables["articles"]}
    events = {e["event_id"]: e for e in tables["events"]}
    types = {e["entity_id"]: e["entity_type"] for e in tables["entities"]}
    countries = {e["entity_id"]: e["country_code"] for e in tables["entities"]}
    places = places_by_sentence(tables["mentions"], types, countries)
    rows = _claim_contradictions(tables["claims"], events, published, places)
    rows += _date_contradictions(tables["event_mentions"], events, published)
    return sorted({r["contradiction_id"]: r for r in rows}.values(), key=lambda r: r["contradiction_id"])


def _order(claim: Row, published: dict[str, date]) -> tuple:
    return (published[claim["article_id"]], claim["article_id"], claim["start"])


def _claim_contradictions(
    claims: list[Row], events: dict[str, Row], published: dict[str, date], places: dict[tuple[str, int], frozenset[str]]
) -> list[Row]:
    grouped: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for c in claims:
        if c["event_id"] and c["quantity"] in QUANTITIES:
            grouped[(c["event_id"], c["quantity"])].append(c)
    by_id = {c["claim_id"]: c for c in claims}
    rows = []
    for (event_id, quantity), group in sorted(grouped.items()):
        event = events[event_id]
        group.sort(key=lambda c: _order(c, published))
        explicit = set()
        for revised in group:
            initial = by_id.get(revised["revises_claim_id"]) if revised["revises_claim_id"] else None
            if initial is not None:
                explicit.add(frozenset((initial["claim_id"], revised["claim_id"])))
                rows.append(
                    _revision(
                        event,
                        quantity,
                        initial,
                        revised,
                        "the text marks the earlier figure as superseded",
                        "claims.revises_claim_id: a revised figure and the one it replaces",
                    )
                )
        credible = [c for c in group if c["status"] != "initial"]
        for initial in (c for c in group if c["status"] == "initial"):
            if any(initial["claim_id"] in pair for pair in explicit) or not credible:
                continue
            latest = max(credible, key=lambda c: _order(c, published))
            explicit.add(frozenset((initial["claim_id"], latest["claim_id"])))
            rows.append(
                _revision(
                    event,
                    quantity,
                    initial,
                    latest,
                    "the text marks the earlier figure as superseded",
                    "claims.status = initial: a figure the text says was superseded",
                )
            )
        if event["is_aggregate"]:
            continue  # a campaign's counts cover different spans and places: a tally, not a rival
        told = _first_of_each_figure(credible)
        for j, b in enumerate(told):
            # each figure against the latest earlier one it cannot stand with: a chain A -> B -> C, not
            # every pair of the chain again
            earlier = [a for a in told[:j] if not meet(a, b) and _same_place(a, b, places)]
            if not earlier or frozenset((earlier[-1]["claim_id"], b["claim_id"])) in explicit:
                continue
            rows.append(_disagreement(event, quantity, earlier[-1], b, published))
    return rows


def _first_of_each_figure(claims: list[Row]) -> list[Row]:
    """One claim per figure and article: an article that repeats its figure says it once."""
    seen: set[tuple] = set()
    first = []
    for c in claims:
        key = (c["article_id"], c["value_low"], c["value_high"])
        if key not in seen:
            seen.add(key)
            first.append(c)
    return first


def _same_place(a: Row, b: Row, places: dict[tuple[str, int], frozenset[str]]) -> bool:
    """Counts from places of different countries (Deir ez-Zor, Al-Qaim) are parts, not rivals; a town and
    its country (Zahedan, Iran) are one place."""
    where_a = places.get((a["article_id"], a["sentence_index"]), frozenset())
    where_b = places.get((b["article_id"], b["sentence_index"]), frozenset())
    return not (where_a and where_b and not where_a & where_b)


def _disagreement(event: Row, quantity: str, a: Row, b: Row, published: dict[str, date]) -> Row:
    """Two figures of one incident that cannot both hold, ``a`` told no later than ``b``."""
    if a["article_id"] == b["article_id"] or published[a["article_id"]] == published[b["article_id"]]:
        if b["status"] == "revised" and a["status"] != "revised":
            why = "the later figure is told as a rise or correction"
            return _revision(event, quantity, a, b, why, "a figure told as revised replaces one that differs")
        if a["status"] == "revised" and b["status"] != "revised":
            why = "the earlier figure is told as a rise or correction"
            return _revision(event, quantity, b, a, why, "a figure told as revised replaces one that differs")
        return _conflict(event, quantity, a, b, published)
    direction = "higher" if bounds(b)[0] > bounds(a)[1] else "lower"
    return _revision(
        event,
        quantity,
        a,
        b,
        f"a later report ({published[b['article_id']]}) gives a {direction} figure for the same incident",
        f"a later report gives a {direction} figure for one incident: a revision",
    )


def _base(kind: str, event: Row, field: str, a: Row, b: Row, resolution: str, rule: str) -> Row:
    return {
        "contradiction_id": contradiction_id(kind, event["event_id"], field, a["claim_id"], b["claim_id"]),
        "kind": kind,
        "event_id": event["event_id"],
        "field": field,
        "article_a": a["article_id"],
        "article_b": b["article_id"],
        "claim_a_id": a["claim_id"],
        "claim_b_id": b["claim_id"],
        "value_a": describe(a),
        "value_b": describe(b),
        "text_a": a["text"],
        "text_b": b["text"],
        "resolution": resolution,
        "rule": rule,
    }


def _used(event: Row, quantity: str) -> str:
    prefix = {"killed": "fatalities", "injured": "injured"}.get(quantity)
    if prefix is None:
        return "events has no column for this count; both claims are kept"
    best, low, high = event[f"{prefix}_best"], event[f"{prefix}_low"], event[f"{prefix}_high"]
    span = f"{low} to {high}" if high is not None else f"{low} or more"
    return f"events uses {prefix}_best = {best} (range {span})"


def _revision(event: Row, quantity: str, old: Row, new: Row, why: str, rule: str) -> Row:
    resolution = f"{_used(event, quantity)}: the revised figure {describe(new)} replaces {describe(old)}; {why}"
    return _base("revision", event, quantity, old, new, resolution, rule)


def _conflict(event: Row, quantity: str, a: Row, b: Row, published: dict[str, date]) -> Row:
    latest = max((a, b), key=lambda c: _order(c, published))
    resolution = (
        f"{_used(event, quantity)}: nothing says which stands, so the latest report "
        f"({latest['article_id']}) gives the best figure and the range spans both"
    )
    rule = "two figures that cannot both hold, in one article or published the same day"
    return _base("conflict", event, quantity, a, b, resolution, rule)


def _date_contradictions(mentions: list[Row], events: dict[str, Row], published: dict[str, date]) -> list[Row]:
    dated: dict[str, list[Row]] = defaultdict(list)
    reported: dict[str, list[Row]] = defaultdict(list)
    for m in mentions:
        reported[m["event_id"]].append(m)
        if m["date_start"] is not None:
            dated[m["event_id"]].append(m)
    rows = []
    for event_id, group in sorted(dated.items()):
        event = events[event_id]
        if event["is_expected"]:
            continue
        first = min(reported[event_id], key=lambda m: (published[m["article_id"]], m["article_id"], m["start"]))
        for m in group:
            about_start = (
                not event["is_aggregate"]
                or m["date_text"].lower().startswith("since")
                or START.search(m["text"] + " " + m["date_text"])
            )
            if about_start and m["date_start"] > published[first["article_id"]]:
                rows.append(
                    _date_row(
                        event,
                        first,
                        m,
                        f"reported on {published[first['article_id']]}",
                        "a date phrase places the event after an article had already reported it",
                    )
                )
        if event["is_aggregate"]:
            continue  # a campaign's reports each cover part of it: their windows need not meet
        for a, b in combinations(sorted(group, key=lambda m: (published[m["article_id"]], m["start"])), 2):
            if a["date_end"] < b["date_start"] or b["date_end"] < a["date_start"]:
                rows.append(
                    _date_row(
                        event,
                        a,
                        b,
                        f"{a['date_start']} to {a['date_end']} ({a['date_text']})",
                        "two reports give date windows that do not meet",
                    )
                )
    return rows


def _date_row(event: Row, a: Row, b: Row, value_a: str, rule: str) -> Row:
    established = f"{event['date_start']} to {event['date_end']}"
    why = f"the reference date of {event['anchor_id']}" if event["anchor_id"] else "what the reports allow together"
    return {
        "contradiction_id": contradiction_id(
            "date_conflict", event["event_id"], a["article_id"], a["start"], b["article_id"], b["start"]
        ),
        "kind": "date_conflict",
        "event_id": event["event_id"],
        "field": "date",
        "article_a": a["article_id"],
        "article_b": b["article_id"],
        "claim_a_id": None,
        "claim_b_id": None,
        "value_a": value_a,
        "value_b": f"{b['date_start']} to {b['date_end']} ({b['date_text']})",
        "text_a": a["text"],
        "text_b": b["text"],
        "resolution": f"events keeps {established} ({why}); the words '{b['date_text']}' in {b['article_id']} "
        "cannot hold",
        "rule": rule,
    }


def contradictions_step(tables: dict[str, list[Row]], context: object) -> dict[str, list[Row]]:
    """The build step: publish what :func:`find_contradictions` finds."""
    return {"contradictions": find_contradictions(tables)}
