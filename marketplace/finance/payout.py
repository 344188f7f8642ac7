"""What a member earns per unit of its share (DESIGN.md §8). Pure: ints in, an int out.

The payout is fixed on an assignment when it is made: the product's member price when the
cooperative set one, otherwise the line's unit price less the cooperative's fee.

Rounding: the fee is taken in basis points (1/100 of a percent), and the member's part is
rounded DOWN to a whole rupiah, so a member is never paid more than the price less the fee and
the cooperative never gives away more than it received; the fraction (< Rp1 a unit) stays with
the cooperative.
"""

from __future__ import annotations

FULL_FEE = 10_000  # basis points: 100%


def _whole(name: str, value: object, lowest: int, highest: int | None = None) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if value < lowest or (highest is not None and value > highest):
        raise ValueError(f"{name} must be between {lowest} and {highest}, not {value}")
    return value


def payout_per_unit(unit_price: int, fee_basis_points: int, member_price: int | None = None) -> int:
    """Rupiah per unit for the member: `member_price` if given, else `unit_price` less
    `fee_basis_points` of it, rounded down. Raises ValueError for negative or non-integer
    amounts and for a fee outside 0..10,000 basis points."""
    _whole("unit_price", unit_price, 0)
    _whole("fee_basis_points", fee_basis_points, 0, FULL_FEE)
    if member_price is not None:
        return _whole("member_price", member_price, 0)
    return unit_price * (FULL_FEE - fee_basis_points) // FULL_FEE
