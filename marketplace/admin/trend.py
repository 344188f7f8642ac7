"""Pure rules of the operator's trends: the monthly share of active cooperatives, and which
cooperatives grow and which stopped (plain data in, plain data out)."""

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

# A cooperative counts as active in a month when it acted in it or the two months before.
WINDOW_MONTHS = 3
# Growing: the last 90 days' turnover at least this much above the 90 days before (percent).
GROWTH_PERCENT = 10
PLATFORM = ""  # the key of the whole platform's figures


def active_shares(
    months: Sequence[str],
    active: Iterable[tuple[str, str, int, int]],
    registered: Iterable[tuple[str, str, int]],
) -> dict[str, list[int | None]]:
    """Per province (and PLATFORM), for each of `months` (in order): active cooperatives of
    those registered by the month's end, in tenths of a percent (None while a province has no
    cooperative yet). A cooperative active before its recorded registration counts as
    registered, so that a share never exceeds 100%.

    `active`: (month, province, cooperatives active in its window, of which not registered by
    then); `registered`: (month, province, cooperatives registered by its end)."""
    acting = {(m, p): (a, unregistered) for m, p, a, unregistered in active}
    existing = {(m, p): n for m, p, n in registered}
    provinces = sorted({p for _m, p in acting} | {p for _m, p in existing})
    shares: dict[str, list[int | None]] = {}
    for province in provinces:
        row = []
        for month in months:
            count, unregistered = acting.get((month, province), (0, 0))
            row.append(_share(count, existing.get((month, province), 0) + unregistered))
        shares[province] = row
    whole = []
    for month in months:
        counts = [acting.get((month, p), (0, 0)) for p in provinces]
        everyone = sum(existing.get((month, p), 0) for p in provinces)
        whole.append(_share(sum(a for a, _u in counts), everyone + sum(u for _a, u in counts)))
    shares[PLATFORM] = whole
    return shares


def _share(part: int, whole: int) -> int | None:
    return round(part * 1000 / whole) if whole else None


class Change(Protocol):
    recent_orders: int
    earlier_orders: int
    recent_turnover: int
    earlier_turnover: int


def growth_percent(change: Change) -> int | None:
    if not change.earlier_turnover:
        return None
    return round((change.recent_turnover - change.earlier_turnover) * 100 / change.earlier_turnover)


C = TypeVar("C", bound=Change)


def classify(changes: Iterable[C]) -> tuple[list[C], list[C]]:
    """(growing, stopped): growing ones sold at least GROWTH_PERCENT more in the last 90 days
    than in the 90 before (or sold now and nothing before), fastest first; stopped ones sold
    before and nothing in the last 90 days, largest loss first."""
    growing, stopped = [], []
    for change in changes:
        if change.recent_orders == 0 and change.earlier_orders > 0:
            stopped.append(change)
        elif change.recent_orders > 0:
            percent = growth_percent(change)
            if percent is None or percent >= GROWTH_PERCENT:
                growing.append(change)
    growing.sort(key=lambda c: (growth_percent(c) is not None, -(growth_percent(c) or 0)))
    stopped.sort(key=lambda c: -c.earlier_turnover)
    return growing, stopped
