"""A cooperative's reports and dashboard on real orders: the figures, their period and time
zone, the exports, and that each cooperative and each member sees only its own."""

import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from marketplace.extensions import db
from marketplace.fulfilment import services as fulfilment
from marketplace.orders.models import Order
from marketplace.reports import dashboard, performance, queries
from marketplace.reports.periods import Month, Period, default_period
from tests import shipping_support as shipping
from tests.factories import client_for, english_user, order_of


@dataclass
class World:
    shop: shipping.Shop
    big: Order  # 40 units: A's share passed QC, B's share partly rejected
    small: Order  # 20 units, paid, not yet allocated
    unpaid: Order  # 20 units, placed
    other: shipping.Shop  # another cooperative with a paid order of its own


@pytest.fixture
def world() -> World:
    shop = shipping.make_shop(name="Koperasi Laporan")
    big = shipping.paid_order(shop, 40)
    made = shipping.pass_qc(shop, big, how_many=1)
    second = made[1]
    fulfilment.report_progress(second, second.membership.user, "delivered_to_hub")
    fulfilment.record_quality_control(second, shop.admin, second.quantity - 5, 5, "Jahitan")
    offtaker = english_user("PT Mainan Ceria")
    small = order_of(offtaker, shop.product, 20)
    shipping.record_bank_transfer(
        small, shop.admin, amount=small.total, received_on=shop.coop.local_date()
    )
    unpaid = order_of(english_user("Late payer"), shop.product, 20)
    other = shipping.make_shop(name="Koperasi Lain")
    shipping.paid_order(other, 60)
    return World(shop, big, small, unpaid, other)


def _this_year(coop) -> Period:
    return default_period(coop.local_date())


def test_sales_by_month_count_paid_orders_in_the_month_they_were_confirmed(world):
    months = queries.sales_by_month(world.shop.coop, _this_year(world.shop.coop))
    assert len(months) == 12 and months[-1].month == Month.of(world.shop.coop.local_date()).key
    assert months[-1].orders == 2  # the unpaid order is not a sale, nor the other cooperative's
    assert months[-1].turnover == world.big.subtotal + world.small.subtotal
    assert sum(m.orders for m in months[:-1]) == 0


def test_a_sale_counts_in_the_cooperatives_own_month(world):
    # 31 March 17:30 UTC is already 1 April in WIB (UTC+7)
    db.session.execute(
        update(Order)
        .where(Order.id == world.small.id)
        .values(confirmed_at=datetime(2026, 3, 31, 17, 30, tzinfo=UTC))
    )
    march_april = Period(Month(2026, 3), Month(2026, 4))
    months = queries.sales_by_month(world.shop.coop, march_april)
    assert [(m.month, m.orders) for m in months] == [("2026-03", 0), ("2026-04", 1)]


def test_products_buyers_and_members(world):
    coop, period = world.shop.coop, _this_year(world.shop.coop)
    (product,) = queries.sales_by_product(coop, period)
    assert (product.name, product.orders, product.units) == (world.shop.product.name, 2, 60)
    buyers = queries.sales_by_buyer(coop, period)
    assert [b.name for b in buyers] == ["Buyer", "PT Mainan Ceria"]  # largest turnover first
    assert sum(b.turnover for b in buyers) == queries.sales_total(coop, period)
    members = {m.name: m for m in queries.sales_by_member(coop, period)}
    assert members["Member A"].accepted == 20
    assert members["Member B"].accepted == 15
    unit_price = world.big.lines[0].unit_price
    assert members["Member B"].value == 15 * unit_price


def test_fulfilment_on_time_and_rejection_rates_per_member_and_product(world):
    coop, period = world.shop.coop, _this_year(world.shop.coop)
    rates = {p.name: p for p in performance.by_member(coop, period)}
    a, b = rates["Member A"], rates["Member B"]
    assert (a.fulfilment_rate, a.on_time_rate, a.rejection_rate) == (1000, 1000, 0)
    assert (b.fulfilment_rate, b.rejection_rate) == (750, 250)
    (product,) = performance.by_product(coop, period)
    assert product.checked == 40 and product.rejected == 5
    assert product.rejection_rate == 125
    own = performance.by_member(coop, period, world.shop.members[0].id)
    assert [p.name for p in own] == ["Member A"]


