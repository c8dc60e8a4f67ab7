"""Date expressions: every form resolves to a window against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.events.dates import default_window, find_dates

JAN_4 = date(2024, 1, 4)  # a Thursday


def window(text: str, published: date = JAN_4) -> tuple:
    (d,) = find_dates(text, 0, len(text), published)
    return str(d.first), str(d.last), d.precision, d.kind


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # absolute dates: a day without a year is the latest such day on or before publication
        ("fighting began on October 7", date(2023, 11, 7), ("2023-10-07", "2023-10-07", "day", "absolute")),
        ("strikes on December 25", JAN_4, ("2023-12-25", "2023-12-25", "day", "absolute")),
        ("on Jan. 3, 2024, two blasts", JAN_4, ("2024-01-03", "2024-01-03", "day", "absolute")),
        ("a raid on 28 December", JAN_4, ("2023-12-28", "2023-12-28", "day", "absolute")),
        ("talks in March 2023", JAN_4, ("2023-03-01", "2023-03-31", "month", "absolute")),
        # weekdays count back from publication
        ("a drone hit the base on Tuesday", JAN_4, ("2024-01-02", "2024-01-02", "day", "weekday")),
        ("rockets fell on Thursday", JAN_4, ("2024-01-04", "2024-01-04", "day", "weekday")),
        ("last Thursday a convoy was hit", JAN_4, ("2023-12-28", "2023-12-28", "day", "weekday")),
        ("a raid yesterday", JAN_4, ("2024-01-03", "2024-01-03", "day", "relative")),
        # relative phrases
        ("in recent weeks militias struck", JAN_4, ("2023-12-07", "2024-01-04", "range", "relative")),
        ("a recent strike", JAN_4, ("2023-12-05", "2024-01-04", "range", "relative")),
        ("two rockets landed last week", JAN_4, ("2023-12-25", "2023-12-31", "week", "relative")),
        ("a strike last month", JAN_4, ("2023-12-01", "2023-12-31", "month", "relative")),
        ("the war that began earlier this year", JAN_4, ("2024-01-01", "2024-01-04", "range", "relative")),
        ("the second strike within a week", JAN_4, ("2023-12-28", "2024-01-04", "week", "within")),
        ("a blast two days ago", JAN_4, ("2024-01-02", "2024-01-02", "day", "relative")),
        # before the event just told, which is at most a week older than the article
        ("Two days earlier, a drone hit the base.", JAN_4, ("2023-12-26", "2024-01-02", "range", "relative")),
        ("over the past two weeks, drones", JAN_4, ("2023-12-21", "2024-01-04", "range", "relative")),
        ("more than 60 attacks since October 17", JAN_4, ("2023-10-17", "2024-01-04", "range", "since")),
        # years
        ("the revolution in 1979 changed the region", JAN_4, ("1979-01-01", "1979-12-31", "year", "year")),
        ("elections held in 2024", date(2024, 3, 1), ("2024-01-01", "2024-03-01", "year", "year")),
    ],
)
def test_each_date_form_resolves_against_publication(text, published, expected):
    assert window(text, published) == expected


def test_anniversary_and_since_are_relations_to_another_event():
    text = "on the fifth anniversary of the killing, since the outbreak of the war"
    anniversary, since = find_dates(text, 0, len(text), JAN_4)
    assert (anniversary.kind, anniversary.years, anniversary.first) == ("anniversary", 5, None)
    assert (since.kind, since.first, since.last) == ("since", None, JAN_4)


def test_no_date_means_the_weeks_before_publication_not_the_day():
    d = default_window(JAN_4)
    assert (str(d.first), str(d.last), d.precision) == ("2023-12-05", "2024-01-04", "range")


def test_impossible_days_and_bare_numbers_are_not_dates():
    assert find_dates("on February 30 and in 12 cities", 0, 31, JAN_4) == []


def test_since_a_day_after_publication_is_no_window():
    # "since next month" (or a date that lies after publication) cannot start a window ending at publication
    assert all(d.first is None for d in find_dates("attacks since next month", 0, 24, JAN_4))
    found = find_dates("raids since 7 October 2025", 0, 26, JAN_4)
    assert all(d.first <= d.last for d in found if d.first and d.last)


def test_a_year_before_an_event_noun_names_that_events_year():
    assert window("the 2016 siege of the old town") == ("2016-01-01", "2016-12-31", "year", "year")
    text = "since the 2011 Harbourton bombing"  # the year of the bombing, not a range from it to publication
    years = [(str(d.first), str(d.last), d.kind) for d in find_dates(text, 0, len(text), JAN_4) if d.first]
    assert years == [("2011-01-01", "2011-12-31", "year")]
    assert find_dates("the 2000 soldiers at the border", 0, 31, JAN_4) == []  # a count before a plural
