"""Checks on shares an admin typed in, before they are published. Pure: data in, data out.

static/js/allocation.js repeats these rules in the browser as the admin types; this module is
the one the server trusts.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from marketplace.fulfilment.allocation.types import Candidate


class ShareProblem(enum.StrEnum):
    NEGATIVE = "negative"
    OVER_CAPACITY = "over_capacity"
    UNDER_MIN_LOT = "under_min_lot"


class TotalProblem(enum.StrEnum):
    TOO_LITTLE = "too_little"
    TOO_MUCH = "too_much"


# A member's row of the check (its id, capacity and minimum lot): the engine's candidate.
Row = Candidate


@dataclass(frozen=True)
class ShareCheck:
    problems: dict[int, ShareProblem]  # member_id -> what is wrong with its share
    total: int
    total_problem: TotalProblem | None

    @property
    def ok(self) -> bool:
        return not self.problems and self.total_problem is None


def check_shares(quantity: int, rows: Sequence[Row], shares: Mapping[int, int]) -> ShareCheck:
    """Every share is 0 or between the member's minimum lot and its capacity, and the shares
    add up to exactly `quantity`. Shares of members not in `rows` count as over capacity."""
    known = {row.member_id: row for row in rows}
    problems: dict[int, ShareProblem] = {}
    for member_id, share in shares.items():
        row = known.get(member_id)
        if share < 0:
            problems[member_id] = ShareProblem.NEGATIVE
        elif share == 0:
            continue
        elif row is None or share > row.capacity:
            problems[member_id] = ShareProblem.OVER_CAPACITY
        elif share < row.min_lot:
            problems[member_id] = ShareProblem.UNDER_MIN_LOT
    total = sum(max(share, 0) for share in shares.values())
    total_problem = None
    if total < quantity:
        total_problem = TotalProblem.TOO_LITTLE
    elif total > quantity:
        total_problem = TotalProblem.TOO_MUCH
    return ShareCheck(problems, total, total_problem)
