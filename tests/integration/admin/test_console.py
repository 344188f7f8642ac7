"""The operator's console: activity by region, platform figures, accounts and exports."""

import io
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from marketplace.admin import activity, platform, trend
from marketplace.admin.accounts import deactivate_user, reactivate_user
from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.models import SupplyOffer
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.reports.periods import default_period
from tests import shipping_support as shipping
from tests.factories import (
    PASSWORD,
    client_for,
    db_state,
    english_user,
    local_today,
    make_cooperative,
    make_member,
)
from tests.fixtures.refusals import LOGIN_PAGE


@pytest.fixture
def operator():
    return english_user("Operator Dinas", is_platform_admin=True)


def _regions():
    selling = shipping.make_shop(
        name="Koperasi Laris", province="Bengkulu", regency="Kota Bengkulu"
    )
    shipping.paid_order(selling, 40)
    make_cooperative(name="Koperasi Diam", province="Bengkulu", regency="Kota Bengkulu")
    make_cooperative(name="Koperasi Baru", province="Bengkulu", regency="Bengkulu Utara")
    make_cooperative(name="Koperasi Menunggu", status="pending", province="Jawa Barat")
    return selling


def test_cooperatives_by_region_status_and_activity(app):
    _regions()
    provinces = {r.province: r for r in activity.by_region(utcnow(), regencies=False)}
    bengkulu = provinces["Bengkulu"]
    assert (bengkulu.cooperatives, bengkulu.verified, bengkulu.active) == (3, 3, 1)
    assert bengkulu.active_share == 333
    assert provinces["Jawa Barat"].pending == 1 and provinces["Jawa Barat"].active == 0
    regencies = {(r.province, r.regency): r for r in activity.by_region(utcnow(), regencies=True)}
    assert regencies[("Bengkulu", "Kota Bengkulu")].active_share == 500


def test_an_order_older_than_90_days_no_longer_makes_a_cooperative_active(app):
    selling = _regions()
    old = utcnow() - timedelta(days=120)
    db.session.execute(
        update(Order)
        .where(Order.cooperative_id == selling.coop.id)
        .values(created_at=old, confirmed_at=old)
    )
    db.session.execute(update(SupplyOffer).values(updated_at=old))
    provinces = {r.province: r for r in activity.by_region(utcnow(), regencies=False)}
    assert provinces["Bengkulu"].active == 0
    growing, stopped = trend.classify(activity.growth(utcnow()))
    assert [c.name for c in stopped] == ["Koperasi Laris"] and growing == []


def test_the_share_trend_counts_this_month(app):
    _regions()
    period = default_period(local_today())
    shares = activity.share_trend(period)
    assert shares["Bengkulu"][-1] == 333
    assert shares[trend.PLATFORM][-1] == 250


def test_platform_figures_per_month_by_category_and_province(app):
    selling = _regions()
    order = db.session.scalar(select(Order).where(Order.cooperative_id == selling.coop.id))
    period = default_period(local_today())
    everything = platform.per_month(period, platform.Scope())
    assert everything[-1].orders == 1 and everything[-1].turnover == order.subtotal
    assert everything[-1].new_members >= 3 and everything[-1].new_products >= 1
    category = selling.product.category_id
    same = platform.per_month(period, platform.Scope(category_id=category, province="Bengkulu"))
    assert same[-1].orders == 1
    elsewhere = platform.per_month(period, platform.Scope(province="Jawa Barat"))
    assert elsewhere[-1].orders == 0 and elsewhere[-1].turnover == 0


def test_the_console_pages_show_the_figures(app, operator):
    _regions()
    client = client_for(app, operator)
    page = client.get("/admin/aktivitas").get_data(as_text=True)
    assert "Kota Bengkulu" in page and "33.3%" in page and "Koperasi Laris" in page
    assert page.count("<svg") == 2
    stats = client.get("/admin/statistik?provinsi=Bengkulu&kategori=nonsense")
    assert stats.status_code == 200 and 'id="report-table"' in stats.get_data(as_text=True)


# --- accounts ------------------------------------------------------------------------------


def _log_in(app, user):
    client = app.test_client()
    return client, client.post("/akun/masuk", data={"email": user.email, "password": PASSWORD})


