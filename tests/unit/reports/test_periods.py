"""Report periods: whatever a URL carries, a valid range of whole months."""

from datetime import UTC, date, datetime

import pytest

from marketplace.reports.periods import (
    MAX_MONTHS,
    Month,
    Period,
    default_period,
    month_over_month,
    parse_month,
    parse_period,
)

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    "raw",
    [
        "",
        None,
        "2026-13",
        "2026-00",
        "1999-12",
        "2101-01",
        "26-01",
        "2026/01",
        "２０２６-01",
        "2026-1",
        "x" * 10_000,
        "9" * 4000 + "-01",
        "2026-01\x00",
    ],
)
def test_unreadable_months_are_none(raw):
    assert parse_month(raw) is None


def test_a_month_reads_and_counts():
    assert parse_month(" 2026-03 ") == Month(2026, 3)
    assert Month(2026, 11).plus(3) == Month(2027, 2)
    assert Month(2026, 1).plus(-1) == Month(2025, 12)
    assert Month(2027, 2).minus(Month(2026, 11)) == 3


def test_the_default_is_the_last_twelve_months_up_to_today():
    period = default_period(TODAY)
    assert (period.first, period.last) == (Month(2026, 1), Month(2026, 12))
    assert len(period.months) == 12
    assert parse_period(None, None, TODAY) == period
    assert parse_period("rubbish", "2026-99", TODAY) == period


def test_months_are_put_in_order_and_long_ranges_cut_to_their_end():
    assert parse_period("2026-06", "2026-02", TODAY) == Period(Month(2026, 2), Month(2026, 6))
    long = parse_period("2000-01", "2026-12", TODAY)
    assert long.last == Month(2026, 12) and len(long.months) == MAX_MONTHS


def test_one_side_given():
    assert parse_period("2026-05", None, TODAY) == Period(Month(2026, 5), Month(2026, 12))
    assert parse_period(None, "2026-05", TODAY) == Period(Month(2025, 6), Month(2026, 5))
    future = parse_period("2030-01", "", TODAY)
    assert future == Period(Month(2030, 1), Month(2030, 1))
    assert parse_period(None, "2000-03", TODAY).first == Month(2000, 1)


def test_bounds_are_the_cooperatives_midnights_in_utc():
    period = Period(Month(2026, 3), Month(2026, 4))
    start, end = period.bounds("Asia/Makassar")  # WITA, UTC+8
    assert start == datetime(2026, 2, 28, 16, tzinfo=UTC)
    assert end == datetime(2026, 4, 30, 16, tzinfo=UTC)
    assert period.bounds("Asia/Jakarta")[0] == datetime(2026, 2, 28, 17, tzinfo=UTC)


def test_this_month_against_the_last_crosses_the_year():
    this, last = month_over_month(date(2026, 1, 15))
    assert this == Period(Month(2026, 1), Month(2026, 1))
    assert last == Period(Month(2025, 12), Month(2025, 12))
