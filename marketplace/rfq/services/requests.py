"""The buyer sends an RFQ to one or several cooperatives; either side posts on a thread."""

from dataclasses import dataclass
from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue.models import Product
from marketplace.cooperatives.models import Cooperative
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_PRICE, MAX_QUANTITY, MAX_RFQ_COOPERATIVES, MAX_RFQ_TEXT
from marketplace.rfq.attachments import MAX_ATTACHMENTS
from marketplace.rfq.locks import lock_rfq
from marketplace.rfq.models import RFQ, RFQAttachment, RFQMessage, RFQRecipient
from marketplace.signals import rfq_message_posted, rfq_received
from marketplace.transaction import transaction


@dataclass(frozen=True)
class StoredFile:
    """An attachment already checked (rfq.attachments) and stored; its storage key."""

    key: str
    filename: str
    size: int


@dataclass(frozen=True)
class RFQInput:
    title: str
    quantity: int
    unit: str
    needed_by: date
    delivery_place: str
    specification: str = ""
    grade: str = ""
    target_price: int | None = None
    product_id: int | None = None  # asked from this catalogue product


def send_rfq(
    buyer: User, data: RFQInput, cooperative_ids: list[int], files: list[StoredFile]
) -> RFQ:
    """Send one RFQ to each chosen cooperative (verified ones only, at most
    MAX_RFQ_COOPERATIVES); each cooperative's admins hear of it. Nothing is written when a
    rule is broken."""
    _check_shape(data, files)
    with transaction():
        coops = _recipients(cooperative_ids, data.needed_by)
        product = _product(data.product_id)
        rfq = RFQ(
            buyer=buyer,
            product=product,
            title=data.title.strip(),
            specification=data.specification.strip(),
            quantity=data.quantity,
            unit=product.unit if product is not None else data.unit,
            grade=data.grade.strip(),
            needed_by=data.needed_by,
            delivery_place=data.delivery_place.strip(),
            target_price=data.target_price,
            recipients=[RFQRecipient(cooperative=coop) for coop in coops],
        )
        db.session.add(rfq)
        db.session.flush()
        _attach(rfq, None, files)
        record(
            "rfq.sent",
            rfq,
            actor=buyer,
            after={"cooperatives": [c.id for c in coops], "quantity": rfq.quantity},
        )
        for recipient in rfq.recipients:
            rfq_received.send(recipient, actor=buyer)
    return rfq


def _check_shape(data: RFQInput, files: list[StoredFile]) -> None:
    if not data.title.strip():
        raise ValidationFailed(_("Say what you need."), field="title")
    if not 1 <= data.quantity <= MAX_QUANTITY:
        raise ValidationFailed(_("Enter a quantity between 1 and 10.000.000."), field="quantity")
    if data.target_price is not None and not 1 <= data.target_price <= MAX_PRICE:
        raise ValidationFailed(_("Enter the target price in whole rupiah."), field="target_price")
    if len(data.specification) > MAX_RFQ_TEXT:
        raise ValidationFailed(_("The specification is too long."), field="specification")
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationFailed(_("Attach at most 4 files."), field="attachments")


def _recipients(cooperative_ids: list[int], needed_by: date) -> list[Cooperative]:
    ids = sorted(set(cooperative_ids))
    if not ids:
        raise ValidationFailed(_("Choose at least one cooperative."), field="cooperatives")
    if len(ids) > MAX_RFQ_COOPERATIVES:
        raise ValidationFailed(
            _("Choose at most %(n)s cooperatives.", n=MAX_RFQ_COOPERATIVES), field="cooperatives"
        )
    coops = list(db.session.scalars(select(Cooperative).where(Cooperative.id.in_(ids))))
    if len(coops) != len(ids) or not all(c.is_verified for c in coops):
        raise ValidationFailed(_("Choose cooperatives from the list."), field="cooperatives")
    latest_today = max(c.local_date() for c in coops)
    if needed_by <= latest_today:
        raise ValidationFailed(
            _("The date you need it by must be after %(date)s.", date=format_date(latest_today)),
            field="needed_by",
        )
    return sorted(coops, key=lambda c: c.id)


def _product(product_id: int | None) -> Product | None:
    if product_id is None:
        return None
    product = db.session.get(Product, product_id)
    if product is None or not product.is_orderable:
        raise NotAllowed(_("This product cannot be ordered now."))
    return product


def _attach(rfq: RFQ, message: RFQMessage | None, files: list[StoredFile]) -> None:
    for f in files:
        db.session.add(
            RFQAttachment(
                rfq_id=rfq.id,
                message=message,
                key=f.key,
                filename=f.filename[:120] or "file",
                size=f.size,
            )
        )


def post_message(
    recipient: RFQRecipient, author: User, body: str, files: list[StoredFile], *, from_buyer: bool
) -> RFQMessage:
    """Add a message (and its files) to one cooperative's thread of an RFQ; the other side
    hears of it. The caller has checked that `author` is a party of this thread."""
    body = (body or "").strip()
    if not body and not files:
        raise ValidationFailed(_("Write a message."), field="body")
    if len(body) > MAX_RFQ_TEXT:
        raise ValidationFailed(_("The message is too long."), field="body")
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationFailed(_("Attach at most 4 files."), field="attachments")
    with transaction():
        lock_rfq(recipient.rfq)
        message = RFQMessage(
            recipient_id=recipient.id, author=author, from_buyer=from_buyer, body=body
        )
        db.session.add(message)
        db.session.flush()
        _attach(recipient.rfq, message, files)
        record(
            "rfq.message",
            message,
            actor=author,
            cooperative_id=recipient.cooperative_id,
            after={"rfq": recipient.rfq_id, "files": len(files)},
        )
        rfq_message_posted.send(message, actor=author)
    return message
