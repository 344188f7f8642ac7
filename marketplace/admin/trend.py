"""Pure rules of the operator's trends: the monthly share of active cooperatives, and which
cooperatives grow and which stopped (plain data in, plain data out)."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

# A cooperative counts as active in a month when it acted in it or the two months before.
WINDOW_MONTHS = 3
# Growing: the last 90 days' turnover at least this much above the 90 days before (percent).
GROWTH_PERCENT = 10
PLATFORM = ""  # the key of the whole platform's figures


def _month_index(key: str) -> int:
    year, month = key.split("-")
    return int(year) * 12 + int(month) - 1


def active_shares(
    months: Sequence[str],
    activity: Iterable[tuple[str, int, str]],
    registered: Iterable[tuple[str, int, str]],
) -> dict[str, list[int | None]]:
    """Per province (and PLATFORM), for each of `months` ('YYYY-MM', in order): active
    cooperatives of those registered by the month's end, in tenths of a percent (None while a
    province has no cooperative yet). A cooperative active before its recorded registration
    counts as registered from then on, so that a share never exceeds 100%.

    `activity`: (province, cooperative id, month) for every month a cooperative acted;
    `registered`: (province, cooperative id, month registered)."""
    indexes = [_month_index(m) for m in months]
    acted: dict[tuple[str, int], set[int]] = defaultdict(set)
    for province, coop_id, month in activity:
        acted[(province, _month_index(month))].add(coop_id)
    since: dict[str, dict[int, int]] = defaultdict(dict)
    for province, coop_id, month in registered:
        since[province][coop_id] = _month_index(month)
    shares: dict[str, list[int | None]] = {}
    platform_active = [0] * len(indexes)
    platform_existing = [0] * len(indexes)
    for province in sorted(since):
        row: list[int | None] = []
        for n, index in enumerate(indexes):
            active = set().union(
                *(acted.get((province, index - back), set()) for back in range(WINDOW_MONTHS))
            )
            existing = {c for c, month in since[province].items() if month <= index} | active
            platform_active[n] += len(active)
            platform_existing[n] += len(existing)
            row.append(_share(len(active), len(existing)))
        shares[province] = row
    shares[PLATFORM] = [
        _share(a, e) for a, e in zip(platform_active, platform_existing, strict=True)
    ]
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
