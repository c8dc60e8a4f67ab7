"""Split an article body into paragraphs and sentences with exact character offsets.

Rules, in order:

* A blank line always ends a paragraph. A single line break does too, unless it merely wraps running
  text (the line before ends in a lower-case letter or a comma and the next begins in lower case).
* Inside a paragraph a sentence ends at ``.``, ``!``, ``?`` or ``…`` (plus closing quotes) followed by
  white space and a capital, digit or opening quote, except after an abbreviation (``Gen.``, ``Jan.``),
  a single initial (``John F. Kennedy``), or a dotted acronym (``U.S.``) unless the next word is one that
  usually opens a sentence (``the U.S. The Pentagon said``). A full stop glued to the next capitalised word
  (``in 2020.Iranian``) ends a sentence too.
* Each sentence gets a ``kind``: ``heading`` (a short paragraph with no closing punctuation that is
  not the article's last),
  ``question``, ``caption`` (photo credits), ``boilerplate`` (bylines, ``Advertisement``, sign-up
  prompts) or ``sentence``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

KINDS = ("sentence", "heading", "question", "caption", "boilerplate")

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "spc",
        "pfc",
        "pvt",
        "cpl",
        "capt",
        "maj",
        "brig",
        "adm",
        "cmdr",
        "cdr",
        "sen",
        "rep",
        "gov",
        "pres",
        "amb",
        "rev",
        "hon",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "vol",
        "fig",
        "approx",
        "est",
        "dept",
        "univ",
        "inc",
        "corp",
        "co",
        "ltd",
        "vs",
        "etc",
        "al",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)
SENTENCE_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "meanwhile",
        "on",
        "at",
        "for",
        "as",
        "after",
        "before",
        "while",
        "when",
        "if",
        "there",
        "his",
        "her",
        "their",
        "our",
        "according",
        "officials",
    ]
)
TERMINAL = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
WORD_BEFORE = re.compile(r"(\S+?)[.!?…]+[\"”’')\]]*$")
DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
INITIAL = re.compile(r"[A-Z]")
NEXT_WORD = re.compile(r"\s+([\"“‘'(\[]?)(\w+)")
WORDS = re.compile(r"\w+")

BOILERPLATE = re.compile(
    r"""(?ix)^(?:
        advertisement(?:\s*[-–:].*)?|sponsored(?:\s+content)?|story\s+continues(?:\s+below)?.*
        |continue\s+reading.*|read\s+more\b.*|related\s*:.*|subscribe\b.*|sign\s+up\b.*|share\s+this\b.*
        |follow\s+us\b.*|click\s+here\b.*|(?:copyright|©).*|.*\ball\s+rights\s+reserved\b.*
        |(?:reporting|writing|editing|additional\s+reporting)\s+by\b.*
    )$""",
)
BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:\s*(?:[A-Z][\w.'’-]*|and|,|\||/|[-–—]))*\s*")
CAPTION = re.compile(
    r"""(?x)^(?:FILE\s+PHOTO|FILE|PHOTO|Photo|Image|Picture|Caption)s?\s*[:\-–—]
        |\((?:AP|AFP|Reuters|Getty|EPA|Anadolu)[^)]*(?:Photo|Images?|/)[^)]*\)\s*$
        |\b(?:Getty\s+Images|AP\s+Photo|REUTERS/\w+)[^.]*$"""
)


@dataclass(frozen=True)
class Sentence:
    index: int
    paragraph_index: int
    start: int
    end: int
    kind: str


def paragraph_spans(body: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph, trimmed of outer white space."""
    start = None
    pos = 0
    previous_line = ""
    for line in body.split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if start is not None and (not stripped or not _wraps(previous_line, stripped)):
            yield start, _rstrip_end(body, line_start - 1)
            start = None
        if stripped and start is None:
            start = line_start + len(line) - len(line.lstrip())
        previous_line = stripped
    if start is not None:
        yield start, _rstrip_end(body, len(body))


