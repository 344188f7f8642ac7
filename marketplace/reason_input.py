"""A reason typed for the other side (why an order is cancelled, why an RFQ is declined):
stripped, and refused when it is missing or longer than limits.MAX_REASON_LENGTH."""

from marketplace.errors import ValidationFailed
from marketplace.limits import MAX_REASON_LENGTH


def checked_reason(text: str | None, *, missing: str, too_long: str, field: str = "reason") -> str:
    """`text` stripped; ValidationFailed on `field` with the message `missing` when it is empty,
    `too_long` when it is over MAX_REASON_LENGTH."""
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(missing, field=field)
    if len(text) > MAX_REASON_LENGTH:
        raise ValidationFailed(too_long, field=field)
    return text
