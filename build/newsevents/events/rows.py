"""The rows of ``events``, ``event_mentions``, ``event_links`` and ``claims`` from the corpus's events and the
articles' claims.

A claim belongs to the nearest incident told in its own sentence (one whose evidence holds it first), else
to the latest told in the two sentences before (an incident rather than a campaign, for a casualty figure);
a casualty figure further from any event (``officials later said the death toll had risen to five``)
belongs to the article's main incident, the one it tells most often. Reconciliation:

* ``*_best``: the latest report (by publication date, then position in the text) that no later text
  supersedes (``status`` not ``initial``);
* ``*_low`` / ``*_high``: the lowest lower bound and the highest upper bound among those reports
  (``*_high`` is empty when a report gives no upper bound, as ``at least 66`` does).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict

from newsevents.events.claims import ArticleClaims, Claim, RevisionMarker, holds_numeral
from newsevents.events.coref import Event, Mention, World
from newsevents.events.describe import describe, named_place, with_article
from newsevents.events.lexicon import Lexicon
from newsevents.events.linkage import Link
from newsevents.events.sentence import Context
from newsevents.package import Row


def stable_id(prefix: str, *parts: object) -> str:
    return f"{prefix}-{hashlib.sha1(':'.join(map(str, parts)).encode()).hexdigest()[:12]}"


def _point(claim: Row) -> int:
    low, high, qualifier = claim["value_low"], claim["value_high"], claim["qualifier"]
    if qualifier == "about" and high is not None:
        return (low + high + 1) // 2  # the midpoint, halves rounded up (as validation/sql computes it)
    if qualifier == "up_to" and high is not None:
        return high
    return low


def reconcile(event_claims: list[Row], quantity: str, published: dict[str, object]) -> tuple:
    """(low, best, high) of one quantity from an event's claims; see the module docstring."""
    credible = [c for c in event_claims if c["quantity"] == quantity and c["status"] != "initial"]
    if not credible:
        return None, None, None
    # a vague figure ("hundreds") bounds the count but gives no best guess: the latest figure that does
    sized = [c for c in credible if c["qualifier"] != "vague"]
    latest = max(sized, key=lambda c: (published[c["article_id"]], c["article_id"], c["start"]), default=None)
    high = None if any(c["value_high"] is None for c in credible) else max(c["value_high"] for c in credible)
    return min(c["value_low"] for c in credible), _point(latest) if latest else None, high


def _link_rows(links: list[tuple[tuple, tuple, Link]], event_of: dict[tuple[str, int, int], str]) -> list[Row]:
    """``event_links``: one row per cross-article merge, the two reports joined (each by its first evidence
    span, a row of ``event_mentions``) and the model's match weight and probability, sorted."""
    rows = []
    for left, right, x in links:
        event_id = event_of.get(left)
        if event_id is None:  # an event the package does not keep (a war told only as a backdrop)
            continue
        rows.append(
            {
                "event_id": event_id,
                "article_id": left[0],
                "start": left[1],
                "end": left[2],
                "linked_article_id": right[0],
                "linked_start": right[1],
                "linked_end": right[2],
                "match_weight": round(x.match_weight, 4),
                "match_probability": round(x.match_probability, 6),
            }
        )
    return sorted(
        rows, key=lambda r: (r["event_id"], r["article_id"], r["start"], r["linked_article_id"], r["linked_start"])
    )


def _describe(e: Event, row: Row, names: dict[str, str], world: World) -> str:
    """An English sentence from the row's participants and place (only names the package holds)."""
    return describe(
        e.event_type,
        e.mode if e.event_type in ("assault", "protest") else None,
        series=e.aggregate and e.kind != "war",
        war=e.kind == "war",
        expected=e.expected,
        actor=row["actor_id"],
        target=row["target_id"],
        place=row["location_id"],
        name=lambda i: with_article(names[i], world.types.get(i)),
        person=lambda i: world.types.get(i) == "person",
    )


