"""Events, their evidence, and numeric claims: what happened, when, to whom, how many, who says so.

The step reads each article sentence by sentence (``extract``, ``claims``), clusters the mentions into
events within the article (``coref``) and then across articles (``linkage``: a trained record-linkage
model, each merge recorded in ``event_links``), dates them (``dates``, reference anchors),
links the claims to their events and reconciles each event's fatalities and injuries from its claims
(``rows``: the tables' rows). This module runs those steps: one article at a time (:func:`extract_article`),
then the corpus (:func:`corpus_events`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from newsevents import nlp
from newsevents.entities.reference import Entity, Gazetteer, geonames
from newsevents.events.claims import ArticleClaims, Claim, RevisionMarker, find_claims
from newsevents.events.coref import (
    Event,
    World,
    anchor,
    apply_relations,
    capital_locations,
    cluster_article,
    default_modes,
    reconcile_windows,
)
from newsevents.events.dates import resolve_same_day
from newsevents.events.extract import extract_sentence
from newsevents.events.ids import assign_ids, fresh_id
from newsevents.events.lexicon import Lexicon, load_lexicon
from newsevents.events.linkage import Evidence, link
from newsevents.events.rows import (
    _claim_rows,
    _country,
    _event_row,
    _link_rows,
    _mention_rows,
    _where,
    reconcile,
    role_texts,
)
from newsevents.events.sentence import Arg, Candidate, Context, EntityMention, Sentence
from newsevents.events.statements import find_statements, mutual_accusations, shared_speakers
from newsevents.events.triggers import find_triggers
from newsevents.package import Row, Tables
from newsevents.schemas import package_meta

FAQ_HEADING = re.compile(r"\bFAQs?\b|frequently asked questions|\bQ\s*&\s*A\b", re.I)


def entity_types_and_world(gazetteer: Gazetteer, entities: dict[str, Entity]) -> tuple[World, Context]:
    """What events are read with: every entity's type and country, affiliations, capitals, regions, seas."""
    types = {i: e.entity_type for i, e in entities.items()}
    countries = {i: e.country_code for i, e in entities.items()}
    part_of = {i: e.part_of for i, e in gazetteer.entities.items() if e.part_of}
    capitals = {}
    for code, country in geonames().get_countries().items():
        city = gazetteer.lookup(country["capital"]) if country["capital"] else None
        if city is not None and city.country_code == code:
            capitals[code] = city.entity_id
    nowhere = frozenset(i for i, e in gazetteer.entities.items() if e.entity_type == "place" and e.country_code is None)
    world = World(part_of, countries, types, nowhere)
    world.regions = frozenset(i for i, e in entities.items() if types.get(i) == "place" and REGION.search(e.name))
    return world, Context(types, capitals, countries)


# Names of places that hold towns: a town and its region can be where one event happened.
REGION = re.compile(
    r"\b(?:Province|Governorate|Region|Heights|Valley|State|District|Oblast|Krai|Strip|Bank|Territory|County|"
    r"Prefecture|Department|Canton|Emirate|Desert|Peninsula|Sector|Corridor|Kurdistan)\b|\band\b"
)


def _faq_sentences(sentences: list[Row]) -> set[int]:
    """Sentences under an FAQ heading, up to the next heading."""
    inside, under = False, set()
    for s in sentences:
        if s["kind"] == "heading":
            inside = bool(FAQ_HEADING.search(s["text"]))
            continue
        if inside:
            under.add(s["sentence_index"])
    return under


