"""Event coreference: one event per real-world happening, within an article and across articles.

Within an article, mentions are read in order. A definite or demonstrative mention (``these strikes``)
joins the latest compatible event; an indefinite one (``an attack``) or one after ``previously`` starts a
new event; others join a compatible event that shares a participant. A mention that starts nothing and
joins nothing is dropped unless it is specific (it names a participant, a date or a casualty figure).

Across articles, events are merged by record linkage (``linkage``): a trained Fellegi–Sunter model.
"""

from __future__ import annotations

import copy
import csv
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from newsevents import REFERENCE_DIR
from newsevents.articles import LAST_DAY
from newsevents.events.dates import DEFAULT_DAYS, INCIDENT_DAYS, DateMention, default_window, shift_years
from newsevents.events.sentence import Arg, Candidate

#: How far back an undated standing measure ("has designated") may go: its window is these years.
STATUS_YEARS = 20

MODE_FAMILIES = ({"aerial", "drone"}, {"explosives", "suicide-attack"})
ANY_MODE = "targeted"  # an assassination names no means: it may be by air, drone, bomb or gun


def modes_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or ANY_MODE in (a, b) or any({a, b} <= f for f in MODE_FAMILIES)


SPEECH_ACTS = frozenset({"accuse", "threaten", "request", "reject"})
BETWEEN_EVENTS = frozenset({"responds_to", "after", "since", "revenge_for", "anniversary"})
ANCHORS_CSV = "anchor_events.csv"


@dataclass(slots=True)
class Mention:
    """One piece of evidence for an event."""

    candidate: Candidate
    bridged: tuple[int, int] | None = None  # evidence borrowed from an earlier sentence

    @property
    def span(self) -> tuple[int, int]:
        return self.bridged or self.candidate.span


@dataclass(slots=True)
class Event:
    event_type: str
    kind: str
    mode: str | None
    aggregate: bool
    actor: str | None = None
    target: str | None = None
    location: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    first: date | None = None  # window, once reconciled
    last: date | None = None
    precision: str = "range"
    anchor: str | None = None
    attributed_actor: str | None = None  # "X claimed responsibility"
    background: bool = False  # first told inside another event's phrase ("the anniversary of X")
    places: set[str] = field(default_factory=set)  # every place the reports name
    main: bool = False  # the incident its article is about (told most often)
    not_before: date | None = None  # an undated reaction follows the incident its article is about
    abouts: list[Event] = field(default_factory=list)  # a reaction: the incidents its articles are about

    @property
    def articles(self) -> set[str]:
        return {m.candidate.article_id for m in self.mentions}

    @property
    def expected(self) -> bool:
        """Whether the text says the event is still to come (``talks next week``)."""
        return any(m.candidate.date is not None and m.candidate.date.kind == "future" for m in self.mentions)

    @property
    def published(self) -> list[date]:
        return sorted({m.candidate.published for m in self.mentions})


@dataclass(frozen=True)
class Anchor:
    anchor_id: str
    day: date
    event_type: str
    kind: str
    actor: str | None
    target: str | None
    location: str | None


@cache
def load_anchors(reference_dir: Path = REFERENCE_DIR) -> tuple[Anchor, ...]:
    with (reference_dir / ANCHORS_CSV).open(encoding="utf-8", newline="") as f:
        return tuple(
            Anchor(
                r["anchor_id"],
                date.fromisoformat(r["date"]),
                r["event_type"],
                r["kind"] or "event",
                r["actor_id"] or None,
                r["target_id"] or None,
                r["location_id"] or None,
            )
            for r in csv.DictReader(f)
        )


