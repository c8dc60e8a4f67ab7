"""Event mentions in one sentence: the triggers that report an event (:mod:`newsevents.events.triggers`), then
each one's actor, target and location (:mod:`newsevents.events.arguments`), mode, date and how it relates to
the other events the sentence names. Two trigger words a few words apart in one clause are one report.
Sentences under an FAQ heading only add mentions to events already told.
"""

from __future__ import annotations

import re
from datetime import date

from newsevents.events.arguments import _arguments, _location
from newsevents.events.dates import YEAR_NAMES, DateMention, find_dates
from newsevents.events.lexicon import Lexicon
from newsevents.events.mode import _mode_and_aggregate
from newsevents.events.sentence import (
    SPEECH_EVENTS,
    Arg,
    Candidate,
    Context,
    Sentence,
    _arg,
)
from newsevents.events.statements import _criticism
from newsevents.events.triggers import (
    _context_phrase,
    _determiner,
    _entry,
    _realis,
    _threat_or_request,
    _war_sides,
    find_triggers,
)
from newsevents.nlp import Sentence as Parse
from newsevents.nlp import parse as parse_sentences

OUTBREAK_BEFORE = re.compile(r"\b(?:outbreak|start|beginning|onset)\s+of\s+(?:the\s+)?$", re.I)
# Verbs that report or update what is known: a date phrase on their side of the sentence dates the report.
REPORTED_BY = re.compile(
    r"\b(?:said|says|told|tells|announced|announces|reported|reports|confirmed|confirms|stated|added|quoted|"
    r"cited|citing|according|declared|acknowledged|rose|risen|rises|climbed|increased)\b",
    re.I,
)
HELD_RESPONSIBLE = re.compile(r"\b(?:hold|holds|holding|held|blamed|blaming|blames)\b", re.I)


def extract_sentence(
    s: Sentence,
    sentence_index: int,
    article_id: str,
    published: date,
    kind: str,
    in_faq: bool,
    lexicon: Lexicon,
    context: Context,
    parse: Parse | None = None,
    earlier: list[Arg] | None = None,
) -> list[Candidate]:
    """The event mentions of one sentence; ``parse`` is its dependency parse (:func:`newsevents.nlp.parse`),
    computed here when not given; ``earlier`` are the entities the article named before the sentence (``the
    group`` that acted is the latest group among them)."""
    if kind in ("question", "boilerplate", "caption"):
        return []
    dates = find_dates(s.body, s.start, s.end, published)
    candidates = []
    spans = [(i, j) for _, i, j in find_triggers(s, lexicon)]
    for trigger, i, j in find_triggers(s, lexicon):
        c = Candidate(
            article_id,
            sentence_index,
            published,
            trigger,
            s.ws[i].start,
            s.ws[j - 1].end,
            trigger.mode,
            in_heading=kind == "heading",
        )
        if trigger.kind == "war":
            if not _war_sides(s, c, i, j, context):
                continue
            right = s.clause_bounds(i)[1]
            others = [x for x in spans if x != (i, j)]
            c.location = _location(
                s,
                i,
                max([i, *(b for a, b in others if b <= i)]),
                min([right, *(a for a, b in others if a >= j)]),
                context,
            )
        if trigger.kind == "entry" and not _entry(s, c, i, j, context):
            continue
        if not _threat_or_request(s, c, j, lexicon, context):
            continue
        trigger = c.trigger
        _determiner(s, c, i, lexicon)
        _realis(s, c, i, j, lexicon)
        c.link_only = in_faq or (trigger.weak and not c.anaphoric)
        context_word = _context_phrase(s, c, i)
        if context_word is not None:
            if s.low(context_word + 1) not in ("the", "this", "that"):
                continue  # "support for Israel during its bombardment of Gaza": the backdrop, not a report
            c.link_only = True  # "killed during the assault": the event told, not a new one
        if trigger.kind == "event":
            if parse is None:
                parse = parse_sentences(s.body, [(s.start, s.end)])[0]
            _arguments(s, c, i, j, context, [x for x in spans if x != (i, j)], parse, earlier or [])
        if re.search(r"\bretaliat", s.body[s.start : c.end][-60:], re.I) and c.event_type == "assault":
            c.relations.append(("retaliation", None))
        if c.event_type == "protest" and c.location is None and c.actor is None:
            c.location = _gathering_place(s, c, context)
        c.date = _date_for(s, c, i, j, dates, [x for x in spans if x != (i, j)])
        _mode_and_aggregate(s, c, i, j, lexicon, context, [x for x in spans if x != (i, j)])
        c.span = _evidence_span(s, c)
        candidates.append(c)
    candidates = _merge_adjacent(s, candidates)
    for c in candidates:
        dated = c.date is not None and c.date.first is not None
        told = sum(x is not None for x in (c.target, c.location)) + dated
        if c.link_only and not in_faq and ((c.new_event and dated) or told >= 2):
            c.link_only = False  # "X was killed today in Damascus", "in another incident, two were killed on June 2"
    _relations(s, candidates)
    _criticism(s, candidates, sentence_index, article_id, published, lexicon, context)
    return candidates


