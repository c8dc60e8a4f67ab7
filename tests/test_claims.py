"""Numeric claims: every number form, implied counts, qualifiers, statuses and sources."""

from __future__ import annotations

import pytest

from newsevents.events.claims import bounds, find_claims, parse_number


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
        ("Dozens were wounded in the attack.", ("injured", 24, 99, "vague")),
        ("Eighty-four people were killed.", ("killed", 84, 84, "exact")),
        ("The toll rose to 1,200 dead.", ("killed", 1200, 1200, "exact")),
        ("Three U.S. Army soldiers were killed.", ("killed", 3, 3, "exact")),
        ("Sixteen people, including civilians, were killed.", ("killed", 16, 16, "exact")),
        ("The strike hit three facilities used by the group.", ("facilities_struck", 3, 3, "exact")),
        ("An attack that claimed the lives of 12 pilgrims.", ("killed", 12, 12, "exact")),
        ("Not less than 30 people were wounded.", ("injured", 30, None, "at_least")),
        ("The shelling killed no less than nine civilians.", ("killed", 9, None, "at_least")),
        ("Greater than 20 villagers were injured.", ("injured", 21, None, "more_than")),
        ("Not more than 5 guards were killed.", ("killed", 0, 5, "up_to")),
        ("Rescuers pulled 30 people from the ruins, 12 of whom were dead.", ("killed", 12, 12, "exact")),
        ("Police detained four men; two of them were wounded.", ("injured", 2, 2, "exact")),
        ("Nine villagers—mostly farmers—were killed.", ("killed", 9, 9, "exact")),
        ("Eleven guards -- among them two officers -- were brutally killed.", ("killed", 11, 11, "exact")),
        ("Rescuers recovered about 40 bodies from the river.", ("killed", 36, 44, "about")),
        ("Residents spoke of several dozen deaths in the village.", ("killed", 24, 99, "vague")),
        ("The number of Malian soldiers killed has risen to seven.", ("killed", 7, 7, "exact")),
        ("A medic said at least 10 had been shot dead.", ("killed", 10, None, "at_least")),
        ("Reporters counted the bodies of at least five protesters.", ("killed", 5, None, "at_least")),
        ("The blast caused injury to 10 others.", ("injured", 10, 10, "exact")),
        ("Two opposition activists were gunned down.", ("killed", 2, 2, "exact")),
        ("Between 20 and 30 guests were hurt.", ("injured", 20, 30, "about")),
    ],
)
def test_each_number_form(text, expected):
    assert claims(text) == [expected]


def test_another_count_of_the_injured_is_not_added_to_the_dead():
    assert claims("Six guards were killed and another 40 people injured.") == [
        ("killed", 6, 6, "exact"),
        ("injured", 40, 40, "exact"),
    ]


def test_a_toll_ranked_among_others_is_not_a_count():
    assert claims("The toll is one of the highest the province has seen.") == []


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


def test_words_that_give_no_size_are_no_claim():
    # the annotation guideline: "several" or "a number of" say there were some, not how many
    assert claims("A number of civilians were wounded.") == []
    assert claims("Several people died in the blast.") == []
    assert claims("A few guards were hurt at the gate.") == []


def test_a_plural_number_word_is_vague_not_a_spelled_number():
    # "hundreds" is not "hundred" followed by an "s"
    assert claims("A truck bomb tore through the depot, wounding hundreds and killing 31.") == [
        ("injured", 200, 999, "vague"),
        ("killed", 31, 31, "exact"),
    ]


def test_a_toll_verb_far_from_its_noun_is_a_revision():
    text = "The death toll from Sunday's shelling of the market in the old quarter of Tarvin has climbed to 38."
    assert status(text) == [(38, "revised")]
    assert status("The toll from the ferry bombing climbed overnight to 19.") == [(19, "revised")]
    assert status("Bomb blast toll rises to 26") == [(26, "revised")]
    assert status("The number of fatalities in the depot fire has increased to seven.") == [(7, "revised")]
    # a toll that "reached" a figure is a report, not a revision
    assert status("The death toll, which medics feared would keep growing, reached 58.") == [(58, "reported")]


def test_put_the_number_at_is_a_figure_of_the_noun_or_the_sentence():
    assert claims("Hospital staff put the number of wounded at 85.") == [("injured", 85, 85, "exact")]
    text = "Rescue workers had initially put the number at 41, but the death toll kept climbing."
    assert status(text) == [(41, "initial")]
    assert claims(text) == [("killed", 41, 41, "exact")]
    assert claims("The ministry put the figure at 19.") == []  # a figure of what, the sentence does not say