class World:
    """Affiliations and places: when two participants or locations can be the same."""

    def __init__(
        self,
        part_of: dict[str, tuple[str, ...]],
        country_of: dict[str, str | None],
        types: dict[str, str | None],
        nowhere: frozenset[str] = frozenset(),
    ) -> None:
        self.part_of, self.country_of, self.types = part_of, country_of, types
        self.nowhere = nowhere  # places known to lie in no country (seas, gulfs): only themselves
        self.also_in: dict[str, set[str]] = {}  # "the Israeli-occupied Golan": held by another state too
        self.regions: frozenset[str] = frozenset()  # places that hold towns: a province, the Golan Heights
        self.state_of = {code: e for e, code in country_of.items() if code and types.get(e) == "state"}
        self._ancestors: dict[str, frozenset[str]] = {}  # shared by the per-article copies (with_held)

    def countries(self, place: str) -> set[str]:
        """Every country a place may be counted in: its own, and the state the text says holds it."""
        own = self.country_of.get(place)
        return ({own} if own else set()) | self.also_in.get(place, set())

    def ancestors(self, entity_id: str) -> frozenset[str]:
        known = self._ancestors.get(entity_id)
        if known is not None:
            return known
        seen, todo = set(), [entity_id]
        while todo:
            for parent in self.part_of.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        self._ancestors[entity_id] = frozenset(seen)
        return self._ancestors[entity_id]

    def with_held(self, held: list[tuple[str, str]]) -> World:
        """This world, for one article: with the places it says another state holds (shares the rest)."""
        if not held:
            return self
        local = copy.copy(self)
        local.also_in = {k: set(v) for k, v in self.also_in.items()}
        for place, code in held:
            local.also_in.setdefault(place, set()).add(code)
        return local

    def related(self, a: str | None, b: str | None) -> bool:
        return a is None or b is None or a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def narrower_or_same(self, a: str, b: str) -> bool:
        """Whether ``a`` is ``b`` or part of it (a commander of a group is part of the group)."""
        return a == b or b in self.ancestors(a)

    def same_place(self, a: str | None, b: str | None) -> bool:
        """Whether two places can be where one event happened: the same, one inside the other's country,
        or one whose country is unknown (a place found only in the text)."""
        if a is None or b is None or a == b:
            return True
        ca, cb = self.countries(a), self.countries(b)
        if a in self.nowhere or b in self.nowhere:  # a sea is not inside any country, but off one's coast
            return self._sea_and_state(a, b)
        if not ca or not cb:  # a place found only in the text may be anywhere
            return True
        types = {self.types.get(a), self.types.get(b)}
        return bool(ca & cb) and ("state" in types or a in self.regions or b in self.regions)

    def may_be_one_place(self, a: str, b: str) -> bool:
        """Whether two named places can be where one event happened, told by different reports: the same,
        two in one country (a town and its province), or one found only in the text (of unknown country); a
        place known to lie in no country (a sea) is only itself."""
        ca, cb = self.countries(a), self.countries(b)
        if a == b:
            return True
        if a in self.nowhere or b in self.nowhere:
            return self._sea_and_state(a, b)
        return not ca or not cb or bool(ca & cb)

    def _sea_and_state(self, a: str, b: str) -> bool:
        """A sea and a state may be where one attack was told (a missile from Yemen at a ship in the Gulf of
        Aden); a sea and a town or base may not."""
        return "state" in (self.types.get(a), self.types.get(b))

    def surely_same_place(self, a: str | None, b: str | None) -> bool:
        """Whether two named places are known to be one: the same, or one inside the other's country (a
        place whose country is unknown, as a sea, is not known to be anywhere in particular)."""
        if a is None or b is None:
            return False
        return a == b or (
            self.country_of.get(a) is not None and self.country_of.get(b) is not None and self.same_place(a, b)
        )

    def more_specific(self, a: str | None, b: str | None) -> str | None:
        """Of two related participants, the narrower one (a commander over a group over a coalition)."""
        if a is None or b is None:
            return a or b
        if a in self.ancestors(b):
            return b
        if b in self.ancestors(a):
            return a
        if self.types.get(a) == "state" and self.types.get(b) == "place":
            return b
        return a


