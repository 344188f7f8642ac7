"""No oversell, ever: many concurrent checkouts at the last units of a product, also for
different delivery dates under capacity over time (PostgreSQL, where row locks matter;
SQLite has one writer at a time anyway)."""

import os
import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.catalogue.services import availability_for
from marketplace.checkout.models import CartItem
from marketplace.checkout.services import OrderRequest, add_to_cart, checkout_cart, place_order
from marketplace.cooperatives.availability import available_by_date
from marketplace.cooperatives.models import SupplyOffer
from marketplace.errors import InsufficientCapacity
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderLine
from tests.factories import (
    delivery,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    make_user,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL", "").startswith("postgres"),
        reason="concurrency is proven on PostgreSQL (set TEST_DATABASE_URL)",
    ),
]

BUYERS = 60


def run_concurrently(app, count: int, work) -> Counter:
    """Run work(i) in `count` threads released together, each in its own app context (its own
    session and connection); returns how many ended in each way."""
    barrier = threading.Barrier(count)
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def worker(i: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                outcome = work(i)
            except InsufficientCapacity:
                outcome = "sold out"
            except Exception as exc:  # anything else fails the test below
                outcome = f"error: {exc!r}"
            finally:
                db.session.remove()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def sold(product_id: int) -> int:
    db.session.expire_all()
    return db.session.scalar(
        select(func.coalesce(func.sum(OrderLine.quantity), 0)).where(
            OrderLine.product_id == product_id
        )
    )


def one_unit_product(units: int) -> Product:
    coop = make_cooperative()
    product = make_product(
        coop, tiers=((1, 10_000),), order_step=1, min_order_quantity=1, lead_time_days=0
    )
    make_offer(make_member(coop), product, units)
    return product


def test_sixty_concurrent_orders_for_the_last_units_sell_exactly_what_is_available(app):
    product = one_unit_product(units=17)
    buyer_ids = [make_user(f"Buyer {i}").id for i in range(BUYERS)]
    product_id = product.id

    def order(i: int) -> str:
        buyer = db.session.get(User, buyer_ids[i])
        place_order(
            buyer,
            db.session.get(Product, product_id),
            OrderRequest(quantity=1, delivery=delivery(), idempotency_key=f"contention-{i:08d}"),
        )
        return "ordered"

    outcomes = run_concurrently(app, BUYERS, order)
    assert outcomes == Counter({"ordered": 17, "sold out": BUYERS - 17}), outcomes
    assert sold(product_id) == 17
    assert availability_for([product_id])[product_id] == 0


def test_concurrent_orders_for_different_dates_never_promise_more_than_is_made_by_each_date(app):
    # Nothing ready, 10 a week: 20 by week 2, 120 by week 12. Near and far orders race; the
    # product lock serialises them, so no date is ever promised beyond its production.
    product = one_unit_product(units=0)
    offer = db.session.scalars(select(SupplyOffer).where(SupplyOffer.product_id == product.id))
    offer.one().rate_per_week = 10
    db.session.commit()
    today = product.cooperative.local_date()
    near, far = today + timedelta(weeks=2), today + timedelta(weeks=12)
    buyer_ids = [make_user(f"Dated buyer {i}").id for i in range(BUYERS)]
    product_id = product.id

    def order(i: int) -> str:
        day = near if i % 3 == 0 else far
        place_order(
            db.session.get(User, buyer_ids[i]),
            db.session.get(Product, product_id),
            OrderRequest(
                quantity=10,
                delivery=delivery(delivery_date=day),
                idempotency_key=f"dated-contention-{i:08d}",
            ),
        )
        return "ordered"

    outcomes = run_concurrently(app, BUYERS, order)
    assert outcomes == Counter({"ordered": 12, "sold out": BUYERS - 12}), outcomes
    db.session.expire_all()
    by_day = dict(
        db.session.execute(
            select(Order.delivery_date, func.sum(OrderLine.quantity))
            .join(OrderLine, OrderLine.order_id == Order.id)
            .group_by(Order.delivery_date)
        ).all()
    )
    assert by_day.get(near, 0) <= 20 and sum(by_day.values()) == 120, by_day
    assert available_by_date([product_id], near) == {product_id: 0}
    assert available_by_date([product_id], far) == {product_id: 0}


def test_concurrent_cart_checkouts_with_several_products_neither_oversell_nor_deadlock(app):
    # Every buyer wants both products, added in opposite orders by odd and even buyers:
    # locks are taken by product id, so the checkouts queue instead of deadlocking.
    first, second = one_unit_product(units=20), one_unit_product(units=20)
    ids = (first.id, second.id)
    buyers = [make_user(f"Cart buyer {i}") for i in range(50)]
    for i, buyer in enumerate(buyers):
        for product in (first, second) if i % 2 else (second, first):
            add_to_cart(buyer, product, 3)
    buyer_ids = [b.id for b in buyers]
    coop_ids = (first.cooperative_id, second.cooperative_id)

    def checkout(i: int) -> str:
        buyer = db.session.get(User, buyer_ids[i])
        methods = dict.fromkeys(coop_ids, "bank_transfer")
        checkout_cart(buyer, delivery(), methods, f"cart-contention-{i:08d}")
        return "ordered"

    outcomes = run_concurrently(app, len(buyer_ids), checkout)
    # 20 units, 3 per buyer: 6 buyers get both products, nobody gets a part of a checkout.
    assert outcomes == Counter({"ordered": 6, "sold out": 44}), outcomes
    assert [sold(pid) for pid in ids] == [18, 18]
    assert db.session.scalar(select(func.count(Order.id))) == 12
    assert db.session.scalar(select(func.count(CartItem.id))) == 44 * 2  # failed carts kept


def test_concurrent_double_submits_of_one_checkout_make_one_set_of_orders(app):
    product = one_unit_product(units=100)
    buyer = make_user("Impatient buyer")
    add_to_cart(buyer, product, 5)
    buyer_id, coop_id = buyer.id, product.cooperative_id

    def submit(i: int) -> str:
        orders = checkout_cart(
            db.session.get(User, buyer_id), delivery(), {coop_id: "bank_transfer"}, "same-key-0001"
        )
        return ",".join(o.number for o in orders)

    outcomes = run_concurrently(app, 12, submit)
    assert len(outcomes) == 1 and not next(iter(outcomes)).startswith("error"), outcomes
    assert db.session.scalar(select(func.count(Order.id))) == 1
    assert sold(product.id) == 5
