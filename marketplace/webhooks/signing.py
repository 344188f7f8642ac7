"""Signing webhook deliveries, exactly as Stripe signs its `Stripe-Signature` header (pure).

The header is `Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
A receiver recomputes the HMAC over the timestamp and the raw body, compares in constant time
with each v1 (after a rotation there are two for a while, the new secret's first) and refuses a
timestamp older than its tolerance (a replayed delivery).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

HEADER = "Webhook-Signature"
SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(24)


def signature(secret: str, timestamp: int, body: str) -> str:
    payload = f"{timestamp}.{body}".encode()
    return hmac.new(secret.encode(), payload, hashlib.sha256).hexdigest()


def sign(secret: str, timestamp: int, body: str, *older: str) -> str:
    """The header's value for `body` sent at `timestamp` (unix seconds), signed with `secret`
    and then with each of the `older` secrets still in their overlap."""
    signatures = (f"v1={signature(key, timestamp, body)}" for key in (secret, *older))
    return ",".join([f"t={timestamp}", *signatures])


def verify(
    header: str, body: str, secret: str, now: int, tolerance: int = TOLERANCE_SECONDS
) -> bool:
    """True when `header` signs `body` with `secret` and its timestamp is within `tolerance`
    seconds of `now` (what a receiver does; our tests use it too)."""
    parts = [part.split("=", 1) for part in (header or "").split(",") if "=" in part]
    timestamps = [value for key, value in parts if key == "t"]
    candidates = [value for key, value in parts if key == "v1"]
    if len(timestamps) != 1 or not timestamps[0].isdigit() or not candidates:
        return False
    timestamp = int(timestamps[0])
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, candidate) for candidate in candidates)