def compatible(event: Event, c: Candidate | Event, world: World) -> bool:
    """Whether ``c`` (a mention, or an event from another article) can be a report of ``event``."""
    if event.event_type != c.event_type or event.kind != c.kind:
        return False
    if not modes_compatible(event.mode, c.mode):
        return False
    if isinstance(c, Candidate):
        if event.aggregate != c.aggregate and not (c.anaphoric and c.trigger.plural):
            return False  # "these attacks" may mean a campaign or one attack; "an attack" is never a campaign
        actor, target = _id(c.actor), _id(c.target)
        places = {p.entity_id for p in c.places} or ({c.location.entity_id} if c.location else set())
    else:
        if event.aggregate != c.aggregate:
            return False
        actor, target = c.actor, c.target
        places = c.places or ({c.location} if c.location else set())
    if event.kind == "war":  # sides, in either order; a war spans places
        return all(any(world.related(x, y) for y in (event.actor, event.target) if y) for x in (actor, target) if x)
    if event.event_type == "assault" and ((actor and actor == event.target) or (target and target == event.actor)):
        return False  # the other side's attack: a response, not the same event
    mine = event.places or ({event.location} if event.location else set())
    near = not mine or not places or any(world.same_place(a, b) for a in mine for b in places)
    # "the attack targeted two militia posts" after "X was killed in a strike": an anaphor may name another
    # of the attack's targets; a new report naming another target is another attack
    lenient = isinstance(c, Candidate) and c.anaphoric
    return world.related(event.actor, actor) and (lenient or world.related(event.target, target)) and near


def _id(arg: Arg | None) -> str | None:
    return arg.entity_id if arg else None


def _specific(c: Candidate) -> bool:
    if c.event_type == "assault":
        return bool(c.participants) or c.has_claim or (c.date is not None and c.date.kind != "default")
    if c.event_type == "protest":
        return c.location is not None or c.actor is not None
    if c.event_type == "coerce":  # "11 people were detained": an arrest is told by what was done, not by whom
        return True
    return c.actor is not None


def _window(c: Candidate) -> DateMention:
    return c.date or default_window(c.published)


def _overlap(a: DateMention, b: DateMention) -> bool:
    return a.first is not None and b.first is not None and a.first <= b.last and b.first <= a.last


def cluster_article(candidates: list[Candidate], world: World, bridge) -> list[Event]:
    """Events told in one article, in order of first mention."""
    events: list[Event] = []
    backgrounded = {
        id(_partner(kind, other)) for c in candidates for kind, other in c.relations if kind in ("anniversary", "since")
    }
    answered = {  # "revenge for an attack that ...", "in response to an attack on ...": another event
        id(_partner(kind, other)) for c in candidates for kind, other in c.relations if kind in BETWEEN_EVENTS
    }
    for c in candidates:
        if not c.realis:
            continue
        known = [
            e
            for e in events
            if (compatible(e, c, world) or _same_speaker(e, c, world))
            and not _related_apart(e, c)
            and (not e.background or _shares(e, c, world))
            and (id(c) not in backgrounded or (e.background and _shares(e, c, world)))
        ]  # "the anniversary of the U.S. assassination of X": another, older event than the one just told
        if c.date is not None and c.date.kind != "default" and c.date.first is not None:
            known = [e for e in known if _date_allows(e, c)]
        elif not c.anaphoric:  # an undated report is of the days before publication, not of a dated past event
            known = [e for e in known if not _long_past(e, c.published)]
        here = [e for e in known if any(m.candidate.sentence_index == c.sentence_index for m in e.mentions)]
        latest = max(here or known, key=lambda e: _salience(e, c), default=None)
        same_sentence = bool(here)
        speaker = next(
            (
                e
                for e in known
                if c.event_type in SPEECH_ACTS and e.actor and c.actor and world.related(e.actor, _id(c.actor))
            ),
            None,
        )
        if c.link_only and not (c.anaphoric or same_sentence):
            continue  # a weak word ("a retaliation", "hostilities") reports nothing on its own
        if speaker is not None:
            _add(speaker, c, world)  # one speaker's words in one article: one statement
        elif c.anaphoric and latest is not None:
            _add(latest, c, world)
        elif same_sentence and not c.indefinite and not c.new_event:
            _add(latest, c, world)  # "the strike targeted ...": two words for one event in one sentence
        elif c.aggregate and latest is not None and latest.aggregate:
            _add(latest, c, world)  # one campaign, however it is counted
        elif c.indefinite and not c.new_event and (headline := _told_only_in_headings(known)) is not None:
            _add(headline, c, world)  # the body's first report of the headline's event
        elif c.indefinite and not c.new_event and (same_day := _told_that_day(known, c)) is not None:
            _add(same_day, c, world)  # "the July 23 attack" after "four police were killed on July 23"
        elif c.indefinite and not c.new_event and id(c) not in answered and (lede := _lede(events, known, c)):
            _add(lede, c, world)  # "a barrage of rockets was fired at ...": the article's incident, retold
        elif (c.indefinite or c.new_event) and _specific(c) and not c.link_only:
            events.append(_new(c, world, id(c) in backgrounded))
        elif latest is not None and (not c.participants or _shares(latest, c, world)):
            _add(latest, c, world)
        elif _specific(c) and not c.link_only:
            events.append(_new(c, world, id(c) in backgrounded))
        elif c.anaphoric and not events and not c.link_only:
            bridged = bridge(c)
            if bridged is not None:
                event, span = bridged
                event.mentions.insert(0, Mention(c, bridged=span))
                _add(event, c, world)
                events.append(event)
    _mark_main(events)
    _reactions_follow_the_incident(events)
    return events


