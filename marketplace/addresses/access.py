"""Load saved addresses scoped to their owner (404 for anyone else's)."""

from flask import abort
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.addresses.models import SavedAddress
from marketplace.db import MAX_ID
from marketplace.extensions import db


def get_address_for_owner(address_id: int, user: User) -> SavedAddress:
    address = db.session.get(SavedAddress, address_id)
    if address is None or not user.is_authenticated or address.user_id != user.id:
        abort(404)
    return address


def addresses_of(user: User) -> list[SavedAddress]:
    """The buyer's saved addresses, the default first, then in the order they were saved."""
    if not user.is_authenticated:
        return []
    return list(
        db.session.scalars(
            select(SavedAddress)
            .where(SavedAddress.user_id == user.id)
            .order_by(SavedAddress.is_default.desc(), SavedAddress.id)
        )
    )


def chosen_address(user: User, raw: str | None) -> SavedAddress | None:
    """The address a checkout page starts with: the one asked for by `?alamat=<id>` (the
    buyer's own, else 404), or else the default; None for a buyer with none."""
    if raw:
        digits = raw.strip()
        if not (digits.isascii() and digits.isdigit()) or int(digits[:20]) > MAX_ID:
            abort(404)
        return get_address_for_owner(int(digits), user)
    found = addresses_of(user)
    return found[0] if found else None
