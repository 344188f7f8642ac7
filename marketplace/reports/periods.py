"""Reporting periods: a range of whole calendar months in a cooperative's time zone (pure).

A period is chosen as two months `YYYY-MM` (from, to, both included). Whatever a URL carries,
`parse_period` gives a valid period: an unreadable month falls back to the default, months are
put in order, and a range longer than MAX_MONTHS is cut to its last MAX_MONTHS months.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from marketplace.limits import FIRST_DATE, LAST_DATE, MAX_REPORT_MONTHS

MAX_MONTHS = MAX_REPORT_MONTHS
DEFAULT_MONTHS = 12


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: date) -> "Month":
        return cls(day.year, day.month)

    @property
    def key(self) -> str:
        """'YYYY-MM', as the database groups months and URLs carry them."""
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def plus(self, months: int) -> "Month":
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)

    def minus(self, other: "Month") -> int:
        """Months from `other` to this one."""
        return (self.year - other.year) * 12 + self.month - other.month


FIRST_MONTH = Month.of(FIRST_DATE)
LAST_MONTH = Month.of(LAST_DATE)


def parse_month(raw: str | None) -> Month | None:
    """'YYYY-MM' within the marketplace's dates, else None."""
    text = (raw or "").strip()
    if len(text) != 7 or text[4] != "-" or not text.isascii():
        return None
    year, month = text[:4], text[5:]
    if not (year.isdigit() and month.isdigit()):
        return None
    value = Month(int(year), int(month))
    if not 1 <= value.month <= 12 or not FIRST_MONTH <= value <= LAST_MONTH:
        return None
    return value


@dataclass(frozen=True)
class Period:
    first: Month
    last: Month  # included

    @property
    def months(self) -> list[Month]:
        return [self.first.plus(i) for i in range(self.last.minus(self.first) + 1)]

    def bounds(self, time_zone: str) -> tuple[datetime, datetime]:
        """[start, end) in UTC: the first moment of the first month and of the month after
        the last, where the cooperative is."""
        zone = ZoneInfo(time_zone)

        def moment(month: Month) -> datetime:
            return datetime.combine(month.first_day, time(), tzinfo=zone).astimezone(UTC)

        return moment(self.first), moment(self.last.plus(1))


def default_period(today: date, months: int = DEFAULT_MONTHS) -> Period:
    """The last `months` months up to and including today's."""
    last = Month.of(today)
    return Period(last.plus(1 - months), last)


def parse_period(raw_from: str | None, raw_to: str | None, today: date) -> Period:
    """The period a request asks for, always valid (see the module's docstring)."""
    fallback = default_period(today)
    first = parse_month(raw_from)
    last = parse_month(raw_to)
    if first is None and last is None:
        return fallback
    if last is None:
        last = fallback.last if first <= fallback.last else first
    if first is None:
        first = max(last.plus(1 - DEFAULT_MONTHS), FIRST_MONTH)
    if first > last:
        first, last = last, first
    if last.minus(first) >= MAX_MONTHS:
        first = last.plus(1 - MAX_MONTHS)
    return Period(first, last)


def month_over_month(today: date) -> tuple[Period, Period]:
    """This month and the month before it (the dashboard's comparison)."""
    this = Month.of(today)
    return Period(this, this), Period(this.plus(-1), this.plus(-1))
