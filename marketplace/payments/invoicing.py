"""Invoice terms (tempo, net 14 or 30 days) for buyers a cooperative trusts."""

from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import Cooperative
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus, PaymentMethod
from marketplace.orders.services import confirm_paid
from marketplace.orders.services.audit import record_for_order
from marketplace.payments.locks import lock_order
from marketplace.payments.models import TERMS_DAYS, Invoice, TrustedBuyer
from marketplace.transaction import transaction


def trusted_terms(cooperative_id: int, user: User) -> TrustedBuyer | None:
    """The invoice terms this cooperative gives the user's email address, if any."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(
        select(TrustedBuyer).where(
            TrustedBuyer.cooperative_id == cooperative_id,
            TrustedBuyer.email == user.email.strip().lower(),
        )
    )


def add_trusted_buyer(coop: Cooperative, actor: User, *, email: str, terms_days: int):
    """Give invoice terms to whoever holds this email address, now or once they register.

    Whether the address has an account is neither checked nor told: the same happens either
    way. Only a verified cooperative may offer terms."""
    if not coop.is_verified:
        raise NotAllowed(_("Invoice terms can be offered once the cooperative is verified."))
    if terms_days not in TERMS_DAYS:
        raise ValidationFailed(_("Choose 14 or 30 days."), field="terms_days")
    email = email.strip().lower()
    try:
        with transaction():
            trusted = _trust(coop, email, terms_days, actor)
    except IntegrityError as exc:
        raise ValidationFailed(_("This buyer is already trusted."), field="email") from exc
    return trusted


def ensure_terms(coop: Cooperative, buyer: User, terms_days: int, actor: User | None) -> None:
    """Within the caller's transaction: give the buyer invoice terms of `terms_days` unless the
    cooperative already does (an active offtake contract implies them). The caller holds a
    lock that serialises this check-then-insert (offtake locks the contract)."""
    if trusted_terms(coop.id, buyer) is None:
        _trust(coop, buyer.email.strip().lower(), terms_days, actor, cause="offtake_contract")


def _trust(coop, email: str, terms_days: int, actor: User | None, **cause) -> TrustedBuyer:
    trusted = TrustedBuyer(
        cooperative_id=coop.id, email=email, terms_days=terms_days, added_by_id=actor and actor.id
    )
    db.session.add(trusted)
    db.session.flush()
    record(
        "trusted_buyer.added",
        trusted,
        actor=actor,
        after={"email": email, "terms_days": terms_days, **cause},
    )
    return trusted


def remove_trusted_buyer(trusted: TrustedBuyer, actor: User) -> None:
    """Stop offering invoice terms to this buyer (invoices already issued stay as they are)."""
    with transaction():
        record(
            "trusted_buyer.removed",
            trusted,
            actor=actor,
            before={"email": trusted.email, "terms_days": trusted.terms_days},
        )
        db.session.delete(trusted)


def not_quoted_message() -> str:
    """Why an order placed with a courier cannot be paid yet (in the request's language)."""
    return _("The cooperative has not quoted the delivery fee yet: the order can be paid then.")


def grant_invoice_terms(order: Order, buyer: User) -> Invoice:
    """A trusted buyer takes invoice terms: the order is confirmed at once and an invoice with a
    due date is issued."""
    with transaction():
        return issue_invoice(order, buyer)


def issue_invoice(order: Order, buyer: User) -> Invoice:
    """The work of grant_invoice_terms within the caller's transaction (checkout calls this for
    orders placed with the invoice-terms method, so that placing and confirming are one)."""
    if order.buyer_id != buyer.id:
        raise NotAllowed(_("Only the buyer can choose how to pay."))
    trusted = trusted_terms(order.cooperative_id, buyer)
    if trusted is None:
        raise NotAllowed(_("Invoice terms are not offered to you by this cooperative."))
    lock_order(order)
    if order.awaits_delivery_quote:
        raise InvalidTransition(not_quoted_message())
    if order.status != OrderStatus.PLACED or order.invoice is not None:
        raise InvalidTransition(_("This order is not awaiting payment."))
    now = utcnow()
    today = order.cooperative.local_date(now)
    invoice = Invoice(
        order=order,
        number=invoice_number(order),
        terms_days=trusted.terms_days,
        issued_at=now,
        due_date=today + timedelta(days=trusted.terms_days),
    )
    db.session.add(invoice)
    order.payment_method = PaymentMethod.INVOICE_TERMS
    db.session.flush()
    terms = {"amount": order.total, "due_date": invoice.due_date.isoformat()}
    record_for_order("invoice.issued", invoice, order, actor=buyer, after=terms)
    confirm_paid(order, buyer, method=PaymentMethod.INVOICE_TERMS, terms_days=trusted.terms_days)
    return invoice


def invoice_number(order: Order) -> str:
    """INV-PK-YYMMDD-XXXXX: the order's readable number, so the two are found together."""
    return f"INV-{order.number}"
