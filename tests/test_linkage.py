"""Cross-article coreference by record linkage (``events.linkage``): the trained model, the hard constraints
kept beside it, the links it records, determinism. The reports are written for the tests."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest
from conftest import write_article

from newsevents.errors import InputError
from newsevents.events.coref import Event, Mention, World
from newsevents.events.dates import DateMention
from newsevents.events.lexicon import Trigger
from newsevents.events.linkage import Evidence, link, load_model, profile, record
from newsevents.events.sentence import Arg, Candidate
from newsevents.pipeline import BuildContext, run_steps

WORLD = World(
    part_of={"militia-a": ("coalition",)},
    country_of={
        "tal-oora": "SY",
        "tal-oura": "SY",
        "deir-region": "SY",
        "syria-state": "SY",
        "militia-a": "SY",
        "coalition": "SY",
        "far-town": "IQ",
    },
    types={
        "tal-oora": "place",
        "tal-oura": "place",
        "deir-region": "place",
        "syria-state": "state",
        "militia-a": "armed_group",
        "coalition": "armed_group",
        "far-town": "place",
        "police": "organization",
    },
)
WORLD.regions = frozenset({"deir-region"})
NAMES = {"tal-oora": "Tal Oora", "tal-oura": "Tal Oura", "deir-region": "Deir Province", "far-town": "Qasr Nadim"}
DAY = date(2024, 3, 5)  # a Tuesday


def report(
    article: str,
    *,
    event_type: str = "assault",
    mode: str | None = "explosives",
    actor: str | None = None,
    target: str | None = "police",
    place: str | None = "tal-oora",
    day: date | None = DAY,
    kind: str = "absolute",
    published: date = DAY + timedelta(days=1),
) -> Event:
    """One article's event, as ``cluster_article`` leaves it: one mention, its participants and date."""
    trigger = Trigger(("bombing",), event_type, mode, "event", "noun", False)
    when = DateMention(0, 5, "words", day, day, "day", kind) if day else None
    c = Candidate(
        article,
        0,
        published,
        trigger,
        10,
        17,
        mode=mode,
        actor=Arg(actor, 0, 3) if actor else None,
        target=Arg(target, 20, 26) if target else None,
        location=Arg(place, 30, 38) if place else None,
        date=when,
        span=(0, 40),
        places=[Arg(place, 30, 38)] if place else [],
    )
    event = Event(event_type, "event", mode, False, actor=actor, target=target, location=place, main=True)
    event.mentions.append(Mention(c))
    event.places = {place} if place else set()
    return event


def evidence(*events: Event, shared: tuple[str, ...] = ("police",)) -> Evidence:
    """The entities each report's sentence names (and a toll of 7 in each)."""
    keys = {(e.mentions[0].candidate.article_id, 0) for e in events}
    return Evidence({k: frozenset(shared) for k in keys}, {k: 7 for k in keys})


def linked(*events: Event, **kw) -> tuple[list[Event], list]:
    return link(list(events), WORLD, NAMES, evidence(*events, **kw))


def test_a_place_spelled_two_ways_is_one_place_by_its_name():
    a, b = report("a", place="tal-oora"), report("b", place="tal-oura")
    ra = record(0, a, profile(a, WORLD), WORLD, NAMES, Evidence.empty())
    rb = record(1, b, profile(b, WORLD), WORLD, NAMES, Evidence.empty())
    assert ra["place_ids"] != rb["place_ids"] and ra["place_names"] == ["tal oora"]
    merged, links = linked(a, b)
    assert len(merged) == 1 and merged[0].articles == {"a", "b"}
    (one,) = links
    assert one.match_weight >= load_model().threshold and 0.5 < one.match_probability <= 1


def test_a_town_and_its_region_are_one_place():
    merged, _ = linked(report("a", place="tal-oora"), report("b", place="deir-region"))
    assert len(merged) == 1


def test_a_report_naming_the_perpetrator_joins_one_that_does_not():
    merged, links = linked(report("a", actor="militia-a"), report("b", actor=None))
    assert len(merged) == 1 and merged[0].actor == "militia-a"
    assert len(links) == 1


