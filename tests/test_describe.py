"""Event descriptions: English from names, with the article a name takes in running text."""

from __future__ import annotations

import pytest

from newsevents.events.describe import describe, named_place, preposition, with_article


@pytest.mark.parametrize(
    ("name", "entity_type", "written"),
    [
        ("United States", "state", "the United States"),
        ("Iran", "state", "Iran"),
        ("Northern Relief Corps", "armed_group", "the Northern Relief Corps"),
        ("Islamic Resistance in Iraq", "armed_group", "the Islamic Resistance in Iraq"),
        ("Red Valley Brigades", "armed_group", "the Red Valley Brigades"),
        ("Amal Haddad", "person", "Amal Haddad"),
        ("Kataib Hezbollah", "armed_group", "Kataib Hezbollah"),
    ],
)
def test_a_name_takes_the_when_its_head_word_does(name, entity_type, written):
    assert with_article(name, entity_type) == written


def test_a_base_or_an_airport_is_at_and_a_town_in():
    assert preposition("Harbour Road Air Base") == "at"
    assert preposition("Kirkuk") == "in"


def sentence(event_type, mode=None, *, series=False, expected=False, actor=None, target=None, place=None):
    names = {"a": "the Western Alliance", "t": "Port Town Militia", "p": "Kirkuk", "v": "Amal Haddad"}
    return describe(
        event_type,
        mode,
        series=series,
        war=False,
        expected=expected,
        actor=actor,
        target=target,
        place=place,
        name=names.__getitem__,
        person=lambda i: i == "v",
    )


def test_descriptions_read_as_sentences():
    assert sentence("assault", "aerial", actor="a", target="t", place="p") == (
        "The Western Alliance carried out an air strike on Port Town Militia in Kirkuk"
    )
    assert sentence("assault", "explosives", series=True, place="p") == "A series of bombings in Kirkuk"
    assert sentence("assault", "targeted", actor="a", target="v") == "The Western Alliance killed Amal Haddad"
    assert sentence("accuse", actor="v", target="a") == "Amal Haddad accused the Western Alliance"
    assert sentence("threaten", actor="a") == "The Western Alliance issued a threat"
    assert sentence("protest", "demonstrate", place="p", expected=True) == "A protest in Kirkuk (expected)"
    assert sentence("sanction", target="t") == "Sanctions against Port Town Militia"


def test_an_unnamed_place_gives_way_to_the_nearest_named_place_holding_it():
    part_of = {"gate": ("airport",), "airport": ("city",)}
    assert named_place("gate", {"city": "City"}, part_of) == "city"
    assert named_place("gate", {"airport": "Airport", "city": "City"}, part_of) == "airport"
    assert named_place("gate", {}, part_of) is None
    assert named_place(None, {"city": "City"}, part_of) is None