def test_the_dashboard_says_what_waits_and_how_the_month_went(world):
    coop = world.shop.coop
    todo = dashboard.to_do(coop)
    assert todo.payments_to_record == 1  # the unpaid order
    assert todo.allocations_to_publish == 1  # the small order
    assert todo.qc_to_record == 0 and todo.orders_to_ship == 0 and todo.open_complaints == 0
    assert todo.payouts_owed > 0  # members' QC earnings, not yet in a payout batch
    business = dashboard.business(coop, coop.local_date())
    assert business.this_month == world.big.subtotal + world.small.subtotal
    assert business.last_month == 0 and business.change is None
    assert business.receivables == 0  # everything confirmed is paid
    assert business.open_by_status["placed"] == 1


def test_the_dashboard_page_links_what_needs_doing(app, world):
    body = client_for(app, world.shop.admin).get(f"/kelola/{world.shop.coop.slug}/")
    text = body.get_data(as_text=True)
    assert body.status_code == 200
    assert 'id="todo-payments"' in text and 'id="todo-allocations"' in text
    assert "<svg" in text and 'id="report-table"' in text
    assert "Koperasi Lain" not in text


@pytest.mark.parametrize(
    "name", ["penjualan", "produk", "anggota", "pembeli", "kinerja-anggota", "kinerja-produk"]
)
def test_every_report_page_has_a_chart_and_a_table(app, world, name):
    client = client_for(app, world.shop.admin)
    response = client.get(f"/kelola/{world.shop.coop.slug}/laporan/{name}")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'role="img"' in text and "<caption" in text
    assert "style=" not in text


def test_the_csv_export_holds_the_cooperatives_own_figures(app, world):
    client = client_for(app, world.shop.admin)
    slug = world.shop.coop.slug
    csv = client.get(f"/kelola/{slug}/laporan/produk.csv").get_data(as_text=True)
    lines = csv.strip().splitlines()
    assert lines[0].lstrip("\ufeff") == "Product,Orders,Units,Turnover"
    assert lines[1] == f"{world.shop.product.name},2,60,{world.big.subtotal + world.small.subtotal}"
    rates = client.get(f"/kelola/{slug}/laporan/kinerja-anggota.csv").get_data(as_text=True)
    assert "Member B,75.0,100.0,25.0,20" in rates
    other = client_for(app, world.other.admin).get(f"/kelola/{world.other.coop.slug}/laporan.csv")
    assert other.status_code == 404  # the index has no export; reports do


def test_the_xlsx_export_is_a_workbook_with_the_rows(app, world):
    response = client_for(app, world.shop.admin).get(
        f"/kelola/{world.shop.coop.slug}/laporan/pembeli.xlsx?dari=2025-01&sampai=2027-12"
    )
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = zipfile.ZipFile(io.BytesIO(response.data))
    sheet = book.read("xl/worksheets/sheet1.xml").decode()  # strings inline: constant memory
    assert "PT Mainan Ceria" in sheet and "Late payer" not in sheet
    assert "<f>" not in sheet  # no formulas


def test_another_cooperatives_orders_never_show(app, world):
    other = world.other
    body = client_for(app, other.admin).get(f"/kelola/{other.coop.slug}/laporan/pembeli")
    text = body.get_data(as_text=True)
    assert other.buyer.name in text and "PT Mainan Ceria" not in text


@pytest.mark.parametrize(
    "query",
    [
        "?dari=9999-99&sampai=-1",
        "?dari=2026-01&sampai=1900-01",
        "?dari=" + "9" * 5000,
        "?dari=2026-01&dari=2027-01&sampai=%00",
        "?sampai=2100-12",
    ],
)
def test_any_period_in_the_url_gives_a_page(app, world, query):
    client = client_for(app, world.shop.admin)
    response = client.get(f"/kelola/{world.shop.coop.slug}/laporan/produk{query}")
    assert response.status_code in (200, 400)


def test_a_member_sees_only_their_own_figures(app, world):
    member_a, member_b = world.shop.members
    page = client_for(app, member_b.user).get(f"/anggota/{world.shop.coop.slug}/laporan")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "75.0%" in text and "25.0%" in text  # B's fulfilment and rejection
    assert "Member A" not in text
    # a member has no admin reports, and no figures at a cooperative it is not a member of
    assert client_for(app, member_a.user).get(f"/kelola/{world.shop.coop.slug}/laporan")
    outsider = client_for(app, member_a.user).get(f"/anggota/{world.other.coop.slug}/laporan")
    assert outsider.status_code == 404
    admin_view = client_for(app, member_a.user).get(f"/kelola/{world.shop.coop.slug}/laporan")
    assert admin_view.status_code == 404
