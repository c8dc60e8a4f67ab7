"""Names from the statistical recogniser (``entities.names``) and the world gazetteer, on sentences written for
these tests."""

from __future__ import annotations

import pytest

from newsevents.entities import recognize_article
from newsevents.entities.names import (
    clean_span,
    find_names,
    fragment,
    is_name,
    longer_names,
    mention_of,
    only_a_credit,
    place_person,
    region_of,
    state_of_demonym,
    take_in_region_kinds,
)
from newsevents.entities.recognize import Mention
from newsevents.entities.reference import load_gazetteer, region_forms
from newsevents.entities.text import name_key, tokenize
from newsevents.facts import sentence_rows
from newsevents.nlp import Name


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def span(body: str, text: str, label: str) -> Name:
    start = body.index(text)
    return Name(start, start + len(text), label)


def mentions_of(body: str, gazetteer) -> list[Mention]:
    sentences = sentence_rows("t", body)
    return recognize_article(body, tokenize(body), sentences, gazetteer)


# The type each label gives


def test_a_person_span_is_a_discovered_person(gazetteer):
    body = "Yesterday the villagers met Tomasz Brevik near the river."
    m = mention_of(body, span(body, "Tomasz Brevik", "PERSON"), gazetteer, frozenset())
    assert (m.entity_id, m.method, m.entity_type, m.cue) == (None, "discovered", "person", "ner")
    assert m.name == "Tomasz Brevik"


def test_a_person_span_naming_a_thing_is_not_a_person(gazetteer):
    body = "The ministry posted the video on its Quillfeed channel."
    assert mention_of(body, span(body, "Quillfeed", "PERSON"), gazetteer, frozenset()) is None


def test_an_organisation_is_an_armed_group_where_its_words_say_so(gazetteer):
    body = "Both the Silver Dune Liberation Front and the Harbour Trading Company issued statements."
    group = mention_of(body, span(body, "the Silver Dune Liberation Front", "ORG"), gazetteer, frozenset())
    company = mention_of(body, span(body, "the Harbour Trading Company", "ORG"), gazetteer, frozenset())
    assert (group.entity_type, group.name) == ("armed_group", "Silver Dune Liberation Front")
    assert (company.entity_type, company.name) == ("organization", "Harbour Trading Company")


def test_places_from_gpe_loc_and_fac(gazetteer):
    body = "They drove from Velmora across the Orsk Plain to Kettle Bridge."
    for text, label in (("Velmora", "GPE"), ("the Orsk Plain", "LOC"), ("Kettle Bridge", "FAC")):
        m = mention_of(body, span(body, text, label), gazetteer, frozenset())
        assert m.entity_type == "place", text


def test_events_are_left_out(gazetteer):
    body = "Fans remembered the Great Flood of Tarnow every spring."
    assert mention_of(body, span(body, "the Great Flood of Tarnow", "EVENT"), gazetteer, frozenset()) is None


def test_a_country_name_the_reference_knows_is_the_state(gazetteer):
    body = "Envoys from the Republic of Chile arrived."
    m = mention_of(body, span(body, "the Republic of Chile", "GPE"), gazetteer, frozenset())
    assert (m.entity_id, m.method) == ("chile", "reference")


def candidates_of(body: str, spans: list[tuple[str, str, str]]) -> list[tuple[str, Mention]]:
    found = []
    for text, label, entity_type in spans:
        start = body.index(text)
        found.append((label, Mention(start, start + len(text), None, "discovered", name=text, entity_type=entity_type)))
    return found


def test_a_person_after_a_locative_or_listed_after_a_place_is_a_place(gazetteer):
    body = "Mourners gathered in Tamsk. Roads to Kestel, Orvane and Dulmar Hills closed, Maria Lind said."
    known = Mention(body.index("Kestel"), body.index("Kestel") + 6, None, "discovered", name="Kestel")
    known.entity_type = "place"
    spans = [("Tamsk", "PERSON", "person"), ("Orvane", "ORG", "organization"), ("Dulmar Hills", "PERSON", "person")]
    found = candidates_of(body, [*spans, ("Maria Lind", "PERSON", "person")])
    place_person(body, found, [known], gazetteer)
    assert [m.entity_type for _, m in found] == ["place", "place", "place", "person"]


def test_an_organisation_after_a_locative_stays_an_organisation(gazetteer):
    body = "The bill stalled in Parliament."
    found = candidates_of(body, [("Parliament", "ORG", "organization")])
    place_person(body, found, [], gazetteer)
    assert found[0][1].entity_type == "organization"


def test_a_language_is_no_name(gazetteer):
    assert fragment_of("He spoke in Arabic to the crowd.", "Arabic", "GPE", gazetteer)


# Demonyms (NORP)


