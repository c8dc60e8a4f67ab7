"""Corpus coreference compares an event only with the earlier events filed under a key it looks up: the keys
must bring together every pair that can be one event, and keep apart what cannot (blocks that grew with
the corpus made its cost per article grow)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.events.coref import Event, World
from newsevents.events.linkage import Profile, _index_keys, _lookup_keys

WORLD = World(
    part_of={"militia-a": ("coalition",), "militia-b": ("coalition",)},
    country_of={"IQ-state": "IQ", "SY-state": "SY"},
    types={"militia-a": "armed_group", "militia-b": "armed_group", "coalition": "armed_group"},
)
START = date(2024, 1, 1)
COUNTRIES = st.frozensets(st.sampled_from(["IQ", "SY", "JO"]), max_size=2)
SIDES = st.sampled_from([None, "militia-a", "militia-b", "coalition"])


@st.composite
def windows(draw) -> tuple[date, date]:
    first = START + timedelta(days=draw(st.integers(0, 120)))
    length = draw(st.one_of(st.integers(0, 10), st.integers(11, 60), st.integers(61, 500)))
    return first, first + timedelta(days=length)


def profile(window: tuple[date, date], countries: frozenset[str], implied: str | None = None) -> Profile:
    return Profile(window, (window[1] - window[0]).days <= 7, countries, frozenset(), implied)


def meet(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def weeks_long(window: tuple[date, date]) -> int:
    return window[1].toordinal() // 7 - window[0].toordinal() // 7 + 1


def share_a_key(earlier: Event, pe: Profile, later: Event, pl: Profile) -> bool:
    return bool(set(_index_keys(earlier, pe, WORLD)) & set(_lookup_keys(later, pl, WORLD)))


@settings(max_examples=400, deadline=None)
@given(windows(), windows(), COUNTRIES, COUNTRIES)
def test_incidents_whose_windows_and_countries_meet_share_a_key(wa, wb, ca, cb):
    a, b = Event("assault", "incident", None, False), Event("assault", "incident", None, False)
    pa, pb = profile(wa, ca), profile(wb, cb)
    can_be_one = meet(wa, wb) and (not ca or not cb or bool(ca & cb))
    if weeks_long(wb) > 60 and weeks_long(wa) <= 60:
        return  # an event of a window over a year looks among the wide only (the others find it)
    if can_be_one and (bool(ca & cb) or (not ca and not cb)):
        assert share_a_key(a, pa, b, pb)


@settings(max_examples=200, deadline=None)
@given(windows(), windows(), COUNTRIES)
def test_incidents_whose_windows_do_not_meet_are_kept_apart_unless_a_window_is_long(wa, wb, countries):
    a, b = Event("assault", "incident", None, False), Event("assault", "incident", None, False)
    pa, pb = profile(wa, countries), profile(wb, countries)
    short = all((w[1] - w[0]).days < 8 for w in (wa, wb))
    if short and not meet(wa, wb):
        assert not share_a_key(a, pa, b, pb)


def test_two_attacks_a_day_apart_in_one_country_are_not_compared_but_a_week_long_window_meets_both():
    day = date(2024, 3, 4)
    one, other = (Event("assault", "incident", None, False) for _ in range(2))
    p_one = profile((day, day), frozenset({"IQ"}))
    p_other = profile((day + timedelta(days=1), day + timedelta(days=1)), frozenset({"IQ"}))
    assert not share_a_key(one, p_one, other, p_other)  # a week bucket alone would have put them together
    undated = Event("assault", "incident", None, False)
    p_undated = profile((day - timedelta(days=6), day + timedelta(days=1)), frozenset({"IQ"}))
    assert share_a_key(one, p_one, undated, p_undated) and share_a_key(other, p_other, undated, p_undated)
    assert share_a_key(undated, p_undated, one, p_one)


@settings(max_examples=300, deadline=None)
@given(SIDES, SIDES, SIDES, SIDES, COUNTRIES, COUNTRIES, windows(), windows())
def test_campaigns_with_related_sides_in_countries_that_meet_share_a_key(aa, at, ba, bt, ca, cb, wa, wb):
    a, b = Event("assault", "incident", None, True, aa, at), Event("assault", "incident", None, True, ba, bt)
    pa, pb = profile(wa, ca), profile(wb, cb)
    related = WORLD.related(aa, ba) and WORLD.related(at, bt)
    shared_side = (aa is not None and ba is not None) or (at is not None and bt is not None)
    if related and shared_side and (not ca or not cb or bool(ca & cb)):
        assert share_a_key(a, pa, b, pb)


def test_campaigns_of_one_side_in_two_countries_are_kept_apart():
    a = Event("assault", "incident", None, True, "militia-a", None)
    b = Event("assault", "incident", None, True, "militia-a", None)
    window = (date(2024, 1, 1), date(2024, 2, 1))
    assert not share_a_key(a, profile(window, frozenset({"IQ"})), b, profile(window, frozenset({"SY"})))
    assert share_a_key(a, profile(window, frozenset({"IQ"})), b, profile(window, frozenset()))
    assert share_a_key(a, profile(window, frozenset()), b, profile(window, frozenset({"SY"})))
