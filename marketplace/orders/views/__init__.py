"""The orders blueprint: buyers' orders and cooperative admins' order pages."""

from flask import Blueprint

bp = Blueprint("orders", __name__)


from marketplace.orders.views import admin, buyer  # noqa: E402,F401  (routes)
