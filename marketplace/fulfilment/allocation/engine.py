"""The engine itself: the most units placed, who takes part, and the shares among them."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from itertools import accumulate
from operator import attrgetter

from marketplace.fulfilment.allocation.explain import explain
from marketplace.fulfilment.allocation.fairness import fair_test
from marketplace.fulfilment.allocation.levels import (
    proportional_level,
    proportional_shares,
    water_level,
    water_shares,
)
from marketplace.fulfilment.allocation.totals import choose_exact, max_total
from marketplace.fulfilment.allocation.types import Allocation, Candidate, Policy, _check_int

_INF = math.inf
_NEG_INF = -math.inf


def allocate(
    quantity: int, candidates: Sequence[Candidate], policy: Policy, *, step: int = 1
) -> Allocation:
    """Split ``quantity`` units among ``candidates`` under ``policy``.

    Promises: shares are multiples of ``step``, each at least the member's lot and at most its
    capacity; ``sum(shares) + shortfall == quantity`` with the smallest possible shortfall; the
    policy's fairness holds among the members who take part; the same input in any order gives
    the same result. Raises ValueError for invalid input.
    """
    _check_int("quantity", quantity, 0)
    _check_int("step", step, 1)
    try:
        policy = Policy(policy)
    except ValueError:
        choices = ", ".join(p.value for p in Policy)
        raise ValueError(f"unknown policy {policy!r}; use one of {choices}") from None
    pool = list(candidates)
    # One set of types rather than an isinstance call per member: cheap for 100,000 members.
    if not all(issubclass(kind, Candidate) for kind in {type(cand) for cand in pool}):
        wrong = next(cand for cand in pool if not isinstance(cand, Candidate))
        raise ValueError(f"candidates must be Candidate objects, not {wrong!r}")
    pool.sort(key=_member_id)
    ids = list(map(_member_id, pool))
    if len(set(ids)) < len(ids):
        twice = next(a for a, b in zip(ids, ids[1:], strict=False) if a == b)
        raise ValueError(f"member {twice} is a candidate more than once")
    return _Engine(quantity, pool, ids, policy, step).run()


_member_id = attrgetter("member_id")


class _Engine:
    """One allocation. Members are referred to by their position in member-id order."""

    def __init__(
        self, quantity: int, pool: list[Candidate], ids: list[int], policy: Policy, step: int
    ) -> None:
        self.quantity = quantity
        self.policy = policy
        self.step = step
        self.ids = ids
        self.caps = list(map(attrgetter("capacity"), pool))
        self.lots = list(map(attrgetter("min_lot"), pool))
        self.loads = list(map(attrgetter("recent_load"), pool))
        # where each member's water starts: its recent load under ROTATION, nothing otherwise
        self.base = self.loads if policy is Policy.ROTATION else [0] * len(pool)
        # most and fewest steps each member can take (lots are at least 1, so lo >= 1)
        self.hi = self.caps if step == 1 else [cap // step for cap in self.caps]
        self.lo = self.lots if step == 1 else [-(-lot // step) for lot in self.lots]
        self.flexible: list[int] = []
        self.bound: list[int] = []
        for i, (lo, hi) in enumerate(zip(self.lo, self.hi, strict=True)):
            if lo == 1 and hi:
                self.flexible.append(i)
            elif 2 <= lo <= hi:
                self.bound.append(i)
        self.flex_hi = sum(self.hi[i] for i in self.flexible)
        self.target = quantity // step  # most steps that fit in the quantity

    # -- the result ---------------------------------------------------------------------------

    def run(self) -> Allocation:
        step = self.step
        total = max_total(self.target, self.flex_hi, [(self.lo[i], self.hi[i]) for i in self.bound])
        if total == self.flex_hi + sum(self.hi[i] for i in self.bound):
            # everyone ends full (supply at most the order): no choice to make
            self.order, self.how = self.bound, "full"
            active = sorted(self.flexible + self.bound) if self.bound else self.flexible
            steps, level = [self.hi[i] for i in active], _INF
        else:
            active, floors = self._choose_active(total)
            steps, level = self._shares(active, floors, total)
        shares = {self.ids[i]: s * step for i, s in zip(active, steps, strict=True) if s}
        return Allocation(
            shares=shares,
            shortfall=self.quantity - total * step,
            reasons=explain(self, active, steps, level, total),
        )

    # -- who takes part -----------------------------------------------------------------------

    def _threshold_key(self) -> Callable[[int], tuple[int, int]]:
        """Order in which the fair level reaches lot-bound members' lots; ties to lower id."""
        step, lo = self.step, self.lo
        if self.policy is Policy.PROPORTIONAL:
            # lo/cap as an integer that orders the fractions exactly: distinct fractions with
            # denominators up to c differ by at least 1/c**2.
            scale = max((self.caps[i] for i in self.bound), default=1) ** 2 + 1
            return lambda i: (lo[i] * scale // self.caps[i], i)
        if self.policy is Policy.EQUAL:
            return lambda i: (lo[i], i)
        return lambda i: (self.loads[i] + lo[i] * step, i)

    def _lot_met(self, i: int, level: object) -> bool:
        """Would the fair level give member i at least its lot without a floor?"""
        if level == _INF:
            return True
        if level == _NEG_INF:
            return False
        if self.policy is Policy.PROPORTIONAL:
            num, den = level  # type: ignore[misc]
            return num * self.caps[i] >= self.lo[i] * self.step * den
        return level >= self.base[i] + (self.lo[i] - 1) * self.step + 1  # type: ignore[operator]

    def _choose_active(self, total: int) -> tuple[list[int], list[int]]:
        """Members taking part (in position order) and their floors in steps."""
        order = sorted((i for i in self.bound if self.lo[i] <= total), key=self._threshold_key())
        self.order = order
        low = list(accumulate((self.lo[i] for i in order), initial=0))
        high = list(accumulate((self.hi[i] for i in order), initial=0))

        if self.flex_hi + high[-1] <= total:
            joined = len(order)  # everyone ends full
        elif (fair := fair_test(self, order, total, low, high))(len(order)):
            joined = len(order)
        else:  # fair(k) is true up to some k and false after: find the last true one
            yes, no = 0, len(order)
            while no - yes > 1:
                mid = (yes + no) // 2
                if fair(mid):
                    yes = mid
                else:
                    no = mid
            joined = yes
        self.how = "fair"
        k = joined
        while k <= len(order) and low[k] <= total:
            if self.flex_hi + high[k] >= total:
                if k > joined:
                    self.how = "needed"
                return self._members(order[:k])
            k += 1
        self.how = "exact"
        chosen = choose_exact([(self.lo[i], self.hi[i]) for i in order], total, self.flex_hi)
        return self._members([order[j] for j in chosen])

    def _members(self, lot_members: list[int]) -> tuple[list[int], list[int]]:
        floor_of = [-1] * len(self.ids)
        for i in self.flexible:
            floor_of[i] = 0
        for i in lot_members:
            floor_of[i] = self.lo[i]
        active = [i for i, f in enumerate(floor_of) if f >= 0]
        return active, [floor_of[i] for i in active]

    # -- shares among those taking part -------------------------------------------------------

    def _proportional_goal(self, highs: int, total: int) -> int:
        """Units the proportional quotas add up to, for members who can carry `highs` steps: the
        quantity itself when they can carry it, so that each quota is
        quantity * capacity / total capacity."""
        if total == self.target and self.step * highs >= self.quantity:
            return self.quantity
        return total * self.step

    def _level(self, active: list[int], floors: list[int], total: int) -> object:
        step = self.step
        if self.policy is Policy.PROPORTIONAL:
            return proportional_level(
                [self.caps[i] for i in active],
                floors,
                [self.hi[i] for i in active],
                self._proportional_goal(sum(self.hi[i] for i in active), total),
                step,
            )
        starts = [self.base[i] + f * step for i, f in zip(active, floors, strict=True)]
        room = [self.hi[i] - f for i, f in zip(active, floors, strict=True)]
        return water_level(starts, room, total - sum(floors), step)

    def _shares(self, active: list[int], floors: list[int], total: int) -> tuple[list[int], object]:
        step = self.step
        everyone_full = sum(self.hi[i] for i in active) <= total
        level = _INF if everyone_full else self._level(active, floors, total)
        if level == _INF:
            return [self.hi[i] for i in active], level
        if self.policy is Policy.PROPORTIONAL:
            return (
                proportional_shares(
                    [self.caps[i] for i in active],
                    floors,
                    [self.hi[i] for i in active],
                    level,  # type: ignore[arg-type]
                    total,
                    step,
                ),
                level,
            )
        starts = [self.base[i] + f * step for i, f in zip(active, floors, strict=True)]
        room = [self.hi[i] - f for i, f in zip(active, floors, strict=True)]
        extra = water_shares(starts, room, total - sum(floors), step, level)  # type: ignore[arg-type]
        return [f + e for f, e in zip(floors, extra, strict=True)], level
