"""Members declare what they can supply; the pooled availability follows."""

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.cooperatives import services
from marketplace.cooperatives.models import SupplyOffer
from marketplace.errors import NotAllowed
from marketplace.extensions import db
from marketplace.limits import MAX_QUANTITY
from tests.factories import (
    client_for,
    db_state,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
)


def make_admin_member(coop, someone):
    membership = make_member(coop, user=someone)
    membership.role = "admin"
    db.session.commit()
    return membership


@pytest.fixture
def coop():
    return make_cooperative(admin=english_user("Ketua"))


@pytest.fixture
def member(coop):
    return make_member(coop, user=english_user("Siti"))


@pytest.fixture
def product(coop):
    return make_product(coop, name="Boneka Beruang")


def offer_url(coop, product_id):
    return f"/anggota/{coop.slug}/penawaran/{product_id}"


def test_offers_page_lists_published_products_with_offers_and_pooled_availability(
    app, coop, member, product
):
    make_product(coop, name="Boneka Draf", status="draft")
    other = make_product(coop, name="Boneka Kelinci")
    make_offer(member, product, 120, min_lot=20, quality_grade="A")
    make_offer(make_member(coop), product, 80)
    body = (
        client_for(app, member.user).get(f"/anggota/{coop.slug}/penawaran").get_data(as_text=True)
    )
    assert "Boneka Beruang" in body and "Boneka Kelinci" in body
    assert "Boneka Draf" not in body
    assert "200" in body  # 120 + 80 pooled
    assert "You have not offered this product yet." in body
    assert offer_url(coop, other.id) in body


def test_member_creates_an_offer_and_sees_the_new_pooled_availability(app, coop, member, product):
    make_offer(make_member(coop), product, 50)
    client = client_for(app, member.user)
    assert client.get(offer_url(coop, product.id)).status_code == 200
    response = client.post(
        offer_url(coop, product.id),
        data={"units_available": "150", "min_lot": "10", "quality_grade": "A", "active": "y"},
    )
    assert response.status_code == 302
    assert response.headers["Location"] == offer_url(coop, product.id)
    offer = db.session.scalars(
        select(SupplyOffer).where(SupplyOffer.membership_id == member.id)
    ).one()
    assert (offer.units_available, offer.min_lot, offer.quality_grade, offer.active) == (
        150,
        10,
        "A",
        True,
    )
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your offer is saved." in page
    availability = page.split('id="pooled-availability"')[1].split("</div>")[0]
    assert "200" in availability
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "supply_offer.created")
    ).one()
    assert event.after["units_available"] == 150


def test_member_updates_the_one_offer_and_can_pause_it(app, coop, member, product):
    offer = make_offer(member, product, 100)
    client = client_for(app, member.user)
    page = client.get(offer_url(coop, product.id)).get_data(as_text=True)
    assert 'value="100"' in page
    client.post(offer_url(coop, product.id), data={"units_available": "0", "min_lot": "1"})
    offers = db.session.scalars(select(SupplyOffer)).all()
    assert len(offers) == 1
    db.session.expire_all()
    assert offer.units_available == 0
    assert offer.active is False  # an unticked box pauses the offer
    assert services.pooled_availability([product.id]) == {product.id: 0}
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "supply_offer.updated")
    ).one()
    assert event.before["units_available"] == 100 and event.after["units_available"] == 0


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"units_available": "-5", "min_lot": "1"}, "Units cannot be negative."),
        ({"units_available": "2.5", "min_lot": "1"}, "Enter a whole number."),
        ({"units_available": "banyak", "min_lot": "1"}, "Enter a whole number."),
        ({"units_available": "", "min_lot": "1"}, "Enter a number."),
        ({"units_available": "10", "min_lot": "0"}, "The minimum lot is at least 1."),
        ({"units_available": "10", "min_lot": "x"}, "Enter a whole number."),
        (
            {"units_available": "10", "min_lot": "20"},
            "The minimum lot cannot be more than the units you can supply.",
        ),
        ({"units_available": str(MAX_QUANTITY + 1), "min_lot": "1"}, "This number is too large."),
        ({"units_available": "9" * 40, "min_lot": "1"}, "This number is too large."),
        ({"units_available": "10", "min_lot": "1", "quality_grade": "x" * 21}, "20 characters"),
    ],
)
def test_offer_validation_messages(app, coop, member, product, data, message):
    make_offer(member, product, 30)
    client = client_for(app, member.user)
    before = db_state()
    response = client.post(offer_url(coop, product.id), data=data)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert message in body and "is-invalid" in body
    assert db_state() == before


def test_min_lot_may_exceed_zero_units(app, coop, member, product):
    # 0 units means "not now"; the lot the member would take stays remembered.
    response = client_for(app, member.user).post(
        offer_url(coop, product.id), data={"units_available": "0", "min_lot": "20", "active": "y"}
    )
    assert response.status_code == 302


def test_service_refuses_products_the_member_may_not_offer(coop, member):
    other_coop = make_cooperative(admin=english_user("Admin lain"))
    foreign = make_product(other_coop)
    draft = make_product(coop, status="draft")
    admin_membership = make_admin_member(coop, english_user("Pengurus"))
    inactive = make_member(coop, user=english_user("Nonaktif"), status="inactive")
    published = make_product(coop)
    data = services.SupplyOfferData(units_available=10, min_lot=1)
    for membership, product in [
        (member, foreign),
        (member, draft),
        (admin_membership, published),
        (inactive, published),
    ]:
        with pytest.raises(NotAllowed):
            services.save_supply_offer(membership, product, data)
    assert db.session.scalars(select(SupplyOffer)).all() == []


# --- who may not ------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, coop, product):
    before = db_state()
    for response in (
        client.get(f"/anggota/{coop.slug}/penawaran"),
        client.get(offer_url(coop, product.id)),
        client.post(offer_url(coop, product.id), data={"units_available": "5", "min_lot": "1"}),
    ):
        assert response.status_code == 302
        assert "/akun/masuk" in response.headers["Location"]
    assert db_state() == before


@pytest.mark.parametrize("who", ["buyer", "admin", "other_member", "other_admin", "inactive"])
def test_member_pages_are_404_for_everyone_else(app, coop, product, who):
    if who == "buyer":
        someone = english_user("Pembeli")
    elif who == "admin":
        someone = english_user("Pengurus")
        make_admin_member(coop, someone)
    elif who == "other_member":
        someone = make_member(make_cooperative(), user=english_user("Anggota lain")).user
    elif who == "other_admin":
        someone = english_user("Admin lain")
        make_cooperative(admin=someone)
    else:
        someone = make_member(coop, user=english_user("Nonaktif"), status="inactive").user
    client = client_for(app, someone)
    before = db_state()
    assert client.get(f"/anggota/{coop.slug}/penawaran").status_code == 404
    assert client.get(offer_url(coop, product.id)).status_code == 404
    response = client.post(
        offer_url(coop, product.id), data={"units_available": "5", "min_lot": "1"}
    )
    assert response.status_code == 404
    assert db_state() == before


def test_products_of_another_cooperative_or_unpublished_are_404_in_own_urls(app, coop, member):
    foreign = make_product(make_cooperative(admin=english_user("Admin lain")))
    draft = make_product(coop, status="draft")
    archived = make_product(coop, status="archived")
    client = client_for(app, member.user)
    before = db_state()
    for product_id in (foreign.id, draft.id, archived.id, 999999):
        assert client.get(offer_url(coop, product_id)).status_code == 404
        response = client.post(
            offer_url(coop, product_id), data={"units_available": "5", "min_lot": "1"}
        )
        assert response.status_code == 404
    assert db_state() == before
