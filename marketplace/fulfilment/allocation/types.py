"""The engine's public values: policies, candidates, the allocation and its reasons."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from enum import Enum


class Policy(str, Enum):  # noqa: UP042 - the stored values are plain strings
    PROPORTIONAL = "proportional"  # shares follow declared capacity
    EQUAL = "equal"  # everyone the same, up to capacity (merata)
    ROTATION = "rotation"  # evens out total work over time (recent load counts)


class ReasonCode(enum.StrEnum):
    """Why a member got what it got. The parameters each code carries are in PARAMS."""

    NOTHING_TO_ALLOCATE = "nothing_to_allocate"
    FULL = "full"
    FULL_IN_STEPS = "full_in_steps"
    LOT_GIVEN = "lot_given"
    ORDER_BELOW_STEP = "order_below_step"
    PROPORTIONAL_SHARE = "proportional_share"
    EQUAL_SHARE = "equal_share"
    EQUAL_TOO_SMALL = "equal_too_small"
    ROTATION_NO_UNITS = "rotation_no_units"
    ROTATION_FEWER = "rotation_fewer"
    ROTATION_LEVEL = "rotation_level"
    NO_CAPACITY = "no_capacity"
    CAPACITY_BELOW_STEP = "capacity_below_step"
    LOT_OVER_CAPACITY = "lot_over_capacity"
    LOT_NO_STEP = "lot_no_step"
    LOT_UNMET_TOTAL = "lot_unmet_total"
    LOT_UNMET_FIT = "lot_unmet_fit"
    LOT_UNMET_OTHERS = "lot_unmet_others"
    LOT_UNMET_FAIR = "lot_unmet_fair"


_R = ReasonCode
# The parameters (all whole numbers) each code comes with, for the translations to rely on.
PARAMS: dict[ReasonCode, frozenset[str]] = {
    _R.NOTHING_TO_ALLOCATE: frozenset(),
    _R.FULL: frozenset({"cap"}),
    _R.FULL_IN_STEPS: frozenset({"cap", "step"}),
    _R.LOT_GIVEN: frozenset({"lot"}),
    _R.ORDER_BELOW_STEP: frozenset({"step"}),
    _R.PROPORTIONAL_SHARE: frozenset({"cap", "total"}),
    _R.EQUAL_SHARE: frozenset(),
    _R.EQUAL_TOO_SMALL: frozenset(),
    _R.ROTATION_NO_UNITS: frozenset({"load"}),
    _R.ROTATION_FEWER: frozenset({"load", "total"}),
    _R.ROTATION_LEVEL: frozenset({"units"}),
    _R.NO_CAPACITY: frozenset(),
    _R.CAPACITY_BELOW_STEP: frozenset({"cap", "step"}),
    _R.LOT_OVER_CAPACITY: frozenset({"lot", "cap"}),
    _R.LOT_NO_STEP: frozenset({"lot", "cap", "step"}),
    _R.LOT_UNMET_TOTAL: frozenset({"lot", "units"}),
    _R.LOT_UNMET_FIT: frozenset({"lot"}),
    _R.LOT_UNMET_OTHERS: frozenset({"lot"}),
    _R.LOT_UNMET_FAIR: frozenset({"lot"}),
}


@dataclass(frozen=True)
class Reason:
    """A code and its numbers; the caller turns it into words in the reader's language."""

    code: str
    params: dict[str, int] = field(default_factory=dict)


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
    reasons: dict[int, Reason]  # member_id -> why this member got what it got (shown to admins)
