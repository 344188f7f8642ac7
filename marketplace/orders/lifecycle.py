"""The order state machine (DESIGN.md §5): which status may follow which."""

from flask_babel import gettext as _

from marketplace.errors import InvalidTransition
from marketplace.labels import status_label
from marketplace.orders.models import OrderStatus as S

ALLOWED: dict[str, frozenset[str]] = {
    S.PLACED: frozenset({S.CONFIRMED, S.CANCELLED, S.EXPIRED}),
    S.CONFIRMED: frozenset({S.ALLOCATING, S.CANCELLED, S.REFUNDED}),
    S.ALLOCATING: frozenset({S.IN_PRODUCTION, S.CANCELLED, S.REFUNDED}),
    S.IN_PRODUCTION: frozenset({S.READY, S.SHIPPED, S.REFUNDED}),
    S.READY: frozenset({S.SHIPPED, S.REFUNDED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.REFUNDED}),
    S.DELIVERED: frozenset({S.COMPLETED, S.REFUNDED}),
    S.COMPLETED: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset(),
    S.EXPIRED: frozenset(),
    S.REFUNDED: frozenset(),
}


def check_transition(current: str, new: str) -> None:
    """Raise InvalidTransition unless an order may move from `current` to `new`."""
    if new not in ALLOWED.get(current, frozenset()):
        raise InvalidTransition(
            _(
                "An order that is %(current)s cannot become %(new)s.",
                current=status_label(current),
                new=status_label(new),
            )
        )
