"""Event words (newsevents.events.triggers), speakers of statement words (newsevents.events.statements) and the
country of an event placed nowhere, on sentences written for these tests with made-up names."""

from __future__ import annotations

import re
from datetime import date

from test_events import build

from newsevents.events import _article_country
from newsevents.events.dates import find_dates
from newsevents.events.extract import _date_for
from newsevents.events.lexicon import load_lexicon
from newsevents.events.sentence import Arg, Candidate, Context, EntityMention, Sentence
from newsevents.events.statements import find_statements, mutual_accusations, shared_speakers
from newsevents.events.triggers import _realis, find_triggers

# Made-up names and their kinds: the mentions the recogniser and the gazetteer would give.
KINDS = {
    "Norland": "state",
    "Southland": "state",
    "the Red Brigade": "armed_group",
    "Anna Berg": "person",
    "Port Ellis": "place",
}
CONTEXT = Context({name.lower(): kind for name, kind in KINDS.items()}, {}, {})


def sentence(text: str) -> Sentence:
    found: list[EntityMention] = []
    for name, kind in KINDS.items():
        for m in re.finditer(re.escape(name), text):
            found.append(EntityMention(m.start(), m.end(), name.lower(), kind, "gazetteer"))
    return Sentence(text, 0, len(text), sorted(found, key=lambda m: m.start))


def triggers(text: str) -> list[tuple[str, str]]:
    """(event type, trigger words) of each trigger found."""
    return [(t.event_type, " ".join(t.tokens)) for t, _, _ in find_triggers(sentence(text), load_lexicon())]


def test_force_used_on_people_is_an_assault():
    assert ("assault", "opened fire") in triggers("Riot police opened fire on the marchers near the square.")
    assert ("assault", "fire on") in triggers("Police fire on crowd outside the court")  # a headline's present
    assert ("assault", "fired tear gas") in triggers("Officers fired tear gas to scatter the crowd.")
    assert ("assault", "gunned down") in triggers("Two guards were gunned down outside the depot.")
    assert ("assault", "massacre") in triggers("Survivors described the massacre in the valley.")


def test_fired_on_a_day_is_a_date_not_a_target():
    assert triggers("The coach was fired on Monday after the defeat.") == []
    assert ("assault", "fired on") in triggers("Soldiers fired on the convoy at dawn.")


def test_a_downed_aircraft_is_an_attack_and_downed_drones_are_an_interception():
    assert ("assault", "shot") in triggers("A police helicopter was shot down over the hills.")
    assert triggers("Air defences shot down two drones over the coast.") == []


def test_words_that_only_look_like_statements():
    assert triggers("A missile slammed into a school in the morning.") == []  # no criticism
    assert [t for t in triggers("Troops fired warning shots at the boat.") if t[0] == "threaten"] == []
    assert ("accuse", "slammed") in triggers("Anna Berg slammed the decision as reckless.")
    assert triggers("The Red Brigade seized power in the north.") == []  # a takeover, not an arrest
    assert ("coerce", "seized") in triggers("Police seized two suspects at the port.")


def test_statement_verbs_in_the_speakers_own_words():
    assert ("accuse", "condemn") in triggers('"We condemn this cowardly act," Anna Berg said.')
    assert ("reject", "deny") in triggers('"We deny any part in it," the Red Brigade said.')
    assert ("accuse", "traded blame") in triggers("Norland and Southland traded blame for the clashes.")


def candidates(s: Sentence) -> list[Candidate]:
    found = []
    for trigger, i, j in find_triggers(s, load_lexicon()):
        found.append(Candidate("a", 0, date(2024, 1, 1), trigger, s.ws[i].start, s.ws[j - 1].end))
    return found


def test_a_participle_after_a_comma_shares_the_speaker_of_the_statement_before_it():
    s = sentence("Norland condemned the strikes on Port Ellis, vowing revenge against Southland.")
    found = candidates(s)
    condemned, vowing = (next(c for c in found if c.event_type == kind) for kind in ("accuse", "threaten"))
    shared_speakers(s, found, CONTEXT)
    assert condemned.actor is not None and condemned.actor.entity_id == "norland"
    assert vowing.actor is not None and vowing.actor.entity_id == "norland"


def test_a_statement_word_takes_the_name_before_it_in_its_clause_but_not_in_the_passive():
    s = sentence("After the raid on Port Ellis, Anna Berg denounced the Red Brigade.")
    found = candidates(s)
    shared_speakers(s, found, CONTEXT)
    assert [c.actor.entity_id for c in found if c.event_type == "accuse"] == ["anna berg"]

    s = sentence("The raid was condemned by Norland.")
    found = candidates(s)
    shared_speakers(s, found, CONTEXT)
    assert all(c.actor is None for c in found if c.event_type == "accuse")

    s = sentence("Anna Berg said on Friday; Southland's envoy condemned the raid.")  # another clause's name
    found = candidates(s)
    shared_speakers(s, found, CONTEXT)
    assert all(c.actor is None or c.actor.entity_id != "anna berg" for c in found if c.event_type == "accuse")


