"""``events.description``: one English sentence built from the event's type, mode and the names of its
participants and place ("The United States carried out an air strike on Kataib Hezbollah in Baghdad"), never
from ids. Only names the package holds are used: a participant or place it does not name is left out, and
an unnamed place gives way to the nearest named place that contains it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

#: Heads of names that are written with "the" in running text: "the United States", "the Gaza Strip",
#: "the Popular Mobilization Forces", "the Islamic Resistance in Iraq".
THE_HEADS = frozenset(
    """states kingdom emirates republic netherlands philippines strip bank sea gulf ocean corps forces army
    navy guard guards ministry council movement front brigades brigade committee organization organisation
    party union nations department agency office court government coalition alliance authority
    administration resistance group state militia agency commission""".split()
)

#: What an actor did, by event type: (one event, a series), each a verb phrase taking the target.
VERBS: dict[str, tuple[str, str]] = {
    "agree": ("reached an agreement with {t}", "reached agreements with {t}"),
    "consult": ("held talks with {t}", "held talks with {t}"),
    "support": ("expressed support for {t}", "repeatedly expressed support for {t}"),
    "concede": ("made a concession to {t}", "made concessions to {t}"),
    "cooperate": ("cooperated with {t}", "cooperated with {t}"),
    "aid": ("gave aid to {t}", "gave aid to {t}"),
    "retreat": ("withdrew from {t}", "withdrew from {t}"),
    "request": ("made a demand of {t}", "made demands of {t}"),
    "accuse": ("accused {t}", "repeatedly accused {t}"),
    "reject": ("rejected a demand or claim of {t}", "rejected demands or claims of {t}"),
    "threaten": ("threatened {t}", "repeatedly threatened {t}"),
    "protest": ("protested against {t}", "held protests against {t}"),
    "sanction": ("imposed sanctions on {t}", "imposed sanctions on {t}"),
    "mobilize": ("mobilized forces against {t}", "mobilized forces against {t}"),
    "coerce": ("took coercive action against {t}", "took coercive actions against {t}"),
}
#: The same without a target.
INTRANSITIVE: dict[str, tuple[str, str]] = {
    "agree": ("reached an agreement", "reached agreements"),
    "consult": ("held talks", "held talks"),
    "support": ("expressed support", "expressed support"),
    "concede": ("made a concession", "made concessions"),
    "cooperate": ("cooperated", "cooperated"),
    "aid": ("gave aid", "gave aid"),
    "retreat": ("withdrew", "withdrew"),
    "request": ("made a demand", "made demands"),
    "accuse": ("made an accusation", "made accusations"),
    "reject": ("rejected a demand or claim", "rejected demands or claims"),
    "threaten": ("issued a threat", "issued threats"),
    "protest": ("held a protest", "held protests"),
    "sanction": ("imposed sanctions", "imposed sanctions"),
    "mobilize": ("mobilized forces", "mobilized forces"),
    "coerce": ("took coercive action", "took coercive actions"),
}
#: Nouns for an event with no actor named: "An accusation against Iran", "Protests in Tehran".
NOUNS: dict[str, tuple[str, str]] = {
    "agree": ("an agreement", "agreements"),
    "consult": ("talks", "talks"),
    "support": ("support", "support"),
    "concede": ("a concession", "concessions"),
    "cooperate": ("cooperation", "cooperation"),
    "aid": ("aid", "aid"),
    "retreat": ("a withdrawal", "withdrawals"),
    "request": ("a demand", "demands"),
    "accuse": ("an accusation", "accusations"),
    "reject": ("a rejection", "rejections"),
    "threaten": ("a threat", "threats"),
    "protest": ("a protest", "protests"),
    "sanction": ("sanctions", "sanctions"),
    "mobilize": ("a mobilization", "mobilizations"),
    "coerce": ("coercive action", "coercive actions"),
}
#: Attacks by mode: (one, a series) as nouns.
ATTACKS: dict[str, tuple[str, str]] = {
    "": ("an attack", "a series of attacks"),
    "aerial": ("an air strike", "a series of air strikes"),
    "drone": ("a drone strike", "a series of drone strikes"),
    "heavy-weapons": ("a rocket or missile attack", "a series of rocket or missile attacks"),
    "explosives": ("a bombing", "a series of bombings"),
    "suicide-attack": ("a suicide attack", "a series of suicide attacks"),
    "targeted": ("a targeted killing", "a series of targeted killings"),
    "firearms": ("an armed attack", "a series of armed attacks"),
    "demonstrate": ("a protest", "a series of protests"),
}


#: Heads of place names one is "at", not "in": "at Erbil Air Base", "at the Tower 22 outpost".
AT_HEADS = frozenset(
    """base airbase airport port harbour harbor hospital camp station embassy consulate compound school
    university mosque shrine church cemetery field building hall centre center bridge checkpoint outpost
    facility plant refinery headquarters office palace prison market""".split()
)


def preposition(place_name: str) -> str:
    """``in`` a town, region or country; ``at`` a building, base or site."""
    return "at" if place_name.split(" (")[0].split()[-1].lower() in AT_HEADS else "in"


#: Modes whose attack lands "on" its target (an air strike on a depot); the others are "against" it.
AIMED_AT = frozenset({"aerial", "drone", "heavy-weapons"})


def with_article(name: str, entity_type: str | None) -> str:
    """``name`` as written in running text: "the United States", "Hamas", "Nasser Kanani"."""
    if entity_type == "person" or name.lower().startswith("the "):
        return name
    words = name.split(" (")[0].split()
    if len(words) < 2:
        return name
    for joint in ("in", "of", "for", "and"):  # the head comes before "in Iraq", "of Iran"
        if joint in words[1:]:
            words = words[: words.index(joint, 1)]
            break
    return f"the {name}" if words[-1].lower() in THE_HEADS else name


def named_place(location: str | None, names: Mapping[str, str], part_of: Mapping[str, tuple[str, ...]]) -> str | None:
    """The event's place if the package names it, else the nearest named place that contains it."""
    seen: set[str] = set()
    todo = [location] if location else []
    while todo:
        place = todo.pop(0)
        if place in names:
            return place
        seen.add(place)
        todo += [p for p in part_of.get(place, ()) if p not in seen]
    return None


