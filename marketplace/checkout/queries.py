"""Read models for checkout pages."""

from dataclasses import dataclass

from marketplace.orders.models import Order


@dataclass(frozen=True)
class PlacedSummary:
    """What one checkout placed: the grand total and the bank transfers still to make."""

    grand_total: int
    transfers: list[Order]  # orders awaiting a bank transfer, one transfer each
    transfer_total: int


def placed_summary(orders: list[Order]) -> PlacedSummary:
    transfers = [o for o in orders if o.awaits_transfer]
    return PlacedSummary(
        grand_total=sum(o.total for o in orders),
        transfers=transfers,
        transfer_total=sum(o.amount_due for o in transfers),
    )
