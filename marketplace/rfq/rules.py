"""What may happen to an RFQ's quote (pure: no Flask, no database). Rules return codes; the
services turn them into sentences."""

from dataclasses import dataclass
from datetime import date

# Recipient statuses (rfq.models.RecipientStatus) as plain strings, to keep this module pure.
AWAITING, QUOTED, DECLINED, ACCEPTED, CLOSED = (
    "awaiting",
    "quoted",
    "declined",
    "accepted",
    "closed",
)


def answer_refusal(rfq_open: bool, status: str) -> str | None:
    """Why a cooperative may not quote or decline now, or None. A quote may be revised until
    the buyer accepts one; a decline is final."""
    if not rfq_open or status in (ACCEPTED, CLOSED):
        return "rfq_closed"
    if status == DECLINED:
        return "declined"
    return None


def validity_refusal(valid_until: date, today: date) -> str | None:
    """A quote must be valid at least until today (the cooperative's local date)."""
    return "validity_past" if valid_until < today else None


def is_expired(valid_until: date, today: date) -> bool:
    return valid_until < today


def acceptance_refusal(rfq_open: bool, status: str, valid_until: date, today: date) -> str | None:
    """Why the buyer may not accept this quote now, or None."""
    if not rfq_open or status != QUOTED:
        return "not_open"
    if is_expired(valid_until, today):
        return "expired"
    return None


@dataclass(frozen=True)
class Offer:
    """A quote as the comparison sees it."""

    recipient_id: int
    unit_price: int
    lead_time_days: int
    expired: bool


def best_offers(offers: list[Offer]) -> tuple[int | None, int | None]:
    """(recipient id of the lowest unit price, recipient id of the shortest lead time) among
    quotes still valid; ties go to the earlier recipient. None when no quote is valid."""
    valid = [o for o in offers if not o.expired]
    if not valid:
        return None, None
    cheapest = min(valid, key=lambda o: (o.unit_price, o.recipient_id))
    fastest = min(valid, key=lambda o: (o.lead_time_days, o.recipient_id))
    return cheapest.recipient_id, fastest.recipient_id
