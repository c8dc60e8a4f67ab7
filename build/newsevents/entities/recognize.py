"""Find the reference data's names in a text: longest match over folded tokens.

* Names, aliases and demonyms are matched left to right, longest first, never overlapping.
* Descriptive phrases (``Iran-backed militia``) are matched in a pass of their own, so the name inside
  (``Iran``) stays a mention of its own entity.
* A capital that stands for its state (``Washington’s support``, ``accusing Tehran``) is a ``metonym``
  mention of the state; after a locative (``in Tehran``) it stays the place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from newsevents.entities.reference import Alias, Gazetteer, case_matches
from newsevents.entities.text import APOSTROPHES, Token, joins_a_name, letters


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    entity_id: str | None  # a known entity, or None for a name found in the text until it is resolved
    method: str  # reference, demonym, description, metonym, discovered, text_alias, short_form
    name: str | None = None  # discovered: the name as written
    entity_type: str | None = None  # discovered: the type the text gives, if any
    cue: str | None = None  # discovered: what in the text marked it as a name
    country_code: str | None = None
    link: tuple[int, int] | None = None  # text_alias: the span of the name this one is another name for
    owner: str | None = None  # discovered: the known entity whose possession the text says it is

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)


LOCATIVE = frozenset(
    "in at near outside from to into across around toward towards through within inside of over between "
    "via on off beyond".split()
)
ACTS_ON = frozenset(
    "accusing accused accuse accuses blamed blaming blame blames urged urging urge urges warned warning "
    "warn warns told pressed pressing pressure pressuring sanctioned sanctioning sanction deter deterring "
    "confront confronting against by with punish punishing".split()
)
ACTS = frozenset(
    "said says say has have had is was will would could denied denies deny accused accuses blamed blames "
    "warned warns vowed vows pledged pledges condemned condemns rejected rejects responded responds "
    "insisted insists claimed claims announced announces wants seeks sought backed backs supports "
    "supported called calls demanded demands threatened threatens retaliated struck launched sent sends "
    "believes believe".split()
)
POLITICAL_NOUNS = frozenset(
    "support policy policies government regime leaders leadership decision decisions response role "
    "backing proxies allies position stance nuclear influence involvement ambitions strategy officials "
    "military forces envoy ambassador approach retaliation threats demands efforts relationship relations "
    "ties interests".split()
)
PLACE_MODIFIERS = frozenset(
    "central northern southern eastern western north south east west northeastern northwestern "
    "southeastern southwestern downtown greater the capital city".split()
)
CONJUNCTIONS = frozenset("and but while that as because when since after before if so".split())
CLAUSE_START = re.compile(r"(?:^|[.,;:(“\"—–])\s*$")
STANDS_FOR_STATE_SUFFIX = re.compile(r"-(?:backed|aligned|allied|funded|sponsored|supported)\b")
WORD = re.compile(r"[^\W\d_]+")


def longest_alias(body: str, tokens: list[Token], i: int, index: dict[str, list[Alias]]) -> tuple[Alias, int] | None:
    for alias in index.get(tokens[i].key, ()):
        n = len(alias.keys)
        window = tokens[i : i + n]
        if len(window) < n or any(t.key != k for t, k in zip(window, alias.keys, strict=False)):
            continue
        if not all(joins_a_name(body, a, b) for a, b in itertools.pairwise(window)):
            continue
        if not case_matches(alias, body[window[0].start : window[-1].end]):
            continue
        if alias.case_sensitive and len(letters(alias.surface)) <= 3 and shouting(tokens, i, i + n):
            continue
        return alias, i + n
    return None


def shouting(tokens: list[Token], i: int, j: int) -> bool:
    """A short acronym in an all-capitals line (``IS IT OVER``) is not a name; ``WASHINGTON (AP) — Three``
    is a dateline, not shouting."""
    neighbours = tokens[max(0, i - 2) : i] + tokens[j : j + 2]
    return len(neighbours) >= 2 and all(t.text.isupper() for t in neighbours)


def match(body: str, tokens: list[Token], index: dict[str, list[Alias]]) -> Iterable[tuple[Alias, int, int]]:
    i = 0
    while i < len(tokens):
        found = longest_alias(body, tokens, i, index) if tokens[i].key in index else None
        if found is None:
            i += 1
            continue
        alias, j = found
        yield alias, tokens[i].start, tokens[j - 1].end
        i = j


def stands_for_state(body: str, start: int, end: int) -> bool:
    """Whether a capital's name at ``body[start:end]`` means its government rather than the city."""
    before = [w.lower() for w in WORD.findall(body[max(0, start - 60) : start])]
    while before and before[-1] in PLACE_MODIFIERS:
        before.pop()
    previous = before[-1] if before else ""
    if previous in LOCATIVE:
        return False
    if previous in ACTS_ON or STANDS_FOR_STATE_SUFFIX.match(body, end):
        return True
    rest = body[end : end + 40]
    if rest[:1] in APOSTROPHES and rest[1:2] == "s":
        following = WORD.findall(rest[2:])
        return bool(following) and following[0].lower() in POLITICAL_NOUNS
    # "Tehran said ..." only where the capital opens a clause: in "a strike in Baghdad has ..." it does not.
    opens_clause = CLAUSE_START.search(body[max(0, start - 20) : start]) is not None or previous in CONJUNCTIONS
    following = WORD.findall(rest)
    return opens_clause and bool(following) and rest[:1] == " " and following[0].lower() in ACTS


def find_known(body: str, tokens: list[Token], gazetteer: Gazetteer) -> list[Mention]:
    """Mentions of entities in the reference data, names and descriptions."""
    mentions = []
    for alias, start, end in match(body, tokens, gazetteer.names):
        if alias.method == "blocked":
            continue
        entity = gazetteer.entities[alias.entity_id]
        if entity.metonym_for and stands_for_state(body, start, end):
            mentions.append(Mention(start, end, entity.metonym_for, "metonym"))
        else:
            mentions.append(Mention(start, end, alias.entity_id, alias.method))
    mentions = join_owned_bodies(body, mentions, gazetteer)
    for alias, start, end in match(body, tokens, gazetteer.descriptions):
        mentions.append(Mention(start, end, alias.entity_id, "description"))
    return mentions


def join_owned_bodies(body: str, mentions: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """``United States Central Command``: a state's name right before one of its own organisations is part of
    the organisation's name (``in Iraq Kataib Hezbollah said`` is two names: not an organisation, and after
    a locative)."""
    joined: list[Mention] = []
    for m in mentions:
        state = gazetteer.entities.get(joined[-1].entity_id) if joined and joined[-1].method == "reference" else None
        body_of = gazetteer.entities.get(m.entity_id) if m.method == "reference" else None
        if (
            state is not None
            and body_of is not None
            and state.entity_type == "state"
            and body_of.entity_type == "organization"
            and body_of.country_code == state.country_code
            and body[joined[-1].end : m.start] == " "
            and not _after_locative(body, joined[-1].start)
        ):
            joined[-1] = Mention(joined[-1].start, m.end, m.entity_id, "reference")
            continue
        joined.append(m)
    return joined


def _after_locative(body: str, start: int) -> bool:
    before = WORD.findall(body[max(0, start - 20) : start])
    return bool(before) and before[-1].lower() in LOCATIVE
