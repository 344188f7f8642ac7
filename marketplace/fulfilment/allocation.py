"""The allocation engine: split one order line among the members who can make it.

Pure Python, standard library only, so that it can be tested and timed on its own.

Everything is computed in *steps* (``step`` units each). A member can take 0 units or any multiple
of ``step`` in ``[ceil_to_step(min_lot), floor_to_step(capacity)]``. Members whose lot is at most
one step are *flexible* (any number of steps from 0 up to capacity); the others are *lot-bound*.

1. Most units placed. The engine first finds the largest total ``T`` (at most ``quantity``) that
   the members can take together; the shortfall is ``quantity - T``. Flexible members reach every
   total from 0 to their summed capacity. Taking lot-bound members in order of their lot extends
   that contiguous range while each next lot is at most one step past it (the coin-chain argument);
   if the range reaches the quantity, nothing is lost but the remainder below one step. Otherwise
   the exact answer is a subset-sum over the lot-bound members that remain, solved on a bitset of
   reachable totals (a Python int), with identical members grouped and split in powers of two.

2. Who takes part. When no lot binds, every member with capacity takes part. Otherwise lot-bound
   members join in the order in which the policy's fair level would reach their lot (smallest
   lot per unit of capacity, smallest lot, or smallest recent load plus lot); a member joins while
   the fair level, with it and those before it taking part, still gives it at least its lot.
   If those members cannot carry ``T`` (capacity short), the next ones join at their lot until
   they can. If no such run of members can make up exactly ``T``, members are kept in that same
   order whenever the rest can still make up ``T`` (checked on the reachable-total bitsets).
   Lot-bound members who are left out get nothing and their reason says why.

3. Shares among those taking part, with each lot as a floor and each capacity as a ceiling:
   PROPORTIONAL follows capacity (largest remainder, ties to the lower member id); EQUAL fills
   water-fashion, one step at a time to the member with the least; ROTATION does the same on
   recent load plus share. Ties always go to the lower member id, so the result does not depend on
   the order of the candidates.

Cost: O(n log n) unless lots make the best total hard to reach; the subset-sum steps work on
bitsets of quantity / step bits (pseudo-polynomial) and only run in that case.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from heapq import heapify, heappop
from itertools import accumulate
from operator import attrgetter

__all__ = ["Allocation", "Candidate", "Policy", "allocate"]


class Policy(str, Enum):  # noqa: UP042 - the stored values are plain strings
    PROPORTIONAL = "proportional"  # shares follow declared capacity
    EQUAL = "equal"  # everyone the same, up to capacity (merata)
    ROTATION = "rotation"  # evens out total work over time (recent load counts)


def _check_int(name: str, value: object, minimum: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")


@dataclass(frozen=True)
class Candidate:
    """A member who could make some of the line. Invalid numbers raise ValueError."""

    member_id: int
    capacity: int  # units deliverable by the due date, >= 0
    min_lot: int = 1  # smallest non-zero share the member will take
    recent_load: int = 0  # units assigned in the fairness window (ROTATION)

    def __post_init__(self) -> None:
        if not isinstance(self.member_id, int) or isinstance(self.member_id, bool):
            raise ValueError(f"member_id must be a whole number, not {self.member_id!r}")
        _check_int(f"capacity of member {self.member_id}", self.capacity, 0)
        _check_int(f"min_lot of member {self.member_id}", self.min_lot, 1)
        _check_int(f"recent_load of member {self.member_id}", self.recent_load, 0)


@dataclass(frozen=True)
class Allocation:
    shares: dict[int, int]  # member_id -> units, only members with a share > 0
    shortfall: int  # units nobody could take
    reasons: dict[int, str]  # member_id -> why this member got what it got (shown to admins)


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
        total = _max_total(
            self.target, self.flex_hi, [(self.lo[i], self.hi[i]) for i in self.bound]
        )
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
            reasons=self._explain(active, steps, level, total),
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
        elif (fair := self._fair_test(order, total, low, high))(len(order)):
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
        chosen = _choose_exact([(self.lo[i], self.hi[i]) for i in order], total, self.flex_hi)
        return self._members([order[j] for j in chosen])

    def _fair_test(
        self, order: list[int], total: int, low: list[int], high: list[int]
    ) -> Callable[[int], bool]:
        """fair(k): with the first k lot-bound members of `order` taking part, does the fair level
        still reach the k-th one's lot? Equivalently: poured up to that member's threshold, the
        water (everyone unfloored, since all k have their lots met there) is at most the total.
        The flexible members' part is read off sorted prefix sums, so each test costs O(k)."""
        step, hi, lo, caps, base = self.step, self.hi, self.lo, self.caps, self.base
        flex, flex_hi = self.flexible, self.flex_hi

        def settled(k: int) -> bool | None:
            if k == 0 or self.flex_hi + high[k] <= total:
                return True  # nobody to check, or everyone full: the level is unbounded
            if low[k] > total:
                return False
            return None

        if self.policy is Policy.PROPORTIONAL:
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
                goal = self._proportional_goal(flex_hi + high[k], total)
                return poured <= goal * den

            return fair_proportional

        if self.policy is Policy.EQUAL:
            flex_highs = sorted(hi[i] for i in flex)
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
            return _proportional_level(
                [self.caps[i] for i in active],
                floors,
                [self.hi[i] for i in active],
                self._proportional_goal(sum(self.hi[i] for i in active), total),
                step,
            )
        starts = [self.base[i] + f * step for i, f in zip(active, floors, strict=True)]
        room = [self.hi[i] - f for i, f in zip(active, floors, strict=True)]
        return _water_level(starts, room, total - sum(floors), step)

    def _shares(self, active: list[int], floors: list[int], total: int) -> tuple[list[int], object]:
        step = self.step
        everyone_full = sum(self.hi[i] for i in active) <= total
        level = _INF if everyone_full else self._level(active, floors, total)
        if level == _INF:
            return [self.hi[i] for i in active], level
        if self.policy is Policy.PROPORTIONAL:
            return (
                _proportional_shares(
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
        extra = _water_shares(starts, room, total - sum(floors), step, level)  # type: ignore[arg-type]
        return [f + e for f, e in zip(floors, extra, strict=True)], level

    # -- reasons ------------------------------------------------------------------------------

    def _explain(
        self, active: list[int], steps: list[int], level: object, total: int
    ) -> dict[int, str]:
        """Why each member got what it got, in words a cooperative admin understands."""
        step, policy = self.step, self.policy
        if self.quantity == 0:
            return dict.fromkeys(self.ids, "nothing to allocate")
        self.lots_taken = sum(self.lo[i] for i in active if self.lo[i] >= 2)
        got = [-1] * len(self.ids)  # steps; -1 for members who take no part
        for i, s in zip(active, steps, strict=True):
            got[i] = s
        weight = sum(self.caps[i] for i in active)
        said: dict[int, str] = {}  # the same words for the same capacity (full: -capacity)
        reasons: dict[int, str] = {}
        members = zip(self.ids, self.caps, self.loads, self.lo, self.hi, got, strict=True)
        for i, (member, cap, load, lo, hi, s) in enumerate(members):
            if s > 0 and s == hi:
                why = said.get(-cap, "")
                if not why:
                    why = f"full: capacity {cap}"
                    if s * step < cap:
                        why += f", in whole steps of {step}"
                    said[-cap] = why
            elif s > 0 and lo >= 2 and not self._lot_met(i, level):
                why = (
                    f"minimum lot {self.lots[i]}: given its minimum lot so that the order is filled"
                )
            elif s < 0:
                why = self._left_out(i, total)
            elif self.target == 0:
                why = f"the order is smaller than one step of {step} units"
            elif policy is Policy.PROPORTIONAL:
                why = said.get(cap, "")
                if not why:
                    percent = f"{100 * cap / weight:.1f}".removesuffix(".0")
                    why = said[cap] = f"capacity {cap} of {weight} total: {percent}% of the order"
            elif policy is Policy.EQUAL:
                why = "equal share" if s else "order too small for everyone: lower ids first"
            elif s == 0:
                why = f"recent load {load} units: members with less go first, no units this time"
            elif load:
                why = f"recent load {load} units: fewer units this time, {load + s * step} in total"
            else:
                why = f"no recent load: {s * step} units, level with the others"
            reasons[member] = why
        return reasons

    def _left_out(self, i: int, total: int) -> str:
        cap, lot, step = self.caps[i], self.lots[i], self.step
        if cap == 0:
            return "no capacity"
        if self.hi[i] == 0:
            return f"capacity {cap} is less than one step of {step} units"
        if self.lo[i] > self.hi[i]:
            if lot > cap:
                return f"minimum lot {lot} is more than its capacity {cap}"
            return f"minimum lot {lot} and capacity {cap} leave no whole step of {step}"
        if self.target == 0:
            return f"the order is smaller than one step of {step} units"
        if self.lo[i] > total:
            return f"minimum lot {lot} could not be met: only {total * step} units can be placed"
        if self.how == "exact":
            return (
                f"minimum lot {lot} could not be met: it does not fit with the other members' lots"
            )
        if self.lots_taken + self.lo[i] > total:
            return (
                f"minimum lot {lot} could not be met: the other members' lots leave too few units"
            )
        return f"minimum lot {lot} could not be met: its fair share is smaller"


# -- the most that can be placed -------------------------------------------------------------


def _spread(reach: int, lo: int, hi: int, mask: int) -> int:
    """Totals reachable by adding a member that takes 0 or lo..hi steps to the totals in reach."""
    moved = (reach << lo) & mask
    covered, width = 1, hi - lo + 1
    while covered < width:  # OR of the shifts 0..hi-lo, doubling the covered run each time
        shift = min(covered, width - covered)
        moved |= (moved << shift) & mask
        covered += shift
    return reach | moved


def _max_total(target: int, flex_hi: int, bound: list[tuple[int, int]]) -> int:
    """Largest total <= target (steps) that flexible members (0..flex_hi in all) and lot-bound
    members (0 or lo..hi each) can make."""
    if flex_hi + sum(hi for _, hi in bound) <= target:
        return flex_hi + sum(hi for _, hi in bound)
    if flex_hi >= target:
        return target
    # Every total in 0..reach can be made; a member whose lot is at most reach + 1 extends the run
    # to reach + hi. Sorted by lot, the first member that cannot extend it stops the chain.
    bound = sorted(bound)
    reach, k = flex_hi, 0
    while k < len(bound) and bound[k][0] <= reach + 1:
        reach += bound[k][1]
        k += 1
    if reach >= target:
        return target
    mask = (1 << (target + 1)) - 1
    bits = (1 << (reach + 1)) - 1
    for (lo, hi), count in sorted(Counter(p for p in bound[k:] if p[0] <= target).items()):
        # k identical members take any total in k*lo..k*hi: split the count in powers of two.
        size = 1
        while count:
            take = min(size, count)
            bits = _spread(bits, take * lo, take * hi, mask)
            if bits >> target:
                return target
            count -= take
            size *= 2
    return bits.bit_length() - 1


def _choose_exact(items: list[tuple[int, int]], total: int, flex_hi: int) -> list[int]:
    """Indices of items (in the given order of preference) to take part so that, with flexible
    members covering 0..flex_hi, exactly `total` steps can be placed. Keeps each item in turn if
    the items after it can still complete the total."""
    count = len(items)
    mask = (1 << (total + 1)) - 1
    block = math.isqrt(count) + 1
    # reachable[j] = totals the items j.. can make; kept only every `block` items, the rest
    # recomputed one block at a time, so that memory stays near sqrt(count) bitsets.
    saved = {count: 1}
    bits = 1
    for j in range(count - 1, -1, -1):
        bits = _spread(bits, items[j][0], items[j][1], mask)
        if j % block == 0:
            saved[j] = bits
    chosen: list[int] = []
    low = high = 0
    for start in range(0, count, block):
        end = min(start + block, count)
        after = [0] * (end - start)  # after[j - start] = totals items j+1.. can make
        bits = saved[end]
        for j in range(end - 1, start - 1, -1):
            after[j - start] = bits
            bits = _spread(bits, items[j][0], items[j][1], mask)
        for j in range(start, end):
            lo, hi = items[j]
            top = total - low - lo
            if top < 0:
                continue
            bottom = max(0, total - high - hi - flex_hi)
            if (after[j - start] >> bottom) & ((1 << (top - bottom + 1)) - 1):
                chosen.append(j)
                low += lo
                high += hi
    return chosen


# -- water-filling (EQUAL, ROTATION) ---------------------------------------------------------


def _water_level(starts: list[int], room: list[int], need: int, step: int) -> object:
    """Largest level h such that handing out steps in order of (value, id), where member i's
    steps start at values starts[i], starts[i] + step, ... (room[i] of them), gives at most
    `need` steps to values below h. Infinite when everyone ends full."""
    pairs = [(s, r) for s, r in zip(starts, room, strict=True) if r > 0]
    if need >= sum(r for _, r in pairs):
        return _INF
    begins = sorted(s for s, _ in pairs)
    ends = sorted(s + r * step for s, r in pairs)
    begin_sum = list(accumulate(begins, initial=0))
    end_sum = list(accumulate(ends, initial=0))
    goal = need * step

    def poured(h: int) -> int:  # step * (steps below h), counting part-steps as fractions
        kb, ke = bisect_left(begins, h), bisect_left(ends, h)
        return kb * h - begin_sum[kb] - ke * h + end_sum[ke]

    low, high = begins[0], ends[-1]  # poured(low) = 0 <= goal < poured(high)
    while high - low > 1:
        mid = (low + high) // 2
        if poured(mid) <= goal:
            low = mid
        else:
            high = mid
    if step == 1:
        return low

    def counted(h: int) -> int:  # whole steps starting below h
        return sum(min(r, max(0, -((s - h) // step))) for s, r in pairs)

    # counted(h) lies between poured(h) / step and poured(h + step) / step.
    high, low = low + 1, low - step
    while high - low > 1:
        mid = (low + high) // 2
        if counted(mid) <= need:
            low = mid
        else:
            high = mid
    return low


def _water_shares(
    starts: list[int], room: list[int], need: int, step: int, level: int
) -> list[int]:
    got = [min(r, max(0, -((s - level) // step))) for s, r in zip(starts, room, strict=True)]
    left = need - sum(got)
    if left:  # the steps starting exactly at the level go to the lowest ids
        for k, (s, r) in enumerate(zip(starts, room, strict=True)):
            if got[k] < r and s + got[k] * step == level:
                got[k] += 1
                left -= 1
                if not left:
                    break
    return got


# -- proportional ----------------------------------------------------------------------------


def _proportional_level(
    weights: list[int], floors: list[int], highs: list[int], goal: int, step: int
) -> object:
    """The factor lam (as num, den) at which sum(clamp(lam * weight, floor, high)) == goal, all
    in units; infinite when everyone ends full."""
    if goal >= step * sum(highs):
        return _INF
    scale = max(weights) ** 2 + 1
    count = 2 * len(weights)
    # Events as single ints, key * count + code, popped from a heap only as far as needed:
    # code 2k is member k reaching its ceiling, 2k + 1 member k rising from its floor.
    events = [
        h * step * scale // w * count + 2 * k
        for k, (w, h) in enumerate(zip(weights, highs, strict=True))
    ]
    events += [
        f * step * scale // weights[k] * count + 2 * k + 1 for k, f in enumerate(floors) if f
    ]
    heapify(events)
    fixed = step * sum(floors)  # units from members at their floor or ceiling
    slope = sum(w for w, f in zip(weights, floors, strict=True) if not f)  # weight in between
    while events:
        k, rising = divmod(heappop(events) % count, 2)
        den = weights[k]
        num = (floors[k] if rising else highs[k]) * step
        if fixed * den + slope * num > goal * den:
            break
        if rising:
            fixed -= num
            slope += den
        else:
            fixed += num
            slope -= den
    return (goal - fixed, slope)


def _proportional_shares(
    weights: list[int],
    floors: list[int],
    highs: list[int],
    level: tuple[int, int],
    total: int,
    step: int,
) -> list[int]:
    num, den = level
    unit = step * den  # a member's quota in steps is num * weight / unit
    parts = [divmod(num * w, unit) for w in weights]
    got = [
        f if whole < f else h if whole > h else whole
        for (whole, _), f, h in zip(parts, floors, highs, strict=True)
    ]
    left = total - sum(got)
    if left:  # largest remainders first, ties to the lower id
        rests = [
            (-rest, k)
            for k, ((whole, rest), f, h) in enumerate(zip(parts, floors, highs, strict=True))
            if rest and f <= whole < h
        ]
        rests.sort()
        for _, k in rests[:left]:
            got[k] += 1
    return got
