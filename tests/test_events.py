"""Events: types and modes, arguments, realis, aggregates, coreference and reconciliation.

The articles here are written for the tests (wire style, with bylines, captions and ``Advertisement``
lines), not taken from the seeds.
"""

from __future__ import annotations

from datetime import date

from conftest import write_article

from newsevents.pipeline import BuildContext, run_steps


def build(tmp_path, **articles: tuple[str, str]) -> dict[str, list[dict]]:
    """Tables built from articles given as ``id=(published, text)``."""
    for article_id, (published, text) in articles.items():
        write_article(tmp_path / "seeds", f"{article_id}.txt", f" date {published} {text}")
    return run_steps(BuildContext(tmp_path / "seeds", tmp_path / "out"))


def events(tables) -> list[dict]:
    return sorted(tables["events"], key=lambda e: (str(e["date_start"]), e["event_type"], e["event_id"]))


def one(tables, **where) -> dict:
    found = [e for e in tables["events"] if all(e[k] == v for k, v in where.items())]
    assert len(found) == 1, (where, [(e["event_type"], e["description"]) for e in tables["events"]])
    return found[0]


def test_types_modes_and_the_acled_crosswalk(tmp_path):
    t = build(
        tmp_path,
        a=("2024-02-10", "Israeli warplanes carried out an airstrike on a house in Rafah on Friday."),
        b=("2024-02-10", "A drone attack by the Houthis hit a tanker in the Red Sea on Thursday."),
        c=("2024-02-10", "Hezbollah fired a rocket barrage at northern Israel on Wednesday."),
        d=("2024-02-10", "A suicide bomber struck a market in Kabul on Tuesday."),
        e=("2024-02-10", "Gunmen assassinated a Hamas official in Sidon on Monday."),
        f=("2024-02-10", "Thousands of protesters rallied in Amman on Friday against the war."),
        g=("2024-02-10", "On Friday the Treasury Department sanctioned four Kataib Hezbollah financiers."),
    )
    modes = {(e["event_type"], e["event_mode"], e["acled_sub_event_type"]) for e in t["events"]}
    assert ("assault", "aerial", "Air/drone strike") in modes
    assert ("assault", "drone", "Air/drone strike") in modes
    assert ("assault", "heavy-weapons", "Shelling/artillery/missile attack") in modes
    assert ("assault", "suicide-attack", "Suicide bomb") in modes
    assert ("assault", "targeted", "Attack") in modes
    assert ("protest", "demonstrate", "Peaceful protest") in modes
    assert ("sanction", None, None) in modes


def test_actor_target_and_location_from_the_words_around_the_trigger(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-02-03",
            "The United States launched strikes targeting facilities used by Kataib Hezbollah in Iraq on Friday.",
        ),
        b=("2024-02-03", "A senior Hezbollah commander was killed by an Israeli drone strike in Nabatieh."),
        c=(
            "2024-02-03",
            "A blast hit a checkpoint in Kirkuk on Thursday. The Islamic State claimed responsibility for the attack.",
        ),
    )
    strikes = one(t, actor_id="united-states")
    assert (strikes["target_id"], strikes["location_id"], strikes["event_mode"]) == (
        "kataib-hezbollah",
        "iraq",
        "aerial",
    )
    killing = one(t, target_id="hezbollah")
    assert killing["event_mode"] == "drone"
    blast = one(t, location_id="kirkuk")
    assert blast["actor_id"] == "islamic-state"


def test_commentary_speculation_and_questions_are_not_events(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-20",
            "Analysts warn the crisis could escalate into a wider war.\n\n"
            "Q: Will Iran strike Israel?\n\n"
            "Officials fear any further attacks on shipping could prompt a response.",
        ),
    )
    assert t["events"] == []


def test_a_series_is_one_aggregate_event(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-20",
            "In recent weeks, US troops in Syria have faced a string of rocket attacks. "
            "The attacks have caused minor injuries.",
        ),
        b=(
            "2024-01-22",
            "The Islamic Resistance in Iraq has carried out more than 140 attacks on US forces since October 17.",
        ),
    )
    (series,) = [e for e in t["events"] if e["is_aggregate"]]
    assert series["n_articles"] == 2
    assert series["target_id"] == "united-states"
    assert str(series["date_start"]) == "2023-10-17" and str(series["date_end"]) == "2024-01-22"
    attacks = [c for c in t["claims"] if c["quantity"] == "attacks"]
    assert [(c["value_low"], c["qualifier"], c["event_id"]) for c in attacks] == [
        (141, "more_than", series["event_id"])
    ]


