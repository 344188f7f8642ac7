"""Delivery options and the own-delivery fee table (pure: plain data in, plain data out).

A cooperative offers any of: pickup at its hub (no fee), its own delivery at a fee looked up
in its table by the destination's province and regency, and couriers at a fee its admin
quotes on the order before it can be paid. The most specific row of the table wins (a
regency row over its province's row); a destination with no row has no own delivery.
"""

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class DeliveryMethod(enum.StrEnum):
    PICKUP = "pickup"
    OWN_DELIVERY = "own_delivery"
    COURIER = "courier"


class Courier(enum.StrEnum):
    JNE = "jne"
    JNT = "jnt"
    SICEPAT = "sicepat"
    POS = "pos"
    CARGO = "cargo"
    OTHER = "other"


@dataclass(frozen=True)
class FeeRow:
    province: str
    regency: str  # "" for the whole province
    fee: int  # whole rupiah


@dataclass(frozen=True)
class DeliveryOffer:
    """What one cooperative offers (as stored on it)."""

    pickup: bool
    own_delivery: bool
    couriers: tuple[str, ...]
    fee_rows: tuple[FeeRow, ...] = ()


@dataclass(frozen=True)
class DeliveryChoice:
    """The buyer's choice for one order: a method and, for the courier method, which one."""

    method: str
    courier: str | None = None

    @property
    def code(self) -> str:
        """The choice as one form value: "pickup", "own_delivery" or "courier:jne"."""
        return f"{self.method}:{self.courier}" if self.courier else self.method

    @classmethod
    def from_code(cls, code: str) -> "DeliveryChoice":
        method, _sep, courier = code.partition(":")
        return cls(method, courier or None)


def place_key(name: str) -> str:
    """A province or regency name as it is compared: case, spacing and a leading
    "Kabupaten"/"Kab."/"Kota Administrasi" prefix do not matter ("Kota" does: a city and a
    regency may share a name)."""
    words = name.casefold().replace(".", ". ").split()
    if words[:1] in (["kabupaten"], ["kab."]):
        words = words[1:]
    if words[:2] == ["kota", "administrasi"]:
        words = ["kota", *words[2:]]
    return " ".join(words)


def own_delivery_fee(rows: Iterable[FeeRow], province: str, regency: str) -> int | None:
    """The fee of the most specific row for the destination, or None when no row covers it."""
    province_key, regency_key = place_key(province), place_key(regency)
    province_fee = None
    for row in rows:
        if place_key(row.province) != province_key:
            continue
        if not row.regency.strip():
            province_fee = row.fee
        elif place_key(row.regency) == regency_key:
            return row.fee
    return province_fee


def choices_for(offer: DeliveryOffer) -> list[DeliveryChoice]:
    """Every choice the cooperative offers, pickup first, then own delivery, then couriers in
    Courier order (own delivery is listed whether or not the destination is in the table:
    the address is checked when the order is placed)."""
    found = []
    if offer.pickup:
        found.append(DeliveryChoice(DeliveryMethod.PICKUP))
    if offer.own_delivery and offer.fee_rows:
        found.append(DeliveryChoice(DeliveryMethod.OWN_DELIVERY))
    found += [DeliveryChoice(DeliveryMethod.COURIER, c) for c in Courier if c in offer.couriers]
    return found


class ChoiceProblem(enum.StrEnum):
    NOT_OFFERED = "not_offered"
    NOT_DELIVERED_THERE = "not_delivered_there"


@dataclass(frozen=True)
class DeliveryFee:
    """The fee of a valid choice: None while a courier's fee is to be quoted."""

    fee: int | None

    @property
    def to_be_quoted(self) -> bool:
        return self.fee is None


def fee_for(
    offer: DeliveryOffer, choice: DeliveryChoice, province: str, regency: str
) -> DeliveryFee | ChoiceProblem:
    """The fee of `choice` for the destination, or why the choice cannot be made."""
    if choice not in choices_for(offer):
        return ChoiceProblem.NOT_OFFERED
    if choice.method == DeliveryMethod.PICKUP:
        return DeliveryFee(0)
    if choice.method == DeliveryMethod.COURIER:
        return DeliveryFee(None)
    fee = own_delivery_fee(offer.fee_rows, province, regency)
    return ChoiceProblem.NOT_DELIVERED_THERE if fee is None else DeliveryFee(fee)


class OfferProblem(enum.StrEnum):
    NO_OPTION = "no_option"
    NO_HUB_ADDRESS = "no_hub_address"
    UNKNOWN_COURIER = "unknown_courier"


def offer_problems(offer: DeliveryOffer, *, hub_address: str) -> list[OfferProblem]:
    """What is wrong with the options a cooperative wants to offer; [] when they are valid.

    At least one method; pickup needs the hub's address; couriers are known codes. Own
    delivery with an empty table is allowed (the table is filled after), but offers nothing.
    """
    found = []
    if not (offer.pickup or offer.own_delivery or offer.couriers):
        found.append(OfferProblem.NO_OPTION)
    if offer.pickup and not hub_address.strip():
        found.append(OfferProblem.NO_HUB_ADDRESS)
    if any(c not in set(Courier) for c in offer.couriers):
        found.append(OfferProblem.UNKNOWN_COURIER)
    return found


def courier_codes(values: Sequence[str]) -> str:
    """Couriers as stored on the cooperative: known codes in Courier order, comma-separated."""
    return ",".join(c for c in Courier if c in values)


def parse_couriers(stored: str | None) -> tuple[str, ...]:
    return tuple(c for c in (stored or "").split(",") if c)
