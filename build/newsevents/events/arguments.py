"""An event mention's actor, target and location: the roles the dependency parse gives
(:mod:`newsevents.events.roles`), the words around the trigger where the parse names no one
(:mod:`newsevents.events.nearby`; measured on the eval DEV split, this fallback adds to both roles' accuracy),
and the place of the nearest locative phrase (``in Iraq and Syria``).

A town the parse reads as a side is where, not who (``Tehran's attacks`` are the state's); a side the parse
finds but no entity names keeps its words (``actor_phrase``, ``target_phrase``: ``gunmen``, ``passenger
bus``), except ``the group`` (``the militia``...) as the actor: the latest fitting group the article named
before it. The location is a place or state after ``in``/``at``/``near``/``over``/``within``..., a place right
before the trigger (``the Erbil Air Base attack``), or ``the capital`` of the country in context; a statement
is placed by its speaker, not by the words around it.
"""

from __future__ import annotations

import re

from newsevents.events.nearby import _is_place, _proximity_roles, _state_entity
from newsevents.events.roles import roles, weapon_name
from newsevents.events.sentence import (
    LOCATIVE,
    PLACE_FILLER,
    SPEECH_EVENTS,
    SUBORDINATORS,
    Arg,
    Candidate,
    Context,
    Sentence,
    _arg,
)
from newsevents.nlp import Sentence as Parse

# Nouns a state's name modifies without saying where something is ("the US consulate", "Iranian bases").
OWNED_BY_A_STATE = frozenset(
    "consulate embassy base bases forces troops personnel military facility facilities compound headquarters "
    "convoy positions outpost installations mission ship ships vessel vessels warship warships".split()
)
CAPITAL = re.compile(r"\bthe capital\b", re.I)
# Verbs of a relative clause that tells the event's own outcome: its places are the event's.
OWN_OUTCOME = frozenset(
    "killed took left wounded injured caused hit struck targeted destroyed damaged claimed happened occurred "
    "took place killed".split()
)


def _arguments(
    s: Sentence,
    c: Candidate,
    i: int,
    j: int,
    context: Context,
    others: list[tuple[int, int]] = (),
    parse: Parse | None = None,
    earlier: list[Arg] = (),
) -> None:
    clause_left, right = s.clause_bounds(i)
    # A phrase belongs to the trigger it follows: this trigger's phrases lie between its neighbours.
    left = max([clause_left, *(b for a, b in others if b <= i)])
    right = min([right, *(a for a, b in others if a >= j)])
    etype = c.event_type
    aux = [s.low(k) for k in range(max(clause_left, i - 3), i)]
    c.perfect = c.trigger.pos == "verb" and any(a in ("has", "have", "had") for a in aux)
    old_actor, old_target, old_place = _proximity_roles(s, c, i, j, context, others, clause_left, right)
    c.actor, c.target = old_actor, old_target
    if parse is not None:  # the parse's reading first; the words around the trigger where it finds no one
        found = roles(s.body, parse, c.start, c.end, s.mentions, assault=etype == "assault")
        actor, target = _arg(found.actor), _arg(found.target)
        if actor is not None and _is_place(actor, context):
            state = next((code for code, city in context.capitals.items() if city == actor.entity_id), None)
            if state is not None and s.body[actor.end : actor.end + 2] in ("'s", "’s"):  # "Tehran's attacks"
                actor = Arg(_state_entity(context, state) or actor.entity_id, actor.start, actor.end)
            else:
                actor = None  # a town is where, not who: the words around the trigger place the event
        if actor is not None and etype == "protest" and context.entity_types.get(actor.entity_id) == "state":
            actor = None  # "Kenya's protests": protests in the country, not by its state
        place_hit = None  # "attacked the village of X": where; its words still say what was attacked
        if target is not None and _is_place(target, context):  # "struck the city of X": where, not whom
            c.location, c.places = (c.location, c.places) if c.location else (target, _coordinated(s, target, context))
            target, place_hit = None, found.target_text
        c.actor, c.target = actor or old_actor, target or (None if _weapon(s, old_target) else old_target)
        # a role's words as the sentence writes them: the phrase no entity names ("gunmen", "a passenger bus"),
        # or the phrase around the entity the parse found ("Norlandian troops")
        c.actor_phrase = found.actor_text if found.actor is None or actor is not None else None
        if c.actor is None and found.actor is None and found.actor_text:  # "the group claimed the attack"
            c.actor = _the_group(s, c, found.actor_text, context, earlier)
            c.actor_phrase = None if c.actor is not None else c.actor_phrase
        c.target_phrase = found.target_text if found.target is None or target is not None else None
        if place_hit and (c.target is None or _is_place(c.target, context)):  # no one else is the target: the place
            c.target_phrase = place_hit
    c.location = c.location or old_place
    if c.target is not None and _is_place(c.target, context):
        if c.location is None:  # "struck Tower 22": where, not whom; "targeted the X base and the Y base": both
            c.places = _coordinated(s, c.target, context)
        c.location, c.target = c.location or c.target, None
    if c.location is None:
        # A place named before a noun trigger is its own only if no other event was named before it.
        start = left if c.trigger.pos == "verb" or not any(b <= i for a, b in others) else i
        c.places = _locations(s, i, start, right, context)
        if not c.places and not others:  # the sentence tells one event: where it says anything happened
            c.places = _locations(s, i, 0, len(s.ws), context)
        c.location = c.places[0] if c.places else None
    if c.location is None and CAPITAL.search(s.body, s.start, s.end):
        c.relations.append(("capital", None))
    if c.actor is not None and c.target is not None and c.actor.entity_id == c.target.entity_id:
        c.target = None  # one name read twice ("X has been responsible for attacks, targeting X's foes")
    if etype in SPEECH_EVENTS:  # "demanded Tehran not escalate": a statement is placed by its speaker
        c.location, c.places = None, []