def test_one_event_reported_by_two_articles_under_different_names(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-29",
            "By Jane Roe\n\nA drone attack on Tower 22 in Jordan killed three US soldiers on "
            "Sunday.\n\nAdvertisement\n\nThe attack wounded more than 30 others.",
        ),
        b=(
            "2024-01-30",
            "Three American troops died when a drone struck a logistics base in northeastern "
            "Jordan on Sunday, the Pentagon said.\n\nTroops at the base in 2023. (AP Photo/Staff)",
        ),
    )
    (attack,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert attack["n_articles"] == 2
    assert str(attack["date_start"]) == str(attack["date_end"]) == "2024-01-28"
    assert attack["fatalities_best"] == 3 and attack["country_code"] == "JO"


def test_events_that_look_alike_stay_apart(tmp_path):
    t = build(
        tmp_path,
        a=("2023-11-09", "US warplanes struck a weapons depot in eastern Syria on Wednesday."),
        b=("2024-01-12", "US warplanes struck a weapons depot in eastern Syria on Thursday."),
        c=(
            "2024-01-12",
            "Iran-backed militias fired rockets at US forces in Syria on Thursday. US "
            "warplanes struck back in eastern Syria on Thursday.",
        ),
    )
    strikes = [e for e in t["events"] if e["actor_id"] == "united-states"]
    assert sorted(str(e["date_start"]) for e in strikes) == ["2023-11-08", "2024-01-11"]
    rockets = one(t, actor_id="iran-backed-militias")
    assert rockets["event_mode"] == "heavy-weapons" and rockets["target_id"] == "united-states"


def test_anaphors_join_the_event_they_refer_to(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-02-20",
            "An Israeli airstrike on a building in Damascus killed five people on Monday. "
            "The strike also wounded eight. Syria condemned the attack.",
        ),
    )
    strike = one(t, event_type="assault")
    assert (strike["n_mentions"], strike["fatalities_best"], strike["injured_best"]) == (3, 5, 8)
    condemnation = one(t, event_type="accuse")
    assert condemnation["actor_id"] == "syria" and condemnation["target_id"] == "israel"


def test_fatalities_follow_the_latest_report_that_is_not_superseded(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-03", "Two explosions at a ceremony in Kerman killed 103 people on Wednesday."),
        b=(
            "2024-01-04",
            "Officials said the twin bombings in Kerman on Wednesday killed 95 people. Initial "
            "reports overestimated the death toll.",
        ),
        c=(
            "2024-01-05",
            "The toll from Wednesday's bombings in Kerman rose to 97 after two more people died in hospital.",
        ),
    )
    bombing = one(t, event_type="assault")
    assert bombing["n_articles"] == 3
    assert bombing["fatalities_best"] == 97  # the latest report
    statuses = sorted((c["value_low"], c["status"]) for c in t["claims"] if c["quantity"] == "killed")
    assert (95, "revised") in statuses and (96, "initial") in statuses  # "overestimated": above 95
    assert bombing["fatalities_low"] == 95 and bombing["fatalities_high"] == 103


def test_dates_come_with_the_words_they_were_read_from(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-04",
            "Previously, on December 25, the US launched strikes on three facilities used by Kataib Hezbollah.",
        ),
    )
    (mention,) = t["event_mentions"]
    assert mention["date_text"] == "December 25"
    assert one(t, event_type="assault")["date_precision"] == "day"


def test_an_incident_without_a_date_spans_the_week_before_publication(tmp_path):
    t = build(tmp_path, a=("2024-01-04", "The US has targeted a militia commander in Baghdad."))
    strike = one(t, event_type="assault")
    assert (strike["date_start"], strike["date_end"]) == (date(2023, 12, 28), date(2024, 1, 4))
    assert strike["date_precision"] == "range"


def test_a_campaign_without_a_date_spans_the_month_before_publication(tmp_path):
    t = build(tmp_path, a=("2024-01-04", "Militias have carried out a string of attacks on US forces in Syria."))
    campaign = one(t, event_type="assault")
    assert campaign["is_aggregate"] is True
    assert (campaign["date_start"], campaign["date_end"]) == (date(2023, 12, 5), date(2024, 1, 4))


def test_an_undated_reaction_follows_the_incident_the_article_is_about(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-05-10",
            "A car bomb exploded in Mosul on Wednesday, killing six people. The governor condemned the "
            "bombing and Iraq blamed the Islamic State group.",
        ),
    )
    bombing = one(t, event_type="assault")
    assert str(bombing["date_start"]) == "2024-05-08"
    blame = one(t, event_type="accuse")
    assert (str(blame["date_start"]), str(blame["date_end"])) == ("2024-05-08", "2024-05-10")


def test_an_anniversary_of_a_known_event_dates_the_event_it_marks(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-06",
            "A bombing struck mourners marking the fourth anniversary of the "
            "U.S. killing of Qassem Soleimani, killing 20 people.",
        ),
    )
    bombing = one(t, event_mode="explosives")
    assert (str(bombing["date_start"]), bombing["date_precision"]) == ("2024-01-03", "day")
    killing = one(t, anchor_id="soleimani-killing")
    assert str(killing["date_start"]) == "2020-01-03" and killing["actor_id"] == "united-states"


def test_an_event_told_as_before_another_ends_by_it_even_when_reported_long_after(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-03-01",
            "Previously, on December 25, the US launched strikes on three facilities "
            "used by Kataib Hezbollah, after the Erbil Air Base attack.",
        ),
    )
    attack = one(t, location_id="erbil-air-base")
    assert (str(attack["date_start"]), str(attack["date_end"])) == ("2023-11-25", "2023-12-25")


def test_a_war_is_one_event_whichever_side_is_named_first(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-04",
            "The group has claimed more than 100 attacks on US forces in Iraq since the outbreak of Hamas’ war "
            "against Israel.\n\nA bombing in Kerman killed 84 people on Wednesday.\n\n"
            "The militias tie their attacks to Israel’s conflict with Hamas in Gaza.",
        ),
    )
    wars = [e for e in t["events"] if e["description"].startswith("War ")]
    assert len(wars) == 1, [(e["description"], e["n_mentions"]) for e in t["events"]]
    assert wars[0]["n_mentions"] == 2


