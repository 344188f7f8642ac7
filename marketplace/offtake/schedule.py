"""When a contract's call-offs fall due and what may change about them (pure: no Flask, no
SQLAlchemy). Returns codes; the view layer turns them into words."""

import calendar
import enum
from dataclasses import dataclass
from datetime import date, timedelta

# A list-of-dates schedule holds at most this many dates; a weekly one over the longest
# contract (MAX_CONTRACT_DAYS) about as many.
MAX_DATES = 120
MAX_CONTRACT_DAYS = 3 * 366
MAX_TOLERANCE_PCT = 100
MAX_CUTOFF_DAYS = 60


class Frequency(enum.StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"  # every two weeks
    MONTHLY = "monthly"
    DATES = "dates"  # a list of dates


class TermsProblem(enum.StrEnum):
    END_BEFORE_START = "end_before_start"
    TOO_LONG = "too_long"
    VOLUME_NOT_POSITIVE = "volume_not_positive"
    QUANTITY_NOT_POSITIVE = "quantity_not_positive"
    QUANTITY_ABOVE_VOLUME = "quantity_above_volume"
    TOLERANCE_RANGE = "tolerance_range"
    CUTOFF_RANGE = "cutoff_range"
    NO_DATES = "no_dates"
    TOO_MANY_DATES = "too_many_dates"
    DATE_OUTSIDE = "date_outside"
    PRICE_NOT_POSITIVE = "price_not_positive"
    BELOW_GRADE_PRICE = "below_grade_price"


class ChangeProblem(enum.StrEnum):
    AFTER_CUTOFF = "after_cutoff"
    OUTSIDE_TOLERANCE = "outside_tolerance"
    SKIP_NOT_ALLOWED = "skip_not_allowed"
    NOT_OPEN = "not_open"


@dataclass(frozen=True)
class Terms:
    """What the schedule and tolerance rules need of a contract version."""

    frequency: str
    start: date
    end: date
    quantity: int  # per call-off
    total_volume: int
    tolerance_pct: int
    cutoff_days: int
    dates: tuple[date, ...] = ()
    unit_price: int = 1
    below_grade_price: int | None = None  # None: goods below grade are rejected


def _add_months(day: date, months: int, anchor_day: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(anchor_day, calendar.monthrange(year, month)[1]))


def due_dates(frequency: str, start: date, end: date, dates=()) -> list[date]:
    """The delivery dates of the schedule from `start` to `end` (both included), in order.

    Monthly keeps the start's day of the month (the 31st falls on the month's last day)."""
    if end < start:
        return []
    if frequency == Frequency.DATES:
        return sorted({d for d in dates if start <= d <= end})
    if frequency == Frequency.MONTHLY:
        found, n = [], 0
        while (day := _add_months(start, n, start.day)) <= end and len(found) <= MAX_DATES:
            found.append(day)
            n += 1
        return found
    step = timedelta(weeks=2 if frequency == Frequency.BIWEEKLY else 1)
    found, day = [], start
    while day <= end and len(found) <= MAX_DATES:
        found.append(day)
        day += step
    return found


def terms_problems(terms: Terms) -> list[TermsProblem]:
    """Every rule the terms break (empty: the terms are sound)."""
    problems = []
    if terms.end < terms.start:
        problems.append(TermsProblem.END_BEFORE_START)
    elif (terms.end - terms.start).days > MAX_CONTRACT_DAYS:
        problems.append(TermsProblem.TOO_LONG)
    if terms.total_volume <= 0:
        problems.append(TermsProblem.VOLUME_NOT_POSITIVE)
    if terms.quantity <= 0:
        problems.append(TermsProblem.QUANTITY_NOT_POSITIVE)
    elif terms.total_volume > 0 and terms.quantity > terms.total_volume:
        problems.append(TermsProblem.QUANTITY_ABOVE_VOLUME)
    if not 0 <= terms.tolerance_pct <= MAX_TOLERANCE_PCT:
        problems.append(TermsProblem.TOLERANCE_RANGE)
    if not 0 <= terms.cutoff_days <= MAX_CUTOFF_DAYS:
        problems.append(TermsProblem.CUTOFF_RANGE)
    if terms.unit_price <= 0:
        problems.append(TermsProblem.PRICE_NOT_POSITIVE)
    if terms.below_grade_price is not None and not 0 < terms.below_grade_price < terms.unit_price:
        problems.append(TermsProblem.BELOW_GRADE_PRICE)
    if terms.frequency == Frequency.DATES:
        if any(not terms.start <= d <= terms.end for d in terms.dates):
            problems.append(TermsProblem.DATE_OUTSIDE)
        if len(set(terms.dates)) > MAX_DATES:
            problems.append(TermsProblem.TOO_MANY_DATES)
    if TermsProblem.END_BEFORE_START not in problems and TermsProblem.TOO_LONG not in problems:
        dates = due_dates(terms.frequency, terms.start, terms.end, terms.dates)
        if not dates:
            problems.append(TermsProblem.NO_DATES)
        elif len(dates) > MAX_DATES and TermsProblem.TOO_MANY_DATES not in problems:
            problems.append(TermsProblem.TOO_MANY_DATES)
    return problems


def quantity_bounds(quantity: int, tolerance_pct: int) -> tuple[int, int]:
    """The smallest and largest quantity a call-off of `quantity` may be changed to."""
    low = -(-quantity * (100 - tolerance_pct) // 100)  # rounded up
    high = quantity * (100 + tolerance_pct) // 100
    return max(low, 1), high


def cutoff_date(due: date, cutoff_days: int) -> date:
    """The day a call-off is fixed and ordered: `cutoff_days` before its delivery date.
    Changes are possible before that day."""
    return due - timedelta(days=cutoff_days)


def change_problem(
    terms: Terms, due: date, today: date, *, quantity: int | None, allow_skip: bool
) -> ChangeProblem | None:
    """Why the offtaker may not set a coming call-off (delivery `due`) to `quantity` today
    (None: skip it), or None when it may."""
    if today >= cutoff_date(due, terms.cutoff_days):
        return ChangeProblem.AFTER_CUTOFF
    if quantity is None:
        return None if allow_skip else ChangeProblem.SKIP_NOT_ALLOWED
    low, high = quantity_bounds(terms.quantity, terms.tolerance_pct)
    if not low <= quantity <= high:
        return ChangeProblem.OUTSIDE_TOLERANCE
    return None
