"""Price tiers and order quantities (pure: plain data in, plain data out).

A product's tiers form a step function: a tier's unit price applies from its `min_quantity`
up to the next tier's. An order quantity is allowed when it is positive, at least the minimum
order quantity, a multiple of the order step and no more than the pooled availability.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Tier:
    min_quantity: int
    unit_price: int  # whole rupiah per unit


class QuantityProblem(StrEnum):
    NOT_POSITIVE = "not_positive"
    BELOW_MINIMUM = "below_minimum"
    OFF_STEP = "off_step"
    ABOVE_AVAILABLE = "above_available"


class TierProblem(StrEnum):
    QUANTITY_NOT_POSITIVE = "quantity_not_positive"
    NOT_INCREASING = "not_increasing"
    FIRST_ABOVE_MINIMUM = "first_above_minimum"
    PRICE_NOT_POSITIVE = "price_not_positive"
    PRICE_RISES = "price_rises"


def quantity_problem(
    quantity: int, *, minimum: int, step: int, available: int
) -> QuantityProblem | None:
    """The first rule `quantity` breaks, or None when it may be ordered.

    Rules are checked in this order: positive, at least `minimum`, a multiple of `step`,
    at most `available`. Raises ValueError when `step` or `minimum` is below 1.
    """
    if step < 1:
        raise ValueError(f"step must be at least 1, not {step}")
    if minimum < 1:
        raise ValueError(f"minimum must be at least 1, not {minimum}")
    if quantity <= 0:
        return QuantityProblem.NOT_POSITIVE
    if quantity < minimum:
        return QuantityProblem.BELOW_MINIMUM
    if quantity % step:
        return QuantityProblem.OFF_STEP
    if quantity > available:
        return QuantityProblem.ABOVE_AVAILABLE
    return None


def unit_price_for(tiers: Sequence[Tier], quantity: int) -> int:
    """The unit price of the highest tier whose `min_quantity` is at most `quantity`.

    The tiers may come in any order. Raises ValueError when no tier applies.
    """
    applicable = [tier for tier in tiers if tier.min_quantity <= quantity]
    if not applicable:
        raise ValueError(f"no price tier applies to quantity {quantity}")
    return max(applicable, key=lambda tier: tier.min_quantity).unit_price


def line_total(quantity: int, unit_price: int) -> int:
    """Quantity times unit price, in whole rupiah. Raises ValueError on negative input."""
    if quantity < 0 or unit_price < 0:
        raise ValueError("quantity and unit price must not be negative")
    return quantity * unit_price


def lowest_unit_price(tiers: Sequence[Tier]) -> int | None:
    """The cheapest unit price any order can reach (the catalogue's "from" price)."""
    return min((tier.unit_price for tier in tiers), default=None)


def tier_problems(tiers: Sequence[Tier], *, minimum: int) -> list[TierProblem]:
    """Every rule the tier table breaks, each once, in TierProblem order; [] when it is valid.

    Tiers are given as listed (smallest quantity first). Rules: quantities are at least 1 and
    strictly increasing; the first tier starts at or below the minimum order quantity, so that
    every allowed quantity has a price; prices are positive; a larger tier never costs more
    per unit than a smaller one. An empty table breaks no rule: whether a product needs tiers
    (to be published) is the caller's decision.
    """
    found: set[TierProblem] = set()
    if any(tier.min_quantity < 1 for tier in tiers):
        found.add(TierProblem.QUANTITY_NOT_POSITIVE)
    if any(b.min_quantity <= a.min_quantity for a, b in zip(tiers, tiers[1:], strict=False)):
        found.add(TierProblem.NOT_INCREASING)
    # Compared by quantity, not by listing order, so that a misordered table is not also
    # reported as rising.
    if any(
        b.min_quantity > a.min_quantity and b.unit_price > a.unit_price
        for a in tiers
        for b in tiers
    ):
        found.add(TierProblem.PRICE_RISES)
    if tiers and min(tier.min_quantity for tier in tiers) > minimum:
        found.add(TierProblem.FIRST_ABOVE_MINIMUM)
    if any(tier.unit_price <= 0 for tier in tiers):
        found.add(TierProblem.PRICE_NOT_POSITIVE)
    return [problem for problem in TierProblem if problem in found]
