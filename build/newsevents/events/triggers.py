"""Event triggers in a sentence and whether each reports an event.

A lexicon word is a trigger unless it names something else (``a heart attack``, ``an act of aggression``); a
war is an event only when its sides are named, a threat only of hostility (``vowed to retaliate``, not ``vowed
to rebuild``), a request only of a party (not ``asked residents to donate blood``). A trigger reports nothing
(it is not ``realis``) in a question, under a modal or hypothetical word (``could``, ``risk of``, ``avoid``,
``any further``), in a purpose clause (``gathered to denounce``), under a negation, when habitual (``has
consistently urged``) or stative (``is designated as``). The determiner says whether a noun trigger refers
back (``the attack``), is one of several (``an attack``, ``two attacks``) or a new one (``another attack``); a
backdrop phrase (``during the assault``) tells an event already told, not a new one.
"""

from __future__ import annotations

from newsevents.events.lexicon import Lexicon, Trigger, match_at
from newsevents.events.nearby import _owner, _premodifier
from newsevents.events.sentence import (
    DETERMINERS,
    LIGHT_VERBS,
    NP_FILLER,
    NP_STOP,
    NUMBER_WORDS,
    PREPOSITIONS,
    SPEECH,
    SUBORDINATORS,
    Candidate,
    Context,
    EntityMention,
    Sentence,
    _arg,
)

STATIVE = frozenset("holds hold believes maintains considers views sees regards remains deems thinks".split())
NOT_INFINITIVE_BEFORE = frozenset(
    "response responses respond responded responding due according related relation attributed up prior close "
    "next addition contrary regard similar compared opposed opposition threat threats return returned led "
    "leading lead damage harm access support subjected exposed contribute contributed linked tied connected "
    "belonging committed commitment devoted key central vital crucial important relevant referring refers "
    "reference extended rise rose risen increase increased escalated amounted amounting came went going back "
    "home prelude catalyst".split()
)
IMPLICATIVE = frozenset("continued continues began begun started managed proceeded went measures steps action".split())
PROMISES = frozenset("vowed vows vowing pledged pledges pledging promised".split())
NEGATIONS = frozenset("not n't never no nor neither".split())
# Words that make "attack" or "strike" something other than violence ("a heart attack", "a hunger strike").
NOT_VIOLENT_BEFORE = frozenset(
    "heart anxiety panic asthma seizure allergy allergic hunger general labor labour workers teachers".split()
)
AIRCRAFT = frozenset(
    "helicopter helicopters plane planes aircraft airliner airplane jet jets warplane warplanes".split()
)
NOT_A_THREAT_AFTER = frozenset("shot shots sirens siren signs lights label labels light".split())
DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
CONTEXT_PREPOSITIONS = frozenset("amid amidst during alongside throughout".split())
CONTEXT_PAIRS = frozenset(
    {("support", "for"), ("backing", "for"), ("opposition", "to"), ("solidarity", "with"), ("support", "of")}
)
CALM_WORDS = frozenset(
    "calm restraint ceasefire cease-fire truce de-escalation deescalation escalation escalate escalating "
    "withdrawal withdraw halt stop end release negotiations talks dialogue".split()
)
PUBLIC = frozenset(
    "public citizens residents people population anonymity donations blood volunteers viewers readers parents "
    "everyone anyone".split()
)
COMPOUND_BLOCK = PREPOSITIONS | DETERMINERS | NP_STOP | LIGHT_VERBS | SPEECH | {"out", "and", "or", "to", "not"}