def _bridge(article_sentences: list[Sentence], sentence_rows: list[Row], context: Context):
    """An anaphor with nothing before it (``these strikes`` opening an article): the sentence before that
    names an actor and a target is the first report of the event."""

    def bridge(c: Candidate) -> tuple[Event, tuple[int, int]] | None:
        for back in (1, 2):
            i = c.sentence_index - back
            if i < 0:
                return None
            s = article_sentences[i]
            actors = [
                m
                for m in s.mentions
                if context.entity_types.get(m.entity_id) in ("state", "armed_group", "organization", "person")
            ]
            if len(actors) < 2 or sentence_rows[i]["kind"] != "sentence":
                continue
            places = [
                m
                for m in s.mentions
                if context.entity_types.get(m.entity_id) in ("place", "state") and m.start > actors[1].end
            ]
            event = Event(
                c.event_type,
                c.kind,
                c.mode,
                c.aggregate,
                actors[0].entity_id,
                actors[1].entity_id,
                places[0].entity_id if places else None,
            )
            last = places[0] if places else actors[1]
            return event, (actors[0].start, last.end)
        return None

    return bridge


HELD_BY = re.compile(r"(?:-|\s)(?:occupied|held|annexed|controlled)\s+(?:the\s+)?$", re.I)


def held_places(body: str, mentions: list[Row], context: Context) -> list[tuple[str, str]]:
    """``the Israeli-occupied Golan Heights``: (place, country) for each place an article says another state
    holds; the place is then also counted in that state, so that reports placing one attack in either
    country can meet."""
    ends = {m["end"]: m for m in mentions}
    held = []
    for m in mentions:
        if context.entity_types.get(m["entity_id"]) != "place":
            continue
        phrase = HELD_BY.search(body, max(0, m["start"] - 30), m["start"])
        holder = ends.get(phrase.start()) if phrase else None
        code = context.country_of.get(holder["entity_id"]) if holder else None
        if code and code != context.country_of.get(m["entity_id"]):
            held.append((m["entity_id"], code))
    return held


def _resolve_same_day(candidates: list[Candidate]) -> None:
    """``On that same day, another drone attack ...``: the day of the dated report before it."""
    previous = None
    for c in candidates:
        if c.date is not None and c.date.kind == "same_day":
            c.date = resolve_same_day(c.date, previous)
        if c.date is not None and c.date.first is not None and (c.date.last - c.date.first).days <= 1:
            previous = c.date


def _may_tell(s: Sentence, row: Row, lexicon: Lexicon) -> bool:
    """Whether a sentence holds an event word :func:`extract_sentence` reads arguments for."""
    return row["kind"] not in ("question", "boilerplate", "caption") and any(
        t.kind == "event" for t, _, _ in find_triggers(s, lexicon)
    )


def extract_article(
    article: Row,
    sentences: list[Row],
    mentions: list[EntityMention],
    lexicon: Lexicon,
    context: Context,
    world: World,
) -> tuple[list[Event], ArticleClaims, list[Sentence]]:
    body, published, article_id = article["body"], article["published_date"], article["article_id"]
    faq = _faq_sentences(sentences)
    built: list[Sentence] = []
    candidates: list[Candidate] = []
    claims: list[tuple[int, Claim]] = []
    markers: list[tuple[int, RevisionMarker]] = []
    first_body = next((r["sentence_index"] for r in sentences if r["kind"] == "sentence"), len(sentences))
    told: set[str] = set()
    earlier: list[Arg] = []  # entities named so far, for "the group said" and "he said"
    for row in sentences:
        inside = [m for m in mentions if row["start"] <= m.start < row["end"]]
        built.append(Sentence(body, row["start"], row["end"], inside))
    # one parse per article, of the sentences that name an event (the parser is the costliest step)
    wanted = [(s.start, s.end) for s, row in zip(built, sentences, strict=True) if _may_tell(s, row, lexicon)]
    parses = {p.start: p for p in nlp.parse(body, wanted)} if wanted else {}
    for s, row in zip(built, sentences, strict=True):
        subhead = row["kind"] == "heading" and row["sentence_index"] > first_body
        # a sentence printed twice (a photo caption repeated by the page) tells nothing the first did not
        repeated = len(row["text"]) > 40 and row["text"].strip() in told
        told.add(row["text"].strip())
        found = (
            []
            if subhead or repeated
            else extract_sentence(  # "Previous attack" between paragraphs labels
                s,
                row["sentence_index"],
                article_id,
                published,
                row["kind"],
                row["sentence_index"] in faq,
                lexicon,
                context,
                parses.get(s.start),
                earlier,
            )
        )
        found += mutual_accusations(s, found, context, earlier)
        shared_speakers(s, found, context, earlier)
        if found or (not subhead and not repeated and row["kind"] in ("sentence", "heading")):
            found += find_statements(s, found, row["sentence_index"], article_id, published, context, earlier)
        earlier += [Arg(m.entity_id, m.start, m.end) for m in s.mentions]
        if row["kind"] not in ("question", "boilerplate", "caption") and not repeated:
            sentence_claims, sentence_markers = find_claims(body, row["start"], row["end"])
            for c in found:
                c.has_claim = bool(sentence_claims)
            claims += [(row["sentence_index"], cl) for cl in sentence_claims]
            markers += [(row["sentence_index"], mk) for mk in sentence_markers]
        candidates += found
    _resolve_same_day(candidates)
    events = cluster_article(candidates, world, _bridge(built, sentences, context))
    apply_relations(events, world)
    capital_locations(events, context.capitals, context.country_of, [m.entity_id for m in mentions])
    return events, ArticleClaims(claims, markers), built


