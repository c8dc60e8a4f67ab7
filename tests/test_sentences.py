"""Sentence segmentation: offsets, abbreviations, headings, questions, captions and boilerplate."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsevents.sentences import split_sentences


def texts(body: str) -> list[tuple[str, str]]:
    return [(body[s.start : s.end], s.kind) for s in split_sentences(body)]


def test_us_abbreviation_mid_sentence_does_not_split():
    body = "The U.S. military said the U.S. Army base was hit. Nobody was hurt."
    assert [t for t, _ in texts(body)] == [
        "The U.S. military said the U.S. Army base was hit.",
        "Nobody was hurt.",
    ]


def test_dotted_acronym_ends_a_sentence_before_a_sentence_opener():
    body = "Drones were launched at the U.S. The Pentagon said two were shot down."
    assert [t for t, _ in texts(body)] == [
        "Drones were launched at the U.S.",
        "The Pentagon said two were shot down.",
    ]


def test_titles_months_and_initials_are_not_sentence_ends():
    body = "Brig. Gen. Pat Ryder spoke on Jan. 29 with John F. Kennedy Jr. about it. Dr. Smith left."
    assert [t for t, _ in texts(body)] == [
        "Brig. Gen. Pat Ryder spoke on Jan. 29 with John F. Kennedy Jr. about it.",
        "Dr. Smith left.",
    ]


def test_headings_on_their_own_lines():
    body = (
        "Strikes Hit Eastern Syria\n\nJets struck two sites. Officials confirmed it.\n\nWhat Comes Next\n\nMore talks."
    )
    assert texts(body) == [
        ("Strikes Hit Eastern Syria", "heading"),
        ("Jets struck two sites.", "sentence"),
        ("Officials confirmed it.", "sentence"),
        ("What Comes Next", "heading"),
        ("More talks.", "sentence"),
    ]


def test_faq_block_gives_a_heading_questions_and_answers():
    body = (
        "Some context. Then questions (FAQ):\n\nFAQ:\n\nQ: Who fired the rockets?\n\n"
        "A militia did. It said so.\n\nQ: Why?\n\nNobody knows."
    )
    assert texts(body) == [
        ("Some context.", "sentence"),
        ("Then questions (FAQ):", "sentence"),
        ("FAQ:", "heading"),
        ("Q: Who fired the rockets?", "question"),
        ("A militia did.", "sentence"),
        ("It said so.", "sentence"),
        ("Q: Why?", "question"),
        ("Nobody knows.", "sentence"),
    ]


def test_quotes_close_a_sentence():
    body = "He said it was “a clear act of aggression.” The ministry agreed."
    assert [t for t, _ in texts(body)] == [
        "He said it was “a clear act of aggression.”",
        "The ministry agreed.",
    ]


def test_wire_copy_bylines_captions_and_advertisements():
    body = (
        "By Phil Stewart and Idrees Ali\n\nWASHINGTON (Reuters) - Three soldiers were killed.\n\nAdvertisement\n\n"
        "Mourners gather in Kerman, Iran, January 4, 2024. (AP Photo/Vahid Salemi)\n\nThe toll rose to 9"
    )
    assert [k for _, k in texts(body)] == [
        "boilerplate",
        "sentence",
        "boilerplate",
        "caption",
        "caption",
        "sentence",
    ]


def test_a_line_break_inside_running_text_does_not_split():
    body = "The attack on the base in\nnorthern Iraq wounded several people.\nA second line starts here."
    assert [t for t, _ in texts(body)] == [
        "The attack on the base in\nnorthern Iraq wounded several people.",
        "A second line starts here.",
    ]


def test_a_paragraph_without_closing_punctuation_is_kept_whole():
    body = "The strike came after weeks of attacks on bases in Iraq and Syria by groups that the Pentagon said were"
    assert texts(body) == [(body, "sentence")]


words = st.sampled_from(
    ["The", "U.S.", "strike", "killed", "Gen.", "Ali", "two.", "Why?", "\n", "\n\n", "“Yes.”", "A."]
)


@given(st.lists(words, min_size=1, max_size=40).map(" ".join))
def test_spans_are_ordered_trimmed_and_cover_every_word(body):
    body = body.strip()
    sentences = split_sentences(body)
    previous_end = 0
    for index, s in enumerate(sentences):
        text = body[s.start : s.end]
        assert s.index == index
        assert previous_end <= s.start < s.end <= len(body)
        assert text == text.strip()
        assert not body[previous_end : s.start].strip()
        previous_end = s.end
    assert not body[previous_end:].strip()


def test_a_full_stop_glued_to_the_next_capitalised_word_ends_a_sentence():
    body = "Troops left the town in 2020.Local leaders said the U.S.Army base stayed."
    texts = [body[s.start : s.end] for s in split_sentences(body)]
    assert texts == ["Troops left the town in 2020.", "Local leaders said the U.S.Army base stayed."]


def test_a_hyphenated_rank_does_not_end_a_sentence():
    body = "The chief of staff, Lt.-Gen. Amir Tal, visited the town. He left at noon."
    assert len(split_sentences(body)) == 2


def test_the_word_before_a_full_stop_is_found_from_its_token_as_from_the_start_of_the_text():
    """``is_boundary`` looks for the word before a full stop from where its run of non-space characters
    starts (not from the start of the text at every stop): the same match wherever a sentence can end (just
    after a non-space character: after a newline, ``$`` would also match before it)."""
    import random

    from newsevents.sentences import WORD_BEFORE, _token_start

    rng = random.Random(3)
    pieces = ["a", "B", ".", "!", "?", "…", '"', "”", "’", "'", ")", "]", " ", "\u00a0", "\u2009", "\n", "U.S.", "Dr."]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(120))
        for end in (e for e in range(1, len(text) + 1) if not text[e - 1].isspace()):
            old, new = WORD_BEFORE.search(text, 0, end), WORD_BEFORE.search(text, _token_start(text, end), end)
            assert (old and (old.span(), old.group(1))) == (new and (new.span(), new.group(1))), (text, end)
