"""Shares among the members taking part: water-filling (EQUAL, ROTATION) and proportional."""

from __future__ import annotations

import math
from bisect import bisect_left
from heapq import heapify, heappop
from itertools import accumulate

_INF = math.inf


def water_level(starts: list[int], room: list[int], need: int, step: int) -> object:
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

    low = _last_at_most(poured, goal, begins[0], ends[-1])  # poured(begins[0]) = 0
    if step == 1:
        return low

    def counted(h: int) -> int:  # whole steps starting below h
        return sum(min(r, max(0, -((s - h) // step))) for s, r in pairs)

    # counted(h) lies between poured(h) / step and poured(h + step) / step.
    return _last_at_most(counted, need, low - step, low + 1)


def _last_at_most(f, target: int, low: int, high: int) -> int:
    """The largest h in [low, high) with f(h) <= target, for a non-decreasing f with
    f(low) <= target < f(high) (binary search)."""
    while high - low > 1:
        mid = (low + high) // 2
        if f(mid) <= target:
            low = mid
        else:
            high = mid
    return low


def water_shares(starts: list[int], room: list[int], need: int, step: int, level: int) -> list[int]:
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


def proportional_level(
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


def proportional_shares(
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