def test_a_verb_phrase_trigger_with_a_count_between_its_words(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-21", "Militants fired multiple ballistic missiles and rockets at al-Asad airbase on Saturday."),
    )
    attack = one(t, event_type="assault")
    assert (attack["event_mode"], attack["location_id"], str(attack["date_start"])) == (
        "heavy-weapons",
        "ain-al-asad-air-base",
        "2024-01-20",
    )


def test_the_attacks_a_retaliation_answers_are_another_event(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-12",
            "Britain launched air strikes on Houthi targets in Sanaa in retaliation for the group's attacks on "
            "shipping in the Red Sea.",
        ),
    )
    strikes, attacks = one(t, actor_id="united-kingdom"), one(t, actor_id="houthis")
    said = {e["event_id"]: [] for e in (strikes, attacks)}
    for m in t["event_mentions"]:
        said[m["event_id"]].append(m["text"])
    assert any(text == "retaliation" for text in said[strikes["event_id"]])
    assert not any("retaliation" in text for text in said[attacks["event_id"]])


def test_a_place_of_unknown_country_does_not_join_reports_from_elsewhere(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-20", "A drone attack hit Ain al-Asad on Friday, causing no injuries."),
        b=("2024-01-20", "A drone attack struck a tanker in the Red Sea on Friday."),
    )
    drones = [e for e in t["events"] if e["event_mode"] == "drone"]
    assert sorted(e["location_id"] for e in drones) == ["ain-al-asad-air-base", "red-sea"]


def test_reference_dates_do_not_override_an_incident_the_text_dates_elsewhere(tmp_path):
    # Soleimani's killing (3 January 2020) is reference data; a killing the text dates to last week
    # keeps the text's date rather than taking the reference one
    t = build(tmp_path, a=("2024-01-29", "Last week a U.S. drone strike killed Qassem Soleimani in Baghdad."))
    killing = one(t, event_type="assault")
    assert killing["anchor_id"] in (None, "")
    assert str(killing["date_start"]) >= "2024-01-15"


def test_a_wire_dateline_is_where_the_story_was_filed_not_who_acted(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-16",
            "BASRA, Iraq, Jan 16 (Reuters) - Gunmen attacked a checkpoint in Kirkuk on Tuesday, killing two policemen.",
        ),
    )
    attack = one(t, event_type="assault")
    assert attack["actor_id"] in (None, "")
    assert attack["location_id"] == "kirkuk"


def test_a_killing_told_as_the_outcome_of_an_attack_counts_for_that_attack(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-16",
            "The Revolutionary Guards said they had attacked a headquarters in Erbil on Tuesday, killing at "
            "least four civilians, and struck targets in Idlib.",
        ),
    )
    attack = one(t, location_id="erbil")
    assert (attack["fatalities_low"], attack["fatalities_best"]) == (4, 4)


def test_a_toll_told_far_from_any_event_belongs_to_the_articles_main_incident(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-16",
            "Missiles struck a house in Erbil on Tuesday. The missile strikes destroyed the house.\n\n"
            "Iraq recalled its ambassador.\n\nThe foreign ministry summoned the envoy.\n\n"
            "Kurdish officials later said the death toll had risen to five.",
        ),
    )
    strike = one(t, location_id="erbil")
    assert strike["fatalities_best"] == 5


def test_a_state_that_owns_the_place_named_is_not_where_it_happened(tmp_path):
    t = build(tmp_path, a=("2024-01-16", "Missile strikes near the US consulate in Erbil killed a businessman."))
    assert one(t, event_type="assault")["location_id"] == "erbil"


def test_an_event_told_as_coming_after_another_is_another_event(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-02-08",
            "A drone strike hit a car in Baghdad on Wednesday. The strike came days after the U.S. launched "
            "retaliatory strikes on 85 targets in Iraq.",
        ),
    )
    assaults = [e for e in t["events"] if e["event_type"] == "assault" and e["is_aggregate"] is False]
    assert len(assaults) == 2, [e["description"] for e in t["events"]]


def test_two_other_people_also_killed_add_to_the_targeted_person(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-02-08",
            "A drone strike hit a car in Baghdad on Wednesday, killing a militia commander. Officials said the "
            "commander had planned attacks on U.S. forces. Two officials said two other people in the vehicle "
            "were also killed.",
        ),
    )
    strike = one(t, location_id="baghdad")
    assert strike["fatalities_best"] == 3


def test_a_date_said_by_a_reporting_verb_dates_the_report_not_the_attack(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-04-14",
            "A suicide bomber struck a checkpoint in Kandahar on Thursday. The toll from the bombing in "
            "Kandahar rose to nine, officials said on Sunday.",
        ),
    )
    bombing = one(t, event_type="assault")
    assert str(bombing["date_start"]) == str(bombing["date_end"]) == "2024-04-11"


def test_the_outlet_told_of_a_strike_is_not_its_actor(tmp_path):
    t = build(
        tmp_path,
        a=("2024-06-02", "A militia source told Reuters that the strike targeted a depot of Kataib Hezbollah."),
    )
    strike = one(t, event_type="assault")
    assert strike["actor_id"] != "reuters"
    assert strike["target_id"] == "kataib-hezbollah"


def test_a_definite_compound_noun_names_one_incident_not_a_series(tmp_path):
    t = build(
        tmp_path,
        a=("2024-03-07", "The toll from the Tuesday market explosions in Aleppo has risen to 14."),
    )
    explosions = one(t, event_type="assault")
    assert explosions["is_aggregate"] is False


