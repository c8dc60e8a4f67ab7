"""The event lexicon (``build/reference/events.toml``) and the words it is matched against."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from newsevents import REFERENCE_DIR
from newsevents.events.claims import UNITS

EVENTS_TOML = "events.toml"
WORD = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+(?:['’][^\W_]+)*|[^\w\s]")
POSSESSIVE = re.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str
    low: str  # lower case, straight apostrophe, no possessive: how the lexicon is compared
    is_punct: bool


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    return [
        Word(m.start(), m.end(), w, POSSESSIVE.sub("", w.replace("’", "'")).lower(), not w[0].isalnum())
        for m in WORD.finditer(text, start, len(text) if end is None else end)
        for w in (m.group(),)
    ]


def phrase(text: str) -> tuple[str, ...]:
    return tuple(w.low for w in words(text))


@dataclass(frozen=True)
class Trigger:
    tokens: tuple[str, ...]
    event_type: str
    mode: str | None
    kind: str  # "event", "war" or "entry"
    pos: str  # "noun" or "verb"
    weak: bool  # reports an event only as an anaphor or with participants

    @property
    def plural(self) -> bool:
        last = self.tokens[-1]
        return self.pos == "noun" and last.endswith("s") and not last.endswith(("ss", "us", "sis"))


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, list[Trigger]]  # first token -> forms, longest first
    modes: dict[str, list[tuple[tuple[str, ...], str]]]
    acled: dict[str, str]
    hostile: frozenset[str]
    cues: dict[str, frozenset[tuple[str, ...]]]

    def cue(self, name: str, tokens: tuple[str, ...]) -> bool:
        return tokens in self.cues[name]


def _index(items: list[tuple[tuple[str, ...], object]]) -> dict[str, list]:
    index: dict[str, list] = {}
    for tokens, item in items:
        index.setdefault(tokens[0], []).append(item)
    for forms in index.values():
        forms.sort(key=lambda f: -len(f.tokens if isinstance(f, Trigger) else f[0]))
    return index


@cache
def load_lexicon(reference_dir: Path = REFERENCE_DIR) -> Lexicon:
    data = tomllib.loads((reference_dir / EVENTS_TOML).read_text(encoding="utf-8"))
    seen: dict[tuple[str, ...], Trigger] = {}
    hostile: set[str] = set()
    for entry in data["triggers"]:
        weak = {phrase(w) for w in entry.get("weak", [])}
        hostile |= set(entry.get("hostile", []))
        for pos in ("nouns", "verbs"):
            for form in entry.get(pos, []):
                tokens = phrase(form)
                trigger = Trigger(
                    tokens, entry["type"], entry.get("mode"), entry.get("kind", "event"), pos[:-1], tokens in weak
                )
                if tokens in seen and seen[tokens].event_type != trigger.event_type:
                    raise ValueError(f"{EVENTS_TOML}: {form!r} is a trigger of two event types")
                seen.setdefault(tokens, trigger)
    modes = [(phrase(w), mode) for mode, ws in data["modes"].items() for w in ws]
    return Lexicon(
        triggers=_index([(t.tokens, t) for t in seen.values()]),
        modes=_index([(m[0], m) for m in modes]),
        acled=dict(data["acled"]),
        hostile=frozenset(hostile),
        cues={name: frozenset(phrase(w) for w in ws) for name, ws in data["cues"].items()},
    )


# Words that may stand between the verb and its object in a verb-phrase trigger: "fired multiple ballistic
# missiles", "launched two drones", "fired a barrage of rockets".
VERB_PHRASE_FILLER = frozenset(
    "a an multiple several numerous dozens scores hundreds at least more than over nearly almost around about "
    "approximately roughly some of barrage volley salvo wave number additional armed explosive-laden one-way "
    "attack suicide kamikaze long short medium range cruise anti ship guided ballistic - surface".split()
) | {word for word, n in UNITS.items() if n <= 12}
MAX_FILLER = 6  # hyphenated words count as three: "anti-ship"


def match_at(ws: list[Word], i: int, forms: list) -> tuple[object, int] | None:
    """The longest lexicon form starting at word ``i``, and the index after it. In a verb-phrase trigger
    (``fired ballistic missiles``) a few quantity words may stand after the verb."""
    for form in forms:
        tokens = form.tokens if isinstance(form, Trigger) else form[0]
        if tuple(w.low for w in ws[i : i + len(tokens)]) == tokens:
            return form, i + len(tokens)
    for form in forms:
        if not (isinstance(form, Trigger) and form.pos == "verb" and len(form.tokens) >= 2):
            continue
        k = i + 1
        while k < len(ws) and k - i - 1 < MAX_FILLER and (ws[k].low in VERB_PHRASE_FILLER or ws[k].low.isdigit()):
            k += 1
            rest = tuple(t for t in form.tokens[1:] if t not in ("a", "an"))  # "launched an anti-ship missile"
            if tuple(w.low for w in ws[k : k + len(rest)]) == rest:
                return form, k + len(rest)
    return None
