"""Capacity over time (cooperatives/capacity.py): worked examples and properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marketplace.cooperatives.capacity import (
    HORIZON_WEEKS,
    Offer,
    Promise,
    availability_series,
    available_by,
    capacity_by,
    schedule_shortfalls,
    weeks_between,
)

TODAY = date(2026, 12, 1)


def week(n: int, extra_days: int = 0) -> date:
    return TODAY + timedelta(weeks=n, days=extra_days)


# --- worked examples ----------------------------------------------------------------------


def test_production_counts_in_whole_weeks_up_to_the_horizon():
    assert [weeks_between(TODAY, TODAY + timedelta(days=d)) for d in (-3, 0, 6, 7, 13, 14)] == [
        0,
        0,
        0,
        1,
        1,
        2,
    ]
    assert weeks_between(TODAY, week(HORIZON_WEEKS + 40)) == HORIZON_WEEKS
    offers = [Offer(100, 50), Offer(20, 10)]
    assert capacity_by(offers, TODAY, TODAY) == 120
    assert capacity_by(offers, week(4), TODAY) == 120 + 60 * 4
    assert capacity_by(offers, week(12), TODAY) == 120 + 60 * 12


def test_without_rates_availability_is_ready_units_minus_every_promise_whatever_the_day():
    offers = [Offer(200), Offer(100)]
    promised = [Promise(week(1), 50), Promise(week(10), 70)]
    for day in (TODAY, week(1), week(5), week(12)):
        assert available_by(offers, promised, day, TODAY) == 180


def test_a_twelve_week_order_beyond_todays_stock_fits_when_production_covers_it():
    offers = [Offer(100, 50)]  # 100 ready, 50 a week
    assert available_by(offers, [], TODAY, TODAY) == 100
    assert available_by(offers, [], week(12), TODAY) == 700
    assert available_by(offers, [Promise(week(12), 700)], week(12), TODAY) == 0


def test_an_earlier_order_may_not_take_what_a_later_order_counts_on():
    offers = [Offer(100, 50)]
    promised = [Promise(week(12), 650)]  # needs 100 ready + 11 of the 12 weeks
    assert available_by(offers, promised, week(2), TODAY) == 50
    assert available_by(offers, promised, week(12), TODAY) == 50
    # Before the big order nothing is promised, yet only 50 may go: the rest is needed later.
    assert available_by(offers, promised, TODAY, TODAY) == 50


def test_a_late_promise_still_has_to_be_made_and_counts_as_due_today():
    offers = [Offer(100, 10)]
    late = [Promise(TODAY - timedelta(days=5), 80)]
    assert available_by(offers, late, TODAY, TODAY) == 20
    assert available_by(offers, late, week(1), TODAY) == 30


def test_series_gives_each_day_in_the_order_asked():
    offers, promised = [Offer(10, 5)], [Promise(week(4), 20)]
    days = [week(12), TODAY, week(4)]
    assert availability_series(offers, promised, days, TODAY) == [
        (week(12), 10 + 60 - 20),
        (TODAY, 10),
        (week(4), 10),
    ]


def test_schedule_shortfalls_names_the_call_offs_capacity_cannot_cover():
    offers = [Offer(0, 100)]  # 100 a week, nothing ready
    weekly = [(week(n), 100) for n in range(1, 5)]
    assert schedule_shortfalls(offers, [], weekly, TODAY) == []
    assert schedule_shortfalls(offers, [], [(week(2), 150), (week(1), 150)], TODAY) == [
        (week(1), 50),
        (week(2), 50),
    ]
    # An open order due in week 2 takes 150 of the first two weeks' 200.
    assert schedule_shortfalls(offers, [Promise(week(2), 150)], weekly, TODAY) == [
        (week(1), 50),
        (week(2), 100),
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda: Offer(-1),
        lambda: Offer(1, -1),
        lambda: Promise(TODAY, -1),
        lambda: schedule_shortfalls([Offer(1)], [], [(TODAY, -1)], TODAY),
    ],
)
def test_negative_numbers_are_refused(call):
    with pytest.raises(ValueError):
        call()


# --- properties ---------------------------------------------------------------------------

SETTINGS = settings(max_examples=300, deadline=None)
offers_st = st.lists(
    st.builds(Offer, st.integers(0, 500), st.integers(0, 100)), min_size=0, max_size=4
)
offset = st.integers(-20, 7 * 60)
promises_st = st.lists(
    st.builds(lambda d, q: Promise(TODAY + timedelta(days=d), q), offset, st.integers(0, 800)),
    max_size=6,
)


def feasible(offers, promised) -> bool:
    """Every promise can be made by its date: C(d) >= P(d) at each due date (late: today)."""
    for promise in promised:
        day = max(promise.due, TODAY)
        due_by = sum(p.quantity for p in promised if max(p.due, TODAY) <= day)
        if due_by > capacity_by(offers, day, TODAY):
            return False
    return True


@SETTINGS
@given(offers_st, promises_st, offset)
def test_availability_is_never_negative(offers, promised, days):
    assert available_by(offers, promised, TODAY + timedelta(days=days), TODAY) >= 0


@SETTINGS
@given(offers_st, offset, offset)
def test_with_nothing_promised_availability_never_falls_as_the_day_moves_later(offers, a, b):
    early, late = sorted((TODAY + timedelta(days=a), TODAY + timedelta(days=b)))
    assert available_by(offers, [], early, TODAY) <= available_by(offers, [], late, TODAY)
    assert available_by(offers, [], late, TODAY) == capacity_by(offers, late, TODAY)


@SETTINGS
@given(offers_st, st.lists(st.tuples(offset, st.integers(1, 900)), max_size=8))
def test_orders_accepted_up_to_availability_never_promise_more_than_capacity(offers, wanted):
    accepted: list[Promise] = []
    for days, quantity in wanted:
        day = TODAY + timedelta(days=days)
        room = available_by(offers, accepted, day, TODAY)
        if quantity <= room:
            accepted.append(Promise(day, quantity))
        assert feasible(offers, accepted)


@SETTINGS
@given(offers_st, promises_st, offset)
def test_availability_is_the_most_a_new_order_can_take(offers, promised, days):
    if not feasible(offers, promised):
        return  # an overbooked past (offers lowered since): nothing to keep feasible
    day = TODAY + timedelta(days=days)
    room = available_by(offers, promised, day, TODAY)
    assert feasible(offers, [*promised, Promise(day, room)])
    assert not feasible(offers, [*promised, Promise(day, room + 1)])


@SETTINGS
@given(offers_st, promises_st, st.lists(st.tuples(offset, st.integers(0, 900)), max_size=6))
def test_schedule_shortfalls_account_for_every_unit_and_keep_promises(offers, promised, plan):
    schedule = [(TODAY + timedelta(days=d), q) for d, q in plan]
    shortfalls = schedule_shortfalls(offers, promised, schedule, TODAY)
    assert all(units > 0 for _day, units in shortfalls)
    assert [day for day, _ in shortfalls] == sorted(day for day, _ in shortfalls)
    assert sum(units for _day, units in shortfalls) <= sum(q for _d, q in schedule)
    if not shortfalls and feasible(offers, promised):
        assert feasible(offers, [*promised, *(Promise(d, q) for d, q in schedule)])


@SETTINGS
@given(st.lists(st.builds(Offer, st.integers(0, 500)), max_size=4), promises_st, offset)
def test_without_rates_the_day_does_not_matter(offers, promised, days):
    ready = sum(o.ready for o in offers)
    expected = max(ready - sum(p.quantity for p in promised), 0)
    assert available_by(offers, promised, TODAY + timedelta(days=days), TODAY) == expected