def test_a_weapon_told_as_the_subject_reports_the_attack(tmp_path):
    t = build(tmp_path, a=("2024-08-05", "A rocket was fired at Kiryat Shmona on Sunday, wounding two people."))
    rocket = one(t, event_type="assault")
    assert rocket["event_mode"] == "heavy-weapons" and str(rocket["date_start"]) == "2024-08-04"


def test_medical_attacks_and_meetings_are_not_events(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-02-11",
            "The minister met officials in Amman on Saturday. A guard later suffered a heart attack and "
            "several visitors had panic attacks.",
        ),
    )
    assert t["events"] == []


def test_another_such_incident_is_another_event(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-09-20",
            "Gunmen attacked a police post in Zahedan on Thursday, killing three officers. In another such "
            "incident, two guards were killed on June 2 in the same province.",
        ),
    )
    dates = sorted(str(e["date_start"]) for e in t["events"] if e["event_type"] == "assault")
    assert dates == ["2024-06-02", "2024-09-19"]


def test_a_subheading_between_paragraphs_reports_no_event(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-09", "Militants shelled a village near Goma on Monday.\n\nEarlier attacks\n\nResidents fled."),
    )
    assert len([e for e in t["events"] if e["event_type"] == "assault"]) == 1


def test_a_status_of_long_standing_is_not_a_sanction_event(tmp_path):
    t = build(tmp_path, a=("2024-01-09", "Founded in 2009, the group has been blacklisted by the United States."))
    assert [e for e in t["events"] if e["event_type"] == "sanction"] == []


def test_a_bare_plural_pinned_to_a_place_and_month_is_one_incident(tmp_path):
    t = build(
        tmp_path,
        a=("2024-09-20", "In May, four soldiers were killed following clashes with rebels in Saravan."),
    )
    clash = one(t, event_mode="firearms")
    assert clash["is_aggregate"] is False


def test_attacks_counted_since_a_date_are_one_campaign_across_outlets(tmp_path):
    t = build(
        tmp_path,
        a=("2023-11-30", "US forces in Iraq and Syria have been attacked 66 times since October 17."),
        b=("2023-12-04", "Militias have claimed more than 70 attacks on US forces in Iraq since October 17."),
    )
    (campaign,) = [e for e in t["events"] if e["is_aggregate"]]
    assert campaign["n_articles"] == 2 and str(campaign["date_start"]) == "2023-10-17"


def test_two_outlets_with_different_tolls_report_one_bombing(tmp_path):
    t = build(
        tmp_path,
        a=("2024-05-03", "A car bomb killed 12 people at a market in Kirkuk on Thursday, police said."),
        b=("2024-05-04", "The death toll from Thursday's bombing in Kirkuk has risen to 19, a health official said."),
    )
    (bombing,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert bombing["n_articles"] == 2 and bombing["fatalities_best"] == 19


def test_a_missile_attack_by_one_state_on_another_happened_in_the_target(tmp_path):
    t = build(tmp_path, a=("2024-04-14", "Iran launched missiles at Israel on Saturday night."))
    attack = one(t, event_type="assault")
    assert attack["country_code"] == "IL"


def test_a_capital_in_the_possessive_is_its_government_not_the_place(tmp_path):
    t = build(tmp_path, a=("2024-04-20", "Israel struck an air base near Isfahan in Iran, answering Tehran's attacks."))
    answered = [e for e in t["events"] if e["actor_id"] == "iran"]
    assert answered and all(e["location_id"] != "tehran" for e in answered)


def test_a_verb_phrase_trigger_with_an_article_and_a_hyphenated_weapon(tmp_path):
    t = build(tmp_path, a=("2024-02-06", "The Houthis launched an anti-ship ballistic missile at a freighter."))
    attack = one(t, event_type="assault")
    assert attack["event_mode"] == "heavy-weapons" and attack["actor_id"] == "houthis"


def test_the_flag_state_of_a_ship_is_not_the_target(tmp_path):
    t = build(tmp_path, a=("2024-02-06", "Rebels targeted the Liberia-flagged bulk carrier on Monday."))
    attack = one(t, event_type="assault")
    assert attack["target_id"] != "liberia"


def test_on_that_same_day_takes_the_day_told_before(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-10-27",
            "A drone struck a base in Hasakah on Oct. 19, wounding two soldiers. On that same day, rockets were "
            "fired at a base in Deir ez-Zor.",
        ),
    )
    assaults = [e for e in t["events"] if e["event_type"] == "assault"]
    assert len(assaults) == 2 and {str(e["date_start"]) for e in assaults} == {"2023-10-19"}


def test_two_separate_attacks_told_together_are_not_a_campaign(tmp_path):
    t = build(
        tmp_path,
        a=("2023-10-27", "Four soldiers were hurt on Oct. 18 in two separate drone attacks on a base in Anbar."),
    )
    attack = one(t, event_type="assault")
    assert attack["is_aggregate"] is False and str(attack["date_start"]) == "2023-10-18"


def test_pledging_to_retaliate_is_a_threat_and_preparing_to_strike_is_no_attack(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-04-02",
            "Officials said Iran was preparing to launch missile strikes. Israel responded by pledging to "
            "retaliate against Iran.",
        ),
    )
    assert [e["event_type"] for e in t["events"]] == ["threaten"]
    assert t["events"][0]["actor_id"] == "israel"