def role_texts(e: Event, row: Row, bodies: dict[str, str], names: dict[str, str]) -> Row:
    """``actor_text`` and ``target_text``: each side's words as most of the event's articles write them. A
    report's words for the side: where the row names the side's entity, the noun phrase the entity's mention is
    part of (``Norlandian troops``), else the text of the mention; else the phrase for a side no entity names
    (``gunmen``). Each article counts once for each different wording its reports give; the words most articles
    give win, the earliest report's on a tie (reports in order of publication, article and position). Where the
    row names an entity no report's own reading named (a side carried over from a related event), its name."""
    reports = sorted(
        e.mentions, key=lambda m: (m.candidate.published, m.candidate.article_id, m.span, m.bridged is not None)
    )
    texts: Row = {}
    for role in ("actor", "target"):
        entity = row[f"{role}_id"]
        given: dict[tuple[str, str], None] = {}  # (article, words) for each side's words an article gives, in order
        for m in reports:
            c = m.candidate
            arg, phrase = getattr(c, role), getattr(c, f"{role}_phrase")
            if entity is not None:
                if arg is not None and arg.entity_id == entity:
                    text = bodies[c.article_id][arg.start : arg.end]
                    # the noun phrase the name is part of: "Norlandian troops"
                    given[c.article_id, phrase if phrase and text in phrase else text] = None
            elif arg is None and phrase:
                given[c.article_id, phrase] = None
        votes = Counter(words for _, words in given)
        text = max(votes, key=lambda t: votes[t]) if votes else None  # first most common: the earliest on a tie
        if entity is not None and text is None:
            text = names[entity]
        texts[f"{role}_text"] = text
    return texts


def _where(e: Event, row: Row, world: World, sources: dict[str, str], names: dict[str, str]) -> Row:
    """``location_precision`` and ``admin1``: how sharp the place is, and the region the reports name."""
    location = row["location_id"]
    if location is None:
        precision = "country" if row["country_code"] else None
    elif world.types.get(location) == "state":
        precision = "country"
    elif location in world.regions:
        precision = "region"
    elif "geonames:" in sources.get(location, ""):
        precision = "town"  # a GeoNames city
    else:
        precision = "place"
    regions = sorted(p for p in e.places | ({location} if location else set()) if p in world.regions and p in names)
    return {"location_precision": precision, "admin1": names[regions[0]] if regions else None}


def _country(e: Event, context: Context) -> str | None:
    country = context.country_of.get(e.location) if e.location else None
    return country if country is not None else _implied_country(e, context)


def _event_row(
    eid: str,
    e: Event,
    country: str | None,
    fatalities: tuple,
    injured: tuple,
    world: World,
    lexicon: Lexicon,
    names: dict[str, str],
) -> Row:
    acled = lexicon.acled.get(e.mode or "") if e.event_type in ("assault", "protest") else None
    row = {
        "event_id": eid,
        "event_type": e.event_type,
        "event_mode": e.mode,
        "acled_sub_event_type": acled,
        "is_aggregate": e.aggregate,
        "is_expected": e.expected,
        "date_start": e.first,
        "date_end": e.last,
        "date_precision": e.precision,
        "actor_id": e.actor if e.actor in names else None,
        "target_id": e.target if e.target in names and e.target != e.actor else None,
        "actor_text": None,  # see role_texts
        "target_text": None,
        "location_id": named_place(e.location, names, world.part_of),
        "country_code": country,
        "fatalities_low": fatalities[0],
        "fatalities_best": fatalities[1],
        "fatalities_high": fatalities[2],
        "injured_low": injured[0],
        "injured_best": injured[1],
        "injured_high": injured[2],
        "n_articles": len(e.articles),
        "n_mentions": len({(m.candidate.article_id, m.span) for m in e.mentions}),
        "first_reported": min(e.published),
        "last_reported": max(e.published),
        "anchor_id": e.anchor,
    }
    row["description"] = _describe(e, row, names, world)
    return row


def _implied_country(e: Event, context: Context) -> str | None:
    """Where an event with no place in the text happened, when its participants say: a statement is made
    in the speaker's country; an attack where its non-state side is based (strikes on an Iraqi militia,
    rockets fired by one)."""
    if e.event_type in ("accuse", "threaten", "request", "reject", "sanction", "coerce"):
        return context.country_of.get(e.actor) if e.actor else None
    for side in (e.target, e.actor):
        if side and context.entity_types.get(side) not in ("state", None):
            code = context.country_of.get(side)
            if code:
                return code
    states = (context.entity_types.get(e.target), context.entity_types.get(e.actor))
    if e.event_type == "assault" and not e.aggregate and states == ("state", "state"):
        return context.country_of.get(e.target)  # "Iran fired missiles at Israel": on Israel's territory
    return None


def _sentence_of(sentences: list[Row], offset: int, starts: list[int] | None = None) -> int:
    starts = starts if starts is not None else [s["start"] for s in sentences]
    return sentences[bisect_right(starts, offset) - 1]["sentence_index"]