@pytest.mark.parametrize(
    ("word", "state"),
    [("Ethiopian", "ethiopia"), ("Afghans", "afghanistan"), ("Nigerian", "nigeria"), ("South Korean", "south-korea")],
)
def test_a_nationality_is_a_demonym_of_its_state(gazetteer, word, state):
    assert state_of_demonym(word, gazetteer) == state


@pytest.mark.parametrize("word", ["Sunni", "Druze", "Kurdish", "Martian"])
def test_a_community_that_is_not_a_country_people_is_no_state(gazetteer, word):
    assert state_of_demonym(word, gazetteer) is None


def test_a_norp_span_becomes_a_demonym_mention_or_nothing(gazetteer):
    body = "Colombian troops and Druze elders met."
    colombian = mention_of(body, span(body, "Colombian", "NORP"), gazetteer, frozenset())
    assert (colombian.entity_id, colombian.method) == ("colombia", "demonym")
    assert mention_of(body, span(body, "Druze", "NORP"), gazetteer, frozenset()) is None


# Noise rules


def test_a_leading_the_and_a_possessive_are_trimmed():
    body = "Aid reached the Red Lantern Society's clinic."
    name = span(body, "the Red Lantern Society's", "ORG")
    start, end = clean_span(body, name.start, name.end, name.label)
    assert body[start:end] == "Red Lantern Society"


def test_lower_case_words_before_a_place_are_trimmed_and_its_kind_after_it_taken_in():
    body = "Shelling hit southern Valdoria region overnight."
    name = span(body, "southern Valdoria", "LOC")
    start, end = clean_span(body, name.start, name.end, name.label)
    assert body[start:end] == "Valdoria region"


def test_a_region_kind_is_in_the_span_not_the_name(gazetteer):
    body = "Shelling hit the Valdoria region overnight."
    m = mention_of(body, span(body, "Valdoria", "GPE"), gazetteer, frozenset())
    assert (body[m.start : m.end], m.name) == ("Valdoria region", "Valdoria")


def test_lower_case_and_one_letter_spans_are_not_names():
    assert not is_name("minister")
    assert not is_name("X")
    assert not is_name("Green\nValley")
    assert is_name("al-Rashidiya") and is_name("Orsk")


def test_an_agency_alone_in_brackets_or_in_a_credit_is_only_a_source(gazetteer):
    body = "TARNOW (Wirepress) - Floods rose.\nPhoto: Wirepress\nThe Wirepress bureau said floods rose."
    first = body.index("Wirepress")
    credit = body.index("Wirepress", first + 1)
    report = body.index("Wirepress", credit + 1)
    assert only_a_credit(body, first, first + 9)
    assert only_a_credit(body, credit, credit + 9)
    assert not only_a_credit(body, report, report + 9)
    assert only_a_credit("Ana Pel/Wirepress Images", 0, 7)  # a photographer's credit


def fragment_of(body: str, text: str, label: str, gazetteer, taken=()) -> bool:
    start = body.index(text)
    m = Mention(start, start + len(text), None, "discovered", name=text)
    starts = {s["start"] for s in sentence_rows("t", body)}
    return fragment(body, m, label, starts, longer_names(body, list(taken), [m], gazetteer), gazetteer)


def test_a_word_cut_from_a_longer_capitalised_name_is_a_fragment(gazetteer):
    assert fragment_of("He met the Deputy Harbour Minister on Monday.", "Harbour", "ORG", gazetteer)


def test_a_word_written_in_lower_case_elsewhere_is_a_fragment(gazetteer):
    body = "Officials said that Security was tight. The security of the port was raised."
    assert fragment_of(body, "Security", "ORG", gazetteer)


def test_a_single_word_opening_a_sentence_and_nowhere_else_is_a_fragment(gazetteer):
    assert fragment_of("Witnesses saw smoke over the port.", "Witnesses", "GPE", gazetteer)
    assert not fragment_of("Velmora burned. Smoke rose over Velmora at dawn.", "Velmora", "GPE", gazetteer)


def test_a_surname_of_a_person_named_in_full_is_left_to_short_forms(gazetteer):
    body = "Tomasz Brevik spoke first. Later Brevik left the hall."
    whole = Mention(0, 13, None, "discovered", name="Tomasz Brevik", entity_type="person")
    start = body.rindex("Brevik")
    alone = Mention(start, start + 6, None, "discovered", name="Brevik")
    starts = {s["start"] for s in sentence_rows("t", body)}
    assert fragment(body, alone, "PERSON", starts, longer_names(body, [whole], [alone], gazetteer), gazetteer)


