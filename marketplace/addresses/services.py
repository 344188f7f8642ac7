"""Saving, changing and deleting a buyer's delivery addresses; one of them is the default."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from marketplace.accounts.models import User
from marketplace.addresses.locks import lock_address_book
from marketplace.addresses.models import SavedAddress
from marketplace.audit.services import record
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.identifiers import IdentifierError, normalise_phone, normalise_postal_code
from marketplace.limits import MAX_SAVED_ADDRESSES
from marketplace.places import regions
from marketplace.places.messages import REGION_FIELDS, check_region_chain
from marketplace.transaction import transaction


@dataclass(frozen=True)
class AddressData:
    """What a buyer enters for an address; the region names come from the codes."""

    label: str
    recipient_name: str
    recipient_phone: str
    province_code: str
    regency_code: str
    district_code: str
    village_code: str
    street_address: str
    postal_code: str
    make_default: bool = False


def _columns(data: AddressData) -> dict:
    """The address's columns, checked: known regions in one chain, phone, postal code."""
    codes = [data.province_code, data.regency_code, data.district_code, data.village_code]
    check_region_chain(codes)
    try:
        phone = normalise_phone(data.recipient_phone)
    except IdentifierError as exc:
        raise ValidationFailed(str(_l("Enter a valid phone number.")), "recipient_phone") from exc
    try:
        postal_code = normalise_postal_code(data.postal_code)
    except (IdentifierError, ValueError) as exc:
        raise ValidationFailed(str(_l("A postal code has 5 digits.")), "postal_code") from exc
    label, name, street = data.label.strip(), data.recipient_name.strip(), data.street_address
    if not label or not name or not street.strip():
        raise ValidationFailed(str(_l("This field is required.")))
    names = {
        f.removesuffix("_code"): regions.get(c).name
        for f, c in zip(REGION_FIELDS, codes, strict=True)
    }
    columns = {field: code for field, code in zip(REGION_FIELDS, codes, strict=True)}
    return dict(
        label=label[:60],
        recipient_name=name[:120],
        recipient_phone=phone,
        street_address=street.strip(),
        postal_code=postal_code,
        **columns,
        **names,
    )


def _snapshot(address: SavedAddress) -> dict:
    return {
        "label": address.label,
        "village_code": address.village_code,
        "postal_code": address.postal_code,
        "is_default": address.is_default,
    }


def _make_default(user: User, address: SavedAddress) -> None:
    db.session.execute(
        update(SavedAddress)
        .where(SavedAddress.user_id == user.id, SavedAddress.id != address.id)
        .values(is_default=False)
    )
    address.is_default = True


def save_address(user: User, data: AddressData) -> SavedAddress:
    """Keep a new address for `user` (at most MAX_SAVED_ADDRESSES); the first one, or one
    saved with make_default, becomes the default. Audited. Raises ValidationFailed."""
    columns = _columns(data)
    with transaction():
        lock_address_book(user)
        count = db.session.scalar(
            select(func.count()).select_from(SavedAddress).where(SavedAddress.user_id == user.id)
        )
        if count >= MAX_SAVED_ADDRESSES:
            raise ValidationFailed(
                str(_l("You can keep up to %(count)s addresses.", count=MAX_SAVED_ADDRESSES))
            )
        address = SavedAddress(user_id=user.id, **columns)
        db.session.add(address)
        db.session.flush()
        if data.make_default or count == 0:
            _make_default(user, address)
        record("address.saved", address, actor=user, after=_snapshot(address))
    return address


def update_address(address: SavedAddress, user: User, data: AddressData) -> SavedAddress:
    """Change one of the buyer's addresses (orders already placed keep theirs), audited."""
    columns = _columns(data)
    with transaction():
        lock_address_book(user)
        before = _snapshot(address)
        for name, value in columns.items():
            setattr(address, name, value)
        if data.make_default:
            _make_default(user, address)
        record("address.updated", address, actor=user, before=before, after=_snapshot(address))
    return address


def make_default(address: SavedAddress, user: User) -> SavedAddress:
    """Make this the address checkout starts with, audited (nothing when it already is)."""
    with transaction():
        lock_address_book(user)
        db.session.refresh(address)
        if not address.is_default:
            _make_default(user, address)
            record("address.made_default", address, actor=user)
    return address


def delete_address(address: SavedAddress, user: User) -> None:
    """Delete one of the buyer's addresses, audited; when it was the default, the oldest
    remaining one becomes the default."""
    with transaction():
        lock_address_book(user)
        record("address.deleted", address, actor=user, before=_snapshot(address))
        was_default = address.is_default
        db.session.delete(address)
        db.session.flush()
        if was_default:
            oldest = db.session.scalar(
                select(SavedAddress)
                .where(SavedAddress.user_id == user.id)
                .order_by(SavedAddress.id)
                .limit(1)
            )
            if oldest is not None:
                oldest.is_default = True
