"""How an assault was carried out (its ``mode``: aerial, explosives, targeted... from the mode words around
the trigger; a state's strikes with no other word are air strikes) and whether a mention tells a series
rather than one incident (``aggregate``: a campaign, a tally such as ``attacked 74 times since``, a count or a
word of succession before a plural, a bare plural naming a kind of act; a plural pinned to a day or a town is
one incident).
"""

from __future__ import annotations

import re

from newsevents.events.lexicon import Lexicon, match_at
from newsevents.events.nearby import _light_verb_before
from newsevents.events.sentence import NUMBER_WORDS, Candidate, Context, Sentence
from newsevents.events.triggers import _determiner_index

STATE_AIR_WORDS = frozenset("strike strikes raid raids targeted targeting struck".split())


def _mode_and_aggregate(
    s: Sentence, c: Candidate, i: int, j: int, lexicon: Lexicon, context: Context, others: list[tuple[int, int]] = ()
) -> None:
    if c.event_type != "assault":
        c.aggregate = c.aggregate or (c.trigger.plural and _aggregate_cue(s, i, j, lexicon))
        return
    left, right = s.clause_bounds(i)
    modes = []
    k = max(left, i - 8)
    while k < min(right, j + 6):
        hit = match_at(s.ws, k, lexicon.modes.get(s.low(k), []))
        if hit:
            (_, mode), k2 = hit
            if not (i <= k < j) and not any(a <= k < b for a, b in others):
                modes.append(mode)
            k = k2
        else:
            k += 1
    state_actor = c.actor is not None and context.entity_types.get(c.actor.entity_id) == "state"
    if modes and c.trigger.mode in (None, "explosives", "aerial"):
        c.mode = modes[0] if not (c.trigger.mode == "aerial" and modes[0] == "explosives") else "aerial"
    if c.mode == "explosives" and state_actor and c.trigger.tokens[0] in ("bombing", "bombings", "bombing campaign"):
        c.mode = "aerial"  # a state's bombing campaign is dropped from the air
    if c.mode is None and state_actor and c.trigger.tokens[0] in STATE_AIR_WORDS:
        c.mode = "aerial"  # a state's strikes, with no other word for them, are air strikes
    if c.mode is None and c.trigger.mode is None and c.trigger.tokens in (("assassination",), ("assassinated",)):
        c.mode = "targeted"
    k = i - 1
    while k > 0 and s.low(k) in ("separate", "simultaneous", "coordinated", "consecutive", "successive"):
        k -= 1  # "two separate drone attacks": a pair told as one incident
    paired = s.low(k) in ("twin", "two", "three", "double", "both") or "twin" in c.trigger.tokens
    c.aggregate = (
        c.aggregate
        or "campaign" in c.trigger.tokens
        or _tally(s, c, j)
        or (
            c.trigger.plural
            and not paired
            and (
                (_aggregate_cue(s, i, j, lexicon) and not (_pinned(c, context, day=True) and _many_only(s, i)))
                or (_bare_generic(s, c, i) and not c.in_heading and not _pinned(c, context))
            )
        )
    )


SERIES_WORDS = frozenset("string series wave waves spate campaign continued ongoing repeated recurring".split())


def _many_only(s: Sentence, i: int) -> bool:
    """Whether all that makes a plural a series is a word of number (``multiple rocket attacks``) rather
    than a word of succession (``a wave of``, ``repeated``)."""
    return not any(s.low(k) in SERIES_WORDS for k in range(max(0, i - 4), i))


def _bare_generic(s: Sentence, c: Candidate, i: int) -> bool:
    """``responsible for attacks on U.S. forces``: a bare plural names a kind of event, a series; after a
    light verb (``carried out airstrikes``) it names one operation."""
    if c.anaphoric or c.indefinite or c.trigger.pos != "noun":
        return False
    k = _determiner_index(s, i)
    # "blamed for attacks on", "responsible for strikes", "in response to attacks on": a kind of act;
    # "accused Israel of triggering explosions" or "explosions shook Beirut" tell one incident
    answer = s.low(k) == "to" and s.low(k - 1) in ("response", "responses", "reply", "answer", "retaliation")
    # "executing attacks against American personnel": attacks on a kind of target, told with no day or place
    kind_of_target = c.trigger.tokens[-1] in GENERIC_HEADS and s.low(i + len(c.trigger.tokens)) in ("against", "on")
    return not _light_verb_before(s, i, 0) and (s.low(k) in ("for", "behind") or answer or kind_of_target)


GENERIC_HEADS = frozenset("attacks strikes assaults raids".split())


TIMES = re.compile(
    r"\b(?:\d+|" + "|".join(NUMBER_WORDS | {"dozen", "several", "many", "multiple"}) + r")\s+(?:\w+\s+)?times\b", re.I
)


def _tally(s: Sentence, c: Candidate, j: int) -> bool:
    """A count of attacks so far: ``attacked 74 times since October 17``, ``attacks ... since mid-October``."""
    if c.date is not None and c.date.kind == "since" and (c.trigger.plural or c.trigger.pos == "verb"):
        return True
    after = s.body[c.end : s.ws[min(j + 6, len(s.ws) - 1)].end] if s.ws else ""
    return c.trigger.pos == "verb" and TIMES.search(after) is not None


def _pinned(c: Candidate, context: Context, day: bool = False) -> bool:
    """A bare plural pinned to a day or a town names one incident (``clashes in Saravan in May``,
    ``explosions on Tuesday``), not a kind of event; with ``day``, only a day or a town does (``multiple
    rocket attacks at a landing zone`` on one day are one incident)."""
    days = 1 if day else 31
    dated = c.date is not None and c.date.first is not None and (c.date.last - c.date.first).days <= days
    placed = c.location is not None and context.entity_types.get(c.location.entity_id) == "place"
    return dated or placed


def _aggregate_cue(s: Sentence, i: int, j: int, lexicon: Lexicon) -> bool:
    before = [w.low for w in s.ws[max(0, i - 4) : i]]
    after = [w.low for w in s.ws[j : j + 6]]
    if any((w,) in lexicon.cues["aggregate"] for w in before) or any(
        (w,) in lexicon.cues["aggregate_after"] for w in after
    ):
        return True
    numbers = [w for w in before if w.isdigit() and int(w) > 3]
    return bool(numbers)