def test_a_statement_by_a_body_of_no_country_is_placed_where_its_incident_was(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-05-10",
            "A car bomb exploded in Mosul on Wednesday, killing six people. The United Nations condemned the bombing.",
        ),
    )
    condemnation = one(t, event_type="accuse")
    assert condemnation["actor_id"] == "united-nations" and condemnation["country_code"] == "IQ"


def test_a_bare_plural_object_tells_one_incident_and_after_for_a_kind_of_attack(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-09-18",
            "The group accused Israel of triggering explosions in radios across Lebanon on Tuesday. Israel has "
            "blamed the group for attacks on its northern towns.",
        ),
    )
    assaults = sorted((e["is_aggregate"], e["event_mode"] or "") for e in t["events"] if e["event_type"] == "assault")
    assert assaults == [(False, "explosives"), (True, "")]


def test_planned_attacks_and_drones_shot_down_are_not_attacks(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-02-08",
            "Officials said the commander had planned attacks on U.S. forces. Soldiers shot down two drones "
            "near the border.",
        ),
    )
    assert [e for e in t["events"] if e["event_type"] == "assault"] == []


def test_all_recent_attacks_and_attacks_that_escalated_are_a_campaign(tmp_path):
    t = build(
        tmp_path,
        a=("2024-02-08", "The group has claimed all recent attacks against US troops in Iraq."),
        b=("2024-02-09", "Washington struck back after attacks on its bases that have escalated since January."),
    )
    campaigns = [e for e in t["events"] if e["event_type"] == "assault" and e["target_id"] == "united-states"]
    assert campaigns and all(e["is_aggregate"] for e in campaigns)


def test_aerial_bombing_is_an_air_strike_and_a_relative_clause_place_is_not_where(tmp_path):
    t = build(
        tmp_path,
        a=("2024-02-08", "Four fighters were killed by aerial bombing in the Qaim district on Monday."),
        b=("2024-02-09", "The strikes answered attacks on US bases that have grown alongside the war in Gaza."),
    )
    bombing = one(t, event_mode="aerial")
    assert str(bombing["date_start"]) == "2024-02-05"
    assert all(e["location_id"] != "gaza-strip" for e in t["events"] if e["target_id"] == "united-states")


def test_arrests_after_an_incident_are_one_event_across_outlets(tmp_path):
    t = build(
        tmp_path,
        a=("2024-03-10", "Gunmen attacked a market in Zahedan on Saturday. Police said 6 suspects were detained."),
        b=(
            "2024-03-10",
            "Six men said to have been involved in Saturday's shooting at a Zahedan market have been arrested.",
        ),
    )
    (arrests,) = [e for e in t["events"] if e["event_type"] == "coerce"]
    assert arrests["n_articles"] == 2 and arrests["country_code"] == "IR"


def test_a_caption_printed_twice_tells_one_event(tmp_path):
    caption = "Mourners gather after an attack on a bus station in Peshawar on Monday. (Photo: Staff)"
    t = build(tmp_path, a=("2024-03-12", f"{caption}\n\n{caption}\n\nThe attack on the station killed four people."))
    assert len([e for e in t["events"] if e["event_type"] == "assault"]) == 1


def test_a_place_found_only_in_the_text_may_be_inside_a_known_city(tmp_path):
    t = build(
        tmp_path,
        a=("2024-03-23", "Gunmen attacked the Starlight Arena in Moscow on Friday, killing 40 people."),
        b=("2024-03-24", "The toll from Friday's attack on the Starlight Arena concert venue has risen to 60."),
    )
    (attack,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert attack["n_articles"] == 2


def test_a_war_or_bombardment_named_as_backdrop_is_not_reported(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-10",
            "Militias cited US support for Israel during its bombardment of Gaza. The groups act in solidarity "
            "with Palestinians in the Israel-Hamas war.",
        ),
    )
    assert [e for e in t["events"] if e["event_type"] == "assault"] == []


def test_a_war_whose_outbreak_is_told_is_an_event(tmp_path):
    t = build(tmp_path, a=("2024-01-10", "Attacks rose after the outbreak of Hamas' war against Israel."))
    assert [e["event_type"] for e in t["events"] if e["is_aggregate"]] == ["assault"]


def test_a_word_for_the_attack_is_not_a_charge_against_anyone(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-15",
            "In the terrorist attack on the police station in Zahedan, six officers died, the governor told state TV.",
        ),
    )
    assert [e for e in t["events"] if e["event_type"] == "accuse"] == []


def test_negated_and_ruled_out_attacks_did_not_happen(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-10-26",
            "Egypt has not faced a sustained barrage from abroad in decades. Officials did not rule out "
            "targeting the dam.",
        ),
    )
    assert [e for e in t["events"] if e["event_type"] == "assault"] == []


def test_the_spokeswoman_stating_what_was_targeted_is_not_its_target(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-11-22",
            "Spokeswoman Sabine Roth gave details, stating that the Harir air base had been targeted by a "
            "missile on Monday.",
        ),
    )
    attack = one(t, event_type="assault")
    assert attack["target_id"] != "sabine-roth"


def test_the_accused_inside_a_quotation_is_not_the_speaker(tmp_path):
    t = build(
        tmp_path,
        a=("2024-10-26", '"Two soldiers died facing the criminal regime of Israel," the army statement said.'),
    )
    assert all(e["actor_id"] != "israel" for e in t["events"] if e["event_type"] == "accuse")


