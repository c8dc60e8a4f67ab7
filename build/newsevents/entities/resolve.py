"""Resolve mentions to one entity per real-world thing, within each article and across all of them.

* Within an article a known name wins over a discovered one it overlaps, except a demonym or place
  inside a longer discovered name (``Iraqi Security Forces``, ``Kurdistan Region Security Council``) and a
  state opening an institution's name (``Sudan Doctors Network``).
* Across articles discovered names meet under one key (folded tokens without initials or ``Jr.``, one word
  order for ministries, and the owner the text gives: ``Russia’s Foreign Ministry`` and ``Iran’s Foreign
  Ministry`` stay apart); a name the text gives as another name for one (``X, also known as Y``; ``Name
  (ACR)``) joins it; a lone surname (``Mr. Kanani``) joins the one person in the corpus with that surname,
  if there is just one. A new place GeoNames knows in its country gets its coordinates.
* A discovered name (of two words or more, or an acronym) is a name wherever it appears in the corpus,
  with or without the cue that first marked it.
* A person's surname later in an article that names them in full is a ``short_form`` mention.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsevents.entities.recognize import Mention, match
from newsevents.entities.reference import Alias, Entity, Gazetteer
from newsevents.entities.text import Token, joins_a_name, letters, name_key, slugify

TYPE_ORDER = ("person", "place", "armed_group", "organization", "state")
NAME_SUFFIXES = frozenset({"jr", "sr", "i", "ii", "iii", "iv"})
KUNYA = frozenset({"abu", "abou", "um", "umm", "bin", "ibn"})
PARTICLES = frozenset({"al", "el"})


def overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def yields_to(known: Mention, discovered: Mention, entities: dict[str, Entity]) -> bool:
    """A demonym or place inside a longer discovered name is part of it (``Iraqi Counter-Terrorism
    Service``, ``Kurdistan Region Security Council``), and so is a state opening an institution's name of two
    more words (``Sudan Doctors Network``); a person or group name is not, nor a state elsewhere."""
    inside = discovered.start <= known.start and known.end <= discovered.end and known.span != discovered.span
    entity = entities.get(known.entity_id)
    if not inside or (entity is None and known.method != "demonym"):
        return False
    opens_institution = (
        entity is not None
        and entity.entity_type == "state"
        and known.start == discovered.start
        and discovered.entity_type in ("organization", "armed_group")
        and discovered.cue == "keyword"
        and len((discovered.name or "")[known.end - discovered.start :].split()) >= 2
    )
    # "Tehreek-e-Taliban Pakistan (TTP)": a name the text gives an acronym for is one name, a state in it too.
    abbreviated = entity is not None and entity.entity_type == "state" and "acronym" in (discovered.cue or "")
    # "Armed Forces of Ukraine": the state closing a body's name the recogniser read whole (``names``).
    closes = entity is not None and entity.entity_type == "state" and "of its state" in (discovered.cue or "")
    abbreviated = abbreviated or (closes and known.end == discovered.end)
    return (
        known.method == "demonym"
        or entity.entity_type == "place"
        or opens_institution
        or abbreviated
        or another_person(known, discovered, entity)
    )


def another_person(known: Mention, discovered: Mention, entity: Entity) -> bool:
    """A known person's one-word name inside a longer person's name that holds nothing like the rest of the
    known person's name is another person's (``Qani`` of a known ``Esmail Qaani`` in ``Abdul Mateen Qani``)."""
    if entity.entity_type != "person" or discovered.entity_type != "person" or not discovered.name:
        return False
    own = person_key(entity.name)
    inside = person_key(discovered.name)
    alike = [w for w in inside if any(w[:3] == o[:3] for o in own)]  # "Vladamir Putin" is Vladimir Putin
    return known.end - known.start < len(discovered.name) and len(alike) <= 1 and len(inside) >= 2


def merge_article(known: list[Mention], discovered: list[Mention], entities: dict[str, Entity]) -> list[Mention]:
    """One article's mentions: known names, descriptions, and the discoveries no known name covers."""
    overrides = [d for d in discovered if d.entity_id is not None]  # US states read from an address
    names = [m for m in known if m.method != "description" and not any(o.span == m.span for o in overrides)] + overrides
    descriptions = [m for m in known if m.method == "description"]
    kept: list[Mention] = []
    for d in sorted((d for d in discovered if d.entity_id is None), key=lambda m: (m.start - m.end, m.start)):
        same = next((k for k in kept if k.span == d.span), None)
        if same is not None:  # one name, two cues: keep what each says
            same.entity_type = same.entity_type or d.entity_type
            same.country_code = same.country_code or d.country_code
            if same.link is None and d.link is not None:  # "also known as" joins whatever else was said
                same.link, same.method = d.link, d.method
            same.cue = ", ".join(sorted({*same.cue.split(", "), d.cue})) if same.cue and d.cue else same.cue or d.cue
            continue
        covering = [g for g in names if overlaps(g, d)]
        if any(not yields_to(g, d, entities) for g in covering) or any(overlaps(k, d) for k in kept):
            continue
        names = [g for g in names if g not in covering]
        kept.append(d)
    return sorted(names + descriptions + kept, key=lambda m: (m.start, m.end))


