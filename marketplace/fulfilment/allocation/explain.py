"""Why each member got what it got, as Reason codes with their numbers (never sentences)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketplace.fulfilment.allocation.types import Policy, Reason
from marketplace.fulfilment.allocation.types import ReasonCode as R

if TYPE_CHECKING:
    from marketplace.fulfilment.allocation.engine import _Engine

_NOTHING = Reason(R.NOTHING_TO_ALLOCATE)
_EQUAL = Reason(R.EQUAL_SHARE)
_TOO_SMALL = Reason(R.EQUAL_TOO_SMALL)
_NO_CAPACITY = Reason(R.NO_CAPACITY)


def explain(
    engine: _Engine, active: list[int], steps: list[int], level: object, total: int
) -> dict[int, Reason]:
    """One reason per candidate. Members with the same capacity share one Reason value, which
    keeps 100,000 members cheap."""
    step, policy = engine.step, engine.policy
    if engine.quantity == 0:
        return dict.fromkeys(engine.ids, _NOTHING)
    engine.lots_taken = sum(engine.lo[i] for i in active if engine.lo[i] >= 2)
    got = [-1] * len(engine.ids)  # steps; -1 for members who take no part
    for i, s in zip(active, steps, strict=True):
        got[i] = s
    weight = sum(engine.caps[i] for i in active)
    said: dict[int, Reason] = {}  # the same reason for the same capacity (full: -capacity)
    reasons: dict[int, Reason] = {}
    members = zip(engine.ids, engine.caps, engine.loads, engine.lo, engine.hi, got, strict=True)
    for i, (member, cap, load, lo, hi, s) in enumerate(members):
        if s > 0 and s == hi:
            why = said.get(-cap)
            if why is None:
                if s * step < cap:
                    why = Reason(R.FULL_IN_STEPS, {"cap": cap, "step": step})
                else:
                    why = Reason(R.FULL, {"cap": cap})
                said[-cap] = why
        elif s > 0 and lo >= 2 and not engine._lot_met(i, level):
            why = Reason(R.LOT_GIVEN, {"lot": engine.lots[i]})
        elif s < 0:
            why = left_out(engine, i, total)
        elif engine.target == 0:
            why = Reason(R.ORDER_BELOW_STEP, {"step": step})
        elif policy is Policy.PROPORTIONAL:
            why = said.get(cap)
            if why is None:
                why = said[cap] = Reason(R.PROPORTIONAL_SHARE, {"cap": cap, "total": weight})
        elif policy is Policy.EQUAL:
            why = _EQUAL if s else _TOO_SMALL
        else:
            why = _rotation(load, s * step)
        reasons[member] = why
    return reasons


def _rotation(load: int, units: int) -> Reason:
    if units == 0:
        return Reason(R.ROTATION_NO_UNITS, {"load": load})
    if load:
        return Reason(R.ROTATION_FEWER, {"load": load, "total": load + units})
    return Reason(R.ROTATION_LEVEL, {"units": units})


def left_out(engine: _Engine, i: int, total: int) -> Reason:
    """Why member i takes no part at all."""
    cap, lot, step = engine.caps[i], engine.lots[i], engine.step
    if cap == 0:
        return _NO_CAPACITY
    if engine.hi[i] == 0:
        return Reason(R.CAPACITY_BELOW_STEP, {"cap": cap, "step": step})
    if engine.lo[i] > engine.hi[i]:
        if lot > cap:
            return Reason(R.LOT_OVER_CAPACITY, {"lot": lot, "cap": cap})
        return Reason(R.LOT_NO_STEP, {"lot": lot, "cap": cap, "step": step})
    if engine.target == 0:
        return Reason(R.ORDER_BELOW_STEP, {"step": step})
    if engine.lo[i] > total:
        return Reason(R.LOT_UNMET_TOTAL, {"lot": lot, "units": total * step})
    if engine.how == "exact":
        return Reason(R.LOT_UNMET_FIT, {"lot": lot})
    if engine.lots_taken + engine.lo[i] > total:
        return Reason(R.LOT_UNMET_OTHERS, {"lot": lot})
    return Reason(R.LOT_UNMET_FAIR, {"lot": lot})