def test_a_quoted_statement_word_is_said_by_who_says_the_words():
    s = sentence('"We condemn this cowardly act," Anna Berg said.')
    found = candidates(s)
    shared_speakers(s, found, CONTEXT)
    assert [c.actor.entity_id for c in found if c.event_type == "accuse"] == ["anna berg"]


def test_a_noun_or_a_request_takes_no_speaker_from_the_sentence():
    s = sentence("Anna Berg said the threat of new raids remained.")
    found = candidates(s)
    shared_speakers(s, found, CONTEXT)
    assert [c.actor for c in found if c.event_type == "threaten"] == [None]
    s = sentence("Norland condemned the raid, urging calm.")
    found = candidates(s)
    shared_speakers(s, found, CONTEXT)
    assert [c.actor for c in found if c.event_type == "request"] == [None]


def test_the_article_country_is_where_its_places_are_else_its_most_named_state():
    context = Context(
        {"port-ellis": "place", "glen": "place", "norland": "state", "southland": "state"},
        {},
        {"port-ellis": "NO", "glen": "SO", "norland": "NO", "southland": "SO"},
    )
    rows = [{"entity_id": e} for e in ("southland", "southland", "glen", "port-ellis", "port-ellis", None)]
    assert _article_country(rows, context) == "NO"  # places first, the most named of them
    rows = [{"entity_id": e} for e in ("glen", "port-ellis")]
    assert _article_country(rows, context) == "SO"  # a tie: the first named
    rows = [{"entity_id": e} for e in ("norland", "southland", "southland")]
    assert _article_country(rows, context) == "SO"
    assert _article_country([], context) is None
    context.entity_types["harbour-board"] = "organization"
    context.country_of["harbour-board"] = "SO"
    rows = [{"entity_id": e} for e in ("harbour-board", "anna-berg")]
    assert _article_country(rows, context) == "SO"  # no place or state: the country of a body it names


def test_police_opening_fire_is_an_attack_placed_in_the_articles_country(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-06-26",
            "Police opened fire on demonstrators on Tuesday, killing two people, witnesses said. "
            "Crowds had gathered in Nairobi and Mombasa since the morning.",
        ),
    )
    attacks = [e for e in t["events"] if e["event_type"] == "assault"]
    assert len(attacks) == 1
    assert (attacks[0]["country_code"], str(attacks[0]["date_start"])[:10]) == ("KE", "2024-06-25")


def test_a_year_dates_only_the_event_it_names():
    for text, wanted in (
        ("Gunmen opened fire at the 2014 Harbourton memorial.", None),  # the memorial's year, not the shooting's
        ("Survivors of the 2014 Harbourton massacre gathered.", (date(2014, 1, 1), date(2014, 12, 31))),
    ):
        s = sentence(text)
        dates = find_dates(text, 0, len(text), date(2024, 3, 6))
        (c,) = [c for c in candidates(s) if c.event_type == "assault"]
        i = s.index_at(c.start)
        found = _date_for(s, c, i, i + len(c.trigger.tokens), dates)
        assert (found.first, found.last) == wanted if wanted else found is None, text


def test_an_event_after_a_year_named_one_does_not_redate_it(tmp_path):
    t = build(
        tmp_path,
        a=(
            "2024-03-06",
            "Gunmen opened fire on a bus near Mosul on Tuesday, the first attack in the city after the 2016 siege.",
        ),
    )
    windows = sorted((str(e["date_start"])[:10], str(e["date_end"])[:10]) for e in t["events"])
    assert ("2016-01-01", "2016-12-31") in windows  # the siege keeps its year: "after" compares, it does not date


def test_recent_before_another_noun_does_not_date_the_event():
    text = "Crowds protesting the recent tax rises gathered outside Port Ellis."
    s = sentence(text)
    (c,) = [c for c in candidates(s) if c.event_type == "protest"]
    assert c.trigger.tokens == ("protesting",)
    i = s.index_at(c.start)
    assert _date_for(s, c, i, i + 1, find_dates(text, 0, len(text), date(2024, 3, 6))) is None
    text = "Officials described the recent attacks as coordinated."  # "recent" names the attacks' own time
    s = sentence(text)
    (c,) = [c for c in candidates(s) if c.event_type == "assault"]
    i = s.index_at(c.start)
    assert _date_for(s, c, i, i + 1, find_dates(text, 0, len(text), date(2024, 3, 6))) is not None


def test_a_protest_the_parse_places_nowhere_is_where_its_clause_names(tmp_path):
    t = build(tmp_path, a=("2024-06-26", "Thousands of demonstrators stormed Ghana's parliament on Tuesday."))
    protests = [e for e in t["events"] if e["event_type"] == "protest"]
    assert [(e["country_code"], str(e["date_start"])[:10]) for e in protests] == [("GH", "2024-06-25")]


def statements(text: str, earlier: list | None = None) -> list[tuple[str, str | None]]:
    s = sentence(text)
    found = find_statements(s, [], 0, "a", date(2024, 1, 1), CONTEXT, earlier or [])
    return [(c.event_type, c.actor.entity_id if c.actor else None) for c in found]


