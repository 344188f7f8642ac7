"""Whether the members' capacity covers a contract's call-offs (pure).

`available_by(day)` is the cumulative capacity the cooperative can put towards the contract by
that day; each call-off needs its own quantity plus all the earlier ones still to come.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Shortfall:
    due: date
    needed: int  # cumulative units due by this date
    available: int  # cumulative capacity by this date
    short: int  # units of this call-off that cannot be covered

    @property
    def covered(self) -> bool:
        return self.short == 0


def coverage(
    schedule: Iterable[tuple[date, int]], available_by: Callable[[date], int]
) -> list[Shortfall]:
    """One row per call-off (date, quantity) in date order: what is needed by then, what is
    available by then and how much of this call-off is short (at most its own quantity)."""
    rows, needed = [], 0
    for due, quantity in sorted(schedule):
        needed += quantity
        available = max(available_by(due), 0)
        short = min(max(needed - available, 0), quantity)
        rows.append(Shortfall(due, needed, available, short))
    return rows


def shortfalls(
    schedule: Iterable[tuple[date, int]], available_by: Callable[[date], int]
) -> list[Shortfall]:
    """Only the call-offs that cannot be covered."""
    return [row for row in coverage(schedule, available_by) if not row.covered]
