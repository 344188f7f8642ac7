"""/healthz (the process answers) and /readyz (the database and Redis are reachable)."""

from flask import Blueprint, jsonify

from marketplace.accounts.access import public
from marketplace.extensions import limiter
from marketplace.ops.health import readiness

bp = Blueprint("ops", __name__)


def _probe(view):
    """Open to anyone (a load balancer has no login) and exempt from request limits; GET only,
    so CSRF protection never applies."""
    return public(limiter.exempt(view))


@bp.get("/healthz")
@_probe
def healthz():
    return _no_store(jsonify(status="ok"))


@bp.get("/readyz")
@_probe
def readyz():
    checks = readiness()
    ready = all(check.ok for check in checks)
    body = {
        "status": "ok" if ready else "unavailable",
        "checks": {c.name: ("ok" if c.ok else f"failed: {c.detail}") for c in checks},
    }
    return _no_store(jsonify(body)), 200 if ready else 503


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response
