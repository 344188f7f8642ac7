"""Capacity over time (pure: no Flask, no SQLAlchemy): what members can deliver by a date.

The model
---------
A member's active supply offer says two things about a product:

- `ready`: units the member holds or can deliver now (the "units available" of the offer);
- `rate_per_week`: units (for a service: sessions) the member makes in each further week.

Production counts in whole weeks from `today` (the cooperative's local date): by `day` an
offer can deliver ``ready + rate_per_week * weeks_between(today, day)``, where weeks past
`HORIZON_WEEKS` do not count (nobody plans production a year out, and far dates must not
turn into unbounded promises). The capacity of several offers is their sum. A week counts
once it is complete: by ``today + 6 days`` only the ready units are there, by ``today + 7``
one week's production is added.

Promises are quantities already held by open orders, each with its due (delivery) date. A
promise due before `today` (a late order) still has to be made, so it counts as due today.

Availability is cumulative. Production made before a later order's date may be used for it,
so an order due in 12 weeks also consumes what is made in week 1 - and an order due next
week may not take the units a 12-week order already counts on. Write C(d) for capacity by
`d` and P(d) for what is promised on or before `d`. The promises are feasible when
C(d) >= P(d) for every date. A new order of q units due on `day` keeps them feasible exactly
when q <= C(d) - P(d) for every d >= day (earlier dates are untouched). So::

    available_by(day) = max(0, min(C(d) - P(d) for d in {day} + {due dates after day}))

(between due dates P is constant and C only grows, so the minimum is at `day` or at a due
date). With every rate 0 this is ``sum(ready) - sum(promised)`` for every day: exactly the
availability the marketplace had before rates existed.

Interface (used by checkout, the catalogue, the allocation engine's candidates, and offtake
contracts' coverage check)::

    Offer(ready, rate_per_week=0)                    # one supply offer (or their sum)
    Promise(due, quantity)                           # units held for a due date
    capacity_by(offers, day, today) -> int           # C(day)
    available_by(offers, promised, day, today) -> int
    availability_series(offers, promised, days, today) -> list[tuple[date, int]]
    schedule_shortfalls(offers, promised, schedule, today) -> list[tuple[date, int]]

`schedule_shortfalls` takes a call-off schedule ``[(due date, quantity), ...]`` (any order)
and treats its entries as new orders taken earliest first, each taking what it can; it
returns ``(due date, units short)`` for every entry that cannot be covered in full, in date
order, so ``[]`` means the whole schedule is covered on top of what is promised already.
Earliest first takes the most units in total: each entry leaves the most for later ones.

Every function raises ValueError on negative numbers. Inputs are plain ints and dates.

Known simplification: a service (sessions) follows the same cumulative rule as goods, so
sessions not booked in early weeks count towards a later date. The allocation engine still
checks a service member's work per delivery day (fulfilment/services/capacity.py).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

# Production further ahead than this does not count towards availability (52 weeks).
HORIZON_WEEKS = 52


@dataclass(frozen=True)
class Offer:
    """What one active supply offer (or a sum of them) can deliver: ready now, plus per week."""

    ready: int
    rate_per_week: int = 0

    def __post_init__(self) -> None:
        if self.ready < 0 or self.rate_per_week < 0:
            raise ValueError("ready units and rate per week must be >= 0")


@dataclass(frozen=True)
class Promise:
    """Units already held by open orders for one due (delivery) date."""

    due: date
    quantity: int

    def __post_init__(self) -> None:
        if self.quantity < 0:
            raise ValueError("a promised quantity must be >= 0")


def weeks_between(today: date, day: date) -> int:
    """Whole weeks of production from `today` to `day` (0 for a day before next week), at
    most HORIZON_WEEKS."""
    return min(max((day - today).days, 0) // 7, HORIZON_WEEKS)


def pooled(offers: Iterable[Offer]) -> Offer:
    """The sum of several offers (capacity is additive)."""
    ready = rate = 0
    for offer in offers:
        ready += offer.ready
        rate += offer.rate_per_week
    return Offer(ready, rate)


def capacity_by(offers: Iterable[Offer], day: date, today: date) -> int:
    """C(day): units the offers can deliver by `day`, not counting any promise."""
    total = pooled(offers)
    return total.ready + total.rate_per_week * weeks_between(today, day)


def _promised_up_to(promised: Iterable[Promise], today: date) -> list[tuple[date, int]]:
    """(date, cumulative promised on or before it), in date order; late promises count today."""
    by_day: dict[date, int] = {}
    for promise in promised:
        if promise.quantity:
            due = max(promise.due, today)
            by_day[due] = by_day.get(due, 0) + promise.quantity
    running, steps = 0, []
    for due in sorted(by_day):
        running += by_day[due]
        steps.append((due, running))
    return steps


def _headroom(total: Offer, steps: list[tuple[date, int]], day: date, today: date) -> int:
    """min(C(d) - P(d)) over d = day and every due date after it (may be negative)."""
    before = 0
    for due, running in steps:
        if due <= day:
            before = running
    rate = total.rate_per_week
    lowest = total.ready + rate * weeks_between(today, day) - before
    for due, running in steps:
        if due > day:
            lowest = min(lowest, total.ready + rate * weeks_between(today, due) - running)
    return lowest


def available_by(
    offers: Iterable[Offer], promised: Iterable[Promise], day: date, today: date
) -> int:
    """Units a new order due on `day` may still take without breaking any promise (>= 0)."""
    total = pooled(offers)
    return max(_headroom(total, _promised_up_to(promised, today), day, today), 0)


def availability_series(
    offers: Iterable[Offer], promised: Iterable[Promise], days: Sequence[date], today: date
) -> list[tuple[date, int]]:
    """(day, available_by(day)) for each of `days`, in the order given."""
    total = pooled(offers)
    steps = _promised_up_to(promised, today)
    return [(day, max(_headroom(total, steps, day, today), 0)) for day in days]


def schedule_shortfalls(
    offers: Iterable[Offer],
    promised: Iterable[Promise],
    schedule: Iterable[tuple[date, int]],
    today: date,
) -> list[tuple[date, int]]:
    """(due date, units short) for each schedule entry that capacity over time cannot cover
    on top of `promised`, taking entries earliest first; [] when everything is covered."""
    total = pooled(offers)
    taken = list(promised)
    entries = sorted(schedule, key=lambda entry: entry[0])
    if any(quantity < 0 for _due, quantity in entries):
        raise ValueError("a scheduled quantity must be >= 0")
    shortfalls = []
    for due, quantity in entries:
        room = max(_headroom(total, _promised_up_to(taken, today), due, today), 0)
        covered = min(quantity, room)
        taken.append(Promise(due, covered))
        if covered < quantity:
            shortfalls.append((due, quantity - covered))
    return shortfalls
