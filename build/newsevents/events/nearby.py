"""Actor, target and a place from the words around the trigger: the fallback where the dependency parse
(:mod:`newsevents.events.roles`) names no side.

* actor: ``by X`` after the trigger; ``Tehran's`` before a noun trigger is its state (the
  parse reads the other names before a noun trigger, ``U.S. airstrike``); the subject of a verb
  trigger or of a light verb (``Israel launched a bombing campaign``).
* target: ``on``/``against``/``at X`` (``strikes against facilities used by X`` is X), the object of a verb
  trigger, ``of X`` after a killing, the subject of a passive (``X was assassinated``) or of
  ``faced``/``came under``; for accusations the accused (``an act of aggression by X``).
* place: a place named right before a noun trigger (``the Erbil Air Base attack``).
"""

from __future__ import annotations

import re

from newsevents.events.sentence import (
    DETERMINERS,
    LIGHT_VERBS,
    LOCATIVE,
    NP_FILLER,
    NP_STOP,
    PLACE_FILLER,
    PREPOSITIONS,
    Arg,
    Candidate,
    Context,
    EntityMention,
    Sentence,
    _arg,
)

TARGET_PREPOSITIONS = frozenset("on against at upon targeting".split())
OWNER_LINKS = ("used by", "operated by", "belonging to", "affiliated with", "linked to", "run by", "of")
UNDERGO_VERBS = frozenset("faced face faces suffered endured came come under been hit".split())
PASSIVE_AUX = frozenset("was were been being is are".split())
AGENT_BY_BLOCKED = frozenset("used operated run owned controlled backed supported affiliated funded armed led".split())
REDUCED_PASSIVE_NEXT = frozenset("in by near after during".split())


def _proximity_roles(
    s: Sentence,
    c: Candidate,
    i: int,
    j: int,
    context: Context,
    others: list[tuple[int, int]],
    clause_left: int,
    right: int,
) -> tuple[Arg | None, Arg | None, Arg | None]:
    """(actor, target, place before a noun trigger) from the words around the trigger: what extraction falls
    back on where the parse names no one (:func:`newsevents.events.roles.roles`)."""
    etype = c.event_type
    actor = target = place = None
    noun_of_speech = etype in ("accuse", "threaten", "request", "reject") and c.trigger.pos == "noun"
    by = _after_word(s, j, right, ("by",), limit=12 if noun_of_speech else 8 if etype == "accuse" else 6)
    if by is None and noun_of_speech and s.low(j) == "from":  # "drew condemnation from Iraq and Qatar"
        by = _owner(s, j + 1, right)
    if by is not None:
        if etype == "accuse" and not noun_of_speech:
            target = by  # "condemned the attack by X": X is accused
        elif not _is_place(by, context):
            actor = by  # "drew condemnation from X and Y": X condemns
    pre = _premodifier(s, i) if c.trigger.pos == "noun" else None
    if pre is not None and _is_place(pre, context) and s.body[pre.end : pre.end + 2] in ("'s", "’s"):
        state = next((code for code, city in context.capitals.items() if city == pre.entity_id), None)
        if state is not None and actor is None:  # "Tehran's attacks": the government, not the city
            actor = Arg(_state_entity(context, state) or pre.entity_id, pre.start, pre.end)
            pre = None
    if pre is not None and _is_place(pre, context):  # a name before a noun trigger as its actor: see roles
        place = pre
    verbal = c.trigger.pos == "verb" or _light_verb_before(s, i, clause_left)
    passive = (
        c.trigger.pos == "verb"
        and i > 0
        and (
            s.low(i - 1) in PASSIVE_AUX
            or (
                len(c.trigger.tokens) == 1
                and c.trigger.tokens[0].endswith("ed")
                and (s.low(j) in REDUCED_PASSIVE_NEXT or c.in_heading)  # "3 US troops killed, dozens injured"
            )
        )
    )  # "Senior Hamas leader killed in Beirut strike"
    undergo = _undergo_before(s, i, clause_left)
    subject = _subject(s, i, clause_left, context, others) if verbal or undergo or passive else None
    if subject is not None:
        if passive or undergo:
            target = target or subject
        elif actor is None:
            actor = subject
    if target is None:
        target = _target(s, c, i, j, right, context)
    return actor, target, place


