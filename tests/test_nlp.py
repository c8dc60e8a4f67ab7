"""spaCy's pipeline as the build uses it: offsets in the article's body, plain tuples, no download."""

from __future__ import annotations

import json

from newsevents import nlp

BODY = (
    " date 2031-05-02 \nGunmen from the Northern Lantern Brigade attacked a clinic in Fort Meridian on "
    "Tuesday, the governor of Kessel Province said. Maria Okonkwo, a nurse, was wounded."
)


def _starts(body: str) -> list[int]:
    return [body.index("Gunmen"), body.index("Maria")]


def test_names_are_spans_of_the_body_with_their_labels():
    found = nlp.names(BODY, _starts(BODY))
    assert found, "the recogniser found no name"
    texts = {BODY[n.start : n.end]: n.label for n in found}
    assert texts.get("Maria Okonkwo") == "PERSON"
    assert all(n.label in nlp.NAME_LABELS for n in found)  # no DATE or CARDINAL
    assert all(BODY[n.start : n.end].strip() == BODY[n.start : n.end] for n in found)


def test_parse_gives_the_subject_and_object_of_the_verb_with_body_offsets():
    start = BODY.index("Gunmen")
    end = BODY.index("said.") + len("said.")
    (sentence,) = nlp.parse(BODY, [(start, end)])
    assert (sentence.start, sentence.end) == (start, end)
    words = [BODY[t.start : t.end] for t in sentence.tokens]
    attacked = words.index("attacked")
    assert sentence.tokens[attacked].lemma == "attack"
    deps = {words[j]: sentence.tokens[j].dep for j in sentence.children(attacked)}
    assert deps.get("Gunmen") == "nsubj"
    assert deps.get("clinic") == "dobj"
    lo, hi = sentence.subtree(words.index("Gunmen"))
    assert BODY[lo:hi] == "Gunmen from the Northern Lantern Brigade"
    assert sentence.at(BODY.index("clinic") + 2) == words.index("clinic")


def test_results_are_plain_data_and_the_same_every_time():
    spans = [(BODY.index("Maria"), len(BODY))]
    first = (nlp.names(BODY, _starts(BODY)), nlp.parse(BODY, spans))
    again = (nlp.names(BODY, _starts(BODY)), nlp.parse(BODY, spans))
    assert json.dumps(first) == json.dumps(again)