def person_key(name: str) -> tuple[str, ...]:
    from newsevents.entities.text import tokenize

    keys = [t.key for t in tokenize(name)]
    return tuple(k for k in keys if len(k) > 1 and k not in NAME_SUFFIXES) or tuple(keys)


def institution_key(key: tuple[str, ...]) -> tuple[str, ...]:
    """``Health Ministry`` is the ``Ministry of Health``: one key for the two word orders."""
    if len(key) >= 2 and key[-1] in ("ministry", "department") and "of" not in key:
        return (key[-1], "of", *key[:-1])
    return key


def surname(key: tuple[str, ...]) -> str | None:
    """The token a person is called by on second mention: the last one, unless the name is a kunya."""
    if len(key) < 2 or key[0] in KUNYA:
        return None
    return key[-1]


@dataclass
class Group:
    """Discovered names that are one entity, and the known entity they turned out to be, if any."""

    known: str | None = None
    mentions: list[Mention] = field(default_factory=list)


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.known: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        ka, kb = self.known.get(ra), self.known.get(rb)
        if ka and kb and ka != kb:
            return  # two different known entities never merge
        self.parent[rb] = ra
        if kb:
            self.known[ra] = kb

    def mark_known(self, node: str, entity_id: str) -> None:
        self.known.setdefault(self.find(node), entity_id)


def resolve_corpus(articles: dict[str, list[Mention]], gazetteer: Gazetteer) -> dict[str, Entity]:
    """Give every discovered mention an entity id (in place); return the entities they created."""
    groups = UnionFind()
    node_of: dict[int, str] = {}
    for mentions in articles.values():
        by_span = {m.span: m for m in mentions if m.method != "description"}
        for m in mentions:
            if m.entity_id is not None:
                continue
            node = f"name:{' '.join(institution_key(person_key(m.name)))}" + (f"@{m.owner}" if m.owner else "")
            node_of[id(m)] = node
            groups.find(node)
            known = gazetteer.lookup(m.name)
            if known is not None:
                groups.mark_known(node, known.entity_id)
            target = by_span.get(m.link) if m.link else None
            if target is not None:
                target_node = f"entity:{target.entity_id}" if target.entity_id else node_of.get(id(target))
                if target.entity_id:
                    groups.mark_known(target_node, target.entity_id)
                if target_node:
                    groups.union(target_node, node)
    _join_lone_surnames(articles, groups, node_of, gazetteer)

    members: dict[str, list[Mention]] = defaultdict(list)
    for mentions in articles.values():
        for m in mentions:
            if id(m) in node_of:
                members[groups.find(node_of[id(m)])].append(m)
    created: dict[str, Entity] = {}
    taken = set(gazetteer.entities)
    for root in sorted(members, key=lambda r: _canonical_name(members[r])):
        group = members[root]
        entity_id = groups.known.get(root)
        if entity_id is None:
            entity = _new_entity(group, taken, gazetteer)
            created[entity.entity_id] = entity
            taken.add(entity.entity_id)
            entity_id = entity.entity_id
        for m in group:
            m.entity_id = entity_id
    return created


def _join_lone_surnames(articles, groups: UnionFind, node_of: dict[int, str], gazetteer: Gazetteer) -> None:
    people: dict[str, set[str]] = defaultdict(set)  # surname -> nodes of full names
    lone: list[tuple[str, str]] = []
    for mentions in articles.values():
        for m in mentions:
            entity = gazetteer.entities.get(m.entity_id) if m.entity_id else None
            if entity is not None and entity.entity_type == "person":
                last = surname(person_key(entity.name))
                if last:
                    node = f"entity:{entity.entity_id}"
                    groups.mark_known(node, entity.entity_id)
                    people[last].add(node)
            elif m.entity_id is None and m.entity_type in ("person", None):
                key = person_key(m.name)
                if len(key) == 1:
                    lone.append((key[0], node_of[id(m)]))
                elif m.entity_type == "person" and surname(key):
                    people[surname(key)].add(node_of[id(m)])
    for last, node in lone:
        full = {groups.find(n) for n in people.get(last, ())}
        if len(full) == 1:
            groups.union(next(iter(full)), node)


