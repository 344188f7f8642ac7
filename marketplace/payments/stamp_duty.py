"""Bea meterai (stamp duty) on receipts, DOMAIN.md: over Rp5.000.000 a receipt carries Rp10.000.

Pure: no Flask, no database.
"""

STAMP_DUTY = 10_000
THRESHOLD = 5_000_000


def needs_stamp_duty(amount: int) -> bool:
    return amount > THRESHOLD