def describe(
    event_type: str,
    mode: str | None,
    *,
    series: bool,
    war: bool,
    expected: bool,
    actor: str | None,
    target: str | None,
    place: str | None,
    name: Callable[[str], str],
    person: Callable[[str], bool],
) -> str:
    """One sentence; ``actor``, ``target`` and ``place`` are ids the package names, ``name`` writes one
    and ``person`` says whether one is a person."""
    a, t, p = (name(i) if i else None for i in (actor, target, place))
    where = f" {preposition(p)} {p}" if p and place != target else ""  # not "on Iran in Iran"
    if war:
        sides = " and ".join(x for x in (a, t) if x)
        text = f"war between {sides}{where}" if a and t else f"war{' involving ' + sides if sides else ''}{where}"
    elif event_type == "assault" or (event_type == "protest" and mode == "demonstrate" and not a):
        noun = ATTACKS.get(mode or "", ATTACKS[""])[series]
        on = f" {'on' if mode in AIMED_AT else 'against'} {t}" if t else ""
        if event_type == "assault" and mode == "targeted" and a and t and person(target) and not series:
            text = f"{a} killed {t}{where}"
        elif a:
            text = f"{a} carried out {noun}{on}{where}"
        else:
            text = f"{noun}{on}{where}"
    elif a:
        verb = VERBS[event_type][series].format(t=t) if t else INTRANSITIVE[event_type][series]
        text = f"{a} {verb}{where}"
    else:
        noun = NOUNS[event_type][series]
        text = f"{noun}{' against ' + t if t else ''}{where}"
    if expected:
        text += " (expected)"
    return text[0].upper() + text[1:]
