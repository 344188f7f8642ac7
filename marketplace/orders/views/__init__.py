"""The orders blueprint: buyers' cart, checkout and orders; cooperative admins' order pages."""

from flask import Blueprint

bp = Blueprint("orders", __name__)


from marketplace.orders.views import admin, buyer, cart  # noqa: E402,F401  (routes)
