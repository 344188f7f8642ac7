"""The allocation engine: split one order line among the members who can make it (DESIGN.md §6).

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

4. Reasons: every candidate gets a ``Reason(code, params)`` (``ReasonCode``; the numbers each code
   carries are in ``PARAMS``). The engine never writes sentences: fulfilment/reasons.py turns the
   codes into words in the reader's language.

Modules: ``types`` (the public values), ``engine`` (steps 1 to 3), ``totals`` (the most that can be
placed, the exact choice), ``fairness`` (the fair-level test of step 2), ``levels`` (water-filling
and proportional shares), ``explain`` (step 4).
"""

from marketplace.fulfilment.allocation.engine import allocate
from marketplace.fulfilment.allocation.types import (
    PARAMS,
    Allocation,
    Candidate,
    Policy,
    Reason,
    ReasonCode,
)

__all__ = ["PARAMS", "Allocation", "Candidate", "Policy", "Reason", "ReasonCode", "allocate"]
