"""Fulfilment use cases: propose and publish a split, members' answers, re-allocation, quality
control at the hub. Split by step; import from here."""

from marketplace.fulfilment.services.by_hand import (
    HandAssignment,
    assign_by_hand,
    hand_candidates,
)
from marketplace.fulfilment.services.capacity import (
    CandidateRow,
    accepted_units,
    covered,
    line_progress,
)
from marketplace.fulfilment.services.planning import LineProposal, line_policy, open_units
from marketplace.fulfilment.services.publishing import (
    LinePlan,
    SharesRejected,
    propose_allocation,
    publish_allocation,
)
from marketplace.fulfilment.services.queries import (
    HistoryEntry,
    allocation_history,
    assignments_for_line_ids,
    work_for_user,
)
from marketplace.fulfilment.services.shipping import ship_ready_units, shippable_units
from marketplace.fulfilment.services.workflow import (
    accept_assignment,
    decline_assignment,
    expire_overdue,
    record_quality_control,
    reoffer_open_quantity,
    report_progress,
)

__all__ = [
    "CandidateRow",
    "HandAssignment",
    "HistoryEntry",
    "LinePlan",
    "LineProposal",
    "SharesRejected",
    "accept_assignment",
    "accepted_units",
    "allocation_history",
    "assign_by_hand",
    "assignments_for_line_ids",
    "covered",
    "line_progress",
    "decline_assignment",
    "expire_overdue",
    "hand_candidates",
    "line_policy",
    "open_units",
    "propose_allocation",
    "publish_allocation",
    "record_quality_control",
    "reoffer_open_quantity",
    "ship_ready_units",
    "shippable_units",
    "report_progress",
    "work_for_user",
]