def _mention_rows(
    eid: str,
    e: Event,
    bodies: dict[str, str],
    starts: dict[str, list[int]],
    sentences: dict[str, list[Row]],
) -> list[Row]:
    rows: dict[tuple, Row] = {}
    for m in e.mentions:
        c = m.candidate
        start, end = m.span
        key = (c.article_id, start, end)
        dated = c.date is not None and c.date.kind != "default" and c.date.first is not None and not m.bridged
        date_text = c.date.text if dated else None
        if key in rows:
            if date_text and not rows[key]["date_text"]:
                rows[key].update(date_text=date_text, date_start=c.date.first, date_end=c.date.last)
            continue
        rows[key] = {
            "event_id": eid,
            "article_id": c.article_id,
            "sentence_index": _sentence_of(sentences[c.article_id], start, starts[c.article_id]),
            "start": start,
            "end": end,
            "text": bodies[c.article_id][start:end],
            "trigger": None if m.bridged else bodies[c.article_id][c.start : c.end],
            "date_text": date_text,
            "date_start": c.date.first if dated else None,
            "date_end": c.date.last if dated else None,
        }
    return list(rows.values())


def _claim_rows(
    bodies: dict[str, str],
    events: list[Event],
    event_ids: dict,
    claims_of: dict[str, ArticleClaims],
    mentions: dict[str, list[Row]],
) -> list[Row]:
    by_article: dict[str, list[tuple[Mention, Event]]] = defaultdict(list)
    for e in events:
        for m in e.mentions:
            by_article[m.candidate.article_id].append((m, e))
    rows: list[Row] = []
    for aid, found in claims_of.items():
        article_rows: list[tuple[Row, Claim]] = []
        for sentence_index, claim in found.claims:
            event = _event_for_claim(claim, sentence_index, by_article[aid])
            row = _claim_row(
                aid, sentence_index, claim, event_ids.get(id(event)) if event else None, bodies[aid], mentions[aid]
            )
            article_rows.append((row, claim))
        _resolve_additional(article_rows)
        for sentence_index, marker in found.markers:
            _resolve_marker(aid, sentence_index, marker, article_rows, bodies[aid], by_article[aid], event_ids)
        _link_revisions([r for r, _ in article_rows])
        rows += [r for r, _ in article_rows]
    return rows


def _link_revisions(rows: list[Row]) -> None:
    """Within an article: a figure the text supersedes is superseded wherever the article repeats it
    (``at least 34 were injured`` ... ``up from an earlier count of 34``); each revised figure points to
    the initial one before it."""

    def same_figure(a: Row, b: Row) -> bool:
        return a["event_id"] == b["event_id"] and a["quantity"] == b["quantity"] and a["value_low"] == b["value_low"]

    initial = [r for r in rows if r["status"] == "initial"]
    for r in rows:
        if r["status"] == "reported" and any(same_figure(r, i) for i in initial):
            r["status"] = "initial"
    for r in rows:
        if r["status"] == "revised" and r["revises_claim_id"] is None:
            earlier = [
                i
                for i in rows
                if i["status"] == "initial"
                and i["event_id"] == r["event_id"]
                and i["quantity"] == r["quantity"]
                and i["claim_id"] != r["claim_id"]
            ]
            if earlier:
                r["revises_claim_id"] = min(earlier, key=lambda i: (abs(i["start"] - r["start"]), i["claim_id"]))[
                    "claim_id"
                ]


def _event_for_claim(claim: Claim, sentence_index: int, told: list[tuple[Mention, Event]]) -> Event | None:
    wanted_aggregate = claim.quantity == "attacks"
    same = [(m, e) for m, e in told if m.candidate.sentence_index == sentence_index and e.event_type == "assault"]
    foreground = [(m, e) for m, e in same if not e.background]
    same = foreground or same  # "..., killing 20 people": the sentence's own event, not one it recalls
    if same:

        def distance(pair: tuple[Mention, Event]) -> tuple:
            m, e = pair
            start, end = m.span  # a claim inside the evidence ("attacked X, killing four") is at distance 0
            gap = 0 if start <= claim.start < end else min(abs(claim.start - end), abs(start - claim.end))
            return (e.aggregate != wanted_aggregate, gap)

        return min(same, key=distance)[1]
    earlier = [
        (m, e)
        for m, e in told
        if m.candidate.sentence_index < sentence_index
        and sentence_index - m.candidate.sentence_index <= 2
        and e.event_type == "assault"
        and not e.background
    ]
    if earlier:  # a toll counts an incident's dead rather than a campaign's, an attack count a campaign
        return max(earlier, key=lambda pair: (pair[1].aggregate == wanted_aggregate, pair[0].candidate.start))[1]
    if claim.quantity not in ("killed", "injured"):
        return None
    # "Officials later said the death toll had risen to five", far from any event: the article's main
    # incident, the one it tells most often (the first told, on a tie)
    told_before = [(m, e) for m, e in told if m.candidate.sentence_index < sentence_index]
    incidents = [e for m, e in told_before if e.event_type == "assault" and not e.aggregate and not e.background]
    if not incidents:
        return None
    count = {id(e): sum(1 for _, x in told_before if x is e) for e in incidents}
    return max(incidents, key=lambda e: (count[id(e)], -incidents.index(e)))