REACTIONS = SPEECH_ACTS | {"coerce", "protest"}


def _reactions_follow_the_incident(events: list[Event]) -> None:
    """A statement, arrest or protest the text does not date came after the incident its article is about
    (a condemnation of Tuesday's strike was made on Tuesday or later), when that incident is dated."""
    main = next((e for e in events if e.main), None)
    told = sorted(
        (
            (m.candidate.sentence_index, m.candidate.start, e)
            for e in events
            for m in e.mentions
            if e.event_type == "assault"
        ),
        key=lambda t: t[:2],
    )
    for e in events:
        if e.event_type not in REACTIONS or e.aggregate:
            continue
        first = e.mentions[0].candidate
        here = [x for i, _, x in told if i == first.sentence_index]  # "denied responsibility for the attack"
        recent = [x for i, start, x in told if first.sentence_index - 2 <= i < first.sentence_index]
        about = (here or recent or [main])[-1 if not here else 0]  # "X denied any role in this": just told
        if about is None:
            continue
        e.abouts = [about]
        window = _explicit(about)
        if window is not None and (window[1] - window[0]).days <= INCIDENT_DAYS and _explicit(e) is None:
            e.not_before = window[0]


def _explicit(event: Event) -> tuple[date, date] | None:
    """The window the reports' own date words allow, if any says one."""
    windows = [_window(m.candidate) for m in event.mentions if m.candidate.date and m.candidate.date.first]
    if not windows:
        return None
    return max(w.first for w in windows), min(w.last for w in windows)


def _mark_main(events: list[Event]) -> None:
    """The article's main incident: the single attack it tells most often (the first, on a tie)."""
    incidents = [e for e in events if e.event_type == "assault" and not e.aggregate and not e.background]
    if incidents:
        max(incidents, key=lambda e: (len(e.mentions), -events.index(e))).main = True


def _date_allows(event: Event, c: Candidate) -> bool:
    """Whether a dated mention can report the event: its window meets every date told of the event, or,
    for an incident told with no date so far (so, as news: in the days before the report), that week."""
    dated = [m.candidate.date for m in event.mentions if m.candidate.date and m.candidate.date.kind != "default"]
    if dated:
        return all(_overlap(d, c.date) for d in dated if d.first is not None)
    if event.aggregate or event.kind == "war":
        return True
    return c.date.last >= c.published - timedelta(days=INCIDENT_DAYS)


def _long_past(event: Event, published: date) -> bool:
    window = _explicit(event)
    return (
        window is not None
        and not event.aggregate
        and event.kind != "war"
        and window[1] < published - timedelta(days=INCIDENT_DAYS)
    )


def _told_that_day(known: list[Event], c: Candidate) -> Event | None:
    """A compatible event the text already dated to the day (or two) an indefinite mention is dated to."""
    if c.date is None or c.date.first is None or (c.date.last - c.date.first).days > 1 or c.aggregate:
        return None
    for e in known:
        window = _explicit(e)
        if window is not None and (window[1] - window[0]).days <= 1 and _overlap(c.date, _as_mention(window)):
            return e
    return None


def _as_mention(window: tuple[date, date]) -> DateMention:
    return DateMention(0, 0, "", window[0], window[1], "range", "relative")


def _lede(events: list[Event], known: list[Event], c: Candidate) -> Event | None:
    """The incident an article opens with, when an indefinite mention can only be it retold: the first
    single attack of the article, compatible in kind, place, mode, sides and date (a mention that differs
    in any of these, or says ``another``/``separate``, is another event)."""
    if c.aggregate or c.event_type != "assault":
        return None
    first = next((e for e in events if e.event_type == "assault" and not e.aggregate and not e.background), None)
    return first if first is not None and first in known else None