def _wraps(previous_line: str, line: str) -> bool:
    return bool(previous_line) and (previous_line[-1].islower() or previous_line[-1] == ",") and line[0].islower()


def _rstrip_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _token_start(text: str, end: int) -> int:
    """Where the run of non-space characters ending at ``end`` starts: the only place :data:`WORD_BEFORE` can
    match (``\\S`` and ``str.isspace`` agree), so that it is searched for there, not from the start of the text
    at every full stop (which made splitting an article cost the square of its length)."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return start


def is_boundary(text: str, end: int) -> bool:
    """Whether a sentence ends at ``end`` (just after terminal punctuation) in ``text``."""
    following = NEXT_WORD.match(text, end)
    if following is None:
        return False
    opener, word = following.groups()
    if not (opener or word[0].isupper() or word[0].isdigit()):
        return False
    before = WORD_BEFORE.search(text, _token_start(text, end), end)
    if before is None or text[end - 1] in "!?…\"”’')]":
        return True
    token = before.group(1).lstrip("\"“‘'([")
    last_part = re.split(r"[-–]", token)[-1]  # "Lt.-Gen.": the title after the hyphen
    if token.lower().rstrip(".") in ABBREVIATIONS or last_part.lower().rstrip(".") in ABBREVIATIONS:
        return False
    if INITIAL.fullmatch(token):
        return False
    if DOTTED_ACRONYM.fullmatch(token):
        return word.lower() in SENTENCE_OPENERS
    return True


# A full stop with no space after it, between a lower-case word and a capitalised one ("in 2020.Iranian
# President ...", pages whose markup lost the space): a boundary too, never inside "U.S.Army".
GLUED = re.compile(r"(?<=[a-z0-9]{2})[.!?](?=[\"“”]?[A-Z][a-z])")


def sentence_spans(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    text = body[:end]
    sentence_start = start
    ends = [(m.end(), True) for m in TERMINAL.finditer(text, start, end)]
    ends += [(m.end(), False) for m in GLUED.finditer(text, start, end)]
    for at, spaced in sorted(ends):
        if spaced and is_boundary(text, at):
            yield sentence_start, at
            sentence_start = NEXT_WORD.match(text, at).start(1)
        elif not spaced and at > sentence_start:
            yield sentence_start, at
            sentence_start = at
    if sentence_start < end:
        yield sentence_start, end


def paragraph_kind(paragraph: str) -> str | None:
    """``boilerplate`` or ``caption`` when the whole paragraph is one, else None."""
    if BOILERPLATE.match(paragraph) or BYLINE.fullmatch(paragraph):
        return "boilerplate"
    if CAPTION.search(paragraph):
        return "caption"
    return None


def classify(text: str, whole_paragraph: bool, last_paragraph: bool = False) -> str:
    closing = text.rstrip("\"”’')]")
    if closing.endswith("?"):
        return "question"
    # A heading introduces what follows; a short unpunctuated last line is text cut off, not a heading.
    if (
        whole_paragraph
        and not last_paragraph
        and not closing.endswith((".", "!", "…"))
        and len(WORDS.findall(text)) <= 14
    ):
        return "heading"
    return "sentence"


def split_sentences(body: str) -> list[Sentence]:
    """Sentences of ``body`` in order, each with its paragraph, offsets and kind."""
    sentences: list[Sentence] = []
    paragraphs = list(paragraph_spans(body))
    for paragraph_index, (p_start, p_end) in enumerate(paragraphs):
        spans = list(sentence_spans(body, p_start, p_end))
        last = paragraph_index == len(paragraphs) - 1
        whole_kind = paragraph_kind(body[p_start:p_end])
        if whole_kind == "caption" and len(spans) > 2:
            whole_kind = None  # a credit closing a long paragraph marks its last sentence only
        for s_start, s_end in spans:
            text = body[s_start:s_end]
            kind = whole_kind or ("caption" if CAPTION.search(text) else classify(text, len(spans) == 1, last))
            sentences.append(Sentence(len(sentences), paragraph_index, s_start, s_end, kind))
    return sentences
