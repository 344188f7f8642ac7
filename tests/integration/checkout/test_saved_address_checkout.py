"""Checkout (cart and order now) starts from the buyer's default saved address, or the one
chosen; someone else's address is not found."""

import re

from sqlalchemy import select

from marketplace.addresses.models import SavedAddress
from marketplace.addresses.services import AddressData, save_address
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.factories import client_for, db_state, english_user

OFFICE = AddressData(
    label="Kantor",
    recipient_name="Dewi",
    recipient_phone="+6281311112222",
    province_code="31",
    regency_code="31.71",
    district_code="31.71.06",
    village_code="31.71.06.1004",
    street_address="Jl. Melati 12",
    postal_code="10310",
)
PALU = AddressData(
    label="Gudang Palu",
    recipient_name="Rahmat",
    recipient_phone="+6281234567890",
    province_code="72",
    regency_code="72.71",
    district_code="72.71.01",
    village_code="72.71.01.1004",
    street_address="Jl. Hasanuddin 5",
    postal_code="94111",
)


def _buyer_with_addresses():
    buyer = english_user("Buyer")
    db.session.commit()
    office = save_address(buyer, OFFICE)
    palu = save_address(buyer, PALU)
    return buyer, office.id, palu.id


def _form_values(page: str) -> dict:
    """What the browser would post back: inputs' values and selects' chosen options."""
    values = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = [o for o in re.findall(r"<option[^>]*>", body) if " selected" in o]
        values[name] = re.search(r'value="([^"]*)"', chosen[0]).group(1) if chosen else ""
    street = re.search(r'<textarea[^>]*name="delivery_address"[^>]*>\s*([^<]*)</textarea>', page)
    values["delivery_address"] = street.group(1).strip()
    return values


def test_order_now_starts_from_the_default_and_places_it_with_its_codes(app, coop_with_product):
    shop = coop_with_product
    buyer, _, _ = _buyer_with_addresses()
    client = client_for(app, buyer)
    url = f"/pesan/{shop.coop.slug}/{shop.product.slug}"
    page = client.get(url).get_data(as_text=True)
    assert "Deliver to a saved address" in page
    values = _form_values(page)
    assert values["village_code"] == "31.71.06.1004" and values["postal_code"] == "10310"
    assert values["recipient_phone"] == "0813-1111-2222"
    values.update(quantity="20", payment_method="bank_transfer")
    values.pop("alamat", None)
    response = client.post(url, data=values)
    assert response.status_code == 302, response.get_data(as_text=True)[-3000:]
    order = db.session.scalars(select(Order)).one()
    assert (order.village, order.village_code, order.regency_code) == (
        "Gondangdia",
        "31.71.06.1004",
        "31.71",
    )
    assert order.recipient_phone == "+6281311112222"


def test_another_saved_address_can_be_chosen(app, coop_with_product):
    shop = coop_with_product
    buyer, _, palu_id = _buyer_with_addresses()
    url = f"/pesan/{shop.coop.slug}/{shop.product.slug}?alamat={palu_id}"
    values = _form_values(client_for(app, buyer).get(url).get_data(as_text=True))
    assert (values["regency_code"], values["village_code"]) == ("72.71", "72.71.01.1004")
    assert values["delivery_address"] == "Jl. Hasanuddin 5" and values["alamat"] == str(palu_id)


def test_the_cart_checkout_starts_from_the_default_address(app, coop_with_product):
    shop = coop_with_product
    buyer, _, palu_id = _buyer_with_addresses()
    client = client_for(app, buyer)
    client.post(f"/keranjang/tambah/{shop.coop.slug}/{shop.product.slug}", data={"quantity": "20"})
    values = _form_values(client.get("/keranjang/checkout").get_data(as_text=True))
    assert values["village_code"] == "31.71.06.1004"
    chosen = client.get(f"/keranjang/checkout?alamat={palu_id}").get_data(as_text=True)
    assert _form_values(chosen)["village_code"] == "72.71.01.1004"


def test_someone_elses_or_a_made_up_address_is_not_found(app, coop_with_product):
    shop = coop_with_product
    _, _, palu_id = _buyer_with_addresses()
    other = english_user("Other")
    client = client_for(app, other)
    before = db_state()
    base = f"/pesan/{shop.coop.slug}/{shop.product.slug}"
    for raw in (str(palu_id), "abc", "-1", "9" * 40, "1.5"):
        assert client.get(f"{base}?alamat={raw}").status_code == 404, raw
    assert db_state() == before


def test_a_buyer_without_addresses_is_offered_to_save_one(app, coop_with_product):
    shop = coop_with_product
    page = client_for(app, english_user("New")).get(f"/pesan/{shop.coop.slug}/{shop.product.slug}")
    assert "Save your addresses" in page.get_data(as_text=True)
    assert db.session.scalar(select(SavedAddress.id)) is None