def test_community_words_time_zones_and_lower_case_endings_are_fragments(gazetteer):
    assert fragment_of("The Druze elders met at noon.", "Druze", "ORG", gazetteer)
    assert fragment_of("It began at 14:00 GMT on the coast.", "GMT", "ORG", gazetteer)
    assert fragment_of("Analysts spoke of the Tarnow Basin war for hours.", "Tarnow Basin war", "ORG", gazetteer)


# The gazetteer: country names and first-level regions


@pytest.mark.parametrize(
    ("name", "state"),
    [
        ("Syrian Arab Republic", "syria"),
        ("Islamic Republic of Iran", "iran"),
        ("Russian Federation", "russia"),
        ("State of Palestine", "palestine"),
        ("United States of America", "united-states"),
        ("Federal Democratic Republic of Ethiopia", "ethiopia"),
    ],
)
def test_every_country_is_known_by_its_iso_names(gazetteer, name, state):
    known = gazetteer.lookup(name)
    assert known is not None and known.entity_id == state


def test_inverted_iso_names_are_not_names(gazetteer):
    assert gazetteer.lookup("Korea, Republic of") is None


def test_region_forms_drop_the_kind_and_find_the_city_an_adjective_is_made_from(gazetteer):
    forms = region_forms("Kharkivska oblast", "UA", gazetteer.world)
    assert {"Kharkivska oblast", "Kharkivska", "Kharkiv"} <= forms
    assert region_forms("Saha, Respublika", "RU", gazetteer.world) >= {"Saha"}


@pytest.mark.parametrize(
    ("name", "country"),
    [("Paktika", "AF"), ("Uttar Pradesh", "IN"), ("Kharkiv region", "UA"), ("Donetsk", "UA"), ("Idlib", "SY")],
)
def test_first_level_regions_give_their_country(gazetteer, name, country):
    region = region_of(name, gazetteer, frozenset())
    assert region is not None and region.country_code == country


def test_a_region_name_in_several_countries_needs_the_article_to_say_which(gazetteer):
    assert region_of("Punjab", gazetteer, frozenset()) is None
    assert region_of("Punjab", gazetteer, frozenset({"PK"})).country_code == "PK"


def test_common_words_are_not_regions(gazetteer):
    assert name_key("Central") not in gazetteer.regions
    assert name_key("East") not in gazetteer.regions


# The whole first reading on invented articles


def test_an_unknown_group_place_and_person_are_found():
    body = (
        "Fighters of the Crimson Ridge Army attacked a market in Velmora on Tuesday. "
        "Anneliese Karvonen said twelve people died in the town."
    )
    found = {body[m.start : m.end]: m for m in mentions_of(body, load_gazetteer())}
    assert found["Crimson Ridge Army"].entity_type in ("armed_group", "organization")
    # no cue marks these two: only the recogniser finds them
    assert (found["Velmora"].entity_type, found["Velmora"].cue) == ("place", "ner")
    assert (found["Anneliese Karvonen"].entity_type, found["Anneliese Karvonen"].cue) == ("person", "ner")


def test_a_two_word_region_is_found_though_the_recogniser_splits_it():
    body = "Police in Jammu and Kashmir said the bus fell into a gorge."
    found = [m for m in mentions_of(body, load_gazetteer()) if body[m.start : m.end] == "Jammu and Kashmir"]
    assert found and found[0].country_code == "IN" and found[0].entity_type == "place"


def test_reference_data_wins_over_the_recogniser():
    body = "Hezbollah said Israel struck a village, and the Lebanese army deployed."
    gazetteer = load_gazetteer()
    by_text = {body[m.start : m.end]: (m.entity_id, m.method) for m in mentions_of(body, gazetteer)}
    assert by_text["Hezbollah"] == ("hezbollah", "reference")
    assert by_text["Israel"] == ("israel", "reference")


def test_names_found_by_a_cue_are_not_found_twice():
    body = "The advocacy group Harbour Voices said Fort Meridian was shelled."
    gazetteer = load_gazetteer()
    sentences = sentence_rows("t", body)
    start = body.index("Harbour Voices")
    cue = Mention(start, start + 14, None, "discovered", name="Harbour Voices", entity_type="organization")
    found = find_names(body, tokenize(body), sentences, gazetteer, [cue])
    assert all(not (m.start < cue.end and cue.start < m.end) for m in found)


def test_a_cue_place_takes_in_its_lower_case_kind():
    body = "Shells fell on Brask district overnight."
    start = body.index("Brask")
    place = Mention(start, start + 5, None, "discovered", name="Brask", entity_type="place", cue="place noun")
    take_in_region_kinds(body, [place])
    assert (body[place.start : place.end], place.name) == ("Brask district", "Brask")


# Rules the recogniser's names needed in the cues and the within-article merge


def test_a_hyphen_infix_is_inside_a_name():
    body = "Fighters of Jund-e-Qamar Ridgeline (JQR) attacked a post."
    texts = {body[m.start : m.end] for m in mentions_of(body, load_gazetteer())}
    assert "Jund-e-Qamar Ridgeline" in texts