def test_a_second_clause_after_and_has_its_own_subject(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-10-26",
            "Israel warned Iran against a response, and the United States demanded restraint from Tehran.",
        ),
    )
    demand = one(t, event_type="request")
    assert demand["actor_id"] == "united-states"


def test_the_attack_that_targeted_other_posts_is_the_same_attack(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-25",
            "A senior adviser, Karim Haddad, was killed in an Israeli air strike in Damascus on Monday. The attack "
            "also targeted two Hezbollah posts.",
        ),
    )
    assert len([e for e in t["events"] if e["event_type"] == "assault"]) == 1


def test_an_attack_named_by_its_day_is_the_one_told_on_that_day(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-15",
            "Four police officers were killed on July 23 in Zahedan. Two weeks before the July 23 attack, two "
            "guards were killed.",
        ),
    )
    july = [e for e in t["events"] if str(e["date_start"]) == "2023-07-23"]
    assert len(july) == 1


def test_an_event_with_no_place_told_is_placed_in_its_articles_country(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-15",
            "Gunmen attacked a police station in Zahedan on Friday, killing 11 officers. The group claimed a "
            "suicide bombing in 2019 that killed 27 guards.",
        ),
    )
    bombing = one(t, event_mode="suicide-attack")
    assert bombing["country_code"] == "IR" and str(bombing["date_start"]) == "2019-01-01"


def test_statements_without_an_event_word(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-06-09",
            "A rocket attack killed four farmers in Metula on Saturday. A spokesman for Hezbollah told reporters "
            "that Hezbollah was not responsible for the attack. Israel alleges the launch was carried out by "
            "Iran-backed Hezbollah. “We will prepare a response against Hezbollah,” the Israeli army chief "
            "Avi Stern said.",
        ),
    )
    kinds = {(e["event_type"], e["actor_id"], e["target_id"]) for e in t["events"] if e["event_type"] != "assault"}
    assert ("reject", "hezbollah", None) in kinds
    assert ("accuse", "israel", "hezbollah") in kinds
    assert any(k[0] == "threaten" and k[2] == "hezbollah" for k in kinds)


def test_the_group_that_denied_is_the_group_named_before(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-06-09",
            "Israel blamed Hezbollah for Saturday's rocket attack on Metula. The group has no connection to the "
            "incident, a statement said. The attack, which Hezbollah denied responsibility for, killed four.",
        ),
    )
    (denial,) = [e for e in t["events"] if e["event_type"] == "reject"]
    assert denial["actor_id"] == "hezbollah"


def test_a_denial_in_two_outlets_about_one_attack_is_one_event(tmp_path):
    t = build(
        tmp_path,
        a=("2024-06-09", "A rocket attack killed four farmers in Metula on Saturday. Hezbollah denied any role in it."),
        b=("2024-06-10", "Hezbollah has rejected any responsibility for Saturday's rocket attack on Metula."),
    )
    (denial,) = [e for e in t["events"] if e["event_type"] == "reject"]
    assert denial["n_articles"] == 2


def test_calling_an_attack_criminal_accuses_its_authors_not_the_speakers_country(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-08-01",
            "An Israeli air strike hit a building in Beirut on Tuesday. Najib Mikati, the prime minister of "
            "Lebanon, referred to the attack as a criminal act.",
        ),
    )
    accusation = one(t, event_type="accuse")
    assert accusation["actor_id"] == "najib-mikati" and accusation["target_id"] == "israel"


def test_more_deaths_told_after_a_risen_toll_explain_it_rather_than_add_to_it(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-10-26",
            "An air strike hit an army base near Ahvaz on Saturday. The toll from the strike has risen to four, "
            "the army said. Two more soldiers died of their wounds.",
        ),
    )
    strike = one(t, event_type="assault")
    assert strike["fatalities_best"] == 4


def test_a_town_and_the_occupied_region_around_it_are_one_place(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-07-28",
            "A rocket attack killed nine children in Majdal Shams on Saturday. The rocket hit a football pitch "
            "in the Israeli-occupied Golan Heights.",
        ),
        b=("2024-07-28", "Israel blamed Hezbollah for Saturday's rocket attack on the Golan Heights."),
    )
    (attack,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert attack["n_articles"] == 2


def test_two_towns_of_one_country_stay_two_places(tmp_path):
    t = build(
        tmp_path,
        a=("2023-10-19", "A drone attack hit the Harir air base on Wednesday. A second drone attack hit Ain al-Asad."),
    )
    assert len([e for e in t["events"] if e["event_type"] == "assault"]) == 2


def test_appeals_to_the_public_and_requested_anonymity_are_not_demands(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-09-18",
            "The health ministry asked the public to donate blood. An official, who requested anonymity, spoke "
            "to reporters. Britain urged Iran to show restraint.",
        ),
    )
    requests = [e for e in t["events"] if e["event_type"] == "request"]
    assert [(e["actor_id"], e["target_id"]) for e in requests] == [("united-kingdom", "iran")]


def test_a_warning_against_escalation_is_an_appeal_and_condemnation_from_states_names_them(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-10-26",
            "The strikes on Iran drew condemnation from Iraq and Qatar, which warned against further escalation.",
        ),
    )
    kinds = sorted((e["event_type"], e["actor_id"]) for e in t["events"] if e["event_type"] != "assault")
    assert ("accuse", "iraq") in kinds and all(k != "threaten" for k, _ in kinds)