def _told_only_in_headings(events: list[Event]) -> Event | None:
    return next((e for e in events if all(m.candidate.in_heading for m in e.mentions)), None)


def _same_speaker(event: Event, c: Candidate, world: World) -> bool:
    return (
        c.event_type in SPEECH_ACTS
        and event.event_type == c.event_type
        and event.actor is not None
        and c.actor is not None
        and world.related(event.actor, c.actor.entity_id)
    )


def _related_apart(event: Event, c: Candidate) -> bool:
    """Two mentions the text relates (one after, in answer to, on the anniversary of the other) are two
    events."""
    mine = {id(m.candidate) for m in event.mentions}
    linked = {id(_partner(kind, other)) for kind, other in c.relations if kind in BETWEEN_EVENTS}
    back = any(
        _partner(kind, other) is c
        for m in event.mentions
        for kind, other in m.candidate.relations
        if kind in BETWEEN_EVENTS
    )
    return bool(mine & linked) or back


def _partner(kind: str, other: object) -> Candidate:
    return other[0] if kind == "anniversary" else other


def _shares(event: Event, c: Candidate, world: World) -> bool:
    pairs = ((event.actor, _id(c.actor)), (event.target, _id(c.target)))
    if event.kind == "war":  # a war's sides, in either order
        pairs = tuple((a, b) for a in (event.actor, event.target) for b in (_id(c.actor), _id(c.target)))
    shared = any(a is not None and b is not None and world.related(a, b) for a, b in pairs)
    place = event.location is not None and c.location is not None and world.same_place(event.location, _id(c.location))
    return shared or place


def _head(c: Candidate) -> str:
    return c.trigger.tokens[-1].rstrip("s")


def _salience(event: Event, c: Candidate) -> tuple:
    """Which earlier event an anaphor means: one told with the same word, else the latest that is not
    background (an event named only inside another's phrase, as ``the anniversary of X``)."""
    same_word = any(_head(m.candidate) == _head(c) for m in event.mentions)
    return (same_word, not event.background, event.mentions[-1].candidate.start)


def _new(c: Candidate, world: World, background: bool = False) -> Event:
    event = Event(c.event_type, c.kind, c.mode, c.aggregate, background=background)
    _add(event, c, world)
    return event


def _add(event: Event, c: Candidate, world: World) -> None:
    event.mentions.append(Mention(c))
    event.places |= {p.entity_id for p in c.places} or ({c.location.entity_id} if c.location else set())
    event.actor = (
        world.more_specific(event.actor, _id(c.actor)) if world.related(event.actor, _id(c.actor)) else event.actor
    )
    event.target = (
        world.more_specific(event.target, _id(c.target)) if world.related(event.target, _id(c.target)) else event.target
    )
    if world.same_place(event.location, _id(c.location)):
        event.location = world.more_specific(event.location, _id(c.location))
    event.mode = event.mode or c.mode


def apply_relations(events: list[Event], world: World) -> None:
    """Participants the text gives through another event: responses, revenge, responsibility."""
    of = {id(m.candidate): e for e in events for m in e.mentions}
    for event in events:
        for m in event.mentions:
            for kind, other in m.candidate.relations:
                if kind == "claimed_by":  # several claims (blamed on militias, claimed by one): the narrowest
                    event.attributed_actor = world.more_specific(event.attributed_actor, other.entity_id)
        if event.attributed_actor and (event.actor is None or world.related(event.actor, event.attributed_actor)):
            event.actor = world.more_specific(event.actor, event.attributed_actor)
    for event in events:
        for m in event.mentions:
            for kind, other in m.candidate.relations:
                target = of.get(id(other)) if isinstance(other, Candidate) else None
                answers = kind in ("responds_to", "after") and target is not None and target is not event
                if answers and event.event_type == "assault" and target.event_type == "assault":
                    event.target = event.target or target.actor
                    target.actor = target.actor or event.target
                    target.target = target.target or event.actor
                if kind == "condemns" and target is not None and target is not event:
                    event.target = event.target or target.actor
                if kind == "revenge_for" and target is not None:
                    event.target = event.target or target.actor
                    target.target = target.target or event.actor
    retaliations = [e for e in events if any(k == "retaliation" for m in e.mentions for k, _ in m.candidate.relations)]
    for event in retaliations:
        earlier = [
            e
            for e in events
            if e is not event
            and e.mentions[0].candidate.start < event.mentions[0].candidate.start
            and e.event_type == "assault"
            and e.actor
            and e.actor != event.actor
        ]
        if earlier and event.target is None:
            event.target = earlier[-1].actor


