"""The sentence as event extraction reads it: its words, entity mentions and clause bounds, the word classes
the extraction rules share, and the event mention (:class:`Candidate`) each trigger in it yields."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from newsevents.events.dates import DateMention
from newsevents.events.lexicon import Trigger, Word, words

# The word classes the extraction rules share (lower case, as ``Sentence.low`` gives a word).
# (SPEECH_EVENTS are the event types that are statements: placed by their speaker, dated by their own words.)
SPEECH_EVENTS = frozenset({"accuse", "threaten", "request", "reject", "consult", "agree", "concede"})
SPEECH = frozenset(
    "said says stated told added noted pointed referred argued claimed described called warned insisted "
    "according".split()
)
NUMBER_WORDS = frozenset("two three four five six seven eight nine ten dozens hundreds scores".split())
SUBORDINATORS = frozenset("after before since when while because although whereas following".split())
PREPOSITIONS = frozenset(
    "in on at of against to from with near into over for by about between among within across toward towards "
    "upon after before under through like including despite during via outside inside amid amidst".split()
)
LOCATIVE = frozenset("in at near over within inside outside across throughout into around".split())
LIGHT_VERBS = frozenset(
    "launched launch launches carried conducted conducts staged mounted executed issued made delivered imposed "
    "announced stepped resumed intensified continued claimed orchestrated unleashed fired retaliated responded "
    "hit".split()
)
DETERMINERS = frozenset("the a an these this those that its their his her our any some all no each every".split())
NP_FILLER = frozenset(
    "recent latest new fresh deadly devastating fatal major large massive alleged suspected apparent reported "
    "multiple several twin one-way first second third last final retaliatory precision "
    "targeted coordinated joint renewed further stern strong harsh sharp direct single deadliest worst biggest "
    "largest deadly".split()
)
# Words an argument's noun phrase cannot run past (`at a time when Iran ...` holds no target).
NP_STOP = frozenset(
    "when where that which who whose while as because has have had is are was were will would could said says "
    "since after before until whether if and".split()
)
# Words allowed between a locative preposition and the place it introduces (`in central Baghdad`).
PLACE_FILLER = frozenset(
    "the central northern southern eastern western north south east west northeastern northwestern southeastern "
    "southwestern downtown greater capital city town village province outskirts of its border both parts areas "
    "region - occupied held controlled annexed disputed besieged".split()  # "in the Israeli-occupied Golan"
)
GROUP_OPENERS = frozenset("which who whose while whereas although though but".split())

# A wire dateline opening a sentence: a place in capitals, perhaps a country and a date, the agency in
# brackets, and a dash ("BAGHDAD (AP) —", "ERBIL, Iraq, Jan 16 (Reuters) -", "WASHINGTON —").
DATELINE = re.compile(
    r"[A-Z][A-Z'.-]+(?:[ /][A-Z][A-Z'.-]+)*(?:,[^()\n—–]{1,40}?)?"
    r"(?:\s*\([A-Z][\w .'&/-]{1,30}\)\s*[-—–]{1,2}|\s+[-—–]{1,2})\s+"  # "MAIDUGURI, Nigeria - "
)


@dataclass(slots=True)
class Arg:
    entity_id: str
    start: int
    end: int


@dataclass(slots=True)
class EntityMention:
    start: int
    end: int
    entity_id: str
    entity_type: str | None
    method: str


@dataclass(slots=True)
class Candidate:
    article_id: str
    sentence_index: int
    published: date
    trigger: Trigger
    start: int  # trigger offsets in the body
    end: int
    mode: str | None = None
    aggregate: bool = False
    anaphoric: bool = False
    indefinite: bool = False
    new_event: bool = False
    realis: bool = True
    link_only: bool = False
    actor: Arg | None = None
    target: Arg | None = None
    location: Arg | None = None
    date: DateMention | None = None
    span: tuple[int, int] = (0, 0)
    relations: list[tuple[str, object]] = field(default_factory=list)  # (kind, Candidate | entity id)
    has_claim: bool = False
    in_heading: bool = False
    places: list[Arg] = field(default_factory=list)  # "in Iraq and Syria": every place the phrase lists
    perfect: bool = False  # "has designated", "have been sanctioned": a state reached at some time before
    # the role's noun phrase as written where the parse finds the role but no entity names it ("gunmen")
    actor_phrase: str | None = None
    target_phrase: str | None = None

    @property
    def event_type(self) -> str:
        return self.trigger.event_type

    @property
    def kind(self) -> str:
        """``war`` for wars and conflicts, ``event`` for everything else (an ``entry`` is an attack)."""
        return "war" if self.trigger.kind == "war" else "event"

    @property
    def participants(self) -> list[Arg]:
        return [a for a in (self.actor, self.target, self.location) if a is not None]


@dataclass
class Context:
    """What extraction needs to know about the world: entity types, affiliations and capitals."""

    entity_types: dict[str, str | None]
    capitals: dict[str, str]  # country code -> entity id of its capital
    country_of: dict[str, str | None]  # entity id -> country code


class Sentence:
    """One sentence's words, entity mentions and clause boundaries."""

    def __init__(self, body: str, start: int, end: int, mentions: list[EntityMention]) -> None:
        dateline = DATELINE.match(body, start, end)
        if dateline is not None:  # "ERBIL, Iraq, Jan 16 (Reuters) - ": where the story was filed, not told
            start = dateline.end()
        self.body, self.start, self.end = body, start, end
        self.ws: list[Word] = words(body, start, end)
        self.mentions = _outermost([m for m in mentions if m.start >= start])

    def index_at(self, offset: int) -> int:
        for i, w in enumerate(self.ws):
            if w.end > offset:
                return i
        return len(self.ws)

    def low(self, i: int) -> str:
        return self.ws[i].low if 0 <= i < len(self.ws) else ""

    def mention_at(self, i: int) -> EntityMention | None:
        if not 0 <= i < len(self.ws):
            return None
        w = self.ws[i]
        return next((m for m in self.mentions if m.start <= w.start < m.end), None)

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Word indexes of the clause around word ``i``: split at ; : — and before which/while/but..."""
        left = i
        while left > 0 and not self._boundary(left - 1):
            left -= 1
        right = i
        while right + 1 < len(self.ws) and not self._boundary(right + 1):
            right += 1
        return left, right + 1

    def _boundary(self, i: int) -> bool:
        w = self.ws[i].text
        if w in (";", ":", "—", "–"):
            return True
        return w == "," and self.low(i + 1) in GROUP_OPENERS


def _outermost(mentions: list[EntityMention]) -> list[EntityMention]:
    """Argument candidates: a description wins over the name inside it (``Iran-backed militia``)."""
    outer = [m for m in mentions if m.method == "description"]
    return sorted(
        outer
        + [m for m in mentions if m.method != "description" and not any(o.start <= m.start < o.end for o in outer)],
        key=lambda m: m.start,
    )


def _arg(m: EntityMention | None) -> Arg | None:
    return Arg(m.entity_id, m.start, m.end) if m else None