# Words a report refers back to a group with (``the group``, ``the militia``) and the kinds of entity they mean.
GROUP_HEADS = {
    "group": ("armed_group", "organization"),
    "militia": ("armed_group",),
    "movement": ("armed_group", "organization"),
    "faction": ("armed_group",),
    "organisation": ("organization", "armed_group"),
    "organization": ("organization", "armed_group"),
}


def _the_group(s: Sentence, c: Candidate, words: str, context: Context, earlier: list[Arg]) -> Arg | None:
    """The group ``the group`` (``the militia``...) means where it is the actor the parse found: the latest
    entity of a fitting kind named before it in the article. Only the bare word after ``the``/``this``
    (``an armed group``, ``the rebel group`` name no one in particular)."""
    kinds = GROUP_HEADS.get(words.lower())
    at = re.search(rf"\b(?:the|this)\s+{re.escape(words)}\b", s.body[s.start : c.start], re.I)
    if kinds is None or at is None:
        return None
    before = s.start + at.start()
    named = [Arg(m.entity_id, m.start, m.end) for m in s.mentions if m.end <= before]
    return next((a for a in reversed([*earlier, *named]) if context.entity_types.get(a.entity_id) in kinds), None)


def _weapon(s: Sentence, arg: Arg | None) -> bool:
    """Whether a name the words around the trigger give is a weapon's (``detonated an Improvised Explosive
    Device``, or its acronym): the means, not whom it hit."""
    return arg is not None and (weapon_name(s.body[arg.start : arg.end]) or weapon_name(arg.entity_id))


def _locations(s: Sentence, i: int, left: int, right: int, context: Context) -> list[Arg]:
    """The nearest locative phrase's place, with any places coordinated with it (``in Iraq and Syria``). A
    relative clause after the trigger tells of something else (``attacks on bases that escalated alongside
    the war in Gaza``)."""
    relative = next((k for k in range(i + 1, right) if s.low(k) in ("that", "which", "who", "whose")), right)
    if s.low(relative + 1) not in OWN_OUTCOME:  # "an attack that killed 12 in X" still tells the attack
        right = min(right, relative)
    # "these attacks began after the US announced support for operations in Gaza": another clause's place
    right = min([right, *(k for k in range(i + 1, right) if s.low(k) in SUBORDINATORS)])
    first = _location(s, i, left, right, context)
    if first is None:
        return []
    return _coordinated(s, first, context)


def _coordinated(s: Sentence, first: Arg, context: Context) -> list[Arg]:
    """A place and those coordinated with it: ``in Iraq and Syria``, ``the X air base and the Y base``."""
    places = [first]
    k = s.index_at(first.end)
    while True:
        while s.low(k) in PLACE_FILLER - {"of"} or s.low(k) in ("air", "base", "bases", "airbase"):
            k += 1
        if s.low(k) not in ("and", ",", "or"):
            break
        k += 1
        while s.low(k) in ("the", "a"):
            k += 1
        m = s.mention_at(k)
        if m is None or context.entity_types.get(m.entity_id) not in ("place", "state"):
            break
        places.append(_arg(m))
        k = s.index_at(m.end)
    return places


def _location(s: Sentence, i: int, left: int, right: int, context: Context) -> Arg | None:
    best = None
    for k in range(left, right):
        if s.low(k) not in LOCATIVE and not (s.low(k) == "of" and s.low(k - 1) == "outskirts"):
            continue
        for x in range(k + 1, min(right, k + 7)):
            m = s.mention_at(x)
            if m is not None and m.method == "demonym":
                continue  # "in the Iranian city of Kerman"
            if m is not None:
                if s.low(s.index_at(m.end)) in OWNED_BY_A_STATE and context.entity_types.get(m.entity_id) == "state":
                    break  # "near the US consulate in Erbil": the state owns the thing; the place comes later
                if s.body[m.end : m.end + 1] in ("-", "–") and s.mention_at(s.index_at(m.end) + 1) is not None:
                    break  # "in the Israel-Hamas war": the sides of a war, not where something happened
                owned = s.mention_at(s.index_at(m.end) + 1) if s.body[m.end : m.end + 2] in ("'s", "’s") else None
                if owned is not None and context.entity_types.get(owned.entity_id) not in ("place", "state"):
                    break  # "an adviser in Iran's Revolutionary Guards": a member of a body, not a place
                kinds = ("place",) if s.low(k) in ("at", "on") else ("place", "state")  # not "at US forces"
                if context.entity_types.get(m.entity_id) in kinds:
                    distance = abs(x - i) + (0 if x > i else 3)
                    if best is None or distance < best[0]:
                        best = (distance, m)
                break
            if s.low(x) not in PLACE_FILLER:
                break
    return _arg(best[1]) if best else None
