"""Due dates, terms rules and the tolerance and cut-off of a call-off change (pure)."""

from dataclasses import replace
from datetime import date

import pytest

from marketplace.offtake.schedule import (
    ChangeProblem,
    Frequency,
    Terms,
    TermsProblem,
    change_problem,
    cutoff_date,
    due_dates,
    quantity_bounds,
    terms_problems,
)

START = date(2027, 1, 31)
TERMS = Terms(
    frequency=Frequency.WEEKLY,
    start=START,
    end=date(2027, 3, 31),
    quantity=100,
    total_volume=900,
    tolerance_pct=10,
    cutoff_days=7,
)


def test_weekly_and_every_two_weeks_include_both_ends():
    weekly = due_dates(Frequency.WEEKLY, START, date(2027, 2, 28))
    assert weekly == [
        date(2027, 1, 31),
        date(2027, 2, 7),
        date(2027, 2, 14),
        date(2027, 2, 21),
        date(2027, 2, 28),
    ]
    assert due_dates(Frequency.BIWEEKLY, START, date(2027, 2, 28)) == weekly[::2]


def test_monthly_keeps_the_day_and_falls_back_to_the_months_last_day():
    assert due_dates(Frequency.MONTHLY, START, date(2027, 5, 1)) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    ]


def test_a_list_of_dates_is_sorted_without_repeats_and_within_the_contract():
    dates = (date(2027, 3, 1), date(2027, 2, 1), date(2027, 3, 1), date(2028, 1, 1))
    assert due_dates(Frequency.DATES, START, date(2027, 12, 31), dates) == [
        date(2027, 2, 1),
        date(2027, 3, 1),
    ]


def test_end_before_start_has_no_dates():
    assert due_dates(Frequency.WEEKLY, START, date(2027, 1, 1)) == []


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"end": date(2027, 1, 1)}, TermsProblem.END_BEFORE_START),
        ({"end": date(2031, 1, 1)}, TermsProblem.TOO_LONG),
        ({"total_volume": 0}, TermsProblem.VOLUME_NOT_POSITIVE),
        ({"total_volume": -5}, TermsProblem.VOLUME_NOT_POSITIVE),
        ({"quantity": 0}, TermsProblem.QUANTITY_NOT_POSITIVE),
        ({"quantity": 1000}, TermsProblem.QUANTITY_ABOVE_VOLUME),
        ({"tolerance_pct": 101}, TermsProblem.TOLERANCE_RANGE),
        ({"tolerance_pct": -1}, TermsProblem.TOLERANCE_RANGE),
        ({"cutoff_days": 61}, TermsProblem.CUTOFF_RANGE),
        ({"unit_price": 0}, TermsProblem.PRICE_NOT_POSITIVE),
        ({"below_grade_price": 5}, TermsProblem.BELOW_GRADE_PRICE),
        ({"frequency": Frequency.DATES}, TermsProblem.NO_DATES),
        ({"frequency": Frequency.DATES, "dates": (date(2028, 1, 1),)}, TermsProblem.DATE_OUTSIDE),
    ],
)
def test_terms_problems(changes, problem):
    assert problem in terms_problems(replace(TERMS, **changes))


def test_sound_terms_have_no_problem():
    assert terms_problems(TERMS) == []
    assert (
        terms_problems(replace(TERMS, tolerance_pct=100, unit_price=10, below_grade_price=5)) == []
    )


def test_tolerance_bounds_round_inwards():
    assert quantity_bounds(100, 10) == (90, 110)
    assert quantity_bounds(25, 10) == (23, 27)
    assert quantity_bounds(5, 100) == (1, 10)
    assert quantity_bounds(7, 0) == (7, 7)


def test_changes_close_on_the_cutoff_day():
    due = date(2027, 2, 14)
    assert cutoff_date(due, 7) == date(2027, 2, 7)
    day_before = date(2027, 2, 6)
    assert change_problem(TERMS, due, day_before, quantity=110, allow_skip=False) is None
    assert change_problem(TERMS, due, date(2027, 2, 7), quantity=100, allow_skip=True) == (
        ChangeProblem.AFTER_CUTOFF
    )
    assert change_problem(TERMS, due, day_before, quantity=111, allow_skip=True) == (
        ChangeProblem.OUTSIDE_TOLERANCE
    )
    assert change_problem(TERMS, due, day_before, quantity=None, allow_skip=False) == (
        ChangeProblem.SKIP_NOT_ALLOWED
    )
    assert change_problem(TERMS, due, day_before, quantity=None, allow_skip=True) is None