def test_a_weekday_and_a_date_of_that_day_are_one_window_and_another_day_is_not():
    merged, _ = linked(report("a", kind="weekday"), report("b", kind="absolute"))
    assert len(merged) == 1
    apart, links = linked(report("a", kind="weekday"), report("b", day=DAY - timedelta(days=3)))
    assert len(apart) == 2 and links == []  # incident windows that cannot meet: never one event


def test_different_type_families_are_never_merged():
    merged, links = linked(report("a"), report("b", event_type="protest", mode=None))
    assert len(merged) == 2 and links == []


def test_two_events_one_article_keeps_apart_are_not_joined_through_a_third_report():
    first = report("a", place="tal-oora")
    second = report("a", place="tal-oura")
    second.mentions[0].candidate.span = (100, 140)
    merged, links = linked(first, second, report("b", place="tal-oora"))
    assert len(merged) == 2 and len(links) == 1
    assert all(len({m.candidate.article_id for m in e.mentions}) == len(e.mentions) for e in merged)


def test_places_in_different_countries_weigh_against_a_merge():
    near = linked(report("a", place="tal-oora"), report("b", place="tal-oura"))[1]
    far = linked(report("a", place="tal-oora"), report("b", place="far-town"))[1]
    assert near and (not far or far[0].match_weight < near[0].match_weight)


def test_linking_is_deterministic_whatever_order_the_reports_come_in():
    reports = [report(x, place=p) for x, p in (("a", "tal-oora"), ("b", "tal-oura"), ("c", "deir-region"))]
    first = linked(*copy.deepcopy(reports))
    second = linked(*copy.deepcopy(reports[::-1]))
    summary = [
        [(sorted(e.articles), [(x.left.articles, x.right.articles, x.match_weight) for x in r]) for e in m]
        for m, r in (first, second)
    ]
    assert summary[0] == summary[1]


def test_a_missing_or_old_model_is_a_one_line_error(tmp_path):
    with pytest.raises(InputError, match=r"coref-model\.json"):
        load_model.__wrapped__(tmp_path / "coref-model.json")
    (tmp_path / "coref-model.json").write_text('{"version": 0}')
    with pytest.raises(InputError, match="version 0"):
        load_model.__wrapped__(tmp_path / "coref-model.json")


def test_each_cross_article_merge_is_an_event_links_row_with_its_weight(tmp_path):
    seeds = tmp_path / "seeds"
    write_article(
        seeds, "a.txt", " date 2024-01-29 A drone attack on Tower 22 in Jordan killed three US soldiers on Sunday."
    )
    write_article(
        seeds,
        "b.txt",
        " date 2024-01-30 Three American troops died when a drone struck a base in Jordan on Sunday, officials said.",
    )
    tables = run_steps(BuildContext(seeds, tmp_path / "out"))
    (attack,) = [e for e in tables["events"] if e["event_type"] == "assault"]
    rows = [r for r in tables["event_links"] if r["event_id"] == attack["event_id"]]
    assert len(rows) == attack["n_articles"] - 1 == 1
    (row,) = rows
    assert {row["article_id"], row["linked_article_id"]} == {"a", "b"}
    assert row["match_weight"] >= load_model().threshold
    spans = {
        (m["article_id"], m["start"], m["end"]) for m in tables["event_mentions"] if m["event_id"] == attack["event_id"]
    }
    assert (row["article_id"], row["start"], row["end"]) in spans
    assert (row["linked_article_id"], row["linked_start"], row["linked_end"]) in spans
    again = run_steps(BuildContext(seeds, tmp_path / "out2"))
    assert again["event_links"] == tables["event_links"]


def test_a_figure_beyond_any_count_is_no_toll_and_stops_nothing():
    a, b = report("a"), report("b")
    keys = [(e.mentions[0].candidate.article_id, 0) for e in (a, b)]
    huge = Evidence({k: frozenset({"police"}) for k in keys}, {keys[0]: 10**20, keys[1]: 7})
    assert record(0, a, profile(a, WORLD), WORLD, NAMES, huge)["killed"] is None
    assert record(1, b, profile(b, WORLD), WORLD, NAMES, huge)["killed"] == 7
    merged, _ = link([a, b], WORLD, NAMES, huge)
    assert len(merged) == 1