def test_a_sentence_opening_with_initially_gives_an_initial_figure():
    assert status("Initially, local radio said six had died.") == [(6, "initial")]
    # "Earlier, ... said" is an earlier figure only where the text says the count changed
    assert status("Earlier, a spokesman told reporters that three people had died.") == [(3, "reported")]
    body = "The toll was later revised upward. Earlier, a spokesman told reporters that three people had died."
    second = body.index("Earlier")
    found, _ = find_claims(body, second, len(body))
    assert [(c.value_low, c.status) for c in found] == [(3, "initial")]
    assert status("Earlier this week, a spokesman said three people had died.") == [(3, "reported")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One woman died and 14 people were hurt.", [("killed", 1, 1, "exact"), ("injured", 14, 14, "exact")]),
        ("One civilian was wounded by shrapnel.", [("injured", 1, 1, "exact")]),
        ("At least one sailor was hurt, the navy said.", [("injured", 1, None, "at_least")]),
        ("A guard killed in the raid was buried on Friday.", [("killed", 1, 1, "exact")]),
        ("The blast wounded a 9-year-old girl.", [("injured", 1, 1, "exact")]),
    ],
)
def test_one_person_counted_by_a_or_one(text, expected):
    assert claims(text) == expected


def test_ages_are_not_counts():
    assert claims("A 12-year-old boy was killed in the crossfire.") == [("killed", 1, 1, "exact")]
    assert claims("Two 14-year-old boys were wounded.") == [("injured", 2, 2, "exact")]
    assert claims("Gunmen killed 16-year-old Omar near the school.") == []


def test_victims_joined_by_and_add_up_but_attackers_do_not_count():
    assert claims("Three guards and two attackers were killed in the gunfight.") == [("killed", 3, 3, "exact")]
    assert claims("Ten police officers and a civilian were wounded.") == [("injured", 11, 11, "exact")]
    assert claims("A soldier and two civilians were killed.") == [("killed", 3, 3, "exact")]
    assert claims("Police killed two gunmen after the siege.") == []


def test_the_named_one_counts_with_his_companions():
    assert claims("The drone killed the colonel and two of his aides.") == [("killed", 3, 3, "exact")]
    assert claims("Hamid and three other men were killed near the well.") == [("killed", 4, 4, "exact")]
    assert claims("His driver and two bodyguards were also killed.") == [("killed", 3, 3, "exact")]
    # "other" than someone not named here: they add to those counted before (resolved once linked)
    text = "Six other passengers on the bus were killed as well."
    found, _ = find_claims(text, 0, len(text))
    assert [(c.quantity, c.value_low, c.additional) for c in found] == [("killed", 6, 6)]
    # after a count in the same sentence, "others" are a count of their own
    assert claims("Nine were killed and 14 others were wounded.") == [
        ("killed", 9, 9, "exact"),
        ("injured", 14, 14, "exact"),
    ]
    assert claims("One of their officers died in the assault, the ministry said.") == []  # a person, not a toll


def test_parts_of_a_total_are_no_claim():
    assert claims("Four of the dead were firefighters.") == []
    text = "Medics treated 40 wounded people, among them 12 badly hurt and 9 slightly injured."
    assert claims(text) == [("injured", 40, 40, "exact")]
    assert claims("Doctors said 45 people hurt in the bombing were still in hospital on Monday.") == []
    assert claims("Of those hurt, 23 people wounded in the blast are still in intensive care.") == []


def test_killed_and_badly_hurt_after_the_dead():
    assert claims("Police said 15 had been killed and 60 critically wounded by the bomb.") == [
        ("killed", 15, 15, "exact"),
        ("injured", 60, 60, "exact"),
    ]


def test_lives_lost_and_lives_taken():
    assert claims("The clan feud led to the loss of 14 lives.") == [("killed", 14, 14, "exact")]
    assert claims("The shelling took 9 lives in the village, residents said.") == [("killed", 9, 9, "exact")]
    assert claims("By nightfall, 20 lives had been lost.") == [("killed", 20, 20, "exact")]
    assert claims("Seven guards lost their lives in the ambush.") == [("killed", 7, 7, "exact")]
    assert claims("Rescuers saved 30 lives after the explosion.") == []