def _merge_adjacent(s: Sentence, candidates: list[Candidate]) -> list[Candidate]:
    """``A suicide bomber struck``, ``was killed by an Israeli drone strike``, ``The attack targeted``: two
    trigger words a few words apart in one clause are one report, with what each of them tells."""
    merged: list[Candidate] = []
    for c in candidates:
        prev = merged[-1] if merged else None
        if prev is not None and _one_report(s, prev, c):
            merged[-1] = _combine(prev, c)
        else:
            merged.append(c)
    return merged


def _one_report(s: Sentence, a: Candidate, b: Candidate) -> bool:
    if a.event_type != b.event_type or a.kind != b.kind or a.kind == "war":
        return False
    between = s.body[a.end : b.start]
    limit = 10 if b.trigger.pos == "verb" else 4  # "An air strike outside the capital on Monday killed ..."
    if re.search(r"[;:.—–(]", re.sub(r"\b(?:[A-Za-z]\.){2,}", "", between)):  # "in a U.S. strike" is one phrase
        return False
    if b.trigger.tokens[0] == "killing" and between.rstrip().endswith(",") and len(between.split()) <= 20:
        return True  # "X attacked a base in Y, killing four": the killing is the attack's outcome
    if re.search(r"\b(?:after|before|since|following)\b", between, re.I):
        return False  # "The strike came days after the U.S. launched strikes": two events in order
    if len(between.split()) > limit:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if a.trigger.tokens[0] in ("retaliation", "retaliated") and re.match(r"\s*(?:for|against)\b", between):
        return False  # "in retaliation for the group's attacks": the attacks are the other event
    if b.trigger.tokens[0].endswith("ing") and re.search(r"\bby\s*$", between):
        return False  # "respond to these attacks by targeting ...": the means of another event
    return not (b.indefinite and re.search(r"\b(?:and|or|while|but)\b", between))


def _combine(a: Candidate, b: Candidate) -> Candidate:
    main, other = (b, a) if a.trigger.weak and not b.trigger.weak else (a, b)
    main.mode = main.mode or other.mode
    main.actor = main.actor or other.actor
    main.target = main.target or other.target
    main.actor_phrase = main.actor_phrase or other.actor_phrase
    main.target_phrase = main.target_phrase or other.target_phrase
    if main.location is None:
        main.location, main.places = other.location, other.places
    main.date = main.date or other.date
    main.aggregate = main.aggregate or other.aggregate
    main.anaphoric = a.anaphoric or b.anaphoric
    main.indefinite = a.indefinite or b.indefinite
    main.new_event = a.new_event or b.new_event
    main.realis = a.realis and b.realis
    main.link_only = a.link_only and b.link_only
    main.has_claim = a.has_claim or b.has_claim
    main.relations = a.relations + [r for r in b.relations if r not in a.relations]
    main.span = (min(a.span[0], b.span[0]), max(a.span[1], b.span[1]))
    return main


def _date_for(
    s: Sentence, c: Candidate, i: int, j: int, dates: list[DateMention], others: list[tuple[int, int]] = ()
) -> DateMention | None:
    """The date phrase nearest the trigger in its sentence, unless another event word is nearer to it."""
    best = None
    for d in dates:
        lo, hi = min(d.end, c.start), max(d.start, c.end)
        if any(lo <= s.ws[a].start < hi for a, b in others):
            continue
        if d.end <= c.start and re.match(r"\W*(?:for|after|about|against)\b", s.body[d.end : c.start]):
            continue  # "claimed responsibility on Thursday for two explosions": Thursday is the claim's
        if d.end <= c.start and re.search(r"\b(?:that|which|who|whether)\b", s.body[d.end : c.start]):
            continue  # "announced on Tuesday that it was suspending attacks": Tuesday is the announcement's
        if c.event_type not in SPEECH_EVENTS and REPORTED_BY.search(s.body, lo, hi):
            continue  # "the toll from the attack rose to 40, officials said on Sunday": Sunday is the report's
        if d.start >= c.end and c.anaphoric and REPORTED_BY.search(s.body, max(s.start, c.start - 30), c.start):
            continue  # "the Pentagon confirmed the incident on Tuesday": the confirmation's day
        if d.kind == "anniversary":
            continue
        premodifier = YEAR_NAMES.match(d.text) or d.text.lower() in ("recent", "latest")
        if premodifier and not (d.end <= c.start and _names(s.body[d.end : c.start])):
            continue  # "the 2019 bombing", "the recent elections": the noun's date, not another event's
        if re.search(r"\b(?:by|until|till|through|before)\s*$", s.body[max(s.start, d.start - 10) : d.start], re.I):
            continue  # "by Wednesday, 80 remained in hospital", "held until May 22": a deadline, not the event
        if d.kind == "since" and d.first is None:
            continue
        distance = d.start - c.end if d.start >= c.end else c.start - d.end
        if re.search(
            r"\b(?:revolution|election|anniversary|ceremony|funeral|founding|independence)\b",
            s.body[min(d.start, c.end) : max(d.end, c.start)],
            re.I,
        ):
            continue
        if best is None or distance < best[0]:
            best = (distance, d)
    return best[1] if best and best[0] < 140 else None


