"""An event's actor and target from the dependency parse of its sentence.

The parse (:func:`newsevents.nlp.parse`) says which words are the trigger's subject, object and prepositional
phrases; each such word is then mapped to the entity mention of its noun phrase. The rules:

* a verb trigger: the actor is its subject (``X attacked``), or in the passive the object of ``by``
  (``was attacked by X``); the target its object, the subject of a passive (``X was attacked``), or the object
  of ``on``/``against``/``at`` (``opened fire on X``). A second verb without a subject of its own (``X shelled
  the town and attacked ...``) and, for an assault, an infinitive (``X continued to strike``) take the subject of
  the verb they hang on; a relative clause (``the group that attacked``) the noun it describes. A participle
  (``..., killing four``) takes none (extraction merges it with the event it follows).
* a noun trigger: the actor is its possessor (``X's attack``), a name modifying it (``a Russian strike``),
  ``by X``, or the subject of the verb whose object it is (``X launched an attack``); a noun for the people who
  protest is its own actor (``Norlandian protesters marched``: their words); the target
  ``on``/``against``/``at X`` or, for an assault, ``of X`` (``the bombing of the embassy``); the subject of a verb
  of undergoing is the target (``X came under attack``), and so is the object of a verb of hitting whose
  subject the trigger is (``the strike hit X``), and the dead of a passive ``killed`` (or of ``died``) whose
  ``in``/``during``/``by`` phrase the trigger is (``four tourists were killed in the attack``).
* a weapon is no side even where a name covers it (``detonated an explosive device at X``: X), and people
  named by their nationality (``three Norlandians were killed``) are not their state.
* ``X claimed responsibility for the attack`` and ``X was behind the attack`` give the actor, and so does ``Y
  accused X of carrying out the attack`` (the accused, as the report tells it).

Each role also has its words (``actor_text``, ``target_text``): where an entity is found, the noun phrase the
role word heads if the name is only a word inside it (``Norlandian troops``, ``the Red Brigade's fighters``),
else the mention's text; where none is, the noun phrase the role word heads as the sentence writes it
(``gunmen``, ``passenger bus``,
``protesters``): the head with the compounds, adjectives, possessor and hyphenated words next to it, without
a determiner or number (``two clinics``: ``clinics``). A pronoun gives no words (a relative pronoun is the
noun it stands for), nor does a weapon (``fired tear gas at X``: X; ``a drone struck X``: no actor's words),
a time (``on Sunday``), a bare quantity (``several were killed``) or what is said rather than to whom
(``vowed revenge``). Among several role words the first that names an entity wins, else the first that has a
phrase.

Never the actor: a name inside a modifier of another noun (``the memorial for X``, ``the funeral of X``: only
the noun phrase's head, its compounds, adjectives and possessor are mapped), the source of a report (``X
said``, ``according to X``: the clause a verb of speech reports never takes its subject), a victim (the subject
of a passive or of a verb of undergoing is a target, never an actor).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from newsevents.nlp import Sentence as Parse


class Mention(Protocol):
    """An entity mention of the article (``sentence.EntityMention``): offsets, entity and how it was found."""

    start: int
    end: int
    entity_id: str
    entity_type: str | None
    method: str


class Roles(NamedTuple):
    actor: Mention | None
    target: Mention | None
    actor_text: str | None = None  # the actor's mention text, else its noun phrase as written
    target_text: str | None = None


# The words of a noun phrase that are still the phrase: a name among them names the phrase's referent.
NOUN_PHRASE = frozenset("compound amod poss nmod flat det nummod case quantmod punct npadvmod".split())
# A noun (its lemma) for people that takes its group after "of" or "from" (``fighters of X``, ``militants from X``).
GROUP_HEADS = frozenset(
    "fighter militant member force troop soldier gunman rebel insurgent militiaman unit operative jet aircraft "
    "warplane army".split()
)
# Nouns (lemmas) for what a state acts with or owns: a demonym before them names the state (``Norlandian
# troops``, ``a Norlandian air base``); before other nouns its people (``Norlandian protesters``).
STATE_AGENTS = frozenset(
    "force troop army military soldier police policeman officer jet warplane aircraft plane helicopter drone "
    "missile rocket artillery tank navy ship warship vessel government regime authority official ministry "
    "security guard unit strike airstrike raid shelling bombardment fire base airbase embassy consulate "
    "facility factory installation site position outpost headquarters compound convoy personnel".split()
)
# Nouns (lemmas) of a weapon or means: the object of ``fired`` or the subject of ``struck`` is what was used,
# neither the target nor the actor.
WEAPONS = frozenset(
    "gas teargas bullet shot round rocket missile shell bomb grenade drone projectile mortar fire cannon munition "
    "salvo barrage volley artillery weapon gun rifle explosive device strike airstrike explosion blast attack "
    "shelling bombardment raid".split()
)
# Words of a time: a preposition's object that is one (``on Sunday``) is when, never a side.
TIMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december morning afternoon evening night day week month year today yesterday "
    "tonight weekend dawn dusk midnight noon hour minute time".split()
)
# Heads of a phrase that names no one: a time (``on Sunday``), a bare quantity (``several were killed``), what
# is said or done rather than to whom (``vowed revenge``, ``denied responsibility``, ``condemned the incident``).
NOT_A_SIDE = TIMES | frozenset(
    "several many some few dozen dozens hundreds thousands others other all both most none incident violence "
    "revenge retaliation tragedy confrontation responsibility claim evidence power downing killing act "
    "situation".split()
)
# Bare nouns for people that name no one in particular (``killed 12 people``): no role's words on their own
# (``Hindu people`` are someone).
ANYONE = frozenset("people person persons individual individuals".split())
# Adjectives that count rather than describe (``20 other people``, ``two more soldiers``): not a phrase's words.
MORE = frozenset("other more additional further".split())
# Words a role phrase is written with: the head's compounds, adjectives, possessor and hyphenated words.
TEXT_DEPS = frozenset("compound amod nmod flat poss case punct npadvmod nummod".split())
# Parts of speech that head a role phrase (a pronoun gives none).
PHRASE_HEADS = frozenset(("NOUN", "PROPN"))
# Participles that name the owner of what they follow (``facilities used by X``).
OWNING = frozenset("use operate run own control belong affiliate link hold occupy".split())
# Nouns of a place that take its name after "of" (``the city of X``).
PLACE_HEADS = frozenset("city town village province region district capital area state".split())
TARGET_PREPOSITIONS = frozenset("on against at upon".split())
SPEECH = frozenset("say tell accord report state add claim announce confirm allege insist warn write".split())
# Verbs whose subject suffers what the trigger noun names (``X came under attack``, ``X suffered strikes``).
UNDERGO = frozenset("face suffer endure undergo come survive".split())
# Verbs whose object the trigger noun, their subject, hits (``the strike hit X``).
HIT = frozenset("hit target strike destroy damage level flatten ravage pound rock".split())
RELATIVE_PRONOUNS = frozenset("that which who whom".split())
# Nouns for the people who protest: a protest told by one (``thousands of protesters marched``) is theirs.
MARCHERS = frozenset("protester protestor demonstrator marcher rioter".split())
# Verbs that charge their object with what the gerund after ``of``/``for`` tells (``accused X of carrying out``).
CHARGING = frozenset("accuse suspect charge blame convict".split())
# Verbs of a charge going off: their ``at X`` is where (``detonated a bomb at the market``), not a target.
GO_OFF = frozenset("detonate explode blow set".split())
# Verbs whose passive subject (or, for ``die``, subject) was killed in the event a trigger noun after ``in``,
# ``during`` or ``by`` names (``four tourists were killed in the attack``): its target. Only the dead: a report
# that also tells who was hurt (``others were injured in the attack``) names the dead as the ones hit.
HARMED = frozenset("kill die".split())
# Verbs whose object, a trigger noun, is what their subject did (``X launched an attack``, ``carried out
# strikes``); any other verb's subject (``X condemned the attack``, ``X reported explosions``) did not do it.
LIGHT = frozenset(
    "launch carry conduct stage mount execute make deliver impose step resume intensify continue orchestrate "
    "unleash fire retaliate respond hit perpetrate commit wage open begin start issue order escalate claim".split()
)
# Words that make the name after them a region (``western Norland``): where, not who.
DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern".split()
)
# A name that backs, funds or arms the phrase's referent is not the referent (``Iran-backed militants``), nor
# is a ship's flag state the ship (``a Liberia-flagged tanker``).
BACKED = re.compile(
    r"[\"”]?[-\s](?:backed|aligned|allied|linked|funded|supported|sponsored|flagged|registered)\b", re.I
)


def weapon_name(name: str) -> bool:
    """Whether a name (or an entity id made from one) ends with a weapon's noun (``Improvised Explosive Device``,
    ``improvised-explosive-device``): a weapon, not a side, wherever it is named (its acronym too)."""
    last = re.split(r"[\s-]+", name.strip().lower())[-1]
    return last in WEAPONS or last.removesuffix("s") in WEAPONS


def trigger_token(parse: Parse, start: int, end: int) -> int | None:
    """The token heading the trigger's words (``strike`` in ``air strike``), if the parse has them."""
    inside = [j for j, t in enumerate(parse.tokens) if start <= t.start < end]
    heads = [j for j in inside if parse.tokens[j].head not in inside or parse.tokens[j].head == j]
    return (heads or inside or [None])[-1]


