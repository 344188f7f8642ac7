"""The cooperative's delivery page: which options it offers, the hub address, the fee table."""

import re

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.cooperatives.models import Cooperative, DeliveryFeeRate
from marketplace.extensions import db
from tests.factories import client_for, db_state, english_user, make_cooperative, make_member


@pytest.fixture
def coop_admin():
    admin = english_user("Admin")
    return make_cooperative(admin=admin, address="Jl. Koperasi 1, Bekasi"), admin


def _rates(coop) -> list[tuple]:
    db.session.expire_all()
    return [
        (r.province, r.regency, r.fee)
        for r in db.session.scalars(
            select(DeliveryFeeRate)
            .where(DeliveryFeeRate.cooperative_id == coop.id)
            .order_by(DeliveryFeeRate.id)
        )
    ]


def test_admin_saves_options_and_they_are_audited(app, coop_admin):
    coop, admin = coop_admin
    client = client_for(app, admin)
    page = client.get(f"/kelola/{coop.slug}/pengiriman")
    assert page.status_code == 200 and 'value="sicepat"' in page.get_data(as_text=True)
    response = client.post(
        f"/kelola/{coop.slug}/pengiriman",
        data={
            "offers_pickup": "y",
            "hub_address": " Gudang, Jl. Industri 3 ",
            "offers_own_delivery": "y",
            "couriers": ["sicepat", "jne"],
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    coop = db.session.get(Cooperative, coop.id)
    assert (coop.offers_pickup, coop.hub_address, coop.offers_own_delivery, coop.couriers) == (
        True,
        "Gudang, Jl. Industri 3",
        True,
        "jne,sicepat",
    )
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "cooperative.delivery_updated")
    ).one()
    assert event.after["couriers"] == "jne,sicepat" and event.actor_id == admin.id
    # The page shows the saved couriers ticked, the others not.
    page = client.get(f"/kelola/{coop.slug}/pengiriman").get_data(as_text=True)
    assert re.search(r'<input checked[^>]*value="jne"', page)
    assert not re.search(r'<input checked[^>]*value="pos"', page)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"hub_address": ""}, "Offer at least one delivery option."),
        ({"couriers": ["ups"]}, "is not a valid choice"),
    ],
)
def test_refused_options_change_nothing(app, coop_admin, data, message):
    coop, admin = coop_admin
    before = db_state()
    response = client_for(app, admin).post(f"/kelola/{coop.slug}/pengiriman", data=data)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert db_state() == before


def test_pickup_needs_an_address(app):
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin, address="")
    before = db_state()
    response = client_for(app, admin).post(
        f"/kelola/{coop.slug}/pengiriman", data={"offers_pickup": "y"}
    )
    assert "Pickup needs the hub&#39;s address." in response.get_data(as_text=True)
    assert db_state() == before


def test_fee_rows_are_added_changed_by_place_and_removed(app, coop_admin):
    coop, admin = coop_admin
    client = client_for(app, admin)
    url = f"/kelola/{coop.slug}/pengiriman/tarif"
    client.post(url, data={"province_code": "31", "regency_code": "", "fee": "150000"})
    client.post(url, data={"province_code": "32", "regency_code": "32.75", "fee": "50000"})
    # The same place again changes the row instead of adding one.
    client.post(url, data={"province_code": "31", "fee": "125000"})
    assert _rates(coop) == [
        ("Daerah Khusus Ibukota Jakarta", "", 125_000),
        ("Jawa Barat", "Kota Bekasi", 50_000),
    ]
    page = client.get(f"/kelola/{coop.slug}/pengiriman").get_data(as_text=True)
    assert "Rp125,000" in page and "whole province" in page
    rate_id = db.session.scalars(select(DeliveryFeeRate.id).order_by(DeliveryFeeRate.id)).first()
    assert client.post(f"{url}/{rate_id}/hapus").status_code == 302
    assert _rates(coop) == [("Jawa Barat", "Kota Bekasi", 50_000)]
    actions = db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions.count("cooperative.delivery_fee_set") == 3
    assert actions[-1] == "cooperative.delivery_fee_removed"


@pytest.mark.parametrize(
    "data",
    [
        {"province_code": "", "fee": "1000"},
        {"province_code": "51", "fee": "-1"},
        {"province_code": "51", "fee": "abc"},
        {"province_code": "51", "fee": "99999999999999999999999"},
        {"province_code": "B" * 81, "fee": "1000"},
        {"province_code": "Bali", "fee": "1000"},
        {"province_code": "51", "regency_code": "32.75", "fee": "1000"},
        {"province_code": "51"},
    ],
)
def test_bad_fee_rows_are_refused(app, coop_admin, data):
    coop, admin = coop_admin
    before = db_state()
    response = client_for(app, admin).post(f"/kelola/{coop.slug}/pengiriman/tarif", data=data)
    assert response.status_code == 400
    assert db_state() == before


@pytest.mark.parametrize("who", ["other_admin", "member", "buyer", "anonymous"])
def test_only_the_cooperatives_admin_may_change_delivery(app, coop_admin, who):
    coop, _ = coop_admin
    rate = DeliveryFeeRate(cooperative_id=coop.id, province="Bali", regency="", fee=1)
    db.session.add(rate)
    db.session.commit()
    other_admin = english_user("Other")
    make_cooperative(admin=other_admin)
    client = {
        "other_admin": lambda: client_for(app, other_admin),
        "member": lambda: client_for(app, make_member(coop).user),
        "buyer": lambda: client_for(app, english_user("Buyer")),
        "anonymous": app.test_client,
    }[who]()
    before = db_state()
    base = f"/kelola/{coop.slug}/pengiriman"
    responses = [
        client.get(base),
        client.post(base, data={"offers_own_delivery": "y"}),
        client.post(f"{base}/tarif", data={"province_code": "91", "fee": "5"}),
        client.post(f"{base}/tarif/{rate.id}/hapus"),
    ]
    assert all(r.status_code in (302, 404) for r in responses)
    assert db_state() == before


def test_another_cooperatives_fee_row_is_not_found(app, coop_admin):
    coop, admin = coop_admin
    other = make_cooperative()
    rate = DeliveryFeeRate(cooperative_id=other.id, province="Bali", regency="", fee=1)
    db.session.add(rate)
    db.session.commit()
    before = db_state()
    response = client_for(app, admin).post(f"/kelola/{coop.slug}/pengiriman/tarif/{rate.id}/hapus")
    assert response.status_code == 404
    assert db_state() == before
