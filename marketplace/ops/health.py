"""What the process and its dependencies answer: the probes a load balancer and a deployment
use. Neither needs a login, sets a cookie or names anything internal beyond the check's name."""

from __future__ import annotations

from dataclasses import dataclass

import redis
from flask import current_app
from sqlalchemy import text

from marketplace.extensions import db

REDIS_SCHEMES = ("redis://", "rediss://")
TIMEOUT_SECONDS = 2


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""


def database_check() -> Check:
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:  # any driver error means "not ready"
        db.session.rollback()
        return Check("database", False, type(exc).__name__)
    finally:
        db.session.remove()  # never hold a pooled connection between probes
    return Check("database", True)


def redis_urls() -> dict[str, str]:
    """Every Redis the site uses, by role: the request-limit store and the job broker."""
    config = current_app.config
    urls = {
        "redis": str(config.get("RATELIMIT_STORAGE_URI") or ""),
        "broker": str(config.get("CELERY_BROKER_URL") or ""),
    }
    return {role: url for role, url in urls.items() if url.startswith(REDIS_SCHEMES)}


def redis_check(role: str, url: str) -> Check:
    try:
        client = redis.Redis.from_url(
            url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS
        )
        client.ping()
        client.close()
    except redis.RedisError as exc:
        return Check(role, False, type(exc).__name__)
    return Check(role, True)


def readiness() -> list[Check]:
    """The database and every Redis in use, each reachable or not."""
    checks = [database_check()]
    checks += [redis_check(role, url) for role, url in sorted(redis_urls().items())]
    return checks