def _state_entity(context: Context, code: str) -> str | None:
    return next(
        (e for e, c in context.country_of.items() if c == code and context.entity_types.get(e) == "state"), None
    )


def _is_place(arg: Arg, context: Context) -> bool:
    return context.entity_types.get(arg.entity_id) == "place"


def _after_word(s: Sentence, j: int, right: int, cue: tuple[str, ...], limit: int) -> Arg | None:
    for k in range(j, min(right, j + limit)):
        if s.low(k) in NP_STOP - {"as", "and"}:
            return None
        if s.low(k) in cue and s.low(k - 1) not in AGENT_BY_BLOCKED and not s.low(k + 1).endswith("ing"):
            return _owner(s, k + 1, right)
    return None


def _owner(s: Sentence, k: int, right: int, limit: int = 8) -> Arg | None:
    """The entity an NP starting at word ``k`` belongs to: ``facilities used by X`` is X, ``top Iranian
    general Qassem Soleimani`` is Soleimani (a demonym counts only when nothing else is named)."""
    found: list[EntityMention] = []
    end = min(right, k + limit)
    while k < end:
        w = s.ws[k]
        if (w.is_punct and w.text not in ("’", "'", "-")) or w.low in NP_STOP:
            break
        m = s.mention_at(k)
        if m is not None:
            if not FLAG_OF.match(s.body, m.end):  # "a Marshall Islands-flagged tanker": the ship, not the state
                found.append(m)
            k = next((x for x in range(k, len(s.ws)) if s.ws[x].start >= m.end), len(s.ws))
            end = min(right, max(end, k + 4))
            continue
        joined = " ".join(x.low for x in s.ws[k : k + 2])
        if joined in OWNER_LINKS and " " in joined:
            k += 2
            continue
        if w.low in PREPOSITIONS - {"of"} and w.low not in ("with",):
            break
        if w.low == "of" and found and s.low(k + 1).endswith("ing"):
            break  # "accused X of violating Y's airspace": the charge that follows is not X
        k += 1
    named = [m for m in found if m.method != "demonym"]
    if named:
        return _arg(_most_specific(named))
    return _arg(found[0]) if found else None


FLAG_OF = re.compile(r"[-\s](?:flagged|registered)\b", re.I)


def _most_specific(mentions: list[EntityMention]) -> EntityMention:
    rank = {"person": 0, "armed_group": 1, "organization": 2, "state": 3, "place": 4, None: 5}
    return min(mentions, key=lambda m: (rank.get(m.entity_type, 5), -m.start))


def _premodifier(s: Sentence, i: int) -> Arg | None:
    k = i - 1
    while k >= 0 and s.low(k) in NP_FILLER | {"’", "'", "-"}:
        k -= 1
    return _arg(s.mention_at(k))


def _light_verb_before(s: Sentence, i: int, left: int) -> bool:
    """``launched an airstrike``, ``carried out attacks``, ``retaliated with rocket attacks``: a verb whose
    object is the trigger's noun phrase."""
    k = i - 1
    while k >= left and (
        s.low(k) in DETERMINERS
        or s.low(k) in NP_FILLER
        or s.mention_at(k) is not None
        or s.low(k) in ("’", "'", "-", "with", "over", "more", "than")
        or s.low(k).isdigit()
    ):
        k -= 1
    return k >= left and (
        s.low(k) in LIGHT_VERBS or (s.low(k) == "out" and s.low(k - 1) in ("carried", "carry", "carries"))
    )


def _undergo_before(s: Sentence, i: int, left: int) -> bool:
    return any(s.low(k) in UNDERGO_VERBS for k in range(max(left, i - 6), i))