def test_promised_responses_in_other_words_are_threats():
    assert statements('"This crime will not go unpunished," Norland said.') == [("threaten", "norland")]
    assert statements('"We will hunt them down," Anna Berg told reporters.') == [("threaten", "anna berg")]
    assert statements('"We will bring the killers to justice," Anna Berg said.') == [("threaten", "anna berg")]
    assert statements("Norland declared to retaliate after the raid.") == [("threaten", "norland")]
    assert statements('"We will rebuild the town," Anna Berg said.') == []  # a promise, no threat


def test_asserted_and_stressed_are_words_of_saying():
    assert statements("Norland asserted that it will respond with full force.") == [("threaten", "norland")]
    assert statements("Southland stressed that it would retaliate.") == [("threaten", "southland")]


def test_a_pronoun_before_a_statement_verb_is_the_person_named_last():
    s = sentence("The envoy said he was unhurt, but he vowed that the response would be harsh.")
    found = candidates(s)
    shared_speakers(s, found, CONTEXT, [Arg("anna berg", 0, 0), Arg("norland", 0, 0)])
    assert [c.actor.entity_id for c in found if c.event_type == "threaten"] == ["anna berg"]


def test_the_month_may_is_no_modal():
    for text, realis in (
        ("In May a soldier was killed in another border clash.", True),
        ("Officials said the group may attack the depot.", False),
        ("May attacks on the depot continue, the envoy said.", False),  # first word: read as the modal
    ):
        s = sentence(text)
        (c,) = [c for c in candidates(s) if c.event_type == "assault"][-1:]
        i = s.index_at(c.start)
        _realis(s, c, i, i + len(c.trigger.tokens), load_lexicon())
        assert c.realis is realis, text


def test_a_statement_going_on_is_an_event_and_a_status_is_not():
    for text, kind, realis in (
        ("Norland is blaming Southland for the raid.", "accuse", True),
        ("The Red Brigade is designated as a terrorist group.", "sanction", False),
    ):
        s = sentence(text)
        (c,) = [c for c in candidates(s) if c.event_type == kind]
        i = s.index_at(c.start)
        _realis(s, c, i, i + len(c.trigger.tokens), load_lexicon())
        assert c.realis is realis, text


def test_authorities_or_a_commission_speaking_are_the_latest_such_body_named():
    s = sentence("Local authorities accuse the Red Brigade of the raid.")
    found = candidates(s)
    shared_speakers(s, found, CONTEXT, [Arg("anna berg", 0, 0), Arg("norland", 0, 0)])
    assert [c.actor.entity_id for c in found if c.event_type == "accuse"] == ["norland"]
    s = sentence("The raid shocked Port Ellis, and officials accuse the Red Brigade.")  # no body word: no speaker
    found = candidates(s)
    shared_speakers(s, found, CONTEXT, [Arg("norland", 0, 0)])
    assert [c.actor for c in found if c.event_type == "accuse"] == [None]


def test_a_charge_of_a_rigged_or_stolen_vote_is_an_accusation():
    assert statements("Anna Berg, who contests the vote as rigged, called a strike.") == [("accuse", "anna berg")]
    assert statements("It followed elections she claims were stolen.", [Arg("anna berg", 0, 0)]) == [
        ("accuse", "anna berg")
    ]
    assert statements("Anna Berg claimed the count was slow.") == []  # a claim, no charge of cheating


def test_a_quotation_running_on_is_said_by_the_person_named_before_it():
    s = sentence("“I condemn this heinous raid.")
    found = candidates(s)
    shared_speakers(s, found, CONTEXT, [Arg("norland", 0, 0), Arg("anna berg", 0, 0)])
    assert [c.actor.entity_id for c in found if c.event_type == "accuse"] == ["anna berg"]
    s = sentence("“They condemn every raid.")  # not the speaker's own words: no speaker taken
    found = candidates(s)
    shared_speakers(s, found, CONTEXT, [Arg("anna berg", 0, 0)])
    assert [c.actor for c in found if c.event_type == "accuse"] == [None]


def test_a_mutual_accusation_is_one_each_way():
    s = sentence("Norland and Southland traded blame for the clashes.")
    found = candidates(s)
    found += mutual_accusations(s, found, CONTEXT, [])
    pairs = sorted((c.actor.entity_id, c.target.entity_id) for c in found if c.event_type == "accuse")
    assert pairs == [("norland", "southland"), ("southland", "norland")]
    assert len({c.span for c in found if c.event_type == "accuse"}) == 2  # each its own evidence

    s = sentence("Each side has blamed the other for the clashes.")  # the sides: the last two named before
    found = candidates(s)
    found += mutual_accusations(
        s, found, CONTEXT, [Arg("southland", 0, 0), Arg("anna berg", 0, 0), Arg("norland", 0, 0)]
    )
    pairs = sorted((c.actor.entity_id, c.target.entity_id) for c in found if c.event_type == "accuse")
    assert pairs == [("norland", "southland"), ("southland", "norland")]

    s = sentence("Norland blamed the Red Brigade for the raid.")  # one way only
    found = candidates(s)
    assert mutual_accusations(s, found, CONTEXT, [Arg("southland", 0, 0)]) == []
