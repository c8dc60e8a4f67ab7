"""Tokens with offsets, and the folded key under which spelling variants of a name meet.

``fold`` makes one key of the ways news spells the same name: case, diacritics (``Ālbū`` = ``Albu``),
straight and typographic apostrophes (``Kata'ib`` = ``Kataib``), dots in abbreviations (``U.S.`` = ``US``),
doubled letters of transliteration (``Kanaani`` = ``Kanani``, ``Nujaba'a`` = ``Nujaba``) and the two ways of
writing the Arabic hamza seat between vowels (``Kataeb`` = ``Kataib``, ``Ismael`` = ``Ismail``). Tokens are
split at hyphens and spaces alike (``al-Nujaba`` = ``al Nujaba``), and a possessive ``’s`` is not part of
a token (``Iran’s`` is ``Iran``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "'’‘ʼʻ`´ʿʾ"
TOKEN = re.compile(rf"(?:[A-Za-z]\.){{2,}}|[^\W_]+(?:[{APOSTROPHES}][^\W_]+)*")
POSSESSIVE = re.compile(rf"[{APOSTROPHES}]s$")
# What may stand between two tokens of one name: spaces, hyphens, apostrophes (``Akram ‘Abbas``), and at
# most one line break.
NAME_GAP = re.compile(rf"[ \t\u00a0\-‐‑–{APOSTROPHES}]*\n?[ \t\u00a0\-‐‑–{APOSTROPHES}]*")
DOUBLED = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str

    @property
    def is_capitalized(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) > 1 and all(c.isupper() for c in letters)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The matching key of one token: no case, marks, apostrophes, dots or doubled letters; ``ae`` = ``ai``."""
    if text.isascii():  # most names: nothing to decompose (the same key, faster)
        stripped = text.translate(_ASCII_DROPPED)
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        stripped = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in APOSTROPHES and c != ".")
    return DOUBLED.sub(r"\1", stripped.casefold()).replace("ae", "ai")


_ASCII_DROPPED = str.maketrans("", "", "".join(c for c in APOSTROPHES + "." if c.isascii()))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    tokens = []
    for match in TOKEN.finditer(text):
        start, end, surface = match.start() + offset, match.end() + offset, match.group()
        possessive = POSSESSIVE.search(surface)
        if possessive and len(surface) > 3:
            end -= 2
            surface = surface[:-2]
        tokens.append(Token(start, end, surface, fold(surface)))
    return tokens


def name_key(name: str) -> tuple[str, ...]:
    """The folded token sequence of a name, as it is looked up in the gazetteer (the keys of
    :func:`tokenize`'s tokens, without making them)."""
    keys = []
    for match in TOKEN.finditer(name):
        surface = match.group()
        if len(surface) > 3 and POSSESSIVE.search(surface):
            surface = surface[:-2]
        keys.append(fold(surface))
    return tuple(keys)


def joins_a_name(body: str, left: Token, right: Token) -> bool:
    """Whether only spaces, hyphens or apostrophes separate two tokens (no comma, no full stop)."""
    return NAME_GAP.fullmatch(body, left.end, right.start) is not None


def slugify(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c) and c not in APOSTROPHES)
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def letters(text: str) -> str:
    """The letters and digits of ``text``, case kept: how acronyms (``U.S.`` = ``US``) are compared."""
    return "".join(c for c in text if c.isalnum())


# The names of the months and the days of the week: a date, never an entity's name.
CALENDAR = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|"
    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