def corpus_events(
    articles: list[Row],
    sentences: dict[str, list[Row]],
    readings: list,
    world: World,
    context: Context,
    entity_rows: list[Row],
    previous_ids: tuple[dict, list] | None,
) -> Tables:
    """The corpus stage for events: the articles' events merged across articles, dated, their claims linked
    and reconciled, stable ids given, and the rows of ``events``, ``event_mentions``, ``claims`` and
    ``event_id_changes``. ``readings`` are the articles' second readings (``facts.ArticleReading``), in
    article order, consumed: the list is emptied once read (it is the corpus's largest part in memory);
    nothing here reads text but the evidence spans it cites."""
    lexicon = load_lexicon()
    published = {a["article_id"]: a["published_date"] for a in articles}
    bodies = {a["article_id"]: a["body"] for a in articles}
    for reading in readings:  # a place another state holds, in any article, counts in both countries
        for place, code in reading.held:
            world.also_in.setdefault(place, set()).add(code)
    mentions = {r.article_id: r.mention_rows for r in readings}
    per_article: list[Event] = []
    claims_of: dict[str, ArticleClaims] = {}
    main_mention: dict[str, int] = {}  # article -> id of the first mention of its main incident
    for reading in readings:
        per_article += reading.events
        claims_of[reading.article_id] = reading.claims
        main = next((e for e in reading.events if e.main), None)
        if main is not None:
            main_mention[reading.article_id] = id(main.mentions[0])
    # on a large corpus the readings are most of the memory: each part goes once it has been used
    readings.clear()
    names = {e["entity_id"]: e["name"] for e in entity_rows}
    evidence = _evidence(mentions, claims_of)
    merged, links = link(per_article, world, names, evidence)
    link_spans = [(_record_span(x.left), _record_span(x.right), x) for x in links]
    del links, evidence
    events = [e for e in merged if e.kind != "war" or _war_is_told(e, bodies)]
    del merged
    del per_article  # the events merged into others
    default_modes(events, world)
    anchor(events, world)
    reconcile_windows(events)
    home_of = {id(m): e for e in events for m in e.mentions}
    sentence_starts = {aid: [s["start"] for s in rows] for aid, rows in sentences.items()}
    main_country = {aid: _country(home_of[mid], context) for aid, mid in main_mention.items() if mid in home_of}
    del home_of

    previous, history = previous_ids if previous_ids is not None else ({}, [])
    evidence = [(fresh_id(*_first_key(e)), {(m.candidate.article_id, *m.span) for m in e.mentions}) for e in events]
    ids, id_changes = assign_ids(evidence, previous, history, package_meta()["version"])
    del evidence
    event_ids = {id(e): event_id for e, event_id in zip(events, ids, strict=True)}
    claim_rows = _claim_rows(bodies, events, event_ids, claims_of, mentions)
    article_country = {aid: _article_country(rows, context) for aid, rows in mentions.items()}
    del claims_of, mentions
    by_event: dict[str, list[Row]] = defaultdict(list)
    for c in claim_rows:
        if c["event_id"]:
            by_event[c["event_id"]].append(c)
    sources = {e["entity_id"]: e["source"] or "" for e in entity_rows}
    event_rows, mention_rows = [], []
    for i, e in enumerate(events):
        events[i] = None  # the event goes with its last reference (``e``, or an event it is about)
        eid = event_ids[id(e)]
        fatalities = reconcile(by_event[eid], "killed", published)
        injured = reconcile(by_event[eid], "injured", published)
        country = _country(e, context)
        if country is None:  # no place told: where the article's incident is (said or done about it, or near it),
            # else the country the article's places are in
            article = e.mentions[0].candidate.article_id
            country = main_country.get(article) or article_country.get(article)
        row = _event_row(eid, e, country, fatalities, injured, world, lexicon, names)
        row.update(role_texts(e, row, bodies, names))
        row.update(_where(e, row, world, sources, names))
        event_rows.append(row)
        mention_rows += _mention_rows(eid, e, bodies, sentence_starts, sentences)
    link_rows = _link_rows(link_spans, {(m["article_id"], m["start"], m["end"]): m["event_id"] for m in mention_rows})
    return {
        "events": event_rows,
        "event_mentions": mention_rows,
        "event_links": link_rows,
        "claims": claim_rows,
        "event_id_changes": id_changes,
    }