def test_injuries_given_to_or_sustained_by_a_count():
    assert claims("The mortar round caused injuries to six residents.") == [("injured", 6, 6, "exact")]
    assert claims("Nine soldiers suffered light wounds.") == [("injured", 9, 9, "exact")]
    assert claims("Paramedics counted at least three light injuries.") == [("injured", 3, None, "at_least")]
    assert claims("Eleven workers were left injured.") == [("injured", 11, 11, "exact")]


def test_attacks_counted_in_times():
    assert claims("The airfield came under fire 41 times this year.") == [("attacks", 41, 41, "exact")]
    text = "Rebels shelled the town at least 6 times in March and 4 times in April."
    assert claims(text) == [("attacks", 6, None, "at_least"), ("attacks", 4, None, "at_least")]
    assert claims("The raids, some 30 incidents in all, targeted depots.") == [("attacks", 27, 33, "about")]
    assert claims("He was shot three times in the leg.") == []
    assert claims("Police logged 15 incidents of looting.") == []


def test_counted_people_named_by_their_unit_or_rank():
    assert claims("Five police officers were hurt.") == [("injured", 5, 5, "exact")]
    assert claims("Two border guards died in the clash.") == [("killed", 2, 2, "exact")]
    assert claims("Six members of a village militia died.") == [("killed", 6, 6, "exact")]
    text = "At least 8 recruits from a rebel training camp in the hills were killed."
    assert claims(text) == [("killed", 8, None, "at_least")]
    # a clause ends the phrase: the unit's own arrest is no casualty count
    assert claims("Two soldiers of the unit that raided the farm were arrested.") == []


def test_headlines_in_the_present_tense():
    assert claims("Car bomb kills 14 in market") == [("killed", 14, 14, "exact")]
    assert claims("Rocket strike injures 9 soldiers") == [("injured", 9, 9, "exact")]
    assert claims("Senators will kill 2 bills this week.") == []  # a number before a noun that is not people


def test_a_death_from_illness_is_no_claim():
    assert claims("A worker died of a heart attack while fleeing the shelling.") == []
    assert claims("Two residents died of heart attacks during the curfew.") == []


def test_the_death_of_some_of_its_own():
    assert claims("Mourners marked the death of one of their commanders.") == [("killed", 1, 1, "exact")]
    assert claims("The navy lost three of its sailors in the attack.") == [("killed", 3, 3, "exact")]


def test_a_range_of_figures():
    assert claims("Hospitals said the number of wounded was between 1,100 and 1,250.") == [
        ("injured", 1100, 1250, "about")
    ]
    assert claims("Between 20 and 30 people were killed in the raid.") == [("killed", 20, 30, "about")]


def test_more_after_a_vague_count_is_that_count():
    assert claims("Hundreds more were hurt in the crush.") == [("injured", 200, 999, "vague")]


def test_times_and_distances_are_not_counts():
    assert claims("The toll was not known at 5 p.m. on Tuesday.") == []


def test_a_toll_revised_from_one_figure_to_another_gives_both():
    assert status("Officials revised the death toll down from 31 to 27.") == [(31, "initial"), (27, "revised")]
    assert status("The toll was lowered to 27 from 31.") == [(27, "revised"), (31, "initial")]


def test_an_ordinal_or_a_date_is_no_earlier_figure():
    # "first" and "earlier" mark a superseded figure only as "first reports" or "earlier said", not as dates
    assert status("The first attack killed 5 people.") == [(5, "reported")]
    assert status("Gunmen earlier this month killed 7 soldiers.") == [(7, "reported")]
    assert status("Officials earlier reported 7 soldiers were killed.") == [(7, "initial")]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Nearly three guards were wounded.", 2, 2),
        ("Nearly two villagers were killed.", 1, 1),
    ],
)
def test_a_hedged_small_number_never_gives_bounds_out_of_order(text, low, high):
    ((_, value_low, value_high, _),) = claims(text)
    assert (value_low, value_high) == (low, high)
    assert 0 <= value_low <= value_high


def test_fewer_than_zero_is_no_negative_ceiling():
    low, high, _ = bounds("fewer than", 0, None, False)
    assert (low, high) == (0, 0)


def test_the_sql_check_of_implied_figures_knows_the_same_number_words():
    import re
    from pathlib import Path

    from newsevents.events.claims import NUMERAL_WORDS

    sql = (Path(__file__).parents[1] / "validation" / "sql" / "claims_implied.sql").read_text(encoding="utf-8")
    listed = re.search(r"\[('[a-z]+'(?:,\s*'[a-z]+')*)\]", sql)
    assert listed is not None
    assert set(re.findall(r"'([a-z]+)'", listed.group(1))) == NUMERAL_WORDS
