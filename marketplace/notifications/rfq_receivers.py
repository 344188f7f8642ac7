"""Who hears about what on a request for quotation: each new RFQ, quote, decline, message
and acceptance notifies the other side of that cooperative's thread (and only it).

Connected with the other receivers by marketplace.notifications.init_app. Links are paths,
not url_for(), as in receivers.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from marketplace import signals
from marketplace.notifications.receivers import notify_cooperative_admins
from marketplace.notifications.services import notify

if TYPE_CHECKING:
    from marketplace.rfq.models import Quote, RFQMessage, RFQRecipient


def _admin_thread(recipient: RFQRecipient) -> str:
    return f"/kelola/{recipient.cooperative.slug}/permintaan/{recipient.id}"


def _buyer_rfq(recipient: RFQRecipient) -> str:
    return f"/permintaan/{recipient.rfq_id}"


def _to_admins(recipient: RFQRecipient, kind: str, link: str | None = None, **params) -> None:
    link = link or _admin_thread(recipient)
    notify_cooperative_admins(
        recipient.cooperative, kind, link, title=recipient.rfq.title, **params
    )


def _to_buyer(recipient: RFQRecipient, kind: str, link: str | None = None, **params) -> None:
    coop = recipient.cooperative
    notify(
        recipient.rfq.buyer,
        kind,
        link or _buyer_rfq(recipient),
        time_zone=coop.time_zone,
        title=recipient.rfq.title,
        cooperative=coop.name,
        **params,
    )


def on_rfq_received(recipient: RFQRecipient, **_details) -> None:
    rfq = recipient.rfq
    _to_admins(
        recipient, "rfq.received", buyer=rfq.buyer.name, quantity=rfq.quantity, unit=rfq.unit
    )


def on_quote_submitted(quote: Quote, **_details) -> None:
    _to_buyer(quote.recipient, "rfq.quoted", amount=quote.unit_price)


def on_rfq_declined(recipient: RFQRecipient, **_details) -> None:
    _to_buyer(recipient, "rfq.declined", reason=recipient.decline_reason)


def on_quote_accepted(quote: Quote, **_details) -> None:
    recipient = quote.recipient
    link = f"/kelola/{recipient.cooperative.slug}/pesanan/{quote.order.number}"
    _to_admins(recipient, "rfq.accepted", link, order=quote.order.number)


def on_rfq_closed(recipient: RFQRecipient, **_details) -> None:
    _to_admins(recipient, "rfq.closed")


def on_message_posted(message: RFQMessage, **_details) -> None:
    recipient = message.recipient
    if message.from_buyer:
        _to_admins(recipient, "rfq.message_to_coop", buyer=message.author.name)
    else:
        link = f"/permintaan/{recipient.rfq_id}/koperasi/{recipient.id}"
        _to_buyer(recipient, "rfq.message_to_buyer", link)


# Each signal and the receiver that hears it here (connected by notifications.init_app).
RECEIVERS = {
    signals.rfq_received: on_rfq_received,
    signals.quote_submitted: on_quote_submitted,
    signals.rfq_declined: on_rfq_declined,
    signals.quote_accepted: on_quote_accepted,
    signals.rfq_closed: on_rfq_closed,
    signals.rfq_message_posted: on_message_posted,
}
