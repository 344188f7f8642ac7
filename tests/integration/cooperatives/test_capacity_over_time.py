"""Members declare a production rate beside ready units; availability by date follows from
the database in a fixed number of aggregate queries; the product page shows it by week."""

from datetime import timedelta

import pytest
from sqlalchemy import event, select

from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.availability import (
    available_by_date,
    available_by_dates,
    schedule_shortfalls_for,
)
from marketplace.cooperatives.models import SupplyOffer
from marketplace.extensions import db
from marketplace.limits import MAX_QUANTITY
from marketplace.orders.models import OrderStatus
from tests.factories import (
    client_for,
    db_state,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)
from tests.fixtures.scenarios import Shop, build_shop


@pytest.fixture
def shop() -> Shop:
    return build_shop(units=100)


def offer_url(shop: Shop) -> str:
    return f"/anggota/{shop.coop.slug}/penawaran/{shop.product.id}"


def test_member_declares_a_rate_per_week_and_later_dates_count_it(app, shop):
    client = client_for(app, shop.member.user)
    assert 'name="rate_per_week"' in client.get(offer_url(shop)).get_data(as_text=True)
    response = client.post(
        offer_url(shop),
        data={"units_available": "100", "rate_per_week": "30", "min_lot": "10", "active": "y"},
    )
    assert response.status_code == 302
    offer = db.session.scalars(select(SupplyOffer)).one()
    assert (offer.units_available, offer.rate_per_week) == (100, 30)
    event_ = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "supply_offer.updated")
    ).one()
    assert (event_.before["rate_per_week"], event_.after["rate_per_week"]) == (0, 30)
    today = shop.coop.local_date()
    assert available_by_date([shop.product.id], today + timedelta(weeks=4)) == {
        shop.product.id: 100 + 4 * 30
    }
    overview = client.get(f"/anggota/{shop.coop.slug}/penawaran").get_data(as_text=True)
    assert "then 30 pcs per week" in overview


def test_a_rate_alone_allows_a_minimum_lot_above_the_ready_units(app, shop):
    response = client_for(app, shop.member.user).post(
        offer_url(shop),
        data={"units_available": "5", "rate_per_week": "50", "min_lot": "20", "active": "y"},
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("rate", "message"),
    [
        ("-1", "Units cannot be negative."),
        ("1.5", "Enter a whole number."),
        ("banyak", "Enter a whole number."),
        (str(MAX_QUANTITY + 1), "This number is too large."),
        ("9" * 40, "This number is too large."),
    ],
)
def test_a_bad_rate_is_refused_and_changes_nothing(app, shop, rate, message):
    client = client_for(app, shop.member.user)
    before = db_state()
    response = client.post(
        offer_url(shop), data={"units_available": "10", "rate_per_week": rate, "min_lot": "1"}
    )
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db_state() == before


@pytest.mark.parametrize("who", ["buyer", "other_member", "other_admin", "admin"])
def test_nobody_else_may_set_a_members_rate(app, shop, outsider, who):
    someone = shop.admin if who == "admin" else outsider(who, shop.coop)
    client = client_for(app, someone)
    before = db_state()
    response = client.post(
        offer_url(shop), data={"units_available": "10", "rate_per_week": "999", "min_lot": "1"}
    )
    assert response.status_code == 404
    assert db_state() == before


def test_availability_by_date_counts_only_active_offers_of_active_members(app, shop):
    product = shop.product
    make_offer(make_member(shop.coop), product, 50, rate_per_week=10, active=False)
    make_offer(make_member(shop.coop, status="inactive"), product, 50, rate_per_week=10)
    make_offer(make_member(shop.coop), product, 0, rate_per_week=20)
    today = shop.coop.local_date()
    days = [
        today,
        today + timedelta(days=6),
        today + timedelta(weeks=1),
        today + timedelta(weeks=5),
    ]
    assert available_by_dates([product.id], days)[product.id] == [
        (days[0], 100),
        (days[1], 100),
        (days[2], 120),
        (days[3], 200),
    ]


def test_orders_in_a_promising_status_hold_capacity_on_their_date(app, shop):
    product = shop.product
    make_offer(make_member(shop.coop), product, 0, rate_per_week=20)
    today = shop.coop.local_date()
    held = order_of(english_user("Hotel"), product, 100, delivery_date=today + timedelta(weeks=4))
    gone = order_of(english_user("Toko"), product, 60, delivery_date=today + timedelta(weeks=4))
    gone.status = OrderStatus.CANCELLED
    db.session.commit()
    assert held.status == OrderStatus.PLACED
    # 100 ready + 80 made by week 4 - 100 held; the cancelled order holds nothing.
    assert available_by_date([product.id], today + timedelta(weeks=4)) == {product.id: 80}
    assert available_by_date([product.id]) == {product.id: 80}  # week 4 keeps its promise


def test_many_products_take_two_queries_whatever_the_dates(app):
    coop = make_cooperative()
    member = make_member(coop)
    products = [make_product(coop, name=f"Produk {n}") for n in range(8)]
    for product in products:
        make_offer(member, product, 40, rate_per_week=10)
    ids = [p.id for p in products]
    statements = []

    def listener(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        series = available_by_dates(ids, weeks=(1, 4, 12))
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert [units for _day, units in series[ids[0]]] == [50, 80, 160]
    assert len(statements) == 2


def test_product_page_shows_availability_this_week_in_4_and_in_12_weeks(app, client, shop):
    make_offer(make_member(shop.coop), shop.product, 0, rate_per_week=25)
    body = client.get(f"/produk/{shop.coop.slug}/{shop.product.slug}").get_data(as_text=True)
    table = body.split('id="availability-by-date"')[1].split("</table>")[0]
    assert "<caption" in table and 'scope="row"' in table
    # Lead time 14 days: this week is too early; 100 + 4 x 25 and 100 + 12 x 25 after it.
    # (The visitor sees Indonesian, the default.)
    assert "Waktu produksi tidak cukup" in table
    assert "200 pcs" in table and "400 pcs" in table
    assert "Dalam 4 minggu" in table and "Dalam 12 minggu" in table


def test_a_call_off_schedule_is_checked_against_capacity_over_time_and_open_orders(app, shop):
    product = shop.product
    make_offer(make_member(shop.coop), product, 0, rate_per_week=40)
    today = shop.coop.local_date()
    week = [today + timedelta(weeks=n) for n in range(9)]
    order_of(english_user("Hotel"), product, 60, delivery_date=week[2])
    # 100 ready + 40 a week, 60 held for week 2: 40 every week is covered.
    assert schedule_shortfalls_for(product.id, [(week[n], 40) for n in range(1, 9)]) == []
    # 100 a week: week 1 fits (120 may go by then without touching the 60);
    # week 2 only 20 more (180 made, 160 promised); week 3 the 40 made that week.
    bigger = [(week[n], 100) for n in (3, 1, 2)]
    assert schedule_shortfalls_for(product.id, bigger) == [(week[2], 80), (week[3], 60)]
