"""The fairness test behind "who takes part": does the fair level still reach a member's lot?"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import TYPE_CHECKING

from marketplace.fulfilment.allocation.types import Policy

if TYPE_CHECKING:
    from marketplace.fulfilment.allocation.engine import _Engine

Settled = Callable[[int], "bool | None"]


def fair_test(
    engine: _Engine, order: list[int], total: int, low: list[int], high: list[int]
) -> Callable[[int], bool]:
    """fair(k): with the first k lot-bound members of `order` taking part, does the fair level
    still reach the k-th one's lot? Equivalently: poured up to that member's threshold, the
    water (everyone unfloored, since all k have their lots met there) is at most the total.
    The flexible members' part is read off sorted prefix sums, so each test costs O(k)."""

    def settled(k: int) -> bool | None:
        if k == 0 or engine.flex_hi + high[k] <= total:
            return True  # nobody to check, or everyone full: the level is unbounded
        if low[k] > total:
            return False
        return None

    if engine.policy is Policy.PROPORTIONAL:
        return _fair_proportional(engine, order, total, high, settled)
    if engine.policy is Policy.EQUAL:
        return _fair_equal(engine, order, total, settled)
    return _fair_rotation(engine, order, total, settled)


def _fair_proportional(
    engine: _Engine, order: list[int], total: int, high: list[int], settled: Settled
) -> Callable[[int], bool]:
    step, hi, lo, caps = engine.step, engine.hi, engine.lo, engine.caps
    flex, flex_hi = engine.flexible, engine.flex_hi
    scale = max((caps[i] for i in [*flex, *order]), default=1) ** 2 + 1
    full_at = [hi[i] * step * scale // caps[i] for i in flex]
    by_full = sorted(range(len(flex)), key=full_at.__getitem__)
    keys = [full_at[k] for k in by_full]
    full_units = list(accumulate((hi[flex[k]] * step for k in by_full), initial=0))
    weight_before = list(accumulate((caps[flex[k]] for k in by_full), initial=0))

    def fair_proportional(k: int) -> bool:
        known = settled(k)
        if known is not None:
            return known
        j = order[k - 1]
        num, den = lo[j] * step, caps[j]  # the factor at which j's lot is met
        cut = bisect_right(keys, num * scale // den)
        poured = full_units[cut] * den + num * (weight_before[-1] - weight_before[cut])
        poured += sum(min(num * caps[i], den * hi[i] * step) for i in order[:k])
        goal = engine._proportional_goal(flex_hi + high[k], total)
        return poured <= goal * den

    return fair_proportional


def _fair_equal(
    engine: _Engine, order: list[int], total: int, settled: Settled
) -> Callable[[int], bool]:
    hi, lo = engine.hi, engine.lo
    flex_highs = sorted(hi[i] for i in engine.flexible)
    highs_before = list(accumulate(flex_highs, initial=0))

    def fair_equal(k: int) -> bool:
        known = settled(k)
        if known is not None:
            return known
        level = lo[order[k - 1]]  # steps per member
        cut = bisect_right(flex_highs, level)
        poured = highs_before[cut] + level * (len(flex_highs) - cut)
        return poured + sum(min(hi[i], level) for i in order[:k]) <= total

    return fair_equal


def _fair_rotation(
    engine: _Engine, order: list[int], total: int, settled: Settled
) -> Callable[[int], bool]:
    step, hi, lo, base, flex = engine.step, engine.hi, engine.lo, engine.base, engine.flexible
    starts = sorted(base[i] for i in flex)
    ends = sorted(base[i] + hi[i] * step for i in flex)
    starts_before = list(accumulate(starts, initial=0))
    ends_before = list(accumulate(ends, initial=0))

    def poured(h: int) -> int:  # units below level h, part-steps counted as fractions
        kb, ke = bisect_left(starts, h), bisect_left(ends, h)
        return kb * h - starts_before[kb] - ke * h + ends_before[ke]

    def fair_rotation(k: int) -> bool:
        known = settled(k)
        if known is not None:
            return known
        j = order[k - 1]
        h = base[j] + (lo[j] - 1) * step + 1
        room = total - sum(min(hi[i], max(0, -((base[i] - h) // step))) for i in order[:k])
        if step == 1:
            return poured(h) <= room
        # whole steps below h lie between poured(h) / step and poured(h + step) / step
        if poured(h + step) <= room * step:
            return True
        if poured(h) > room * step:
            return False
        return sum(min(hi[i], max(0, -((base[i] - h) // step))) for i in flex) <= room

    return fair_rotation