def capital_locations(
    events: list[Event], capitals: dict[str, str], country_of: dict[str, str | None], article_mentions: list[str]
) -> None:
    """``it took place within the capital``: the capital of the country the article is about."""
    for event in events:
        if not any(k == "capital" for m in event.mentions for k, _ in m.candidate.relations):
            continue
        if event.location is not None and event.location in capitals.values():
            continue
        if event.location is not None and country_of.get(event.location) in capitals:
            event.location = capitals[country_of[event.location]]  # Iraq, and "the capital": Baghdad
            continue
        countries = [country_of.get(e) for e in article_mentions if country_of.get(e)]
        if countries and event.location is None:
            event.location = capitals.get(max(set(countries), key=countries.count))


def _constraint(event: Event) -> tuple[date, date]:
    explicit = [_window(m.candidate) for m in event.mentions if m.candidate.date and m.candidate.date.first]
    if explicit:
        return max(w.first for w in explicit), min(w.last for w in explicit)
    published = min(event.published)
    return _default_first(event, published), published


def _default_first(event: Event, published: date) -> date:
    if event.event_type == "sanction" and any(m.candidate.perfect for m in event.mentions):
        # "X has designated Y": a standing measure, taken on a day the reports do not give, perhaps long ago
        return shift_years(published, published, STATUS_YEARS)[0]
    first = published - timedelta(days=DEFAULT_DAYS if event.aggregate else INCIDENT_DAYS)
    if event.not_before is not None and first < event.not_before <= published:
        return event.not_before
    return first


def default_modes(events: list[Event], world: World) -> None:
    """A state's strikes with no word for how are air strikes (also when the state is known only from
    another mention of the event)."""
    for event in events:
        if (
            event.event_type == "assault"
            and event.mode is None
            and world.types.get(event.actor) == "state"
            and any(
                m.candidate.trigger.tokens[0]
                in ("strike", "strikes", "raid", "raids", "targeted", "targeting", "struck")
                for m in event.mentions
            )
        ):
            event.mode = "aerial"


def anchor(events: list[Event], world: World) -> None:
    """Background events of known date (reference data) date the reports of them."""
    for event in events:
        told = [_window(m.candidate) for m in event.mentions if m.candidate.date and m.candidate.date.first]
        for a in load_anchors():
            if a.event_type != event.event_type or a.kind != event.kind:
                continue
            sides = {a.actor, a.target} - {None}
            mine = {event.actor, event.target} - {None}
            if a.kind == "war":
                ok = bool(mine) and all(any(world.narrower_or_same(x, y) for y in sides) for x in mine)
            else:
                same_actor = event.actor is None or a.actor is None or world.narrower_or_same(event.actor, a.actor)
                named = (
                    a.target is not None and event.target is not None and world.narrower_or_same(event.target, a.target)
                )
                on_the_day = (
                    event.target is None
                    and event.actor is not None
                    and same_actor
                    and _constraint(event)[0] <= a.day <= _constraint(event)[1]
                    and (_constraint(event)[1] - _constraint(event)[0]).days <= 7
                )
                ok = same_actor and (named or on_the_day)
            if ok and a.day > (max(event.published) if event.aggregate else min(event.published)):
                ok = False  # reported before the reference event happened: another event
            if ok and not event.aggregate and any(not (w.first <= a.day <= w.last) for w in told):
                # an incident the reports date elsewhere is another event with the same sides (a campaign
                # or war keeps its reference dates: a phrase contradicting them is a date conflict)
                ok = False
            if ok:
                event.anchor = a.anchor_id
                event.first = a.day
                event.target = event.target or a.target
                event.actor = event.actor or a.actor
                event.location = event.location or a.location
                break