def roles(body: str, parse: Parse, start: int, end: int, mentions: Sequence[Mention], assault: bool = False) -> Roles:
    """The actor and target of the event whose trigger spans ``start:end`` of ``body``, in its parsed sentence;
    ``assault`` reads ``of X`` after a noun trigger as its target (``the bombing of X``)."""
    i = trigger_token(parse, start, end)
    if i is None:
        return Roles(None, None)
    reader = _Reader(body, parse, [m for m in mentions if not BACKED.match(body, m.end)])
    if parse.tokens[i].tag.startswith("VB"):
        return reader.verb(i, assault)
    return reader.noun(i, start, assault)


class _Reader:
    def __init__(self, body: str, parse: Parse, mentions: Sequence[Mention]) -> None:
        self.body, self.parse, self.toks, self.mentions = body, parse, parse.tokens, mentions
        self.words: dict[str, list[int]] = {"actor": [], "target": []}  # each role's words, in the order read
        self.kids: list[list[int]] = [[] for _ in parse.tokens]  # each token's dependents, in text order
        for j, t in enumerate(parse.tokens):
            if t.head != j:
                self.kids[t.head].append(j)

    def child(self, i: int, *deps: str) -> int | None:
        return next((k for k in self.kids[i] if self.toks[k].dep in deps), None)

    def pobj(self, i: int, lemmas: frozenset[str] | set[str]) -> int | None:
        """The object of the first ``prep`` of token ``i`` that is one of ``lemmas`` and is not a time (``on
        Tuesday, police shot at X``: X)."""
        for k in self.kids[i]:
            t = self.toks[k]
            if t.dep in ("prep", "agent") and t.lemma.lower() in lemmas:
                obj = self.child(k, "pobj")
                if obj is not None and self.toks[obj].lemma.lower() not in TIMES:
                    return obj
        return None

    def take(self, role: str, i: int | None) -> Mention | None:
        """:meth:`mention`, with token ``i`` kept as one of ``role``'s words."""
        if i is not None:
            self.words[role].append(i)
        return self.mention(i)

    def text(self, role: str, found: Mention | None) -> str | None:
        """The role's words: the noun phrase of the role word that names ``found`` where the name is only a word
        inside that phrase (``Norlandian troops``, ``the Red Brigade's fighters``), through the name for a place
        named after ``of`` (``village of X``), the mention's text where it is the phrase itself or lies outside
        it (``fighters of X``); where no entity is found, the
        phrase of the first role word that names no entity and has one (not a weapon)."""
        if found is not None:
            for i in self.words[role]:
                if self.mention(i) is not found or self.toks[i].lemma.lower() in WEAPONS | NOT_A_SIDE:
                    continue
                phrase = self.phrase_span(i)
                head = self.toks[i]
                if phrase and not (found.start <= head.start < found.end) and phrase[0] <= found.start < phrase[1]:
                    return self.body[phrase[0] : phrase[1]]
                if phrase and head.lemma.lower() in PLACE_HEADS and phrase[1] <= found.start:
                    return self.body[phrase[0] : found.end]  # "the village of X": as written
                break
            return self.body[found.start : found.end]
        for i in self.words[role]:
            if (self.mention(i) is None or self.people(i)) and self.toks[i].lemma.lower() not in WEAPONS | NOT_A_SIDE:
                phrase = self.phrase_text(i)
                if phrase and not (phrase.lower() in ANYONE and self.toks[i].lemma.lower() in ANYONE):
                    return phrase
        return None

    def phrase_text(self, i: int) -> str | None:
        """The noun phrase headed by token ``i`` as written: the head and the words next to it that are its
        compounds, adjectives, possessor or hyphenated parts (recursively); no determiner, pronoun or number of
        the head's own (``two clinics``: ``clinics``; ``a 25-year-old man`` keeps its age)."""
        span = self.phrase_span(i)
        return self.body[span[0] : span[1]] if span else None

    def phrase_span(self, i: int) -> tuple[int, int] | None:
        """The character offsets of :meth:`phrase_text`."""
        t = self.toks[i]
        if t.lemma.lower() in RELATIVE_PRONOUNS and t.tag in ("WDT", "WP") and self.toks[t.head].dep == "relcl":
            return self.phrase_span(self.toks[t.head].head)
        if t.pos not in PHRASE_HEADS:
            return None
        members, stack = {i}, [i]
        while stack:
            k = stack.pop()
            for c in self.kids[k]:
                word = self.toks[c]
                number = k == i and (word.tag == "CD" or word.dep == "nummod")  # "two clinics"; "a 25-year-old man"
                number = number or (k == i and word.lemma.lower() in MORE)  # "20 other people"
                if word.dep in TEXT_DEPS and word.tag not in ("PRP$", "WP$", "DT", "PDT") and not number:
                    members.add(c)
                    stack.append(c)
        lo = hi = i
        while lo - 1 in members:
            lo -= 1
        while hi + 1 in members:
            hi += 1
        while lo < i and self.toks[lo].pos == "PUNCT":
            lo += 1
        while hi > i and self.toks[hi].pos == "PUNCT":
            hi -= 1
        return self.toks[lo].start, self.toks[hi].end

    def mention(self, i: int | None) -> Mention | None:
        """The entity the noun phrase headed by token ``i`` names: the mention over its head, else the most
        specific one among its compounds, adjectives and possessor; never one inside a phrase that modifies it
        (``the memorial for X``). A relative pronoun is the noun it stands for."""
        if i is None:
            return None
        t = self.toks[i]
        if t.lemma.lower() in RELATIVE_PRONOUNS and t.tag in ("WDT", "WP") and self.toks[t.head].dep == "relcl":
            return self.mention(self.toks[t.head].head)
        own = self._over(t.start, t.end)
        if own and weapon_name(own[0].entity_id):
            return None  # "detonated the IED": a weapon a name covers is no side
        if own:
            return own[0]
        if t.lemma.lower() in PLACE_HEADS:  # "the Russian city of X", "the border town of X": X
            named = self.mention(self.pobj(i, {"of"}))
            if named is not None:
                return named
        phrase = self._phrase(i)
        found = [m for k in phrase if k != i for m in self._over(self.toks[k].start, self.toks[k].end)]
        if not found and t.lemma.lower() in GROUP_HEADS:
            found = [m for m in [self.mention(self.pobj(i, {"of", "from"}))] if m is not None]
        if not found:  # "facilities used by X", "a depot belonging to X": X's
            owned = [k for k in self.kids[i] if self.toks[k].dep == "acl" and self.toks[k].lemma.lower() in OWNING]
            owner = self.mention(self.pobj(owned[0], {"by", "to", "with"})) if owned else None
            found = [owner] if owner is not None else []
        if all(m.method == "demonym" for m in found):
            named = self.mention(self.child(i, "appos"))  # "the Lebanese group Hezbollah", "an official, X,"
            if named is not None:
                return named
            if t.lemma.lower() not in STATE_AGENTS:
                return None  # "Norlandian protesters", "Norlandian media": people of the country, not its state
        return most_specific(found) if found else None

    def _region(self, m: Mention) -> bool:
        """Whether a direction word comes right before the mention (``western Norland``): a region of it."""
        before = [t for t in self.toks if t.end <= m.start]
        return bool(before) and before[-1].lemma.lower() in DIRECTIONS

    def _over(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start < end and start < m.end]

    def _phrase(self, i: int) -> list[int]:
        phrase, stack = [i], [i]
        while stack:
            k = stack.pop()
            for c in self.kids[k]:
                if self.toks[c].dep in NOUN_PHRASE:
                    phrase.append(c)
                    stack.append(c)
        return phrase

    def victims(self, v: int) -> Mention | None:
        """The dead a verb of killing tells (kept as target words): the subject of a passive ``killed`` or of
        ``died``, also where the phrase hangs on a verb coordinated with it (``four were killed and six injured
        in the attack``). People named by their nationality (``three Norlandians``) are not their state: their
        words count, not the entity."""
        t = self.toks[v]
        if t.lemma.lower() not in HARMED and t.dep == "acl" and self.toks[t.head].dep == "conj":
            t = self.toks[t.head]  # the parse may read "... and six injured" as "six" described by "injured"
        if t.lemma.lower() not in HARMED and t.dep == "conj" and self.toks[t.head].lemma.lower() in HARMED:
            v = t.head
        if self.toks[v].lemma.lower() not in HARMED or not (self.passive(v) or self.toks[v].lemma.lower() == "die"):
            return None
        subject = self.child(v, "nsubjpass", "nsubj")
        if subject is None:
            return None
        if self.people(subject):
            self.words["target"].append(subject)  # "78 Norlandians were killed": people, not the state
            return None
        return self.take("target", subject)

    def people(self, i: int) -> bool:
        """Whether token ``i`` is itself a nationality's name for people (``Norlandians``), not a name."""
        found = self.mention(i)
        return found is not None and found.method == "demonym" and found.start <= self.toks[i].start < found.end

    def weapon(self, i: int) -> bool:
        """Whether token ``i`` heads a weapon or means (``an improvised explosive device``), named or not."""
        return self.toks[i].lemma.lower() in WEAPONS

    def passive(self, v: int) -> bool:
        if self.child(v, "nsubjpass", "auxpass") is not None:
            return True
        return self.toks[v].dep == "acl" and self.toks[v].tag == "VBN"  # "the base targeted by X"

    def subject(self, v: int, role: str, assault: bool = True) -> Mention | None:
        """The actor of an active verb (kept as one of ``role``'s words): see :meth:`subject_token`."""
        return self.take(role, self.subject_token(v, 0, assault))

    def subject_token(self, v: int, depth: int = 0, assault: bool = True) -> int | None:
        """The word that is the actor of an active verb: its subject, or that of the verb it hangs on (for a
        statement, only a verb it is coordinated with: ``X condemned ..., urging ...`` tells one statement,
        not two)."""
        subj = self.child(v, "nsubj")
        if subj is not None:
            return subj
        t = self.toks[v]
        if depth > 3 or t.head == v:
            return None
        head = self.toks[t.head]
        if t.dep == "relcl":
            return None if t.tag == "VBN" else t.head
        if t.dep == "pcomp" and head.lemma.lower() in ("of", "for") and head.head != t.head:
            charge = self.toks[head.head]  # "accused X of carrying out the attack": X is said to have done it
            return self.child(head.head, "dobj") if charge.lemma.lower() in CHARGING else None
        if (t.dep == "conj" or (assault and t.dep == "xcomp")) and head.tag.startswith("VB"):
            if t.dep != "conj" and head.lemma.lower() in SPEECH:
                return None  # "X said, ...": the source of a report did not do what it reports
            if self.passive(t.head):
                return None  # "X was hit, killing ...": the passive's subject suffered
            return self.subject_token(t.head, depth + 1, assault)
        return None

    def verb(self, v: int, assault: bool) -> Roles:
        if self.passive(v):
            actor = self.take("actor", self.pobj(v, {"by"}))
            targets = [self.take("target", self.child(v, "nsubjpass"))]
            if self.toks[v].dep == "acl":
                targets.append(self.take("target", self.toks[v].head))
        else:
            actor = self.subject(v, "actor", assault=assault)
            thing = self.child(v, "dobj")  # "detonated an explosive device at X": the device is the means
            targets = [self.take("target", None if thing is not None and self.weapon(thing) else thing)]
        # "detonated a bomb at X": where it went off, not whom it hit
        on = TARGET_PREPOSITIONS - {"at"} if self.toks[v].lemma.lower() in GO_OFF else TARGET_PREPOSITIONS
        targets.append(self.take("target", self.pobj(v, on)))
        target = _other(_whom(targets), actor)
        return Roles(actor, target, self.text("actor", actor), self.text("target", target))

    def noun(self, n: int, start: int, assault: bool) -> Roles:
        t = self.toks[n]
        actor = self.take("actor", self.child(n, "poss")) or self.take("actor", self.pobj(n, {"by"}))
        if actor is None and not assault:  # "condemnation from X"
            actor = self.take("actor", self.pobj(n, {"from"}))
        if actor is None:  # "attacks claimed by X", "the attack carried out by X"
            done = [k for k in self.kids[n] if self.toks[k].dep == "acl" and self.toks[k].lemma.lower() in LIGHT]
            actor = self.take("actor", self.pobj(done[0], {"by"})) if done else None
        marchers = actor is None and t.lemma.lower() in MARCHERS  # "Norlandian protesters marched": they are who
        if marchers:
            actor = self.take("actor", n)
        if actor is None and not marchers:  # "a Russian strike", "the U.S. air strike"; not "the Hezbollah pager ..."
            modifiers = [k for k in self.kids[n] if self.toks[k].dep in ("compound", "amod", "nmod") and k < n]
            found = [m for k in modifiers for m in self._over(self.toks[k].start, self.toks[k].end)]
            found = [m for m in found if not any(x.pos == "NOUN" for x in self.toks if m.end <= x.start < start)]
            found = [m for m in found if not self._region(m)]
            actor = most_specific(found) if found else None
        targets = [self.take("target", self.pobj(n, TARGET_PREPOSITIONS))]
        if assault:
            targets.append(self.take("target", self.pobj(n, {"of"})))
        head, lemma = t.head, self.toks[t.head].lemma.lower()
        if t.dep == "dobj" and self.toks[head].tag.startswith("VB"):  # "X launched an attack on Y"
            if lemma in UNDERGO:
                targets.append(self.subject(head, "target"))
            elif not self.passive(head) and lemma in LIGHT:
                actor = actor or self.subject(head, "actor")
            targets.append(self.take("target", self.pobj(head, TARGET_PREPOSITIONS)))
        elif t.dep == "nsubjpass":  # "an attack was carried out by X"
            actor = actor or self.take("actor", self.pobj(head, {"by"}))
        elif t.dep == "nsubj" and lemma in HIT:  # "the strike hit X"
            targets.append(self.take("target", self.child(head, "dobj")))
        elif t.dep == "pobj":
            prep = self.toks[head]
            above = prep.head
            word = self.toks[above].lemma.lower()
            if prep.lemma.lower() == "for" and word == "responsibility":  # "X claimed responsibility for"
                claim = self.toks[above].head
                negated = self.child(claim, "neg") is not None  # "X has not claimed responsibility"
                if self.toks[claim].lemma.lower() in ("claim", "take", "accept", "bear") and not negated:
                    actor = actor or self.subject(claim, "actor")
            elif prep.lemma.lower() == "behind" and word == "be":  # "X was behind the attack"
                actor = actor or self.subject(above, "actor")
            elif prep.lemma.lower() == "with" and self.toks[above].tag.startswith("VB"):
                if not self.passive(above) and word not in UNDERGO:  # "X retaliated with strikes"
                    actor = actor or self.subject(above, "actor")
            elif prep.lemma.lower() == "under" and word in UNDERGO:  # "X came under attack"
                targets.append(self.subject(above, "target"))
            elif prep.lemma.lower() in ("in", "during", "by") and self.toks[above].tag.startswith("VB"):
                targets.append(self.victims(above))  # "X were killed in the attack"
        target = _other(_whom(targets), actor)
        return Roles(actor, target, self.text("actor", actor), self.text("target", target))


def _whom(targets: list[Mention | None]) -> Mention | None:
    """The first target found that is not a place (``attacks on X at the Y base``: X), else the first place."""
    found = [m for m in targets if m is not None]
    return next((m for m in found if m.entity_type != "place"), found[0] if found else None)


def _other(target: Mention | None, actor: Mention | None) -> Mention | None:
    """No entity is both sides of one event (one name read twice)."""
    return None if target is not None and actor is not None and target.entity_id == actor.entity_id else target


RANK = {"person": 0, "armed_group": 1, "organization": 2, "state": 3, "place": 4}


def most_specific(mentions: Sequence[Mention]) -> Mention:
    """A name before a demonym, then a person before a group, a group before a state, a state before a place."""
    return min(mentions, key=lambda m: (m.method == "demonym", RANK.get(m.entity_type or "", 5), -m.start))