def test_a_deadline_or_a_date_after_by_is_not_when_it_happened(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-03-27",
            "Gunmen attacked a concert hall in Moscow on Friday. By Wednesday, 80 people injured in the attack "
            "remained in hospital. A court ordered the suspects held until May 22.",
        ),
    )
    attack = one(t, event_type="assault")
    assert str(attack["date_start"]) == "2024-03-22"
    assert all(str(e["date_start"]) >= "2024-03-01" for e in t["events"])


def test_a_statement_is_placed_by_its_speaker_not_by_the_capital_it_names(tmp_path):
    t = build(tmp_path, a=("2024-10-26", "The United States demanded that Tehran not escalate the conflict."))
    demand = one(t, event_type="request")
    assert demand["country_code"] == "US" and demand["location_id"] is None


def test_sides_of_a_war_named_in_a_compound_are_not_a_place(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-20",
            "Militias say the attacks on U.S. bases in Syria are in solidarity with the Israel-Hamas war.",
        ),
    )
    assert all(e["country_code"] != "IL" for e in t["events"] if e["event_type"] == "assault")


def test_killed_with_a_victim_a_place_and_a_day_reports_the_killing(tmp_path):
    t = build(
        tmp_path, a=("2023-12-25", "Senior commander Karim Haddad was killed today in the Mezzeh district of Damascus.")
    )
    killing = one(t, event_type="assault")
    assert killing["target_id"] == "karim-haddad" and str(killing["date_start"]) == "2023-12-25"


def test_who_is_a_person_and_an_iran_backed_militia_is_the_militia(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-11-22",
            "Mourners remembered Qassem Soleimani, the head of the Quds Force who was killed in a U.S. drone "
            "attack in Iraq in 2020. A US gunship struck a truck of an Iranian-backed militia that had fired "
            "missiles at the Harir air base.",
        ),
    )
    drone = one(t, event_mode="drone")
    assert drone["target_id"] == "qassem-soleimani"
    assert all(e["actor_id"] != "iran" for e in t["events"])


def test_the_day_a_reporter_confirmed_the_incident_is_not_its_day(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-11-22",
            "Militants fired missiles at the Harir air base late Monday. The Pentagon confirmed the incident on "
            "Tuesday.",
        ),
    )
    attack = one(t, event_type="assault")
    assert str(attack["date_start"]) == "2023-11-20"


def test_places_coordinated_with_a_targeted_place_are_places_of_the_attack(tmp_path):
    t = build(
        tmp_path,
        a=("2023-10-18", "Drones targeted the al-Harir air base and the Ain al-Asad air base on Wednesday."),
        b=("2023-10-27", "Four soldiers were hurt in a drone attack on Ain al-Asad on Oct. 18."),
    )
    shared = [e for e in t["events"] if e["event_type"] == "assault" and e["n_articles"] == 2]
    assert shared


def test_promised_punishment_quoted_and_cited_is_a_threat_by_the_one_cited(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-26",
            "An air strike outside Damascus on Monday killed an adviser of the Quds Force. “The regime will surely "
            "pay the price for this crime,” state media cited Ebrahim Raisi as saying.",
        ),
    )
    threat = one(t, event_type="threaten")
    assert threat["actor_id"] == "ebrahim-raisi"


def test_an_announcement_that_someone_was_killed_tells_the_killing(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-26",
            "State TV interrupted its news to announce that senior commander Karim Haddad had been killed in Damascus.",
        ),
    )
    assert one(t, event_type="assault")["target_id"] == "karim-haddad"


def test_a_member_of_a_states_force_is_not_placed_in_that_state(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-26",
            "An air strike outside Damascus on Monday killed a senior adviser in Iran's Revolutionary Guards.",
        ),
    )
    (strike,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert strike["country_code"] == "SY"


def test_a_dateline_with_a_plain_hyphen_is_where_the_story_was_filed(tmp_path):
    t = build(tmp_path, a=("2024-04-15", "MAIDUGURI, Nigeria - Gunmen attacked a village in Borno State on Sunday."))
    attack = one(t, event_type="assault")
    assert attack["actor_id"] != "nigeria"


def test_location_precision_and_the_region_the_reports_name(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-21",
            "Missiles hit the Harir air base on Saturday. A drone struck Kirkuk on Friday. Rockets hit Syria on "
            "Thursday. Gunmen attacked a village in Sistan and Baluchestan province on Wednesday.",
        ),
    )
    precision = {str(e["date_start"]): (e["location_precision"], e["admin1"]) for e in t["events"]}
    assert precision["2024-01-20"] == ("place", None)
    assert precision["2024-01-19"] == ("town", None)
    assert precision["2024-01-18"] == ("country", None)
    assert precision["2024-01-17"] == ("region", "Sistan and Baluchestan")


def test_multiple_attacks_at_one_base_on_one_day_are_one_incident_but_a_wave_is_a_series(tmp_path):
    t = build(
        tmp_path,
        a=("2023-12-04", "Troops faced multiple rocket attacks at the Green Village base on Sunday."),
        b=("2023-12-04", "Militias have launched a wave of rocket attacks on US bases in Syria."),
    )
    by_article = {e["description"]: e["is_aggregate"] for e in t["events"]}
    assert sorted(by_article.values()) == [False, True]


def test_an_older_event_named_in_an_anniversary_is_not_the_event_just_told(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-04",
            "A U.S. airstrike in Baghdad killed a militia commander on Thursday. The attack came on the fourth "
            "anniversary of the U.S. assassination of Qassem Soleimani.",
        ),
    )
    assert len([e for e in t["events"] if e["event_type"] == "assault"]) == 2


