"""The webhooks blueprint (its views add routes to it), apart from them as in cooperatives."""

from flask import Blueprint

from marketplace.webhooks.access import endpoints_of

bp = Blueprint("webhooks", __name__)


@bp.app_context_processor
def inject_endpoints() -> dict:
    """The account page lists the user's endpoints (accounts sits below this package)."""
    return {"webhook_endpoints_of": endpoints_of}
