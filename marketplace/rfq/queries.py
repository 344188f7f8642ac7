"""Read models for the RFQ pages."""

from dataclasses import dataclass

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.models import Cooperative, CooperativeStatus
from marketplace.extensions import db
from marketplace.pagination import one_page
from marketplace.rfq import rules
from marketplace.rfq.models import RFQ, RFQAttachment, RFQMessage, RFQRecipient


def _newest_first(entity, party, loading, page: int) -> Pagination:
    """One page of the `entity` rows of one party (`party` is its condition), newest first."""
    return one_page(select(entity).where(party).options(loading).order_by(entity.id.desc()), page)


def rfqs_of_buyer(user: User, page: int) -> Pagination:
    loading = selectinload(RFQ.recipients).selectinload(RFQRecipient.cooperative)
    return _newest_first(RFQ, RFQ.buyer_id == user.id, loading, page)


def incoming_rfqs(coop: Cooperative, page: int) -> Pagination:
    loading = selectinload(RFQRecipient.rfq).selectinload(RFQ.buyer)
    return _newest_first(RFQRecipient, RFQRecipient.cooperative_id == coop.id, loading, page)


def verified_cooperatives() -> list[Cooperative]:
    """The cooperatives a buyer may ask, by name."""
    stmt = select(Cooperative).where(Cooperative.status == CooperativeStatus.VERIFIED)
    return list(db.session.scalars(stmt.order_by(Cooperative.name)))


def quotable_products(coop: Cooperative) -> list[Product]:
    """The cooperative's products a quote may name (drafts included: an admin may make one
    for a free-text request and publish it before the buyer accepts)."""
    return list(
        db.session.scalars(
            select(Product)
            .where(Product.cooperative_id == coop.id, Product.status != ProductStatus.ARCHIVED)
            .order_by(Product.name)
        )
    )


def thread(recipient: RFQRecipient) -> list[RFQMessage]:
    return list(
        db.session.scalars(
            select(RFQMessage)
            .where(RFQMessage.recipient_id == recipient.id)
            .options(selectinload(RFQMessage.attachments), selectinload(RFQMessage.author))
            .order_by(RFQMessage.id)
        )
    )


def rfq_files(rfq: RFQ) -> list[RFQAttachment]:
    """The files of the RFQ itself (not of a thread's messages)."""
    return list(
        db.session.scalars(
            select(RFQAttachment)
            .where(RFQAttachment.rfq_id == rfq.id, RFQAttachment.message_id.is_(None))
            .order_by(RFQAttachment.id)
        )
    )


@dataclass(frozen=True)
class Comparison:
    """The buyer's side-by-side view: every recipient, the best valid price and lead time."""

    recipients: list[RFQRecipient]
    expired: set[int]  # recipient ids whose quote has expired
    cheapest: int | None
    fastest: int | None


def comparison(rfq: RFQ) -> Comparison:
    recipients = list(
        db.session.scalars(
            select(RFQRecipient)
            .where(RFQRecipient.rfq_id == rfq.id)
            .options(
                selectinload(RFQRecipient.cooperative),
                selectinload(RFQRecipient.quote),
            )
            .order_by(RFQRecipient.id)
        )
    )
    expired = {
        r.id
        for r in recipients
        if r.quote is not None and rules.is_expired(r.quote.valid_until, r.cooperative.local_date())
    }
    offers = [
        rules.Offer(r.id, r.quote.unit_price, r.quote.lead_time_days, r.id in expired)
        for r in recipients
        if r.quote is not None and r.status in (rules.QUOTED, rules.ACCEPTED)
    ]
    cheapest, fastest = rules.best_offers(offers)
    return Comparison(recipients, expired, cheapest, fastest)
