"""RFQ use cases: sending an RFQ, talking on its threads, quoting or declining, accepting."""

from marketplace.rfq.services.accepting import (
    accept_quote,
    acceptance_problem,
    earliest_for,
    quote_order_key,
)
from marketplace.rfq.services.quoting import QuoteInput, decline_rfq, submit_quote
from marketplace.rfq.services.requests import RFQInput, StoredFile, post_message, send_rfq

__all__ = [
    "QuoteInput",
    "RFQInput",
    "StoredFile",
    "accept_quote",
    "acceptance_problem",
    "decline_rfq",
    "earliest_for",
    "post_message",
    "quote_order_key",
    "send_rfq",
    "submit_quote",
]
