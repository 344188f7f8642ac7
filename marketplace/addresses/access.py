"""Load saved addresses scoped to their owner (404 for anyone else's)."""

from flask import abort

from marketplace.access import get_owned_or_404, owned_rows
from marketplace.accounts.models import User
from marketplace.addresses.models import SavedAddress
from marketplace.db import MAX_ID


def get_address_for_owner(address_id: int, user: User) -> SavedAddress:
    return get_owned_or_404(SavedAddress, address_id, user)


def addresses_of(user: User) -> list[SavedAddress]:
    """The buyer's saved addresses, the default first, then in the order they were saved."""
    return owned_rows(SavedAddress, user, SavedAddress.is_default.desc(), SavedAddress.id)


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
