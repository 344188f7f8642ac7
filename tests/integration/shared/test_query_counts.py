"""No page's number of queries grows with the rows it shows: each page is loaded with few and
with many rows, and must make the same number of queries both times."""

from contextlib import contextmanager

from sqlalchemy import event

from marketplace.extensions import db
from marketplace.orders.models import OrderLine
from tests.factories import (
    client_for,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    make_user,
)


@contextmanager
def counting():
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def queries_for(client, path: str) -> int:
    with counting() as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(statements)


def test_the_members_page_makes_the_same_queries_for_3_and_15_members(app):
    admin = make_user("Pengurus")
    coop = make_cooperative(admin)
    for n in range(2):
        make_member(coop, make_user(f"Anggota {n}"))
    client = client_for(app, admin)
    few = queries_for(client, f"/kelola/{coop.slug}/anggota")
    for n in range(2, 14):
        make_member(coop, make_user(f"Anggota {n}"))
    assert queries_for(client, f"/kelola/{coop.slug}/anggota") == few


def _add_lines(shop, order, count: int) -> None:
    """`count` more lines on the order, each a product of the shop the member offers."""
    for n in range(count):
        product = make_product(shop.coop, name=f"Boneka Tambahan {n}")
        make_offer(shop.member, product, 200)
        db.session.add(
            OrderLine(order=order, product=product, quantity=20, unit_price=50_000,
                      line_total=1_000_000)
        )  # fmt: skip
    db.session.commit()


def test_the_admin_order_page_makes_the_same_queries_for_1_and_4_lines(app, confirmed_order):
    shop, order = confirmed_order, confirmed_order.order
    client = client_for(app, shop.admin)
    path = f"/kelola/{shop.coop.slug}/pesanan/{order.number}"
    few = queries_for(client, path)
    _add_lines(shop, order, 3)
    assert queries_for(client, path) == few


def test_the_allocation_page_makes_the_same_queries_for_1_and_4_lines(app, confirmed_order):
    shop, order = confirmed_order, confirmed_order.order
    client = client_for(app, shop.admin)
    path = f"/kelola/{shop.coop.slug}/pesanan/{order.number}/alokasi"
    few = queries_for(client, path)
    _add_lines(shop, order, 3)
    assert queries_for(client, path) == few


def test_the_account_page_makes_the_same_queries_for_1_and_5_memberships(app):
    user = make_user("Anggota Banyak Koperasi")
    make_member(make_cooperative(), user)
    client = client_for(app, user)
    few = queries_for(client, "/akun/")
    for _ in range(4):
        make_member(make_cooperative(), user)
    assert queries_for(client, "/akun/") == few


def test_the_supply_offers_page_makes_the_same_queries_for_1_and_30_products(app):
    admin = make_user("Pengurus")
    coop = make_cooperative(admin)
    member = make_member(coop)
    make_product(coop, name="Produk 0")
    client = client_for(app, member.user)
    path = f"/anggota/{coop.slug}/penawaran"
    few = queries_for(client, path)
    for n in range(1, 30):
        make_offer(member, make_product(coop, name=f"Produk {n}"), 10)
    assert queries_for(client, path) == few
