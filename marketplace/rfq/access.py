"""Load RFQs, their threads, quotes and files scoped to the two parties (404 otherwise): the
buyer who sent it, and each cooperative's admins for their own copy only."""

from flask import abort
from sqlalchemy import select

from marketplace.access import get_of_cooperative, get_scoped_or_404
from marketplace.accounts.models import User
from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.rfq.models import RFQ, Quote, RFQAttachment, RFQMessage, RFQRecipient
from marketplace.storage import is_key


def get_rfq_for_buyer(rfq_id: int, user: User) -> RFQ:
    """The RFQ if `user` sent it; else 404."""
    return get_scoped_or_404(RFQ, rfq_id, buyer_id=user.id)


def get_recipient_of(rfq: RFQ, recipient_id: int) -> RFQRecipient:
    """One cooperative's copy of the buyer's RFQ; another RFQ's is 404."""
    return get_scoped_or_404(RFQRecipient, recipient_id, rfq_id=rfq.id)


def get_quote_of(rfq: RFQ, quote_id: int) -> Quote:
    """A quote made for the buyer's RFQ; any other quote is 404."""
    return get_scoped_or_404(Quote, quote_id, Quote.recipient.has(rfq_id=rfq.id))


def get_recipient_for_admin(coop: Cooperative, recipient_id: int) -> RFQRecipient:
    """This cooperative's copy of an RFQ (`coop` comes from get_cooperative_for_admin);
    another cooperative's copy of the same RFQ is 404."""
    return get_of_cooperative(RFQRecipient, coop, recipient_id)


def _attachment(rfq_id: int, key: str, recipient_id: int | None) -> str:
    if not is_key(key):
        abort(404)
    found = db.session.scalar(
        select(RFQAttachment)
        .outerjoin(RFQMessage, RFQAttachment.message_id == RFQMessage.id)
        .where(RFQAttachment.rfq_id == rfq_id, RFQAttachment.key == key)
    )
    if found is None:
        abort(404)
    message = found.message
    if recipient_id is not None and message is not None and message.recipient_id != recipient_id:
        abort(404)  # a file on another cooperative's thread
    return found.key


def attachment_for_buyer(rfq: RFQ, key: str) -> str:
    """The key of a file of the buyer's RFQ or of any of its threads; else 404."""
    return _attachment(rfq.id, key, None)


def attachment_for_admin(recipient: RFQRecipient, key: str) -> str:
    """The key of a file of the RFQ itself or of this cooperative's thread; else 404."""
    return _attachment(recipient.rfq_id, key, recipient.id)
