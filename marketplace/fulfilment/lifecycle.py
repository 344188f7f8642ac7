"""The assignment state machine (DESIGN.md §5): which status may follow which.

proposed -> accepted | declined | expired; accepted -> in_production -> delivered_to_hub (a member
may report delivery without reporting production first); delivered_to_hub -> passed |
partly_rejected | rejected. Declined, expired and checked assignments are final: their units go
back to the planning module as new assignments, the old rows stay as history.
"""

from flask_babel import gettext as _

from marketplace.errors import InvalidTransition
from marketplace.fulfilment.models import AssignmentStatus as S
from marketplace.labels import assignment_status_label

ALLOWED: dict[str, frozenset[str]] = {
    S.PROPOSED: frozenset({S.ACCEPTED, S.DECLINED, S.EXPIRED}),
    S.ACCEPTED: frozenset({S.IN_PRODUCTION, S.DELIVERED_TO_HUB}),
    S.IN_PRODUCTION: frozenset({S.DELIVERED_TO_HUB}),
    S.DELIVERED_TO_HUB: frozenset({S.PASSED, S.PARTLY_REJECTED, S.REJECTED}),
    S.DECLINED: frozenset(),
    S.EXPIRED: frozenset(),
    S.PASSED: frozenset(),
    S.PARTLY_REJECTED: frozenset(),
    S.REJECTED: frozenset(),
}


def may_move(current: str, new: str) -> bool:
    return new in ALLOWED.get(current, frozenset())


def check_transition(current: str, new: str, refusal: str | None = None) -> None:
    """Raise InvalidTransition (with `refusal`, or a sentence naming both states) unless an
    assignment may move from `current` to `new`."""
    if not may_move(current, new):
        raise InvalidTransition(
            refusal
            or _(
                "Work that is %(current)s cannot become %(new)s.",
                current=assignment_status_label(current),
                new=assignment_status_label(new),
            )
        )