def test_an_incident_reported_with_a_list_of_countries_happened_in_one(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-04", "A U.S. strike in Baghdad on Thursday killed a commander of militias in Iraq and Syria."),
        b=("2024-01-05", "The U.S. struck militia depots in Syria on Thursday, killing four fighters."),
    )
    assert len([e for e in t["events"] if e["event_type"] == "assault" and not e["is_aggregate"]]) == 2


def test_attacks_answered_or_against_a_kind_of_target_are_a_campaign(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-14",
            "The strikes are a response to attacks on US forces. The commander had organised attacks against "
            "American personnel.",
        ),
    )
    campaigns = [e for e in t["events"] if e["is_aggregate"]]
    assert len(campaigns) == 1 and campaigns[0]["target_id"] == "united-states"


def test_a_campaign_named_by_its_target_alone_joins_the_one_whose_sides_it_shares(tmp_path):
    t = build(
        tmp_path,
        a=("2023-11-07", "US forces in Iraq have faced a string of attacks in recent weeks."),
        b=("2024-01-03", "Iran-backed militias have kept up attacks on US bases in Iraq, the Pentagon said."),
        c=(
            "2024-01-04",
            "The Islamic Resistance in Iraq has carried out over 100 attacks against US forces since October.",
        ),
    )
    campaigns = [e for e in t["events"] if e["is_aggregate"]]
    assert len(campaigns) == 1 and campaigns[0]["n_articles"] == 3


def test_a_spokesperson_named_in_apposition_is_the_speaker(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-11-07",
            "Iran's foreign ministry spokesperson, Nasser Kanani, pointed out what he called 'wrong American "
            "policies'.",
        ),
    )
    accusation = one(t, event_type="accuse")
    assert accusation["actor_id"] == "nasser-kanani"


def test_a_date_told_after_the_first_report_does_not_date_the_incident(tmp_path):
    # a misprinted or future day cannot make an incident happen after it was reported
    t = build(tmp_path, a=("2024-01-04", "A roadside bomb killed four soldiers in Mosul on March 3, 2024."))
    bombing = one(t, event_type="assault")
    assert bombing["date_start"] <= bombing["date_end"] <= date(2024, 1, 4)


def test_a_series_reported_before_its_reference_day_keeps_an_ordered_window(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-04", "Militias have carried out 26 attacks on US forces in Syria since next month."),
        b=("2020-01-01", "Gunmen carried out two attacks in Kirkuk on the fourth anniversary of the revolution."),
    )
    for event in t["events"]:
        assert event["date_start"] <= event["date_end"], event


def test_descriptions_are_english_sentences_built_from_names(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-04",
            "The US launched an air strike on Kataib Hezbollah in Baghdad on Tuesday. "
            "Iran accused the United States of violating Iraq's sovereignty.",
        ),
    )
    strike = one(t, event_type="assault")
    assert strike["description"] == "The United States carried out an air strike on Kataib Hezbollah in Baghdad"
    accusation = one(t, event_type="accuse")
    assert accusation["description"].startswith("Iran accused the United States")
    ids = {e["entity_id"] for e in t["entities"]} - {e["name"] for e in t["entities"]}
    for event in t["events"]:
        assert not any(i in event["description"] for i in ids if "-" in i), event["description"]


def test_a_place_the_package_does_not_name_gives_way_to_the_named_place_holding_it(tmp_path):
    # the reference killing happened at an airport the text never names; the text names its city
    t = build(
        tmp_path,
        a=(
            "2024-01-06",
            "Crowds in Baghdad marked the fourth anniversary of the U.S. killing of Qassem Soleimani.",
        ),
    )
    killing = one(t, anchor_id="soleimani-killing")
    assert killing["location_id"] == "baghdad"
    assert killing["description"].endswith("in Baghdad")


def test_a_vague_toll_gives_bounds_and_no_best_figure(tmp_path):
    t = build(tmp_path, a=("2024-01-04", "A car bomb exploded in Mosul on Monday, wounding hundreds of people."))
    bombing = one(t, event_type="assault")
    assert (bombing["injured_low"], bombing["injured_best"], bombing["injured_high"]) == (200, None, 999)


def test_a_figure_without_a_numeral_says_it_is_implied(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-04",
            "A suicide bomber killed 31 people at a market in Kirkuk on Monday. Initial reports overestimated "
            "the death toll. A roadside bomb killed a soldier in Mosul on Tuesday.",
        ),
    )
    implied = {(c["value_low"], c["status"]): c["is_implied"] for c in t["claims"] if c["quantity"] == "killed"}
    assert implied[(31, "revised")] is False
    assert implied[(32, "initial")] is True
    assert implied[(1, "reported")] is True


def test_an_undated_standing_designation_is_not_dated_to_the_weeks_before_publication(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-04",
            "The United States has designated Kataib Hezbollah as a terrorist group. "
            "The US imposed sanctions on Harakat al-Nujaba on Tuesday.",
        ),
    )
    standing, dated = sorted((e for e in t["events"] if e["event_type"] == "sanction"), key=lambda e: e["date_start"])
    assert standing["date_start"] <= date(2004, 1, 4) and standing["date_precision"] == "range"
    assert (standing["date_end"] - standing["date_start"]).days > 366  # left out of the events by month query
    assert dated["date_start"] == dated["date_end"] == date(2024, 1, 2)
