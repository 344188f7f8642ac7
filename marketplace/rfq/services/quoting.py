"""A cooperative's admin answers an RFQ: a quote naming one of its products, or a decline."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.checkout.services.rules import quantity_error
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_LEAD_TIME_DAYS, MAX_PRICE, MAX_QUANTITY
from marketplace.reason_input import checked_reason
from marketplace.rfq import rules
from marketplace.rfq.locks import lock_rfq
from marketplace.rfq.models import Quote, RecipientStatus, RFQRecipient
from marketplace.signals import quote_submitted, rfq_declined
from marketplace.transaction import transaction

ANSWER_REFUSALS = {
    "rfq_closed": _l("This request is closed: the buyer has accepted a quote."),
    "declined": _l("You declined this request."),
}


@dataclass(frozen=True)
class QuoteInput:
    product_id: int  # one of the cooperative's products: what the order will be for
    quantity: int
    unit_price: int
    lead_time_days: int
    valid_until: date
    conditions: str = ""


def submit_quote(recipient: RFQRecipient, admin: User, data: QuoteInput) -> Quote:
    """Quote (or revise the quote) for this cooperative's copy of an RFQ; the buyer hears of
    it. The product must be the cooperative's own and not archived, the quantity must respect
    its minimum and step, the validity must not be before today in the cooperative's calendar."""
    with transaction():
        rfq = recipient.rfq
        lock_rfq(rfq)
        _check_may_answer(recipient)
        product = _own_product(recipient, data.product_id)
        _check_terms(recipient, product, data)
        quote = recipient.quote
        before = _terms(quote) if quote is not None else None
        if quote is None:
            quote = Quote(recipient_id=recipient.id)
            db.session.add(quote)
        with db.session.no_autoflush:
            quote.product = product
            quote.quantity = data.quantity
            quote.unit_price = data.unit_price
            quote.lead_time_days = data.lead_time_days
            quote.valid_until = data.valid_until
            quote.conditions = data.conditions.strip()
            quote.quoted_by_id = admin.id
        db.session.flush()
        db.session.refresh(recipient)
        recipient.status = RecipientStatus.QUOTED
        record("rfq.quoted", recipient, actor=admin, before=before, after=_terms(quote))
        quote_submitted.send(quote, actor=admin)
    return quote


def decline_rfq(recipient: RFQRecipient, admin: User, reason: str) -> None:
    """Decline this cooperative's copy of an RFQ with a reason the buyer sees."""
    reason = checked_reason(
        reason, missing=_("Tell the buyer why."), too_long=_("The reason is too long.")
    )
    with transaction():
        lock_rfq(recipient.rfq)
        _check_may_answer(recipient)
        before = {"status": recipient.status}
        recipient.status = RecipientStatus.DECLINED
        recipient.decline_reason = reason
        record(
            "rfq.declined",
            recipient,
            actor=admin,
            before=before,
            after={"status": recipient.status, "reason": reason},
        )
        rfq_declined.send(recipient, actor=admin)


def _check_may_answer(recipient: RFQRecipient) -> None:
    refusal = rules.answer_refusal(recipient.rfq.is_open, recipient.status)
    if refusal is not None:
        raise InvalidTransition(str(ANSWER_REFUSALS[refusal]))


def _own_product(recipient: RFQRecipient, product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if (
        product is None
        or product.cooperative_id != recipient.cooperative_id
        or product.status == ProductStatus.ARCHIVED
    ):
        raise ValidationFailed(_("Choose one of your products."), field="product_id")
    return product


def _check_terms(recipient: RFQRecipient, product: Product, data: QuoteInput) -> None:
    if not 1 <= data.unit_price <= MAX_PRICE:
        raise ValidationFailed(_("Enter the unit price in whole rupiah."), field="unit_price")
    if not 0 <= data.lead_time_days <= MAX_LEAD_TIME_DAYS:
        raise ValidationFailed(
            _("Enter a lead time between 0 and 365 days."), field="lead_time_days"
        )
    if not 1 <= data.quantity <= MAX_QUANTITY:
        raise ValidationFailed(_("Enter a quantity between 1 and 10.000.000."), field="quantity")
    error = quantity_error(product, data.quantity, MAX_QUANTITY)  # minimum and step only
    if error is not None:
        raise error
    today = recipient.cooperative.local_date()
    if rules.validity_refusal(data.valid_until, today):
        raise ValidationFailed(_("The quote must be valid at least until today."), "valid_until")


def _terms(quote: Quote) -> dict:
    return {
        "product": quote.product.id,
        "quantity": quote.quantity,
        "unit_price": quote.unit_price,
        "lead_time_days": quote.lead_time_days,
        "valid_until": quote.valid_until.isoformat(),
    }
