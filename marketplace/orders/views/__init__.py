"""The orders blueprint: buyers' cart, checkout and orders; cooperative admins' order pages."""

from flask import Blueprint, request

from marketplace.accounts.models import User
from marketplace.orders import queries

bp = Blueprint("orders", __name__)


@bp.app_template_global()
def recent_orders_of(user: User, limit: int = 5) -> list:
    """The buyer's latest orders, for the account page (accounts sits below orders)."""
    return list(queries.orders_of_buyer(user, 1, limit).items)


def page_number() -> int:
    return max(request.args.get("page", 1, type=int), 1)


from marketplace.orders.views import admin, buyer, cart  # noqa: E402,F401  (routes)