def _gathering_place(s: Sentence, c: Candidate, context: Context):
    """Where a protest the parse placed nowhere was held: the place its clause names nearest to it (``a crowd
    protesting ... in the capital, Maputo``, ``demonstrators stormed Kenya's parliament``); a town before a
    country."""
    left, right = s.clause_bounds(s.index_at(c.start))
    lo, hi = s.ws[left].start, s.ws[right - 1].end
    for kinds in (("place",), ("state",)):
        named = [m for m in s.mentions if lo <= m.start < hi and context.entity_types.get(m.entity_id) in kinds]
        if named:
            return _arg(min(named, key=lambda m: (abs(m.start - c.start), m.start)))
    return None


def _names(between: str) -> bool:
    """Whether the words between a year and a trigger are the rest of one name (``the 2019 Pulwama``): up to
    three words, no punctuation."""
    return len(between.split()) <= 3 and not re.search(r"[,;:.()—–]", between)


def _evidence_span(s: Sentence, c: Candidate) -> tuple[int, int]:
    start, end = c.start, c.end
    for arg in c.participants:
        if s.start <= arg.start < s.end and abs(arg.start - c.start) < 120:
            start, end = min(start, arg.start), max(end, arg.end)
    onset = OUTBREAK_BEFORE.search(s.body, s.start, start)
    if onset is not None:
        start = onset.start()  # "the outbreak of Hamas’ war": the words say when it began
    return start, end


def _relations(s: Sentence, candidates: list[Candidate]) -> None:
    """Responses, ``after``, anniversaries, ``since``, revenge and responsibility within the sentence."""
    text = s.body
    for c in candidates:
        before = text[s.start : c.start]
        for other in candidates:
            if other is c:
                continue
            between = text[min(c.end, other.end) : max(c.start, other.start)].lower()
            if other.start > c.end:
                if re.search(
                    r"\b(?:in response to|as a response to|in retaliation for|respond to|responding to)\s*$",
                    text[c.end : other.start][-40:],
                    re.I,
                ) or re.search(r"\b(?:response|retaliation|respond)\w*\s+(?:to|for)\b[^.;]*$", between):
                    c.relations.append(("responds_to", other))
                if (
                    re.search(
                        r"\bafter\s+(?:the\s+|a\s+|an\s+)?(?:[^.;,]|(?<=[A-Z])\.){0,40}$", text[c.end : other.start]
                    )
                    and not any(c.end <= x.start < other.start for x in candidates if x is not other)
                    and not (other.date is not None and YEAR_NAMES.match(other.date.text))
                ):  # "killed ... after being targeted": the event word nearest before; "the first attack after
                    # the 2017 siege" compares with an event its year dates, and does not date it
                    c.relations.append(("after", other))
                if re.search(r"\banniversary\s+of\b", between):
                    years = re.search(r"\b(\w+)\s+anniversary\s+of\b", between)
                    c.relations.append(("anniversary", (other, years.group(1) if years else "")))
                if re.search(r"\bsince\s+(?:the\s+)?(?:outbreak|start|beginning)?\s*(?:of)?\s*[^.;]{0,30}$", between):
                    c.relations.append(("since", other))
                if c.event_type == "threaten" and re.search(
                    r"\b(?:revenge|avenge|retaliat\w*|retribution)\b[^.;]*\bfor\b", between
                ):
                    c.relations.append(("revenge_for", other))
        m = re.search(r"\bin response to\s+(?P<owner>[^.;,]{0,40}),?\s*[^.;,]{0,60}$", before, re.I)
        if m and c.target is None and c.event_type == "assault":
            owner = next(
                (x for x in s.mentions if s.start + m.start("owner") <= x.start < s.start + m.end("owner")), None
            )
            if owner is not None and (c.actor is None or owner.entity_id != c.actor.entity_id):
                c.target = _arg(owner)  # "In response to Hamas’ actions, Israel launched ..."
    for c in candidates:
        if c.event_type != "accuse":
            continue
        nxt = min(
            (o for o in candidates if o.start >= c.end and o.event_type == "assault"),
            key=lambda o: o.start,
            default=None,
        )
        if nxt is not None and len(s.body[c.end : nxt.start].split()) <= 3:
            c.relations.append(("condemns", nxt))  # "condemned the attack": its authors are accused
    for m in HELD_RESPONSIBLE.finditer(text, s.start, s.end):
        k = s.index_at(m.end())
        held = s.mention_at(k)
        rest = text[m.end() : s.end]
        if held is None or not re.match(r"\s*\S+(?:\s+\S+){0,4}?\s+(?:responsible\s+)?for\b", rest):
            continue
        referred = min((c for c in candidates if c.start > held.end), key=lambda c: c.start, default=None)
        if referred is not None and referred.event_type == "assault":
            referred.relations.append(("claimed_by", _arg(held)))
