"""Failed-login throttling per account, on the same storage as the rate limiter (Redis in
production, so that every web process shares it).

Two counters of FAILED attempts, never of successes:
- account + address: one address may fail on one account only a few times per window. This is
  the hard stop for a guesser, and it never touches the real user, who logs in from elsewhere.
- account (any address): bounds a guesser that rotates addresses. When it is exhausted, only
  browsers that have never logged into this account wait; a browser that has (it carries the
  signed "known login" cookie) still gets in with the right password. A new browser waits at
  most one window (the moving window empties as the failures age), so nobody is locked out
  for good by someone else's failures.
The per-address limit of the login view (Flask-Limiter) bounds requests from one address.
"""

import hashlib
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until one more attempt is allowed


class LoginThrottle:
    def __init__(
        self, storage_uri: str, *, prefix: str, account_limit: str, pair_limit: str
    ) -> None:
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))
        self._prefix = prefix
        self._account: RateLimitItem = parse(account_limit)
        self._pair: RateLimitItem = parse(pair_limit)

    def _keys(self, email: str, address: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        # Hashed: no email address is written into the limiter's storage.
        account = hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]
        return (self._prefix, "login-account", account), (
            self._prefix,
            "login-pair",
            account,
            address or "-",
        )

    def check(self, email: str, address: str, *, known_browser: bool) -> Verdict:
        """May this browser try a password for this account now?"""
        account, pair = self._keys(email, address)
        if not self._limiter.test(self._pair, *pair):
            return Verdict(False, self._wait(self._pair, pair))
        if not known_browser and not self._limiter.test(self._account, *account):
            return Verdict(False, self._wait(self._account, account))
        return Verdict(True)

    def failed(self, email: str, address: str) -> None:
        account, pair = self._keys(email, address)
        self._limiter.hit(self._pair, *pair)
        self._limiter.hit(self._account, *account)

    def _wait(self, item: RateLimitItem, key: tuple[str, ...]) -> int:
        reset_at, _remaining = self._limiter.get_window_stats(item, *key)
        return max(1, int(reset_at - time.time()))

    def reset(self) -> None:
        """Forget every counter (tests and operators after an incident)."""
        self._limiter.storage.reset()


def init_app(app) -> None:
    """One throttle per application, on the limiter's storage and key prefix."""
    config = app.config
    app.extensions["login_throttle"] = LoginThrottle(
        config["RATELIMIT_STORAGE_URI"],
        prefix=config["RATELIMIT_KEY_PREFIX"],
        account_limit=config["LOGIN_ACCOUNT_LIMIT"],
        pair_limit=config["LOGIN_ACCOUNT_ADDRESS_LIMIT"],
    )
