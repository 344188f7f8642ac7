"""A cooperative's delivery options and its own-delivery fee table (rules in
cooperatives/delivery.py)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.delivery import (
    DeliveryOffer,
    OfferProblem,
    courier_codes,
    offer_problems,
    place_key,
)
from marketplace.cooperatives.locks import lock_cooperative
from marketplace.cooperatives.models import Cooperative, DeliveryFeeRate
from marketplace.cooperatives.services.changes import changed_values, save_changes
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_PRICE
from marketplace.transaction import transaction

OFFER_MESSAGES = {
    OfferProblem.NO_OPTION: (_l("Offer at least one delivery option."), "offers_pickup"),
    OfferProblem.NO_HUB_ADDRESS: (_l("Pickup needs the hub's address."), "hub_address"),
    OfferProblem.UNKNOWN_COURIER: (_l("Choose couriers from the list."), "couriers"),
}


@dataclass(frozen=True)
class DeliveryOptions:
    pickup: bool
    hub_address: str
    own_delivery: bool
    couriers: tuple[str, ...]


def update_delivery_options(
    coop: Cooperative, actor: User, options: DeliveryOptions
) -> Cooperative:
    """Save which delivery options the cooperative offers (at least one; pickup needs an
    address: the hub's, or else the cooperative's), audited. Orders already placed keep the
    option they were placed with. Raises ValidationFailed naming the field."""
    hub_address = options.hub_address.strip()
    offer = DeliveryOffer(options.pickup, options.own_delivery, options.couriers)
    problems = offer_problems(offer, hub_address=hub_address or coop.address)
    if problems:
        message, field = OFFER_MESSAGES[problems[0]]
        raise ValidationFailed(str(message), field=field)
    values = {
        "offers_pickup": options.pickup,
        "hub_address": hub_address,
        "offers_own_delivery": options.own_delivery,
        "couriers": courier_codes(options.couriers),
    }
    with transaction():
        lock_cooperative(coop)
        save_changes(coop, actor, "cooperative.delivery_updated", changed_values(coop, values))
    return coop


def set_delivery_fee(
    coop: Cooperative, actor: User, *, province: str, regency: str, fee: int
) -> DeliveryFeeRate:
    """Add a row to the own-delivery fee table, or change the fee of the row for the same
    province and regency (compared as cooperatives.delivery.place_key does), audited."""
    province, regency = " ".join(province.split()), " ".join(regency.split())
    if not province:
        raise ValidationFailed(str(_l("This field is required.")), field="province")
    if not 0 <= fee <= MAX_PRICE:
        raise ValidationFailed(str(_l("Enter the fee in whole rupiah.")), field="fee")
    with transaction():
        lock_cooperative(coop)
        rate = _same_place(coop, province, regency)
        before = None
        if rate is None:
            rate = DeliveryFeeRate(cooperative_id=coop.id, province=province, regency=regency)
            db.session.add(rate)
        else:
            before = {"fee": rate.fee}
        rate.fee = fee
        record(
            "cooperative.delivery_fee_set",
            rate,
            actor=actor,
            before=before,
            after={"province": rate.province, "regency": rate.regency, "fee": fee},
        )
    db.session.expire(coop, ["delivery_fee_rates"])
    return rate


def _same_place(coop: Cooperative, province: str, regency: str) -> DeliveryFeeRate | None:
    rates = db.session.scalars(
        select(DeliveryFeeRate).where(DeliveryFeeRate.cooperative_id == coop.id)
    )
    key = (place_key(province), place_key(regency))
    return next((r for r in rates if (place_key(r.province), place_key(r.regency)) == key), None)


def remove_delivery_fee(rate: DeliveryFeeRate, actor: User) -> None:
    """Take a row out of the fee table, audited (its destinations lose own delivery unless
    their province has a row)."""
    with transaction():
        record(
            "cooperative.delivery_fee_removed",
            rate,
            actor=actor,
            before={"province": rate.province, "regency": rate.regency, "fee": rate.fee},
        )
        db.session.delete(rate)
