"""Order-now, cart and checkout accept up to what capacity over time makes available by the
chosen delivery date, and refuse (nothing placed) beyond it, naming the date and the amount.
Runs on SQLite and PostgreSQL (TEST_DATABASE_URL)."""

from collections.abc import Callable
from datetime import timedelta

import pytest
from flask_babel import force_locale, format_date
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.checkout.models import CartItem
from marketplace.checkout.services import add_to_cart, checkout_cart
from marketplace.cooperatives.availability import available_by_date
from marketplace.cooperatives.capacity import HORIZON_WEEKS
from marketplace.errors import InsufficientCapacity
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.factories import (
    client_for,
    db_state,
    delivery,
    delivery_form,
    english_user,
    make_member,
    make_offer,
    order_of,
)
from tests.fixtures.scenarios import Shop, build_shop
from tests.integration.shared.test_locks import at_once, one_won

# build_shop: the member has 200 ready (MOQ 20, step 10, lead time 14 days).
RATE = 50  # a second member makes 50 a week and has nothing ready


@pytest.fixture
def shop() -> Shop:
    shop = build_shop()
    make_offer(make_member(shop.coop), shop.product, 0, rate_per_week=RATE)
    return shop


def in_weeks(shop: Shop, weeks: int):
    return shop.coop.local_date() + timedelta(weeks=weeks)


def order_now(client, shop: Shop, quantity: int, day):
    data = delivery_form(delivery_date=day.isoformat()) | {
        "quantity": str(quantity),
        "payment_method": "bank_transfer",
    }
    return client.post(f"/pesan/{shop.coop.slug}/{shop.product.slug}", data=data)


def test_a_twelve_week_order_beyond_todays_stock_is_accepted_when_production_covers_it(app, shop):
    day = in_weeks(shop, 12)
    assert available_by_date([shop.product.id]) == {shop.product.id: 200}
    assert available_by_date([shop.product.id], day) == {shop.product.id: 200 + 12 * RATE}
    response = order_now(client_for(app, english_user("Hotel")), shop, 800, day)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    order = db.session.scalars(select(Order)).one()
    assert (order.delivery_date, order.lines[0].quantity) == (day, 800)
    assert available_by_date([shop.product.id], day) == {shop.product.id: 0}


def test_the_same_order_is_refused_with_the_date_and_amount_when_it_is_not_covered(app, shop):
    day = in_weeks(shop, 12)
    client = client_for(app, english_user("Hotel"))
    before = db_state()
    response = order_now(client, shop, 810, day)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    with force_locale("en"):
        when = format_date(day, "long")
    assert f"Only 800 pcs of Boneka Beruang can be made ready by {when}." in body
    assert db_state() == before


def test_an_earlier_order_may_not_take_what_a_later_order_counts_on(app, shop):
    order_of(english_user("Hotel"), shop.product, 800, delivery_date=in_weeks(shop, 12))
    assert available_by_date([shop.product.id], in_weeks(shop, 3)) == {shop.product.id: 0}
    shopkeeper = english_user("Toko")
    before = db_state()
    with pytest.raises(InsufficientCapacity):
        order_of(shopkeeper, shop.product, 20, delivery_date=in_weeks(shop, 3))
    assert db_state() == before


def test_an_order_for_a_nearer_date_gets_only_what_is_made_by_then(app, shop):
    day = in_weeks(shop, 3)  # 200 + 3 x 50
    assert available_by_date([shop.product.id], day) == {shop.product.id: 350}
    hotel = english_user("Hotel")
    before = db_state()
    with pytest.raises(InsufficientCapacity) as refused:
        order_of(hotel, shop.product, 400, delivery_date=day)
    assert "350 pcs Boneka Beruang" in refused.value.message
    assert db_state() == before
    order_of(hotel, shop.product, 350, delivery_date=day)
    assert available_by_date([shop.product.id], day) == {shop.product.id: 0}
    assert available_by_date([shop.product.id], in_weeks(shop, 4)) == {shop.product.id: RATE}


def test_the_cart_holds_what_later_dates_allow_and_checkout_checks_the_chosen_date(app, shop):
    buyer = english_user("Hotel")
    add_to_cart(buyer, shop.product, 600)  # more than the 200 ready
    before = db_state()
    with pytest.raises(InsufficientCapacity):
        add_to_cart(buyer, shop.product, 200 + HORIZON_WEEKS * RATE)  # 600 + that: too many
    assert db_state() == before
    methods = {shop.coop.id: "bank_transfer"}
    with pytest.raises(InsufficientCapacity) as refused:
        checkout_cart(buyer, delivery(delivery_date=in_weeks(shop, 7)), methods, "c" * 32)
    assert "550 pcs Boneka Beruang" in refused.value.message
    assert db_state() == before
    [order] = checkout_cart(buyer, delivery(delivery_date=in_weeks(shop, 8)), methods, "c" * 32)
    assert order.lines[0].quantity == 600
    assert db.session.scalars(select(CartItem)).all() == []


def test_the_cart_page_shows_more_for_later_dates(app, shop):
    buyer = english_user("Hotel")
    add_to_cart(buyer, shop.product, 400)
    body = client_for(app, buyer).get("/keranjang/").get_data(as_text=True)
    assert "more for later delivery dates" in body
    assert "cart-problem" not in body


def test_without_rates_nothing_changes(app):
    shop = build_shop()
    for weeks in (0, 4, 12, 60):
        assert available_by_date([shop.product.id], in_weeks(shop, weeks)) == {shop.product.id: 200}
    hotel = english_user("Hotel")
    before = db_state()
    with pytest.raises(InsufficientCapacity):
        order_of(hotel, shop.product, 210, delivery_date=in_weeks(shop, 12))
    assert db_state() == before


def test_a_near_and_a_far_order_at_once_never_share_the_same_production(app):
    """SQLite (a file database, one writer at a time) and PostgreSQL (row locks): each order
    fits alone, together they would promise week 1's production twice; one of them wins."""
    if db.engine.dialect.name == "sqlite" and db.engine.url.database in (None, "", ":memory:"):
        pytest.skip("needs a database file shared by threads")
    shop = build_shop(units=0)
    make_offer(make_member(shop.coop), shop.product, 0, rate_per_week=10)
    near, far = in_weeks(shop, 2), in_weeks(shop, 4)  # 20 by week 2, 40 by week 4
    ids = (english_user("Near").id, english_user("Far").id, shop.product.id)

    def ordering(buyer_id: int, quantity: int, day) -> Callable[[], None]:
        def work() -> None:
            buyer, product = db.session.get(User, buyer_id), db.session.get(Product, ids[2])
            order_of(buyer, product, quantity, delivery_date=day)

        return work

    one_won(at_once(app, ordering(ids[0], 20, near), ordering(ids[1], 40, far)))
    assert available_by_date([ids[2]], near) == {ids[2]: 0}
    assert len(db.session.scalars(select(Order)).all()) == 1
