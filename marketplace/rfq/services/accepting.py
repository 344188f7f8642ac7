"""The buyer accepts one quote: an order at the quoted price through checkout, the other
quotes of the RFQ close, and both sides hear of it."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.checkout.lines import CheckoutLine, Delivery, Origin
from marketplace.checkout.services.placing import place
from marketplace.cooperatives.delivery import DeliveryChoice
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.rfq import rules
from marketplace.rfq.locks import lock_rfq
from marketplace.rfq.models import Quote, RecipientStatus, RFQStatus
from marketplace.signals import quote_accepted, rfq_closed

ACCEPT_REFUSALS = {
    "not_open": _l("This quote can no longer be accepted."),
    "expired": _l("This quote has expired. Ask the cooperative for a new one."),
}


def quote_order_key(quote: Quote) -> str:
    """The idempotency key of the order a quote becomes: one quote, one order, however often
    it is accepted."""
    return f"rfq-quote-{quote.id}".ljust(16, "0")


@dataclass
class QuoteSource:
    """A checkout source (checkout.services.sources.LineSource): the accepted quote's one line
    at its price. Checked and consumed under the products' lock and then the RFQ's."""

    quote: Quote
    buyer: User
    delivery: Delivery
    origin: Origin = Origin.QUOTE
    _closed: list = field(default_factory=list)

    def product_ids(self) -> list[int]:
        return [self.quote.product_id]

    def collect(self) -> list[CheckoutLine]:
        recipient = self.quote.recipient
        lock_rfq(recipient.rfq)
        coop = recipient.cooperative
        refusal = rules.acceptance_refusal(
            recipient.rfq.is_open, recipient.status, self.quote.valid_until, coop.local_date()
        )
        if refusal is not None:
            raise InvalidTransition(str(ACCEPT_REFUSALS[refusal]))
        if not self.quote.product.is_orderable:
            raise NotAllowed(
                _("The quoted product cannot be ordered now: ask the cooperative to publish it.")
            )
        earliest = earliest_for(self.quote)
        if self.delivery.delivery_date < earliest:
            raise ValidationFailed(
                _(
                    "With this quote's lead time the earliest delivery date is %(date)s.",
                    date=format_date(earliest, "long"),
                ),
                field="delivery_date",
            )
        return [
            CheckoutLine(
                self.quote.product_id,
                self.quote.quantity,
                unit_price_override=self.quote.unit_price,
            )
        ]

    def consume(self) -> None:
        recipient = self.quote.recipient
        rfq = recipient.rfq
        order = db.session.scalar(
            select(Order).where(
                Order.buyer_id == self.buyer.id,
                Order.idempotency_key == quote_order_key(self.quote),
            )
        )
        self.quote.order = order
        recipient.status = RecipientStatus.ACCEPTED
        rfq.status = RFQStatus.ACCEPTED
        for other in rfq.recipients:
            if other.id != recipient.id and other.status in (
                RecipientStatus.AWAITING,
                RecipientStatus.QUOTED,
            ):
                other.status = RecipientStatus.CLOSED
                self._closed.append(other)
        record(
            "rfq.accepted",
            rfq,
            actor=self.buyer,
            cooperative_id=recipient.cooperative_id,
            after={"quote": self.quote.id, "order": order.number, "closed": len(self._closed)},
        )
        quote_accepted.send(self.quote, actor=self.buyer)
        for other in self._closed:
            rfq_closed.send(other, actor=None)


def accept_quote(
    quote: Quote,
    buyer: User,
    delivery: Delivery,
    payment_method: str,
    choice: DeliveryChoice | None = None,
) -> Order:
    """Accept `quote` (the caller has checked the buyer owns its RFQ): place its order at the
    quoted unit price (price tiers do not apply) through checkout, with the buyer's delivery
    and payment method, and close the RFQ's other quotes, all in one transaction. An expired
    or closed quote is refused; accepting the same quote again returns its order."""
    coop_id = quote.recipient.cooperative_id
    source = QuoteSource(quote, buyer, delivery)
    orders = place(
        buyer,
        source,
        delivery,
        {coop_id: payment_method},
        quote_order_key(quote),
        deliveries={coop_id: choice} if choice else None,
    )
    return orders[0]


def earliest_for(quote: Quote) -> date:
    """The first delivery date the quote allows: today in the cooperative's calendar plus the
    longer of the quote's lead time and its product's."""
    coop = quote.recipient.cooperative
    days = max(quote.lead_time_days, quote.product.lead_time_days)
    return coop.local_date() + timedelta(days=days)


def acceptance_problem(quote: Quote) -> str | None:
    """Why the buyer cannot accept `quote` now (a sentence), or None."""
    recipient = quote.recipient
    refusal = rules.acceptance_refusal(
        recipient.rfq.is_open,
        recipient.status,
        quote.valid_until,
        recipient.cooperative.local_date(),
    )
    return str(ACCEPT_REFUSALS[refusal]) if refusal else None
