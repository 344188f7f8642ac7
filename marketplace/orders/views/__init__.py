"""The orders blueprint: buyers' orders and cooperative admins' order pages."""

from flask import Blueprint, request

bp = Blueprint("orders", __name__)


def page_number() -> int:
    return max(request.args.get("page", 1, type=int), 1)


from marketplace.orders.views import admin, buyer  # noqa: E402,F401  (routes)
