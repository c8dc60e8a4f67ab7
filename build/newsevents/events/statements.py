"""Statements told without an event word of their own: a denial (``X was not responsible for the attack``,
``X has no connection to the incident``), an attribution (``the army claimed the launch was carried out by
X``; ``X is responsible for the killing of children," the spokesman said``), a promised response
(``"We will prepare a response against X," he said``) and a criticism (a named speaker whose words criticise
someone: ``X pointed out ... "wrong American policies"``).

Each becomes a candidate of the PLOVER type the annotation gives such words (``reject``, ``accuse``,
``threaten``), with its speaker as the actor. A speaker written as ``the group``, ``the military`` or ``he``
is the latest group, state or person the article named before.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from newsevents.events.lexicon import Lexicon, Trigger
from newsevents.events.nearby import BACKED, _owner, _subject
from newsevents.events.sentence import SPEECH, SPEECH_EVENTS, Arg, Candidate, Context, Sentence, _arg
from newsevents.events.triggers import _realis

CRITICISM = frozenset(
    "wrong crimes crime criminal aggression illegal unjust unlawful violation violations terrorist terrorism "
    "provocative provocation reckless irresponsible hypocrisy occupation massacre atrocities".split()
)


DENIAL = re.compile(
    r"\b(?:(?:was|were|is|are)\s+not\s+(?:responsible|involved|behind)"
    r"|ha(?:s|d|ve)\s+no\s+(?:connection|link|links|involvement|role|hand|part)\s+(?:to|in|with)"
    r"|(?:refuted|rejected|disclaimed|disowned)\s+(?:any\s+)?(?:role|responsibility|involvement))\b",
    re.I,
)
RESPONSIBLE = re.compile(r"\b(?:is|was|are|were)\s+(?:directly\s+)?(?:responsible|to\s+blame)\s+for\b", re.I)
CARRIED_OUT_BY = re.compile(
    r"\b(?:was|were)\s+(?:carried\s+out|launched|fired|conducted|perpetrated|orchestrated)\s+by\b", re.I
)
ALLEGING = re.compile(r"\b(?:claim(?:s|ed|ing)?|alleg(?:e|es|ed|ing)|insist(?:s|ed|ing)?|suspect(?:s|ed)?)\b", re.I)
# "elections he claims were rigged", "who contests the vote as fraudulent": a charge of cheating
ALLEGED_WRONG = re.compile(
    r"\b(?:claim(?:s|ed)?|alleg(?:es|ed)|contend(?:s|ed)|contests?|contested)\b(?:\s+(?:that\s+)?[\w’']+){0,6}?\s+"
    r"(?:as\s+)?(?:rigged|fraudulent|stolen|manipulated)\b",
    re.I,
)
HARM = re.compile(r"\b(?:killing|killings|deaths?|murder|massacre|attacks?|strikes?|bombings?|shelling)\b", re.I)
PROMISED_RESPONSE = re.compile(
    r"\b(?:will|would|shall)\s+(?:\w+\s+){0,3}?(?:respond|retaliate|avenge|punish|suffer|pay\s+for|hunt|crush|quash|"
    r"eliminate|neutrali[sz]e)\b"
    r"|\b(?:will|shall)\s+not\s+go\s+unpunished\b"  # "this crime will not go unpunished"
    r"|\b(?:will|shall)\s+bring\s+(?:\w+\s+){1,8}?to\s+justice\b"  # "we will bring those responsible to justice"
    r"|\b(?:declared|swore|sworn)\s+to\s+(?:\w+\s+)?(?:respond|retaliate|avenge|punish)\b"
    r"|\b(?:will|would)\s+(?:\w+ly\s+)?(?:(?:be|face|pay)\s+)(?:an?\s+|the\s+|its\s+)?(?:\w+\s+){0,2}?"
    r"(?:response|retaliation|revenge|price|consequences|punishment|reckoning)\b"
    r"|\bprepar\w+\s+(?:for\s+)?(?:an?\s+)?(?:\w+\s+)?(?:response|retaliation)\b",
    re.I,
)
SAID = re.compile(
    r"\b(?:said|says|say|told|tells|added|stated|warned|declared|insisted|asserted|emphasi[sz]ed|stressed|affirmed|"
    r"signal(?:s|led|ed)?|cited|quoted|"
    r"citing|quoting)\b",
    re.I,
)
CITED = ("cited", "quoted", "citing", "quoting")  # "media cited X as saying": X speaks
GROUP_WORDS = re.compile(
    r"\b(?:the|this|that)\s+(?:\w+\s+){0,2}?(?P<head>group|militia|movement|organi[sz]ation|faction|military|"
    r"army|government|ministry)\b",
    re.I,
)
PRONOUN = re.compile(r"\b(?P<p>he|she|it|they)\s+(?:said|says|added|told|warned|stated)\b", re.I)
SPEAKER_TYPES = ("person", "state", "armed_group", "organization")
HEADS = {
    "group": ("armed_group", "organization"),
    "militia": ("armed_group",),
    "movement": ("armed_group", "organization"),
    "faction": ("armed_group",),
    "organisation": ("organization", "armed_group"),
    "organization": ("organization", "armed_group"),
    "military": ("state",),
    "army": ("state",),
    "government": ("state",),
    "ministry": ("state", "organization"),
    "he": ("person",),
    "she": ("person",),
    "it": ("armed_group", "organization", "state"),
    "they": ("armed_group", "organization", "state"),
}


def find_statements(
    s: Sentence,
    candidates: list[Candidate],
    sentence_index: int,
    article_id: str,
    published: date,
    context: Context,
    earlier: list[Arg],
) -> list[Candidate]:
    """Denials, attributions and promised responses in one sentence; ``earlier`` are the entities the
    article named before it, latest last (for ``the group``, ``he``)."""
    if any(c.event_type in ("reject", "accuse", "threaten") for c in candidates):
        return []  # the sentence already says it with an event word
    found: list[Candidate] = []

    def add(event_type: str, at: re.Match, actor: Arg | None, target: Arg | None) -> None:
        if actor is None:
            return
        if target is not None and target.entity_id == actor.entity_id:
            target = None  # "... the price," media cited X as saying: the speaker, not the one warned
        trigger = Trigger((at.group().split()[0].lower(),), event_type, None, "event", "verb", False)
        c = Candidate(article_id, sentence_index, published, trigger, at.start(), at.end())
        c.actor, c.target = actor, target
        c.span = (min(at.start(), actor.start if actor.start >= s.start else at.start()), at.end())
        found.append(c)

    for m in DENIAL.finditer(s.body, s.start, s.end):
        add("reject", m, _named_before(s, m.start(), context, earlier), None)
    if found:
        return found
    for m in CARRIED_OUT_BY.finditer(s.body, s.start, s.end):
        alleging = ALLEGING.search(s.body, s.start, m.start())
        if alleging is not None:
            agent = _named_after(s, m.end(), context)
            add("accuse", alleging, _named_before(s, alleging.start(), context, earlier), agent)
            return found
    for m in ALLEGED_WRONG.finditer(s.body, s.start, s.end):
        named = _named_before(s, m.start(), context, earlier)
        if named is None and s.low(s.index_at(m.start()) - 1) in ("he", "she"):
            named = _latest(earlier, HEADS[s.low(s.index_at(m.start()) - 1)], context)
        add("accuse", m, named, None)
        return found
    said = SAID.search(s.body, s.start, s.end)
    quoted = '"' in s.body[s.start : s.end] or "“" in s.body[s.start : s.end] or "”" in s.body[s.start : s.end]
    if said is None and not quoted:
        return found
    speaker = _speaker(s, said, context, earlier)
    for m in RESPONSIBLE.finditer(s.body, s.start, s.end):
        if HARM.search(s.body, m.end(), min(s.end, m.end() + 60)):
            add("accuse", m, speaker, _named_before(s, m.start(), context, []))
            return found
    for m in PROMISED_RESPONSE.finditer(s.body, s.start, s.end):
        subject = None if _quoted(s, m.start()) else _named_before(s, m.start(), context, [])
        add("threaten", m, subject or speaker, _named_after(s, m.end(), context, limit=40))
        return found
    return found


# A body speaking, written without its name right before a statement verb: the latest such entity named.
BODIES = {
    "authorities": ("state",),
    "government": ("state",),
    "commission": ("organization",),
    "ministry": ("state", "organization"),
}
PASSIVE_BEFORE = frozenset("was were been be being is are".split())


def shared_speakers(s: Sentence, candidates: list[Candidate], context: Context, earlier: list[Arg] = ()) -> None:
    """A statement word the parse found no speaker for takes the one the sentence gives it: a participle
    after a comma shares the subject of the statement before it (``X condemned the strikes, vowing
    retaliation``); a finite one in its clause takes the name before it (``Both sides' leaders ... X
    denounced``), a pronoun subject the person named last (``but he vowed``); not a passive one (``was
    condemned by``: the speaker follows, told by the parse). A request keeps the parse's reading: a call
    made in passing (``condemned the strikes, calling for calm``) is part of the statement, as the annotation
    counts it, not a demand of its own."""
    for n, c in enumerate(candidates):
        if c.event_type not in SPEECH_EVENTS or c.event_type == "request" or c.actor is not None or not c.realis:
            continue
        if c.trigger.pos != "verb":  # "the threat of missile attacks remained": a noun names no one speaking
            continue
        k = s.index_at(c.start)
        if k > 0 and c.trigger.tokens[0].endswith("ing") and s.ws[k - 1].text == ",":
            before = [o for o in candidates[:n] if o.event_type in SPEECH_EVENTS and o.actor is not None]
            if before:
                c.actor = before[-1].actor
                continue
        if s.low(k - 1) in PASSIVE_BEFORE or s.low(k + len(c.trigger.tokens)) == "by":
            continue
        before = k - 1
        while s.low(before) in ("also", "later", "then", "has", "have", "had", "quickly", "strongly"):
            before -= 1
        subject = s.low(before)
        if _quoted(s, c.start):  # "We condemn this attack," the minister said: the one who says the words
            named = _speaker(s, SAID.search(s.body, s.start, s.end), context, list(earlier))
            if named is None and subject in ("i", "we"):  # a quotation running on from the sentence naming them
                named = _latest(list(earlier), ("person",) if subject == "i" else SPEAKER_TYPES, context)
        elif subject in ("he", "she"):  # "but he vowed that ...": the person named last
            named = _latest(list(earlier) + [_arg(m) for m in s.mentions if m.end <= c.start], HEADS[subject], context)
        else:
            named = _named_before(s, c.start, context, [])
            if named is not None and named.start < s.ws[s.clause_bounds(k)[0]].start:
                named = None
            if named is None and subject in BODIES:  # "local authorities accuse ...": the state named last
                named = _latest(
                    list(earlier) + [_arg(m) for m in s.mentions if m.end <= c.start], BODIES[subject], context
                )
        if named is not None and (c.target is None or named.entity_id != c.target.entity_id):
            c.actor = named


MUTUAL_AFTER = re.compile(r"\W*(?:\w+\W+){0,1}?(?:each\s+other|one\s+another|the\s+other)\b", re.I)
BOTH_SIDES = re.compile(
    r"\b(?:both|the\s+two)\s+(?:sides|countries|neighbou?rs|parties)|\beach\s+(?:side|country)\b", re.I
)
SIDE_TYPES = ("state", "armed_group")


def mutual_accusations(
    s: Sentence, candidates: list[Candidate], context: Context, earlier: list[Arg]
) -> list[Candidate]:
    """``X and Y traded blame``, ``both sides accuse one another``, ``each side blamed the other``: one
    accusation each way. The sides are the two named before the verb (``X and Y``), else, for ``both sides``,
    the last two states or armed groups the article named. Returns the accusations added (the word's own
    candidate becomes the first side's)."""
    added = []
    for c in candidates:
        if c.event_type != "accuse" or not c.realis:
            continue
        traded = c.trigger.tokens[0] in ("traded", "trade")
        mutual = MUTUAL_AFTER.match(s.body, c.end)
        if not traded and not mutual:
            continue
        k = s.index_at(c.start)
        left = s.ws[s.clause_bounds(k)[0]].start
        named = [
            m for m in s.mentions if left <= m.start < c.start and context.entity_types.get(m.entity_id) in SIDE_TYPES
        ]
        sides = list({m.entity_id: _arg(m) for m in named}.values())[-2:]
        named_here = len(sides) == 2
        both = BOTH_SIDES.search(s.body, left, c.start)
        if len(sides) < 2 and both:
            seen: dict[str, Arg] = {}
            for a in reversed(earlier):
                if context.entity_types.get(a.entity_id) in SIDE_TYPES and a.entity_id not in seen:
                    seen[a.entity_id] = a
                if len(seen) == 2:
                    break
            sides = list(seen.values())
        if len(sides) != 2:
            continue
        c.actor, c.target = sides[0], sides[1]
        other = replace(c, actor=sides[1], target=sides[0], relations=list(c.relations), places=list(c.places))
        # each accusation its own evidence: a side's name and the verb, or the words saying both sides
        inside = [a.start for a in sides] if named_here else []
        c.span = (inside[0] if inside else both.start() if both else c.start, c.end)
        other.span = (inside[1], c.end) if len(inside) == 2 else (c.start, mutual.end() if mutual else c.end)
        if other.span == c.span:
            continue
        added.append(other)
    return added


def _speaker(s: Sentence, said: re.Match | None, context: Context, earlier: list[Arg]) -> Arg | None:
    """Who says it: the subject of the speech verb, the name after it (``," said X``), else a pronoun or
    group word resolved to the latest fitting entity named before."""
    if said is not None and said.group().lower() in CITED:
        cited = _named_after(s, said.end(), context, limit=40)
        if cited is not None:
            return cited
    if said is not None:
        k = s.index_at(said.start())
        subject = _subject(s, k, s.clause_bounds(k)[0], context)
        speaks = subject is not None and context.entity_types.get(subject.entity_id) in SPEAKER_TYPES
        if speaks and not _quoted(s, subject.start):
            return subject
        after = _named_after(s, said.end(), context, limit=40)
        if after is not None:
            return after
    pronoun = PRONOUN.search(s.body, s.start, s.end)
    if pronoun is not None:
        return _latest(earlier, HEADS[pronoun.group("p").lower()], context)
    return None


def _named_before(s: Sentence, offset: int, context: Context, earlier: list[Arg]) -> Arg | None:
    """The entity a clause ending at ``offset`` is about: the nearest name before it (not one a reporter
    was told by), else ``the group``/``the military`` resolved to the latest such entity named before."""
    for m in reversed([m for m in s.mentions if m.end <= offset]):
        before = s.body[max(s.start, m.start - 8) : m.start].lower()
        if context.entity_types.get(m.entity_id) not in SPEAKER_TYPES or re.search(r"\b(?:told|tells|to)\s*$", before):
            continue
        if _quoted(s, m.start) != _quoted(s, offset):
            continue
        return _arg(m)
    group = None
    for g in GROUP_WORDS.finditer(s.body, s.start, offset):
        group = g
    if group is not None:
        named = [Arg(m.entity_id, m.start, m.end) for m in s.mentions if m.end <= group.start()]
        return _latest(earlier + named, HEADS[group.group("head").lower()], context)
    return None


def _named_after(s: Sentence, offset: int, context: Context, limit: int = 30) -> Arg | None:
    for m in s.mentions:
        if offset <= m.start <= offset + limit and context.entity_types.get(m.entity_id) in SPEAKER_TYPES:
            if BACKED.match(s.body, m.end):
                continue  # "Iran-backed Hezbollah": the group, not its backer
            return _arg(m)
    return None


def _latest(entities: list[Arg], types: tuple[str, ...], context: Context) -> Arg | None:
    for a in reversed(entities):
        if context.entity_types.get(a.entity_id) in types:
            return a
    return None


def _nearest_mention_before(s: Sentence, offset: int) -> Arg | None:
    k = s.index_at(offset) - 1
    while k >= 0:
        m = s.mention_at(k)
        if m is not None:
            return _arg(m)
        if s.ws[k].text in (";", "."):
            return None
        k -= 1
    return None


def _criticism(
    s: Sentence,
    candidates: list[Candidate],
    sentence_index: int,
    article_id: str,
    published: date,
    lexicon: Lexicon,
    context: Context,
) -> None:
    """A named speaker whose words criticise someone: ``X pointed out ... "wrong American policies"``."""
    if any(c.event_type == "accuse" for c in candidates):
        return
    for k, w in enumerate(s.ws):
        if w.low not in SPEECH:
            continue
        told = [(c.start, c.end) for c in candidates]
        critic = next(
            (
                x
                for x in range(len(s.ws))
                if s.low(x) in CRITICISM and not any(a <= s.ws[x + 1].start < b for a, b in told if x + 1 < len(s.ws))
            ),
            None,
        )  # "the terrorist attack": a word for the attack, not a charge against anyone
        if critic is None:
            continue
        if w.low == "according":
            speaker = _owner(s, k + 2, len(s.ws))
        else:  # "Najib Mikati, the prime minister of Lebanon, referred to": the subject, not the apposition
            speaker = _subject(s, k, s.clause_bounds(k)[0], context) or _nearest_mention_before(s, w.start)
        if speaker is not None and _quoted(s, speaker.start):
            speaker = None  # "the criminal Zionist regime," the statement said: the accused, not the speaker
        if speaker is None or context.entity_types.get(speaker.entity_id) not in (
            "person",
            "state",
            "organization",
            "armed_group",
        ):
            continue
        criticised = _nearest_entity(s, critic, exclude=speaker.entity_id)
        if criticised is not None and context.entity_types.get(criticised.entity_id) == "place":
            criticised = None  # a town is where, not whom
        if criticised is not None and speaker.end <= criticised.start < w.start:
            criticised = None  # "X, the prime minister of Lebanon, said": the speaker's own title
        attack = next(
            (
                o
                for o in candidates
                if o.event_type == "assault"
                and w.end <= o.start < s.ws[critic].start
                and CHARACTERISED_AS.match(s.body, o.end, s.ws[critic].start)
            ),
            None,
        )  # "referred to the attack as a criminal act": the attack is what is called so
        trigger = Trigger((w.low,), "accuse", None, "event", "verb", False)
        c = Candidate(article_id, sentence_index, published, trigger, w.start, w.end, None)
        c.actor, c.target = speaker, criticised
        if attack is not None:  # "referred to the attack as a criminal act": its authors are accused
            c.target = None
            c.relations.append(("condemns", attack))
        end = max(s.ws[critic].end, criticised.end if criticised else 0)
        c.span = (min(speaker.start, w.start), min(s.end, max(end, w.end)))
        _realis(s, c, k, k + 1, lexicon)
        candidates.append(c)
        return


CHARACTERISED_AS = re.compile(r"\W*(?:\w+\W+){0,3}?as\b|\W*(?:an?\s+)?(?:\w+\W+){0,2}?(?:war\s+)?crime", re.I)


QUOTES = re.compile('["“”]')


def _quoted(s: Sentence, offset: int) -> bool:
    """Whether an offset lies inside a quotation of the sentence (an odd number of quote marks before it)."""
    return len(QUOTES.findall(s.body, s.start, offset)) % 2 == 1


def _nearest_entity(s: Sentence, k: int, exclude: str) -> Arg | None:
    best = None
    for m in s.mentions:
        if m.entity_id == exclude:
            continue
        distance = abs(s.ws[k].start - m.start)
        if best is None or distance < best[0]:
            best = (distance, m)
    return _arg(best[1]) if best and best[0] < 80 else None
