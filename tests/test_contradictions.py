"""Contradictions: disagreements recorded row by row; tallies and agreements are not disagreements.

The articles are written for the tests, not taken from the seeds.
"""

from __future__ import annotations

from test_events import build


def rows(tables, **where) -> list[dict]:
    return [r for r in tables["contradictions"] if all(r[k] == v for k, v in where.items())]


def test_a_toll_that_grows_from_report_to_report_is_a_chain_of_revisions(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-03", "A car bombing in Mosul on Wednesday killed 12 people."),
        b=("2024-01-04", "The toll from Wednesday's car bombing in Mosul rose to 19 people killed."),
        c=("2024-01-05", "The car bombing in Mosul on Wednesday killed 23 people, officials said."),
    )
    (bombing,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert bombing["n_articles"] == 3 and bombing["fatalities_best"] == 23
    chain = {(r["value_a"], r["value_b"]) for r in rows(t, field="killed", kind="revision")}
    assert chain == {("12", "19"), ("19", "23")}  # each figure against the one before, not every pair


def test_a_figure_told_for_a_town_and_one_told_for_its_country_are_rivals(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2023-12-15",
            "Gunmen attacked a police station in Zahedan on Friday. Seven officers were wounded in Zahedan.",
        ),
        b=("2023-12-15", "Gunmen attacked a police station in Zahedan on Friday, wounding eight officers in Iran."),
    )
    (conflict,) = rows(t, field="injured")
    assert conflict["kind"] == "conflict" and {conflict["value_a"], conflict["value_b"]} == {"7", "8"}


def test_a_campaign_tally_that_grows_is_not_a_contradiction(tmp_path):
    t = build(
        tmp_path,
        a=("2023-11-10", "US forces in Iraq and Syria have been attacked 40 times since October 17."),
        b=("2023-11-30", "US forces in Iraq and Syria have been attacked 66 times since October 17."),
        c=("2023-11-30", "Militias have claimed at least 10 attacks on US forces in Syria since October 17."),
    )
    (campaign,) = [e for e in t["events"] if e["is_aggregate"]]
    assert campaign["n_articles"] == 3
    assert rows(t, field="attacks") == []


def test_a_figure_told_as_risen_revises_another_told_the_same_day(tmp_path):
    t = build(
        tmp_path,
        a=("2024-06-08", "A suicide bomber killed 14 people at a wedding in Kabul on Friday."),
        b=("2024-06-08", "The death toll from Friday's suicide bombing at a Kabul wedding has risen to 22."),
    )
    (revision,) = rows(t, field="killed")
    assert revision["kind"] == "revision" and (revision["value_a"], revision["value_b"]) == ("14", "22")


def test_agreeing_figures_are_not_flagged(tmp_path):
    t = build(
        tmp_path,
        a=("2024-03-02", "An Israeli strike on a car near Tyre killed two Hezbollah fighters on Friday."),
        b=(
            "2024-03-02",
            "Two Hezbollah members were killed on Friday when an Israeli drone struck their car near Tyre.",
        ),
    )
    assert [e["n_articles"] for e in t["events"] if e["event_type"] == "assault"] == [2]
    assert t["contradictions"] == []


def test_two_reports_on_the_same_day_that_disagree_are_a_conflict(tmp_path):
    t = build(
        tmp_path,
        a=("2024-03-02", "An Israeli strike on a car near Tyre killed two Hezbollah fighters on Friday."),
        b=("2024-03-02", "An Israeli strike on a car near Tyre on Friday killed four Hezbollah fighters."),
    )
    (conflict,) = rows(t, kind="conflict")
    assert conflict["field"] == "killed"
    assert {conflict["value_a"], conflict["value_b"]} == {"2", "4"}
    assert {conflict["article_a"], conflict["article_b"]} == {"a", "b"}
    assert "events uses fatalities_best" in conflict["resolution"]


def test_a_later_lower_toll_revises_the_earlier_one(tmp_path):
    t = build(
        tmp_path,
        a=("2024-01-03", "Twin explosions in Kerman on Wednesday killed 103 people."),
        b=("2024-01-05", "Iran said the twin explosions in Kerman on Wednesday killed 84 people."),
    )
    (revision,) = rows(t, kind="revision", field="killed")
    assert (revision["value_a"], revision["value_b"]) == ("103", "84")
    assert (revision["article_a"], revision["article_b"]) == ("a", "b")
    (bombing,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert bombing["fatalities_best"] == 84


def test_a_revision_the_text_states_is_recorded_within_one_article(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-01-05",
            "A suicide attack on a market in Kabul on Thursday killed 20 people. Officials earlier reported 25 dead.",
        ),
    )
    (revision,) = rows(t, kind="revision")
    assert revision["article_a"] == revision["article_b"] == "a"
    assert (revision["value_a"], revision["value_b"]) == ("25", "20")
    claims = {c["claim_id"]: c for c in t["claims"]}
    assert claims[revision["claim_a_id"]]["status"] == "initial"


def test_a_date_phrase_that_cannot_hold_is_a_date_conflict(tmp_path):
    t = build(
        tmp_path,
        a=("2023-11-20", "The Israel-Hamas war has displaced most of Gaza."),
        b=(
            "2024-01-10",
            "Hezbollah has fired rockets almost daily since the outbreak of the Israel-Hamas war earlier this year.",
        ),
    )
    (conflict,) = rows(t, kind="date_conflict")
    assert (conflict["article_a"], conflict["article_b"]) == ("a", "b")
    assert "earlier this year" in conflict["value_b"]
    (war,) = [e for e in t["events"] if e["is_aggregate"] and e["anchor_id"] == "israel-hamas-war"]
    assert str(war["date_start"]) == "2023-10-07"