def find_triggers(s: Sentence, lexicon: Lexicon) -> list[tuple[Trigger, int, int]]:
    """(trigger, first word, word after) of each trigger in the sentence, longest match first."""
    found, i = [], 0
    while i < len(s.ws):
        hit = match_at(s.ws, i, lexicon.triggers.get(s.low(i), []))
        if hit is None:
            i += 1
            continue
        trigger, j = hit
        characterisation = trigger.tokens == ("act",) and (
            s.low(j) == "of"  # "an act of aggression"
            or s.low(i - 1) in ("they", "we", "to", "will", "would")
            or (s.ws[i - 1].text.islower() and s.low(i - 1).endswith("s") if i > 0 else False)  # "the groups act"
        )
        medical = s.low(i - 1) in NOT_VIOLENT_BEFORE  # "a heart attack", "anxiety attacks"
        medical = medical or (trigger.tokens == ("shot",) and s.low(j) == "down" and not _aircraft_near(s, i))
        medical = medical or _not_an_event(s, trigger, i, j)
        if (s.mention_at(i) is None or trigger.kind == "war") and not characterisation and not medical:
            found.append((trigger, i, j))
        i = j
    return found


def _aircraft_near(s: Sentence, i: int) -> bool:
    """``a police helicopter was shot down``: an aircraft with people on board brought down is an attack; ``shot
    down two drones`` is an interception."""
    return any(s.low(k) in AIRCRAFT for k in range(max(0, i - 6), min(len(s.ws), i + 6)))


def _not_an_event(s: Sentence, trigger: Trigger, i: int, j: int) -> bool:
    """Words that look like a trigger but name something else: ``a missile slammed into`` (a hit, not a
    criticism), ``fired warning shots`` (no threat), ``was fired on Monday`` (a date, not a target), ``seized
    power`` (a takeover, not an arrest)."""
    if trigger.tokens == ("slammed",) and s.low(j) in ("into", "onto", "through"):
        return True
    if trigger.event_type == "threaten" and s.low(j) in NOT_A_THREAT_AFTER:
        return True
    if trigger.tokens == ("seized",) and s.low(j) in ("power", "control", "territory"):
        return True  # "since the group seized power": a takeover, not an arrest
    return trigger.tokens[-1] in ("on", "at", "upon") and s.low(j) in DATE_WORDS


def _context_phrase(s: Sentence, c: Candidate, i: int) -> int | None:
    """The index of ``amid``/``during`` when a noun trigger is the object of such a backdrop phrase."""
    if c.trigger.pos != "noun" or c.event_type != "assault":  # "during a rally in Tehran" tells the rally
        return None
    k = _determiner_index(s, i)
    k = k - 1 if s.low(k) in DETERMINERS or s.ws[k].text.endswith(("’s", "'s")) else k
    if k >= 1 and (s.low(k - 1), s.low(k)) in CONTEXT_PAIRS:
        return k  # "support for Israel's military operations in Gaza": a stance on it, not a report of it
    return k if k >= 0 and s.low(k) in CONTEXT_PREPOSITIONS else None


def _threat_or_request(s: Sentence, c: Candidate, j: int, lexicon: Lexicon, context: Context) -> bool:
    """Whether a threat threatens hostility and a request asks something of a party; ``warned against further
    escalation`` is made a request (``c.trigger`` is replaced)."""
    trigger = c.trigger
    promise = trigger.event_type == "threaten" and trigger.tokens[0] in PROMISES
    if promise and not any(s.low(k) in lexicon.hostile for k in range(j, min(j + 10, len(s.ws)))):
        return False  # "vowed to rebuild" is no threat; "vowed to retaliate" is
    if trigger.event_type == "threaten" and s.low(j) == "against" and s.low(j + 1) in CALM_WORDS | {"further", "any"}:
        c.trigger = trigger = Trigger(trigger.tokens, "request", None, "event", trigger.pos, False)
        # "warned against further escalation": an appeal not to escalate, not a threat
    # "asked the public to donate blood", "requested anonymity": no demand on a party
    return trigger.event_type != "request" or _political_request(s, j, context)


def _political_request(s: Sentence, j: int, context: Context) -> bool:
    """A demand on a party or for de-escalation (``urged Iran to``, ``called for a ceasefire``, ``urged calm``),
    not an appeal to the public (``asked residents to donate blood``) or a reporter's ``requested anonymity``."""
    window = [s.low(k) for k in range(j, min(j + 8, len(s.ws)))]
    if any(w in PUBLIC for w in window[:4]):
        return False
    named = any(
        context.entity_types.get(m.entity_id) in ("state", "armed_group", "organization", "person")
        for k in range(j, min(j + 6, len(s.ws)))
        if (m := s.mention_at(k)) is not None
    )
    return named or any(w in CALM_WORDS for w in window)


