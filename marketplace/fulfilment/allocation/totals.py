"""The most steps the members can place together, and which lot-bound members make it exact."""

from __future__ import annotations

import math
from collections import Counter


def spread(reach: int, lo: int, hi: int, mask: int) -> int:
    """Totals reachable by adding a member that takes 0 or lo..hi steps to the totals in reach."""
    moved = (reach << lo) & mask
    covered, width = 1, hi - lo + 1
    while covered < width:  # OR of the shifts 0..hi-lo, doubling the covered run each time
        shift = min(covered, width - covered)
        moved |= (moved << shift) & mask
        covered += shift
    return reach | moved


def max_total(target: int, flex_hi: int, bound: list[tuple[int, int]]) -> int:
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
            bits = spread(bits, take * lo, take * hi, mask)
            if bits >> target:
                return target
            count -= take
            size *= 2
    return bits.bit_length() - 1


def choose_exact(items: list[tuple[int, int]], total: int, flex_hi: int) -> list[int]:
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
        bits = spread(bits, items[j][0], items[j][1], mask)
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
            bits = spread(bits, items[j][0], items[j][1], mask)
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