def test_a_deactivated_account_cannot_log_in_and_its_session_ends(app, operator):
    person = english_user("Pak Nakal")
    client = client_for(app, person)
    assert client.get("/akun/").status_code == 200
    response = client_for(app, operator).post(
        f"/admin/akun/{person.id}/nonaktifkan", data={"reason": "Penipuan", "confirm": "y"}
    )
    assert response.status_code == 302
    db.session.refresh(person)
    assert not person.is_active_account and person.deactivation_reason == "Penipuan"
    assert LOGIN_PAGE in client.get("/akun/").headers["Location"]  # logged out
    _client, login = _log_in(app, person)
    assert login.status_code == 200  # the login form again, not a redirect into the site
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.deactivated"))
    assert event.actor_id == operator.id and event.after["reason"] == "Penipuan"
    reactivate_user(person, operator, "Salah paham")
    _client, login = _log_in(app, person)
    assert login.status_code == 302 and LOGIN_PAGE not in login.headers["Location"]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "user.reactivated"))


def test_deactivation_needs_a_reason_and_a_tick_and_changes_nothing_without(app, operator):
    person = english_user("Bu Ragu")
    client = client_for(app, operator)
    before = db_state()
    for data in ({"reason": "", "confirm": "y"}, {"reason": "Spam"}):
        response = client.post(f"/admin/akun/{person.id}/nonaktifkan", data=data)
        assert response.status_code == 400
    assert db_state() == before


def test_the_rules_of_deactivating(app, operator):
    person = english_user("Pak Dua Kali")
    with pytest.raises(NotAllowed):
        deactivate_user(operator, operator, "Bosan")
    with pytest.raises(ValidationFailed):
        deactivate_user(person, operator, "   ")
    deactivate_user(person, operator, "Spam")
    with pytest.raises(InvalidTransition):
        deactivate_user(person, operator, "Spam lagi")
    with pytest.raises(InvalidTransition):
        reactivate_user(operator, operator, "Sudah aktif")
    assert operator.is_active_account


def test_find_a_user_and_see_their_roles(app, operator):
    coop = make_cooperative(admin=english_user("Ketua Siti"), name="Koperasi Siti")
    member = make_member(coop, user=english_user("Siti Anggota"))
    client = client_for(app, operator)
    found = _accounts_table(client.get("/admin/akun?q=siti"))
    assert "Ketua Siti" in found and "Siti Anggota" in found and "Operator Dinas" not in found
    assert "No accounts found." in _accounts_table(client.get("/admin/akun?q=%25"))  # literal %
    detail = client.get(f"/admin/akun/{member.user_id}").get_data(as_text=True)
    assert "Koperasi Siti" in detail and "Member" in detail
    assert client.get("/admin/akun/999999").status_code == 404


def _accounts_table(response) -> str:
    return response.get_data(as_text=True).split('id="accounts-table"', 1)[1]


# --- exports -------------------------------------------------------------------------------


def test_every_table_exports_without_secrets(app, operator):
    shop = shipping.make_shop(name="Koperasi Ekspor")
    order = shipping.paid_order(shop, 40)
    client = client_for(app, operator)
    listing = client.get("/admin/ekspor").get_data(as_text=True)
    for table in ("orders", "users", "assignments", "audit_events"):
        assert f"/admin/ekspor/{table}.csv" in listing
    users = client.get("/admin/ekspor/users.csv").get_data(as_text=True)
    assert "password" not in users and shop.admin.email in users
    orders = client.get("/admin/ekspor/orders.csv").get_data(as_text=True)
    assert order.number in orders
    invitations = client.get("/admin/ekspor/invitations.csv").get_data(as_text=True)
    assert "token" not in invitations.splitlines()[0]
    workbook = client.get("/admin/ekspor/orders.xlsx")
    sheet = zipfile.ZipFile(io.BytesIO(workbook.data)).read("xl/worksheets/sheet1.xml").decode()
    assert order.number in sheet
    assert client.get("/admin/ekspor/alembic_version.csv").status_code == 404
    assert client.get("/admin/ekspor/nothing.xlsx").status_code == 404
    assert client.get("/admin/ekspor/users.pdf").status_code == 404
