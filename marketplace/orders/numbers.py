"""Readable order numbers: PK-YYMMDD-XXXXX (date placed, five unambiguous characters)."""

import secrets
from datetime import date

# No 0/O, 1/I/L: numbers are read aloud on the phone and typed into bank transfer notes.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_order_number(day: date) -> str:
    suffix = "".join(secrets.choice(ALPHABET) for _ in range(5))
    return f"PK-{day:%y%m%d}-{suffix}"
