"""`flask check-config`: what a deployment runs before it starts the site.

Creating the app has already refused weak or missing secrets (config.check_settings); this adds
what needs the outside world: the database reachable and migrated to the newest revision, every
Redis reachable, and settings that are legal but unsafe together.
"""

from __future__ import annotations

import os
import sys

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app

from marketplace.extensions import db
from marketplace.ops.health import Check, readiness

# Threads in one process crash CPython 3.11 under load (deploy/README.md, "Workers").
THREAD_SAFE_PYTHON = (3, 12)


def migrations_check() -> Check:
    config = current_app.extensions["migrate"].migrate.get_config()
    heads = set(ScriptDirectory.from_config(config).get_heads())
    try:
        with db.engine.connect() as connection:
            current = set(MigrationContext.configure(connection).get_current_heads())
    except Exception as exc:
        return Check("migrations", False, type(exc).__name__)
    if current != heads:
        return Check("migrations", False, "run `flask db upgrade` first")
    return Check("migrations", True)


def worker_check(environ=os.environ, version=sys.version_info) -> Check:
    worker = environ.get("GUNICORN_WORKER_CLASS", "sync")
    threads = int(environ.get("GUNICORN_THREADS", "1") or 1)
    threaded = worker == "gthread" or threads > 1
    if threaded and tuple(version[:2]) < THREAD_SAFE_PYTHON:
        return Check("workers", False, "threaded workers need Python 3.12 or newer")
    return Check("workers", True)


def broker_check(config) -> Check:
    """In production jobs go to a real queue; in-process jobs would run inside web requests."""
    production = config.get("CONFIG_NAME") == "production"
    broker = str(config.get("CELERY_BROKER_URL") or "")
    if production and not broker.startswith(("redis://", "rediss://")):
        return Check("broker", False, "CELERY_BROKER_URL must be a Redis URL in production")
    return Check("broker", True)


def run_checks() -> list[Check]:
    config = current_app.config
    return [*readiness(), migrations_check(), worker_check(), broker_check(config)]


def warnings(config) -> list[str]:
    notes = []
    if not config.get("MAIL_SERVER"):
        notes.append("MAIL_SERVER is not set: no email is sent (links are shown on screen).")
    if not config.get("STRIPE_SECRET_KEY"):
        notes.append("Stripe is not set: card payment is not offered.")
    if not config.get("SENTRY_DSN"):
        notes.append("SENTRY_DSN is not set: errors are only logged.")
    return notes