def test_a_state_inside_a_name_given_an_acronym_is_part_of_the_name():
    body = "The Tahrik-e-Azadi Chile (TAC) claimed the attack."
    found = {body[m.start : m.end]: m for m in mentions_of(body, load_gazetteer())}
    assert "Tahrik-e-Azadi Chile" in found and "Chile" not in found


def test_a_known_persons_one_word_name_inside_another_persons_name_is_not_theirs(gazetteer):
    from newsevents.entities.resolve import another_person

    putin = gazetteer.entities["vladimir-putin"]
    body = "Minister Oleg Ivanovich Putin spoke; Vladamir Putin listened."
    other = body.index("Oleg")
    one = Mention(other + 14, other + 19, "vladimir-putin", "reference")
    name = Mention(other, other + 19, None, "discovered", name="Oleg Ivanovich Putin", entity_type="person")
    assert another_person(one, name, putin)
    typo = body.index("Vladamir")
    one = Mention(typo + 9, typo + 14, "vladimir-putin", "reference")
    name = Mention(typo, typo + 14, None, "discovered", name="Vladamir Putin", entity_type="person")
    assert not another_person(one, name, putin)  # a misspelt first name: the same person


def test_a_region_as_possessor_gives_the_place_its_country():
    body = "The bus fell into a gorge in Uttar Pradesh’s Korvana district."
    found = {body[m.start : m.end]: m for m in mentions_of(body, load_gazetteer())}
    assert found["Korvana district"].country_code == "IN"
    assert found["Uttar Pradesh"].country_code == "IN"


def test_a_word_of_a_groups_name_is_not_a_second_mention_of_it(gazetteer):
    body = "Tehreek-e-Sarhad Lions and the Lions met."
    group = Mention(0, 22, None, "discovered", name="Tehreek-e-Sarhad Lions", entity_type="armed_group")
    person = Mention(0, 11, None, "discovered", name="Mara Kessel", entity_type="person")
    assert "lions" in longer_names(body, [group], [], gazetteer)  # the plural head: "the Lions" is the group
    assert "sarhad" not in longer_names(body, [group], [], gazetteer)
    assert set(name_key("Mara Kessel")) <= set(longer_names("Mara Kessel spoke.", [person], [], gazetteer))


def test_a_one_word_region_the_recogniser_missed_is_found_where_it_can_be_nothing_else(gazetteer):
    from newsevents.entities.names import one_word_regions

    body = "Two came from Maharashtra, said the report."
    starts = {s["start"] for s in sentence_rows("t", body)}
    found = one_word_regions(body, tokenize(body), starts, gazetteer, frozenset())
    assert [(body[m.start : m.end], m.country_code) for m in found] == [("Maharashtra", "IN")]
    for other in (
        "Maharashtra sent two buses.",  # opens a sentence
        "The Maharashtra Police came.",  # inside a longer name
        "Two came from Maharashtra; maharashtra is lower case here.",
    ):
        starts = {s["start"] for s in sentence_rows("t", other)}
        assert not one_word_regions(other, tokenize(other), starts, gazetteer, frozenset()), other


def test_a_name_read_across_a_regions_possessive_starts_after_it(gazetteer):
    body = "It fell in Uttar Pradesh’s Korvana district."
    region = Mention(body.index("Uttar"), body.index("’s"), None, "discovered", name="Uttar Pradesh")
    region.country_code = "IN"
    start = body.index("Pradesh")
    cue = Mention(start, body.index("."), None, "discovered", name="Pradesh’s Korvana", entity_type="place")
    from newsevents.entities.names import _after_region_possessor

    _after_region_possessor(body, region, [cue])
    assert (body[cue.start : cue.end], cue.name, cue.country_code) == ("Korvana district", "Korvana", "IN")


@pytest.mark.parametrize(("capital", "country"), [("Bogota", "CO"), ("Yaounde", "CM"), ("Reykjavik", "IS")])
def test_every_capital_is_known_though_geonames_spells_it_without_its_accents(gazetteer, capital, country):
    known = gazetteer.lookup(capital)
    assert known is not None and (known.entity_type, known.country_code) == ("place", country)


def test_a_bodys_name_closed_by_its_state_is_one_name_where_the_recogniser_reads_it_whole():
    body = "The State Rescue Service of Chile said two posts were hit."
    found = {body[m.start : m.end]: m for m in mentions_of(body, load_gazetteer())}
    assert "State Rescue Service of Chile" in found, sorted(found)
    whole = found["State Rescue Service of Chile"]
    assert (whole.entity_id, whole.country_code, whole.owner) == (None, "CL", None)
    assert "Chile" not in found
