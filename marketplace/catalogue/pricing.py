"""Price tiers and order quantities (pure: plain data in, plain data out).

A product's tiers form a step function: a tier's unit price applies from its `min_quantity`
up to the next tier's. An order quantity is allowed when it is positive, at least the minimum
order quantity, a multiple of the order step and no more than the pooled availability.
An order's VAT (PPN) follows the dated settings in VAT_RATES.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction


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


# --- VAT (PPN) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VatRate:
    """PPN in force from `valid_from`: the nominal rate applied to a tax base of
    `base_factor` times the price (DOMAIN.md: since 2025, 12% on 11/12 for ordinary goods)."""

    valid_from: date
    rate: Fraction
    base_factor: Fraction

    @property
    def rate_bp(self) -> int:
        """The nominal rate in basis points (12% -> 1200), as stored on an order."""
        return int(self.rate * 10_000)


# Dated settings, oldest first; add a row when the rules change (DOMAIN.md: "check").
VAT_RATES: tuple[VatRate, ...] = (
    VatRate(date(2022, 4, 1), Fraction(11, 100), Fraction(1)),
    VatRate(date(2025, 1, 1), Fraction(12, 100), Fraction(11, 12)),
)


def vat_rate_on(day: date, table: Sequence[VatRate] = VAT_RATES) -> VatRate:
    """The VAT setting in force on `day` (the latest row starting on or before it).

    Raises ValueError for a day before the first row.
    """
    applicable = [row for row in table if row.valid_from <= day]
    if not applicable:
        raise ValueError(f"no VAT rate is configured for {day}")
    return max(applicable, key=lambda row: row.valid_from)


def round_half_up(value: Fraction) -> int:
    """Round a non-negative exact amount to whole rupiah, halves up (0,5 -> 1)."""
    if value < 0:
        raise ValueError("amounts to round must not be negative")
    return int((value + Fraction(1, 2)) // 1)


@dataclass(frozen=True)
class OrderTotals:
    subtotal: int  # sum of line totals (the goods)
    tax_base: int  # DPP: (subtotal + delivery fee) x base factor, rounded (0 without VAT)
    vat_rate_bp: int  # nominal rate in basis points (0 without VAT)
    vat: int
    total: int  # subtotal + delivery fee + vat: what the buyer pays
    delivery_fee: int = 0


def order_totals(
    line_totals: Sequence[int], *, is_pkp: bool, day: date, delivery_fee: int = 0
) -> OrderTotals:
    """Subtotal, VAT and total of one order (one cooperative) placed on `day`.

    The delivery fee is a line of the order: it is in the total and, for a PKP, in the
    taxable total. VAT applies only when the cooperative is a PKP. It is computed once, on
    the order's taxable total (never per line), exactly as taxable total x base factor x rate
    and then rounded half up to whole rupiah, so that rounding the tax base first cannot
    shift it by a rupiah. Raises ValueError on a negative line total or fee.
    """
    if any(total < 0 for total in line_totals) or delivery_fee < 0:
        raise ValueError("line totals and the delivery fee must not be negative")
    subtotal = sum(line_totals)
    taxable = subtotal + delivery_fee
    if not is_pkp:
        return OrderTotals(subtotal, 0, 0, 0, taxable, delivery_fee)
    setting = vat_rate_on(day)
    vat = round_half_up(taxable * setting.base_factor * setting.rate)
    tax_base = round_half_up(taxable * setting.base_factor)
    return OrderTotals(subtotal, tax_base, setting.rate_bp, vat, taxable + vat, delivery_fee)
