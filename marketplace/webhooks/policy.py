"""When a failed delivery is tried again, when it is given up, when an endpoint is disabled
(pure decisions, tested without a database)."""

from __future__ import annotations

from datetime import datetime, timedelta

FIRST_RETRY_SECONDS = 60
MAX_RETRY_SECONDS = 3600
# 60 s doubling to an hour, then hourly: 36 attempts reach past a day, after which the
# endpoint is disabled anyway.
MAX_ATTEMPTS = 36
FAILING_FOR = timedelta(hours=24)
TIMEOUT_SECONDS = 5
# A rotated secret goes on signing (beside the new one) this long, so that a receiver can switch
# without losing deliveries; "stop at once" is for a secret that leaked.
SECRET_OVERLAP_HOURS = 24
SECRET_OVERLAP = timedelta(hours=SECRET_OVERLAP_HOURS)
EXCERPT_CHARS = 300


def backoff_seconds(attempts: int) -> int:
    """Seconds to wait after the `attempts`-th failed attempt (1, 2, ...): doubling, capped."""
    exponent = min(max(attempts, 1) - 1, 16)
    return min(FIRST_RETRY_SECONDS * 2**exponent, MAX_RETRY_SECONDS)


def next_attempt_at(attempts: int, now: datetime) -> datetime | None:
    """When to try again after `attempts` failures; None once it is given up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + timedelta(seconds=backoff_seconds(attempts))


def should_disable(failing_since: datetime | None, now: datetime) -> bool:
    """An endpoint whose first failure since its last success is more than a day old."""
    return failing_since is not None and now - failing_since > FAILING_FOR


def succeeded(status_code: int | None) -> bool:
    return status_code is not None and 200 <= status_code < 300
