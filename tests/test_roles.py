"""Actor and target from the dependency parse (newsevents.events.roles), on sentences written for these tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents import nlp
from newsevents.events.roles import roles

# Made-up names and their kinds: the mentions the recogniser and the gazetteer would give.
KINDS = {
    "Norland": "state",
    "Southland": "state",
    "Norlandian": "state",
    "the Red Brigade": "armed_group",
    "Red Brigade": "armed_group",
    "the Harbour Front": "armed_group",
    "Anna Berg": "person",
    "Tom Vale": "person",
    "the Ministry of Roads": "organization",
    "Port Ellis": "place",
    "Improvised Explosive Device": "organization",  # a recogniser's mistake: a weapon read as a body
}


@dataclass
class Mention:
    start: int
    end: int
    entity_id: str
    entity_type: str | None
    method: str


def mentions(text: str) -> list[Mention]:
    found: list[Mention] = []
    for name in sorted(KINDS, key=len, reverse=True):
        for m in re.finditer(re.escape(name), text, re.I):
            if any(x.start < m.end() and m.start() < x.end for x in found):
                continue
            entity = "norland" if name == "Norlandian" else name.removeprefix("the ").lower().replace(" ", "-")
            method = "demonym" if name == "Norlandian" else "name"
            found.append(Mention(m.start(), m.end(), entity, KINDS[name], method))
    return sorted(found, key=lambda m: m.start)


def read(text: str, trigger: str, assault: bool = True) -> tuple[str | None, str | None]:
    """(actor, target) entity ids of the event whose trigger is the first occurrence of ``trigger``."""
    (parse,) = nlp.parse(text, [(0, len(text))])
    start = text.index(trigger)
    found = roles(text, parse, start, start + len(trigger), mentions(text), assault=assault)
    return (found.actor.entity_id if found.actor else None, found.target.entity_id if found.target else None)


def test_an_active_verb_its_subject_acts_on_its_object():
    assert read("Norland attacked Southland on Monday.", "attacked") == ("norland", "southland")


def test_a_passive_verb_the_by_phrase_acts_on_its_subject():
    assert read("Southland was attacked by Norland on Monday.", "attacked") == ("norland", "southland")


def test_a_noun_trigger_its_possessor_acts_and_on_names_the_target():
    assert read("Norland's attack on Southland lasted an hour.", "attack") == ("norland", "southland")


def test_a_noun_trigger_by_names_the_actor_and_against_the_target():
    text = "The bombing against the Ministry of Roads by the Red Brigade shocked the town."
    assert read(text, "bombing") == ("red-brigade", "ministry-of-roads")


def test_a_light_verb_s_subject_acts():
    assert read("The Red Brigade launched an attack on Southland.", "attack") == ("red-brigade", "southland")


def test_whoever_claimed_responsibility_is_the_actor():
    assert read("The Harbour Front claimed responsibility for the bombing.", "bombing")[0] == "harbour-front"


def test_a_responsibility_not_claimed_names_no_actor():
    assert read("The Harbour Front has not claimed responsibility for the bombing.", "bombing")[0] is None


def test_a_name_inside_a_modifier_of_another_noun_is_not_the_actor():
    assert read("Mourners at the memorial for Anna Berg attacked the police.", "attacked")[0] is None
    assert read("Relatives at the funeral of Tom Vale attacked the soldiers.", "attacked")[0] is None
    assert read("Fighters of the Red Brigade attacked the soldiers.", "attacked")[0] == "red-brigade"


def test_the_source_of_a_report_is_not_the_actor():
    assert read("Anna Berg said the militants attacked a school.", "attacked")[0] is None
    assert read("According to Tom Vale, gunmen attacked the market.", "attacked")[0] is None
    assert read("Anna Berg said Norland attacked a school.", "attacked")[0] == "norland"


def test_a_victim_is_not_the_actor():
    assert read("Tom Vale was killed by the Red Brigade.", "killed") == ("red-brigade", "tom-vale")
    assert read("Anna Berg was wounded in the attack on the Red Brigade.", "attack") == (None, "red-brigade")
    assert read("Norland came under attack.", "attack") == (None, "norland")


def test_the_object_of_on_or_against_after_a_verb_is_the_target():
    assert read("Soldiers opened fire on the Red Brigade.", "fire") == (None, "red-brigade")
    assert read("Norland retaliated against Southland.", "retaliated") == ("norland", "southland")


def test_a_demonym_before_a_noun_trigger_is_its_actor_but_not_past_another_noun():
    assert read("A Norlandian strike hit Southland.", "strike") == ("norland", "southland")
    assert read("The Red Brigade pager explosions wounded many.", "explosions")[0] is None


def test_a_second_verb_without_a_subject_takes_the_first_one_s():
    assert read("The Red Brigade shelled the town and attacked Southland.", "attacked") == ("red-brigade", "southland")


def test_a_backer_is_not_the_actor():
    assert read("Norland-backed gunmen attacked Southland.", "attacked")[0] != "norland"


def test_a_demonym_names_the_state_only_before_one_of_its_forces():
    assert read("Norlandian troops attacked Southland.", "attacked")[0] == "norland"
    assert read("Norlandian protesters attacked the Ministry of Roads.", "attacked") == (None, "ministry-of-roads")


def test_the_city_of_a_place_is_that_place_and_a_flag_state_is_not_the_ship():
    assert read("Norland shelled the Southland city of Port Ellis.", "shelled") == ("norland", "port-ellis")
    assert read("Southland shelled the Norlandian town of Port Ellis.", "shelled") == ("southland", "port-ellis")
    assert read("The Red Brigade attacked a Southland-flagged tanker.", "attacked") == ("red-brigade", None)


def test_what_a_group_uses_stands_for_the_group_and_a_person_goes_before_a_place():
    text = "Norland launched strikes against facilities used by the Red Brigade."
    assert read(text, "strikes") == ("norland", "red-brigade")
    assert read("Norlandian troops came under attack at Port Ellis.", "attack") == (None, "norland")


def test_a_name_in_apposition_is_the_phrase_s_referent():
    assert read("A commander of the Red Brigade, Tom Vale, was killed by Norland.", "killed") == ("norland", "tom-vale")
    assert read("Norland struck a Southland air base.", "struck") == ("norland", "southland")


def test_attacks_carried_out_or_claimed_by_a_group_are_its_own():
    assert read("Five died in attacks claimed by the Red Brigade.", "attacks")[0] == "red-brigade"
    assert read("It was the worst attack carried out by the Harbour Front.", "attack")[0] == "harbour-front"
    assert read("The Harbour Front claimed the attack on Southland.", "attack") == ("harbour-front", "southland")
    assert read("Dozens died in an attack condemned by Norland.", "attack")[0] is None


def test_a_region_of_a_state_before_a_noun_trigger_is_where_not_who():
    assert read("Dozens were killed in a western Norland attack.", "attack")[0] is None
    assert read("Dozens were killed in the brutal northern Norland attack.", "attack")[0] is None


def texts(text: str, trigger: str, assault: bool = True) -> tuple[str | None, str | None]:
    """(actor_text, target_text) of the event whose trigger is the first occurrence of ``trigger``."""
    (parse,) = nlp.parse(text, [(0, len(text))])
    start = text.index(trigger)
    found = roles(text, parse, start, start + len(trigger), mentions(text), assault=assault)
    return found.actor_text, found.target_text


def test_a_role_no_entity_names_is_its_noun_phrase_as_written():
    assert texts("Gunmen opened fire on a crowded market.", "fire") == ("Gunmen", "crowded market")
    wedding = texts("Masked gunmen attacked a wedding party in the hills.", "attacked")
    assert wedding == ("Masked gunmen", "wedding party")


def test_a_weapon_is_neither_the_actor_nor_the_target():
    assert texts("A drone struck a passenger bus near the border.", "struck") == (None, "passenger bus")
    assert texts("Police fired tear gas at protesters.", "fired") == ("Police", "protesters")


def test_a_passive_s_by_phrase_and_subject_lose_their_determiner_and_number():
    assert texts("Two clinics were shelled by the rebels.", "shelled") == ("rebels", "clinics")


def test_a_named_role_gives_the_mention_s_text():
    text = "The Red Brigade attacked Norlandian troops and a police station."
    assert read(text, "attacked") == ("red-brigade", "norland")
    assert texts(text, "attacked")[0] == "The Red Brigade"
    assert texts("Soldiers shelled the Harbour Front on Sunday.", "shelled") == ("Soldiers", "the Harbour Front")


def test_a_name_inside_a_role_s_noun_phrase_gives_the_whole_phrase():
    text = "The Red Brigade attacked Norlandian troops and a police station."
    assert texts(text, "attacked") == ("The Red Brigade", "Norlandian troops")
    text = "The Harbour Front claimed a raid on a Norlandian army outpost."
    assert read(text, "raid") == ("harbour-front", "norland")
    assert texts(text, "raid") == ("The Harbour Front", "Norlandian army outpost")
    assert texts("Norlandian police fired on protesters.", "fired") == ("Norlandian police", "protesters")


def test_a_name_outside_the_role_s_head_phrase_keeps_the_mention_s_text():
    text = "Fighters of the Red Brigade stormed the city of Port Ellis."
    assert read(text, "stormed")[0] == "red-brigade"
    assert texts(text, "stormed")[0] == "the Red Brigade"  # "of X" is not part of the head's phrase


def test_the_dead_of_a_passive_verb_of_killing_are_the_noun_trigger_s_target():
    assert texts("Four tourists were killed in an attack near the lake.", "attack") == (None, "tourists")
    assert texts("Two Norlandian soldiers were killed in the shelling.", "shelling")[1] == "Norlandian soldiers"
    assert read("Two Norlandian soldiers were killed in the shelling.", "shelling")[1] == "norland"
    assert texts("Nine villagers died in a raid by the Red Brigade.", "raid") == ("the Red Brigade", "villagers")
    # "... and N injured": the parse hangs the phrase on the injured; the dead are still the ones hit
    text = "Sixteen tourists were killed and twenty others injured in an attack near Port Ellis."
    assert texts(text, "attack")[1] == "tourists"
    # the hurt alone are not read as the target (a report's aside on who else was hurt)
    assert texts("Three visitors were slightly injured in the incident.", "incident")[1] is None
    # an active verb's subject did it; only a passive's (or dying's) subject suffered it
    assert texts("Gunmen killed nine villagers in a raid on Sunday.", "raid")[1] is None
    # the attack's own "on X" comes first
    assert texts("Four guards were killed in an attack on a fuel depot.", "attack")[1] == "fuel depot"


def test_people_named_by_their_nationality_are_not_their_state():
    assert read("Three Norlandians were killed in the shelling.", "shelling")[1] is None
    assert texts("Three Norlandians were killed in the shelling.", "shelling")[1] == "Norlandians"


def test_a_weapon_named_as_the_object_is_not_the_target():
    text = "A bomber detonated an Improvised Explosive Device near a wedding hall."
    assert read(text, "detonated") == (None, None)
    assert texts(text, "detonated") == ("bomber", None)
    # a name that ends in a weapon's noun is a weapon wherever it stands, not a side
    assert read("An Improvised Explosive Device struck the convoy.", "struck") == (None, None)


def test_a_pronoun_or_a_day_names_no_side():
    assert texts("They attacked the convoy on Sunday.", "attacked") == (None, "convoy")
    assert texts("The militia attacked on Sunday.", "attacked")[1] is None


def test_a_number_inside_a_modifier_stays_and_what_is_vowed_is_no_target():
    assert texts("Gunmen shot a 25-year-old man in the market.", "shot")[1] == "25-year-old man"
    assert texts("The militia vowed revenge against the army.", "vowed", assault=False)[1] is None


def test_bare_people_name_no_one_and_counting_adjectives_are_dropped():
    assert texts("Gunmen killed 12 people in the market.", "killed") == ("Gunmen", None)
    assert texts("Gunmen killed two more soldiers near the border.", "killed")[1] == "soldiers"
    assert texts("Gunmen killed twelve other villagers near the border.", "killed")[1] == "villagers"
    assert texts("Gunmen killed twelve Hindu people in the market.", "killed")[1] == "Hindu people"


def test_a_time_after_on_does_not_hide_the_target_after_at():
    assert texts("On Tuesday, police shot at protesters in the square.", "shot") == ("police", "protesters")
    assert texts("On Sunday the militia fired on a crowded market.", "fired")[1] == "crowded market"


def test_where_a_charge_went_off_is_no_target_but_what_a_shot_was_aimed_at_is():
    assert texts("A bomber detonated a device at a wedding hall.", "detonated") == ("bomber", None)
    assert texts("A bomber detonated a device at a wedding hall, killing six guests.", "killing")[1] == "guests"
    assert texts("Gunmen fired at a wedding hall.", "fired") == ("Gunmen", "wedding hall")


def test_a_protest_told_by_the_people_who_protest_is_theirs():
    assert texts("Thousands of protesters marched on parliament.", "protesters", assault=False)[0] == "protesters"
    # their nationality is their people's, not the state's
    text = "Norlandian demonstrators clashed with police."
    assert read(text, "demonstrators", assault=False)[0] is None
    assert texts(text, "demonstrators", assault=False)[0] == "Norlandian demonstrators"
    # another event noun is not its own actor
    assert texts("The strike hit a market.", "strike")[0] is None


def test_a_place_named_after_of_keeps_its_head_noun_in_the_words():
    text = "Separatists attacked the village of Port Ellis on Sunday."
    assert read(text, "attacked") == (None, "port-ellis")  # extraction makes it the location (see arguments)
    assert texts(text, "attacked") == ("Separatists", "village of Port Ellis")


def test_whom_a_verb_of_charging_accuses_of_doing_it_is_the_actor():
    assert read("Norland accused Southland of carrying out the attack.", "attack")[0] == "southland"
    assert read("Norland accused Southland of attacking the border post.", "attacking")[0] == "southland"
    # a gerund after "of" under another verb takes no subject from its object
    assert read("Norland spoke of carrying out the attack.", "attack")[0] is None
