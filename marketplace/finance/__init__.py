"""Money to members and the cooperative's books (DESIGN.md §8).

The member ledger (earnings, deductions, payouts), payout batches, the member's statement and
the cooperative's finance report. Fed by fulfilment through `signals.qc_recorded` only.
"""

from flask import Flask

from marketplace.finance import receivers


def init_app(app: Flask) -> None:
    """Connect finance's receivers to the domain signals (called by create_app)."""
    receivers.connect()
