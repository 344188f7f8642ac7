"""The orders blueprint: buyers' orders and cooperative admins' order pages."""

from flask import Blueprint

from marketplace.accounts.models import User
from marketplace.orders import queries

bp = Blueprint("orders", __name__)


@bp.app_template_global()
def recent_orders_of(user: User, limit: int = 5) -> list:
    """The buyer's latest orders, for the account page (accounts sits below orders)."""
    return list(queries.orders_of_buyer(user, 1, limit).items)


from marketplace.orders.views import admin, buyer, shipments  # noqa: E402,F401  (routes)
