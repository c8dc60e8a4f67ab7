"""The events table's ``actor_text`` and ``target_text``: each side as most of the event's reports write it, on
articles written for these tests."""

from __future__ import annotations

from test_events import build, one


def test_sides_no_entity_names_are_kept_as_written(tmp_path):
    t = build(tmp_path, a=("2024-03-05", "Gunmen attacked a passenger bus near Kabul on Monday."))
    attack = one(t, event_type="assault")
    assert (attack["actor_id"], attack["target_id"]) == (None, None)
    assert (attack["actor_text"], attack["target_text"]) == ("Gunmen", "passenger bus")


def test_a_named_side_gives_its_mention_s_text_or_the_noun_phrase_it_is_part_of(tmp_path):
    t = build(tmp_path, a=("2024-02-10", "Hezbollah fired a rocket barrage at Israeli troops on Wednesday."))
    attack = one(t, event_type="assault")
    assert attack["actor_id"] == "hezbollah" and attack["actor_text"] == "Hezbollah"
    assert attack["target_id"] == "israel" and attack["target_text"] == "Israeli troops"


def test_an_event_told_twice_takes_the_earliest_report_s_words(tmp_path):
    t = build(
        tmp_path,
        a=("2024-03-06", "Militants bombed a bus in Kandahar on Monday, killing five people, officials said."),
        z=("2024-03-05", "Gunmen attacked a passenger bus in Kandahar on Monday, killing five people."),
    )
    (attack,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert attack["n_articles"] == 2
    assert (attack["actor_text"], attack["target_text"]) == ("Gunmen", "passenger bus")


def test_an_event_told_by_several_articles_takes_the_words_most_of_them_use(tmp_path):
    t = build(
        tmp_path,
        z=("2024-03-05", "Gunmen attacked a passenger bus in Kandahar on Monday, killing five people."),
        a=("2024-03-06", "Militants attacked a minibus in Kandahar on Monday, killing five people."),
        b=("2024-03-06", "Militants attacked a minibus in Kandahar on Monday, killing five passengers."),
    )
    (attack,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert attack["n_articles"] == 3
    assert (attack["actor_text"], attack["target_text"]) == ("Militants", "minibus")


def test_every_wording_an_article_gives_counts_once_for_it(tmp_path):
    t = build(
        tmp_path,
        z=("2024-03-05", "Gunmen attacked a passenger bus in Kandahar on Monday, killing five people."),
        a=(
            "2024-03-06",
            "Gunmen attacked a coach in Kandahar on Monday, killing five people. "
            "Officials said the gunmen had attacked the minibus on a mountain road.",
        ),
        b=("2024-03-06", "Gunmen attacked a minibus in Kandahar on Monday, killing five people."),
    )
    (attack,) = [e for e in t["events"] if e["event_type"] == "assault"]
    assert attack["n_articles"] == 3
    assert attack["target_text"] == "minibus"


def test_the_group_that_acted_is_the_latest_group_the_article_named(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-02-10",
            "Hezbollah has grown stronger since the last war, analysts say. "
            "On Wednesday the group attacked an army post near Metula, wounding two soldiers.",
        ),
    )
    attack = one(t, event_type="assault")
    assert attack["actor_id"] == "hezbollah" and attack["actor_text"] == "Hezbollah"
    # an indefinite group names no one in particular
    t = build(
        tmp_path / "b",
        a=(
            "2024-02-10",
            "Hezbollah has grown stronger since the last war, analysts say. "
            "On Wednesday an armed group attacked an army post near Metula, wounding two soldiers.",
        ),
    )
    attack = one(t, event_type="assault")
    assert attack["actor_id"] is None and attack["actor_text"] == "armed group"


def test_a_bombing_s_target_is_whom_it_killed_not_where_it_went_off(tmp_path):
    t = build(tmp_path, a=("2024-03-05", "A bomber detonated a device at a wedding hall in Kano, killing six guests."))
    attack = one(t, event_type="assault")
    assert attack["target_text"] == "guests"


def test_a_place_that_was_attacked_is_the_location_and_its_words_the_target_s(tmp_path):
    t = build(tmp_path, a=("2024-03-05", "Gunmen attacked the town of Kandahar on Monday, killing five people."))
    attack = one(t, event_type="assault")
    assert attack["target_id"] is None and attack["location_id"] == "kandahar"
    assert attack["target_text"] == "town of Kandahar"


def test_a_candidate_s_phrases_survive_the_cache_codec():
    from datetime import date

    from newsevents.codec import decode, encode
    from newsevents.events.lexicon import Trigger
    from newsevents.events.sentence import Candidate

    c = Candidate("a", 0, date(2024, 1, 1), Trigger(("attacked",), "assault", None, "event", "verb", False), 0, 8)
    c.actor_phrase, c.target_phrase = "gunmen", "passenger bus"
    back = decode(encode(c))
    assert (back.actor_phrase, back.target_phrase) == ("gunmen", "passenger bus")