def _subject(s: Sentence, i: int, left: int, context: Context, others: list[tuple[int, int]] = ()) -> Arg | None:
    """The clause's subject: its first entity outside a prepositional phrase (``US forces stationed in
    Iraq and Syria have faced`` is the United States), or that noun phrase's head (``Jordan's government
    spokesman Muhannad Mubaidin`` is Mubaidin). A participle clause (``..., condemning it``) takes the main
    clause's subject; a relative clause (``a group that has carried out``) the noun before it. An event
    noun before the verb is its subject (``the strikes near Deir ez-Zor killed``): no entity is."""
    start = left
    while start > 0 and s.ws[start - 1].text == "," and s.low(start) != "while":
        start = s.clause_bounds(start - 2)[0] if start >= 2 else 0
    for k in range(i - 1, start - 1, -1):
        if s.low(k) in ("and", "but") and k > 0 and s.ws[k - 1].text == "," and k + 1 < i:
            start = k + 1  # "Israel warned Iran ..., and the United States demanded": a new subject
            break
        if s.low(k) == "that" and _complementizer(s, k):
            start = k + 1  # "X told AFP that the strike targeted Y": the subject is inside the report
            break
        if s.low(k) in ("that", "which", "who") and not s.ws[k].is_punct:
            if any(k < s.index_at(m.start) < i for m in s.mentions):
                start = k + 1  # "the attack, which Hezbollah denied": the relative clause has its own subject
                break
            return _subject_of_relative(s, k, context)
        if s.low(k) in ("when", "while", "whereas", "although"):
            start = k + 1
            break
    for a, b in others:
        if start <= a and b <= i and not _in_phrase(s, a):
            start = b  # an event noun that is the subject: only what follows it can be
    in_phrase = has_object = False
    k = start
    while k < i:
        low = s.low(k)
        ends_phrase = (
            s.ws[k].is_punct
            or low in ("has", "have", "had", "is", "are", "was", "were")
            or (
                s.ws[k].text[0].islower()
                and low not in ("and", "or", "the", "a", "an", "both")
                and not low.isdigit()
                and s.mention_at(k) is None
                and low not in NP_FILLER
                and low not in PLACE_FILLER  # "in southeastern Iran": still the phrase
            )
        )
        if low in PREPOSITIONS:
            in_phrase, has_object = True, False
        elif in_phrase and has_object and low in DETERMINERS:
            in_phrase = False  # "On Friday the Treasury Department": the phrase ended at its noun
        elif ends_phrase:
            in_phrase = False
        elif in_phrase:
            has_object = True
        m = s.mention_at(k)
        if m is not None:
            if not in_phrase and context.entity_types.get(m.entity_id) != "place" and not BACKED.match(s.body, m.end):
                return _arg(_noun_phrase_head(s, m, i))
            has_object = True
            k = next((x for x in range(k, len(s.ws)) if s.ws[x].start >= m.end), len(s.ws))
            continue
        k += 1
    return None


# Words whose "that" opens what was said, believed or found, not a relative clause.
COMPLEMENT_TAKERS = frozenset(
    "said says say told tell tells reported reports announced announces confirmed confirms stated states added "
    "claimed claims claiming alleged alleges alleging insisted insists warned denied denies acknowledged "
    "indicated suggested showed revealed noted argued explained believed believes believe thought learned "
    "statement report reports news fears feared signs evidence saying adding confirming stating noting "
    "announcing revealing insisting warning indicating explaining arguing acknowledging reporting".split()
)


ADDRESSEES = frozenset("reporters journalists him her them us me parliament lawmakers".split())


def _complementizer(s: Sentence, k: int) -> bool:
    """Whether ``that`` at word ``k`` opens a reported clause (``told AFP that``, ``said on Friday that``)."""
    j = k - 1
    m = s.mention_at(j)
    if m is not None:
        j = s.index_at(m.start) - 1  # the addressee: "told AFP that"
    elif s.low(j) in ADDRESSEES:
        j -= 1
    while j > 0 and (s.low(j) in ("on", "late", "early", "also", "previously", "later") or s.ws[j].text[:1].isupper()):
        if s.low(j) in COMPLEMENT_TAKERS:
            break
        j -= 1  # "said on Friday that"
    return s.low(j) in COMPLEMENT_TAKERS or s.low(k - 1) in COMPLEMENT_TAKERS


