"""Numeric claims: every number form, implied counts, qualifiers, statuses and sources."""

from __future__ import annotations

import pytest

from newsevents.events.claims import find_claims, parse_number


def claims(text: str) -> list[tuple]:
    found, _ = find_claims(text, 0, len(text))
    return [(c.quantity, c.value_low, c.value_high, c.qualifier) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The blast killed 84 people near the shrine.", ("killed", 84, 84, "exact")),
        ("The explosions left hundreds wounded.", ("injured", 200, 999, "vague")),
        ("The group has carried out over 100 attacks.", ("attacks", 101, None, "more_than")),
        ("At least 66 people were killed in the raid.", ("killed", 66, None, "at_least")),
        ("More than 40 service members were injured.", ("injured", 41, None, "more_than")),
        ("Nearly 140 people were wounded.", ("injured", 126, 139, "about")),
        ("About 50 fighters were killed.", ("killed", 45, 55, "about")),
        ("Up to 40 people were injured.", ("injured", 0, 40, "up_to")),
        ("A number of civilians were wounded.", ("injured", 2, None, "vague")),
        ("Dozens were wounded in the attack.", ("injured", 24, 99, "vague")),
        ("Several people died in the blast.", ("killed", 3, 9, "vague")),
        ("Eighty-four people were killed.", ("killed", 84, 84, "exact")),
        ("The toll rose to 1,200 dead.", ("killed", 1200, 1200, "exact")),
        ("Three U.S. Army soldiers were killed.", ("killed", 3, 3, "exact")),
        ("Sixteen people, including civilians, were killed.", ("killed", 16, 16, "exact")),
        ("The strike hit three facilities used by the group.", ("facilities_struck", 3, 3, "exact")),
        ("An attack that claimed the lives of 12 pilgrims.", ("killed", 12, 12, "exact")),
    ],
)
def test_each_number_form(text, expected):
    assert claims(text) == [expected]


def test_counts_implied_by_the_wording():
    assert claims("The raid ended in the general's death, along with another individual.") == [
        ("killed", 2, 2, "exact")
    ]
    assert claims("A drone killed the commander, along with three others.") == [("killed", 4, 4, "exact")]
    found, _ = find_claims("It also caused the loss of one additional fighter.", 0, 51)
    assert [(c.quantity, c.additional) for c in found] == [("killed", 1)]


def test_killed_and_wounded_in_one_clause_are_two_claims():
    # "and" joins two counts here; it is not part of a spelled-out number
    assert claims("A spokesman said five fighters were killed and six wounded in 73 strikes.") == [
        ("killed", 5, 5, "exact"),
        ("injured", 6, 6, "exact"),
        ("attacks", 73, 73, "exact"),
    ]
    assert claims("The blast killed one hundred and twenty people.") == [("killed", 120, 120, "exact")]


def test_two_more_people_add_to_what_was_counted():
    text = "Two more people died in hospital on Friday."
    found, _ = find_claims(text, 0, len(text))
    assert [(c.quantity, c.additional) for c in found] == [("killed", 2)]


def status(text: str) -> list[tuple[int, str]]:
    found, _ = find_claims(text, 0, len(text))
    return [(c.value_low, c.status) for c in found]


def test_statuses_initial_and_revised():
    assert status("Officials earlier reported 73 people were killed.") == [(73, "initial")]
    assert status("The death toll rose to 90 on Monday.") == [(90, "revised")]
    assert status("They later revised the toll down to 84.") == [(84, "revised")]
    assert status("The number of injured had risen to 40, up from an initial count of 34.") == [
        (40, "revised"),
        (34, "initial"),
    ]
    assert status("Twelve people were killed.") == [(12, "reported")]


def test_overestimated_toll_is_a_revision_marker():
    text = "Initial reports overestimated the death toll, officials said."
    found, markers = find_claims(text, 0, len(text))
    assert found == []
    assert [(m.quantity, m.direction) for m in markers] == [("killed", "over")]


def test_the_quoted_source_is_kept():
    text = "At least 12 were killed, according to the Syrian Observatory for Human Rights."
    found, _ = find_claims(text, 0, len(text))
    assert found[0].attributed_to == "the Syrian Observatory for Human Rights"
    text = "Iranian officials initially said 103 people had been killed."
    found, _ = find_claims(text, 0, len(text))
    assert (found[0].attributed_to, found[0].status) == ("Iranian officials", "initial")


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("84", (84, 84, False)),
        ("eighty-four", (84, 84, False)),
        ("two hundred and six", (206, 206, False)),
        ("hundreds of", (200, 999, True)),
        ("a dozen", (12, 12, False)),
        ("12,500", (12500, 12500, False)),
    ],
)
def test_numbers_in_words_and_digits(words, value):
    assert parse_number(words) == value