def _determiner(s: Sentence, c: Candidate, i: int, lexicon: Lexicon) -> None:
    if c.trigger.pos != "noun":
        return
    k = _determiner_index(s, i)
    word = (s.low(k),)
    c.anaphoric = lexicon.cue("anaphoric", word) or (
        k >= 0 and s.mention_at(k) is None and s.ws[k].text.endswith(("’s", "'s"))  # "Wednesday's bombings"
    )
    c.indefinite = lexicon.cue("indefinite", word) or s.low(k).isdigit() or s.low(k) in NUMBER_WORDS
    named_by = s.mention_at(k + 1) if k + 1 < i else None
    if named_by is not None and named_by.entity_type == "place" and s.low(k) in ("the", "this", "that"):
        c.anaphoric = False  # "the Erbil Air Base attack": a definite name for an event not told before
    if any(_year(s.low(x)) for x in range(k + 1, i)):
        c.anaphoric = False  # "the 2019 bombing": named by its year, not told before
    if s.low(k) == "such" and s.low(k - 1) in ("another", "a", "an"):
        c.anaphoric, c.indefinite = False, True  # "in another such incident": one like it, not it
    before = " ".join(w.low for w in s.ws[max(0, i - 8) : i])
    c.new_event = (
        s.low(k - 1) == "another"
        or any(" ".join(cue) in before for cue in lexicon.cues["new_event"])
        or any(" ".join(cue) in " ".join(w.low for w in s.ws[:3]) for cue in lexicon.cues["new_event"])
    )


def _realis(s: Sentence, c: Candidate, i: int, j: int, lexicon: Lexicon) -> None:
    left, _ = s.clause_bounds(i)
    # "In May a soldier was killed": the month, not the modal (capitalised inside the sentence)
    window = [
        w.low
        for k, w in enumerate(s.ws[max(left, i - 6) : i], max(left, i - 6))
        if not w.is_punct and not (w.text == "May" and k > 0)
    ]
    if any((w,) in lexicon.cues["hypothetical"] for w in window):
        c.realis = False
    if c.event_type == "assault" and c.trigger.pos == "verb" and "will" in window[-2:]:
        c.realis = False
    clause = [w.low for w in s.ws[left : s.clause_bounds(i)[1]]]
    if any((w,) in lexicon.cues["habitual"] for w in clause) or "in the past" in " ".join(clause):
        c.realis = False
    if any(w in NEGATIONS for w in window[-4:]):
        c.realis = False  # "Iran hasn't faced such a barrage since", "did not rule out targeting"
    if c.trigger.pos == "verb" and i > 0 and s.low(i - 1) in ("is", "are", "am") and not s.low(i).endswith("ing"):
        c.realis = False  # "is designated as": a standing status, not an event ("is blaming" is one going on)
    if c.event_type == "sanction" and c.trigger.pos == "verb" and (s.low(i - 1) == "been" or i == 0):
        c.realis = False  # "has been blacklisted since", "Blacklisted by Tehran, the group ...": a status
    if c.trigger.tokens[0].endswith("ing") and any(s.low(k) in STATIVE for k in range(0, i)):
        c.realis = False  # "The US holds Iran responsible, accusing Tehran of ...": a stance
    verbal = c.trigger.pos == "verb" or s.low(i - 1) in ("and", "or", "to") or c.event_type == "request"
    # "vowed to retaliate after October 1, when Iran fired ...": a clause of its own is not what is intended
    opener = max([left, *(k + 1 for k in range(left, i) if s.low(k) in SUBORDINATORS | {"when", "where", "that"})])
    for k in range(opener, i):
        if verbal and s.low(k) == "to" and _infinitive(s, k) and s.low(k - 1) not in IMPLICATIVE:
            c.realis = False  # "gathered to denounce the violence and call for a ceasefire"
            break


