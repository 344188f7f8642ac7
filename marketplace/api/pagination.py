"""Opaque cursors: the position after the last item of a page, base64-encoded. Pure."""

import base64
import binascii


class BadCursor(ValueError):
    """The cursor was not made by this API."""


def encode(kind: str, value: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}:{value}".encode()).decode().rstrip("=")


def decode(kind: str, cursor: str | None, maximum: int = 2**31 - 1) -> int | None:
    """The number in a cursor of `kind`; None when there is no cursor."""
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadCursor(cursor) from exc
    found, _, number = text.partition(":")
    if found != kind or not number.isdigit() or not 0 < int(number) <= maximum:
        raise BadCursor(cursor)
    return int(number)