def _canonical_name(group: list[Mention]) -> str:
    counts = Counter(m.name for m in group if m.method == "discovered") or Counter(m.name for m in group)
    return min(counts, key=lambda n: (-len(person_key(n)), -counts[n], n))


def _new_entity(group: list[Mention], taken: set[str], gazetteer: Gazetteer) -> Entity:
    name = _canonical_name(group)
    types = Counter(m.entity_type for m in group if m.entity_type)
    entity_type = min(types, key=lambda t: (-types[t], TYPE_ORDER.index(t))) if types else None
    cues = sorted({cue for m in group if m.cue for cue in m.cue.split(", ")})
    if entity_type is None and "acronym" in cues:
        entity_type = "organization"  # a name given an acronym of its own is an institution's, untyped or not
    codes = Counter(m.country_code for m in group if m.country_code)
    country = min(codes, key=lambda c: (-codes[c], c)) if codes else None
    entity_id = base = slugify(name) or "entity"
    suffix = 2
    while entity_id in taken:
        entity_id, suffix = f"{base}-{suffix}", suffix + 1
    # A place GeoNames knows in that country gets its coordinates.
    city = next((c for c in gazetteer.world.get(name_key(name), ()) if c.country_code == country), None)
    located = city is not None and entity_type == "place"
    return Entity(
        entity_id=entity_id,
        name=name,
        entity_type=entity_type,
        country_code=country,
        latitude=city.latitude if located else None,
        longitude=city.longitude if located else None,
        source="found in the text ("
        + ", ".join(cues)
        + ")"
        + (f"; coordinates: geonames:{city.geonameid}" if located else ""),
        in_reference=False,
    )


def add_corpus_names(
    articles: dict[str, list[Mention]],
    bodies: dict[str, str],
    tokens: dict[str, list[Token]],
    entities: dict[str, Entity],
) -> None:
    """Find every discovered name in every article, not only where a cue first marked it."""
    index = corpus_name_index(articles.values())
    if index is None:
        return
    for article_id, mentions in articles.items():
        add_names(mentions, bodies[article_id], tokens[article_id], index, entities)


def corpus_name_index(articles: Iterable[list[Mention]]) -> dict | None:
    """The discovered names of the whole corpus (resolved to their entities), as an index to match."""
    aliases = []
    for mentions in articles:
        for m in mentions:
            if m.method in ("discovered", "text_alias") and m.name and m.owner is None:  # whose: only the text says
                key = name_key(m.name)
                if len(key) >= 2 or (len(letters(m.name)) >= 3 and letters(m.name).isupper()):
                    aliases.append(Alias(key, m.name, m.entity_id, "discovered"))
    return Gazetteer({}, aliases, {}).names if aliases else None


def add_names(
    mentions: list[Mention], body: str, tokens: list[Token], index: dict | None, entities: dict[str, Entity]
) -> None:
    """One article's mentions of the corpus's discovered names (see :func:`corpus_name_index`)."""
    if index is None:
        return
    for alias, start, end in match(body, tokens, index):
        name = Mention(start, end, alias.entity_id, "discovered")
        covering = [m for m in mentions if m.method != "description" and overlaps(m, name)]
        if all(yields_to(m, name, entities) for m in covering):
            mentions[:] = [m for m in mentions if m not in covering]
            mentions.append(name)
    mentions.sort(key=lambda m: (m.start, m.end))


def add_short_forms(body: str, tokens: list[Token], mentions: list[Mention], entities: dict[str, Entity]) -> None:
    """Mentions of a person by surname alone, after the article has named them in full."""
    first_seen: dict[str, int] = {}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        entity = entities.get(m.entity_id)
        if entity is None or entity.entity_type != "person" or m.method == "description":
            continue
        for key in {person_key(entity.name), person_key(body[m.start : m.end])}:
            last = surname(key)
            if last:
                by_surname[last].add(entity.entity_id)
                first_seen[entity.entity_id] = min(first_seen.get(entity.entity_id, m.start), m.start)
    covered = [(m.start, m.end) for m in mentions]
    for i, token in enumerate(tokens):
        people = by_surname.get(token.key)
        if not people or len(people) > 1 or not token.is_capitalized:
            continue
        (entity_id,) = people
        start = token.start
        if i and tokens[i - 1].key in PARTICLES and joins_a_name(body, tokens[i - 1], token):
            start = tokens[i - 1].start
        if start < first_seen[entity_id] or any(s < token.end and start < e for s, e in covered):
            continue
        mentions.append(Mention(start, token.end, entity_id, "short_form"))
        covered.append((start, token.end))
    mentions.sort(key=lambda m: (m.start, m.end))
