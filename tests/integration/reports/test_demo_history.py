"""The demo's year of order history (what the report benchmarks and `flask seed-demo` write)."""

from sqlalchemy import func, select

from marketplace.demo_reports import build_history
from marketplace.extensions import db
from marketplace.orders.models import Order


def test_a_database_without_the_demo_gets_no_orders_and_no_error():
    assert build_history(scale=1, password_hash="!") == 0
    assert db.session.scalar(select(func.count(Order.id))) == 0