def _in_phrase(s: Sentence, k: int) -> bool:
    """Whether the noun phrase at word ``k`` is a preposition's object (``to respond to these attacks``)."""
    k -= 1
    while k >= 0 and (s.low(k) in DETERMINERS or s.low(k) in NP_FILLER or s.mention_at(k) is not None):
        k -= 1
    return s.low(k) in PREPOSITIONS


HEAD_MODIFIERS = frozenset(
    "leader leaders spokesman spokeswoman spokesperson official officials commander chief minister secretary "
    "president general head envoy ambassador prime deputy caretaker foreign defense defence interior ministry "
    "government army military press top senior supreme the of".split()
)


def _noun_phrase_head(s: Sentence, m: EntityMention, limit: int) -> EntityMention:
    """``Hezbollah leader Hassan Nasrallah``, ``Iran's foreign ministry spokesman Nasser Kanaani``: the
    person at the end of the noun phrase, not the group or state that qualifies them."""
    k = s.index_at(m.end)
    if k < len(s.ws) and s.ws[k].start < m.end:
        k += 1  # "Iran's" is one word: what follows the possessive
    while k < limit and (s.low(k) in HEAD_MODIFIERS or s.ws[k].text in ("’s", "'s", "’", "'")):
        k += 1
    named = s.mention_at(k + 1) if k + 1 < limit and s.ws[k].text == "," else None
    if named is not None and named.entity_type == "person":  # "Iran's foreign ministry spokesperson, X, said"
        return _noun_phrase_head(s, named, limit)
    head = s.mention_at(k) if k < limit else None
    if head is not None and head is not m and context_person(head):
        return _noun_phrase_head(s, head, limit)
    return m


def context_person(m: EntityMention) -> bool:
    return m.entity_type in ("person", "organization", "armed_group", None)


def _subject_of_relative(s: Sentence, k: int, context: Context) -> Arg | None:
    """``the Islamic Resistance in Iraq, a group that has carried out``: the group named before; ``who`` is a
    person (``Soleimani, the head of the Quds Force who was killed``), and ``an Iran-backed militia that``
    is the militia, not its backer."""
    wanted = ("person",) if s.low(k) == "who" else ("armed_group", "organization", "state", "person")
    for x in range(k - 1, max(-1, k - 14), -1):
        m = s.mention_at(x)
        if m is None or BACKED.match(s.body, m.end):
            continue
        first = s.index_at(m.start)
        if s.low(first - 1) in PREPOSITIONS and s.low(k) != "who":
            return None  # "bombings in Iran that killed 84": "that" is the bombings
        if context.entity_types.get(m.entity_id) in wanted:
            return _arg(m)
    return None


BACKED = re.compile(r"[\"”]?[-\s](?:backed|aligned|allied|linked|funded|supported|sponsored)\b", re.I)


def _target(s: Sentence, c: Candidate, i: int, j: int, right: int, context: Context) -> Arg | None:
    etype = c.event_type
    for k in range(j, min(right, j + 10)):
        low = s.low(k)
        if low in NP_STOP and low != "and":
            break
        if low == "on" and "anniversary" in (s.low(k + 2), s.low(k + 3)):
            break  # "came on the fourth anniversary of X": when, not whom
        if low in TARGET_PREPOSITIONS or (low == "to" and etype in ("threaten", "request")):
            if s.low(k + 1) in ("its", "their"):
                owner = _subject(s, i, s.clause_bounds(i)[0], context)
                return Arg(owner.entity_id, s.ws[k + 1].start, s.ws[k + 1].end) if owner else None
            owner = _owner(s, k + 1, right)
            if owner is not None:
                return owner
        if low == "of" and k == j and (c.trigger.mode == "targeted" or etype in ("assault",)):
            owner = _owner(s, k + 1, right)
            if owner is not None:
                return owner
        if low in LOCATIVE or low == "by":
            break
    if c.trigger.pos == "verb" and not (i > 0 and s.low(i - 1) in PASSIVE_AUX):
        return _owner(s, j, right)
    return None
