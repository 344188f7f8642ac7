"""Coverage of a schedule by cumulative capacity (pure)."""

from datetime import date, timedelta

from marketplace.offtake.coverage import coverage, shortfalls

DAY = date(2027, 1, 4)
SCHEDULE = [(DAY + timedelta(weeks=n), 100) for n in range(4)]


def test_flat_capacity_covers_the_first_call_offs_and_flags_the_rest():
    rows = coverage(SCHEDULE, lambda day: 250)
    assert [r.short for r in rows] == [0, 0, 50, 100]
    assert [r.needed for r in rows] == [100, 200, 300, 400]
    assert [r.due for r in shortfalls(SCHEDULE, lambda day: 250)] == [
        SCHEDULE[2][0],
        SCHEDULE[3][0],
    ]


def test_growing_capacity_covers_everything():
    def by(day):
        return 100 * (1 + (day - DAY).days // 7)

    assert shortfalls(SCHEDULE, by) == []


def test_order_of_the_schedule_does_not_matter_and_negative_capacity_counts_as_none():
    rows = coverage(list(reversed(SCHEDULE)), lambda day: -5)
    assert [r.due for r in rows] == [d for d, _ in SCHEDULE]
    assert all(r.short == 100 and r.available == 0 for r in rows)