def _infinitive(s: Sentence, k: int) -> bool:
    following = s.low(k + 1)
    return (
        following.isalpha()
        and following not in DETERMINERS
        and s.ws[k + 1].text[0].islower()
        and s.low(k - 1) not in NOT_INFINITIVE_BEFORE
        and s.mention_at(k + 1) is None
        and following != "have"  # "said to have been involved": what is reported, not what is intended
    )


def _war_sides(s: Sentence, c: Candidate, i: int, j: int, context: Context) -> bool:
    """A war is an event only when the text names its sides (two, or one in "the Hamas war")."""
    sides: list[EntityMention] = []
    pre = s.mention_at(i - 1) or (s.mention_at(i - 2) if s.low(i - 1) in ("’", "'", "ongoing") else None)
    k = i - 1
    while k >= 0 and (s.mention_at(k) is not None or s.low(k) in ("-", "’", "'")):
        m = s.mention_at(k)
        if m is not None and m not in sides:
            sides.append(m)
        k -= 1
    if pre is not None and pre not in sides:
        sides.append(pre)
    for k in range(j, min(len(s.ws), j + 6)):
        if s.low(k) in ("against", "with", "between", "and") and s.mention_at(k + 1) is not None:
            m = s.mention_at(k + 1)
            sides.append(m)
            if s.low(k) == "between" and s.low(k + 2) == "and" and s.mention_at(k + 3):
                sides.append(s.mention_at(k + 3))
        elif s.low(k) in ("between", "against", "with") and s.mention_at(k + 2) is not None and s.low(k + 1) == "the":
            sides.append(s.mention_at(k + 2))
    actors = [m for m in sides if context.entity_types.get(m.entity_id) in ("state", "armed_group")]
    actors = list({m.entity_id: m for m in actors}.values())
    if not actors or (len(actors) == 1 and s.mention_at(i - 1) is None and not _owner_before(s, i)):
        return False
    c.actor = _arg(actors[0])
    c.target = _arg(actors[1]) if len(actors) > 1 else None
    c.aggregate = True
    return True


def _owner_before(s: Sentence, i: int) -> bool:
    return s.low(i - 1) in ("’", "'") or (i > 0 and s.ws[i - 1].text.endswith(("’s", "'s")))


def _entry(s: Sentence, c: Candidate, i: int, j: int, context: Context) -> bool:
    """``Hamas’ entry into the Gaza border``: an armed group or state entering a place."""
    pre = _premodifier(s, i)
    if pre is None or context.entity_types.get(pre.entity_id) not in ("armed_group", "state"):
        return False
    if s.low(j) != "into":
        return False
    c.actor = pre
    c.location = _owner(s, j + 1, len(s.ws))
    return True


def _modifier_skip(s: Sentence, k: int) -> int:
    while k >= 0 and (
        s.low(k) in NP_FILLER or s.mention_at(k) is not None or s.low(k) in ("’", "'", "-") or _year(s.low(k))
    ):
        k -= 1
    return k


def _year(word: str) -> bool:
    """``2019`` in ``the 2019 bombing``: a year naming the event, not a count of events."""
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def _determiner_index(s: Sentence, i: int) -> int:
    """The word before a noun trigger's modifiers: names, adjectives and up to two nouns of a compound
    (``the Hezbollah pager explosions``, ``a Moscow concert hall attack``) lie between it and the noun."""
    k = _modifier_skip(s, i - 1)
    nouns, x = 0, k
    while nouns < 2 and x >= 0 and _compound_noun(s, x):
        nouns += 1
        x = _modifier_skip(s, x - 1)
        if s.low(x) in DETERMINERS or (x >= 0 and s.ws[x].text.endswith(("’s", "'s"))):
            return x
    return k


def _compound_noun(s: Sentence, k: int) -> bool:
    w = s.ws[k]
    return (
        w.text.isalpha()
        and w.text.islower()
        and w.low not in COMPOUND_BLOCK
        and not w.low.endswith(("ly", "ing", "ed"))
        and len(w.low) > 2
    )