def reconcile_windows(events: list[Event]) -> None:
    """Each event's window: the anchor's date, else the intersection of what its reports allow.

    A single incident cannot have happened after the first article reporting it; a campaign spans from
    its earliest start to its latest report. Relations (``after``, ``since``, anniversaries) are applied
    once every event is dated.
    """
    for event in events:
        _own_window(event)
    of = {id(m.candidate): e for e in events for m in e.mentions}
    for _ in range(2):
        for event in events:
            for m in event.mentions:
                for kind, other in m.candidate.relations:
                    _apply_relation(event, kind, other, of, m.candidate)


def _own_window(event: Event) -> None:
    first_report = min(event.published)
    if event.anchor and event.first:
        if event.aggregate:
            event.last, event.precision = max(event.published), "range"
        else:
            event.last, event.precision = event.first, "day"
        return
    windows = [_window(m.candidate) for m in event.mentions if m.candidate.date and m.candidate.date.first]
    if not event.expected:  # a date after the first report cannot hold (a date_conflict says so): not used
        windows = [w for w in windows if w.first <= first_report]
    if event.aggregate:
        firsts = [w.first for w in windows] or [first_report - timedelta(days=DEFAULT_DAYS)]
        last = max(event.published)
        if event.expected:  # "26 strikes next month": a series still to come ends when its window does
            last = max([last, *(w.last for w in windows)])
        event.first, event.last = min([*firsts, last]), last
        event.precision = "range"
        return
    if windows:
        first, last = max(w.first for w in windows), min(w.last for w in windows)
        if first > last:  # the reports disagree: keep the most precise one (recorded as a date conflict)
            best = min(windows, key=lambda w: (w.last - w.first, w.start))
            first, last = best.first, best.last
        precise = min(windows, key=lambda w: w.last - w.first)
        precision = precise.precision if (precise.first, precise.last) == (first, last) else "range"
    else:
        first, last, precision = _default_first(event, first_report), first_report, "range"
    event.first, event.last = first, last if event.expected else min(last, first_report)
    event.precision = "day" if event.first == event.last else precision if precision != "day" else "range"


def _apply_relation(event: Event, kind: str, other, of: dict, candidate: Candidate) -> None:
    if kind == "after":
        before = of.get(id(other))
        if before is not None and before is not event and not before.anchor and event.first:
            # "X after the Y attack": Y ended by the day X began, within the usual weeks before it.
            first, last = event.first - timedelta(days=DEFAULT_DAYS), event.first
            if not before.expected:  # nor after its own first report
                last = min(last, min(before.published))
                if first > last:
                    return
            if before.first and before.last and before.first <= last and first <= before.last:
                first, last = max(first, before.first), min(last, before.last)  # both hold: the overlap
            before.first, before.last, before.precision = first, last, "range"  # else the text's relation wins
    elif kind == "since":
        start = of.get(id(other))
        if start is not None and start.first and event.aggregate and (event.last is None or start.first <= event.last):
            event.first = min(event.first or start.first, start.first) if start.anchor else start.first
            event.precision = "range" if event.first != event.last else event.precision
    elif kind == "anniversary":
        other_candidate, years_word = other
        past = of.get(id(other_candidate))
        years = _years(years_word)
        if past is None or not years:
            return
        if past.first and past.anchor and not event.anchor:
            if past.first.year + years > LAST_DAY.year:
                return
            try:
                day = past.first.replace(year=past.first.year + years)
            except ValueError:  # 29 February
                day = past.first.replace(year=past.first.year + years, day=28)
            if day > max(event.published) and not event.expected:
                return  # an anniversary after every report of it
            if event.first is None or event.first <= day <= (event.last or day):
                event.first = event.last = day
                event.precision = "day"
        elif event.first and not past.anchor:
            first, last = shift_years(event.first, event.last, years)
            if not past.expected:  # nor after its own first report
                last = min(last, min(past.published))
                if first > last:
                    return
            past.first, past.last = first, last
            past.precision = "range"


def _years(word: str) -> int:
    from newsevents.events.dates import ORDINALS

    word = word.lower()
    if word[:1].isdigit():
        return int("".join(ch for ch in word if ch.isdigit()))
    return ORDINALS.get(word, 0)