def _claim_row(
    aid: str, sentence_index: int, claim: Claim, event_id: str | None, body: str, mentions: list[Row]
) -> Row:
    source_entity = None
    if claim.attributed_to:
        for m in mentions:  # the article's ``mentions`` rows
            if m["text"] in claim.attributed_to:
                source_entity = m["entity_id"]
                break
    return {
        "claim_id": stable_id("cl", aid, claim.start, claim.end, claim.quantity),
        "article_id": aid,
        "event_id": event_id,
        "quantity": claim.quantity,
        "value_low": claim.value_low,
        "value_high": claim.value_high,
        "qualifier": claim.qualifier,
        "status": claim.status,
        "sentence_index": sentence_index,
        "start": claim.start,
        "end": claim.end,
        "text": body[claim.start : claim.end],
        "is_implied": not holds_numeral(body[claim.start : claim.end]),
        "attributed_to": claim.attributed_to,
        "source_entity_id": source_entity,
        "revises_claim_id": None,
    }


def _resolve_additional(article_rows: list[tuple[Row, Claim]]) -> None:
    """``one additional member``: what was counted before (the targeted person if nothing), plus N."""
    for row, claim in article_rows:
        if not claim.additional:
            continue
        same = [
            r
            for r, c in article_rows
            if r["quantity"] == row["quantity"] and r["event_id"] == row["event_id"] and not c.additional
        ]
        in_sentence = [r for r in same if r["sentence_index"] == row["sentence_index"]]
        just_before = [
            r for r in same if r["status"] == "revised" and 0 < row["sentence_index"] - r["sentence_index"] <= 1
        ]
        told = in_sentence or just_before
        if told:  # "rose to 97 after two more people died", "the toll rose to 4. Two more soldiers died": given
            row["value_low"], row["value_high"] = told[-1]["value_low"], told[-1]["value_high"]
            row["qualifier"] = told[-1]["qualifier"]  # the total's bounds, and the words that give them
            continue
        before = [r for r in same if r["start"] < row["start"]]
        base = before[-1]["value_low"] if before else 1
        row["value_low"] = row["value_high"] = base + claim.additional


def _resolve_marker(
    aid: str,
    sentence_index: int,
    marker: RevisionMarker,
    article_rows: list[tuple[Row, Claim]],
    body: str,
    told: list[tuple[Mention, Event]],
    event_ids: dict,
) -> None:
    """``Initial reports overestimated the death toll``: the figure given is the revision; the initial
    one was above it (below, if underestimated)."""
    before = [r for r, _ in article_rows if r["quantity"] == marker.quantity and r["start"] < marker.start]
    if not before:
        return
    revised = before[-1]
    revised["status"] = "revised"
    if marker.direction == "over":
        low, high, qualifier = (revised["value_high"] or revised["value_low"]) + 1, None, "more_than"
    else:
        low, high, qualifier = 0, max(revised["value_low"] - 1, 0), "up_to"
    initial = {
        **revised,
        "claim_id": stable_id("cl", aid, marker.start, marker.end, marker.quantity),
        "value_low": low,
        "value_high": high,
        "qualifier": qualifier,
        "status": "initial",
        "sentence_index": sentence_index,
        "start": marker.start,
        "end": marker.end,
        "text": body[marker.start : marker.end],
        "is_implied": not holds_numeral(body[marker.start : marker.end]),
        "attributed_to": None,
        "source_entity_id": None,
        "revises_claim_id": None,
    }
    revised["revises_claim_id"] = initial["claim_id"]
    article_rows.append((initial, Claim(marker.start, marker.end, marker.quantity, low, high, qualifier, "initial")))