def _article_country(rows: list[Row], context: Context) -> str | None:
    """The country an article's places lie in: the one its towns and regions name most (first named on a
    tie), else the state it names most, else the country of the bodies and people it names most (``the
    national human rights commission``). Where an event the text places nowhere happened, when the
    article's own incident is placed nowhere either."""
    for wanted in ("place", "state", None):
        codes = [
            code
            for m in rows
            if m["entity_id"] and (wanted is None or context.entity_types.get(m["entity_id"]) == wanted)
            for code in (context.country_of.get(m["entity_id"]),)
            if code
        ]
        if codes:
            return max(dict.fromkeys(codes), key=codes.count)
    return None


def _evidence(mentions: dict[str, list[Row]], claims_of: dict[str, ArticleClaims]) -> Evidence:
    """What linkage compares beyond the events: the entities each sentence names, the death tolls it tells."""
    entities: dict[tuple[str, int], set[str]] = defaultdict(set)
    for article_id, rows in mentions.items():
        for m in rows:
            if m["entity_id"]:
                entities[(article_id, m["sentence_index"])].add(m["entity_id"])
    killed: dict[tuple[str, int], int] = {}
    for article_id, article_claims in claims_of.items():
        for sentence_index, claim in article_claims.claims:
            if claim.quantity == "killed" and claim.value_low is not None:
                key = (article_id, sentence_index)
                killed[key] = max(killed.get(key, 0), claim.value_low)
    return Evidence({k: frozenset(v) for k, v in entities.items()}, killed)


def _record_span(event: Event) -> tuple[str, int, int]:
    """An article's event, as linkage saw it: its first evidence span."""
    first = event.mentions[0]
    return (first.candidate.article_id, *first.span)


WAR_TOLD = re.compile(r"\b(?:outbreak|began|begun|start(?:ed)?|broke\s+out|erupted|beginning|declared)\b", re.I)


def _war_is_told(event: Event, bodies: dict[str, str]) -> bool:
    """A war is an event of the package when some report tells its start or dates it; named only as the
    backdrop of what is reported (``amid the war in Gaza``) it is context, as the annotation has it."""
    for m in event.mentions:
        c = m.candidate
        if c.date is not None and c.date.kind != "default" and c.date.first is not None:
            return True
        if WAR_TOLD.search(bodies[c.article_id][slice(*m.span)]):
            return True
    return False


def _first_key(event: Event) -> tuple:
    first = min(event.mentions, key=lambda m: (m.candidate.published, m.candidate.article_id, m.span))
    return first.candidate.article_id, first.span[0], first.span[1], event.event_type
