"""A buyer's saved addresses: add, edit, make default, delete, and who may not."""

import pytest
from sqlalchemy import select

from marketplace.addresses.models import SavedAddress
from marketplace.addresses.services import AddressData, save_address
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_SAVED_ADDRESSES
from tests.factories import client_for, db_state, english_user

PALU = {"province_code": "72", "regency_code": "72.71", "district_code": "72.71.01"}


def address_form(**overrides) -> dict:
    data = {
        "label": "Gudang Palu",
        "recipient_name": "Rahmat",
        "recipient_phone": "0812 3456 7890",
        **PALU,
        "village_code": "72.71.01.1004",  # Besusu Barat, Palu Timur
        "street_address": "Jl. Hasanuddin 5",
        "postal_code": "94111",
    }
    data.update(overrides)
    return data


def data(**overrides) -> AddressData:
    values = address_form(**overrides)
    values.setdefault("make_default", False)
    return AddressData(**values)


def addresses_of(user) -> list[SavedAddress]:
    db.session.expire_all()
    query = select(SavedAddress).where(SavedAddress.user_id == user.id).order_by(SavedAddress.id)
    return list(db.session.scalars(query))


def test_the_first_address_saved_is_the_default_with_codes_and_names(app):
    buyer = english_user("Buyer")
    client = client_for(app, buyer)
    response = client.post("/akun/alamat/baru", data=address_form())
    assert response.status_code == 302
    (saved,) = addresses_of(buyer)
    assert saved.is_default and saved.recipient_phone == "+6281234567890"
    assert (saved.province, saved.regency, saved.district, saved.village) == (
        "Sulawesi Tengah",
        "Kota Palu",
        "Palu Timur",
        "Besusu Barat",
    )
    assert saved.village_code == "72.71.01.1004"
    page = client.get("/akun/alamat").get_data(as_text=True)
    assert "Gudang Palu" in page and "0812-3456-7890" in page and "Besusu Barat, Palu Timur" in page
    assert "Gudang Palu" in client.get("/akun/").get_data(as_text=True)


def test_a_new_default_replaces_the_old_and_deleting_it_passes_it_on(app):
    buyer = english_user("Buyer")
    client = client_for(app, buyer)
    client.post("/akun/alamat/baru", data=address_form())
    client.post("/akun/alamat/baru", data=address_form(label="Kantor", make_default="y"))
    first, second = addresses_of(buyer)
    assert (first.is_default, second.is_default) == (False, True)
    client.post(f"/akun/alamat/{first.id}/utama")
    first, second = addresses_of(buyer)
    assert (first.is_default, second.is_default) == (True, False)
    assert client.post(f"/akun/alamat/{first.id}/hapus").status_code == 302
    (left,) = addresses_of(buyer)
    assert left.id == second.id and left.is_default


def test_editing_changes_the_address(app):
    buyer = english_user("Buyer")
    client = client_for(app, buyer)
    client.post("/akun/alamat/baru", data=address_form())
    (saved,) = addresses_of(buyer)
    page = client.get(f"/akun/alamat/{saved.id}").get_data(as_text=True)
    assert '<option selected value="72.71.01.1004">Besusu Barat</option>' in page
    assert 'value="0812-3456-7890"' in page  # shown in the local form
    jakarta = {"province_code": "31", "regency_code": "31.71", "district_code": "31.71.06"}
    changed = address_form(**jakarta, village_code="31.71.06.1004", postal_code="10350")
    assert client.post(f"/akun/alamat/{saved.id}", data=changed).status_code == 302
    (saved,) = addresses_of(buyer)
    assert (saved.village, saved.regency_code, saved.postal_code) == (
        "Gondangdia",
        "31.71",
        "10350",
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"regency_code": "35.13"}, "regency_code", "does not lie in the region chosen above"),
        ({"village_code": "72.71.02.1002"}, "village_code", "does not lie in the region"),
        ({"village_code": "72.71.01.9999"}, "village_code", "official list"),
        ({"district_code": ""}, "district_code", "Choose a district"),
        ({"province_code": "<script>"}, "province_code", "official list"),
        ({"postal_code": "9411"}, "postal_code", "5 digits"),
        ({"recipient_phone": "12"}, "recipient_phone", "valid phone number"),
        ({"label": " "}, "label", "This field is required."),
    ],
)
def test_a_wrong_address_is_refused_next_to_its_field(app, overrides, field, message):
    buyer = english_user("Buyer")
    before = db_state()
    response = client_for(app, buyer).post("/akun/alamat/baru", data=address_form(**overrides))
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and message in body
    assert f'name="{field}"' in body and "is-invalid" in body
    assert db_state() == before


def test_the_service_checks_the_chain_whoever_calls_it(app):
    buyer = english_user("Buyer")
    db.session.commit()
    with pytest.raises(ValidationFailed) as refused:
        save_address(buyer, data(village_code="35.13.15.2017"))
    assert refused.value.field == "village_code"
    assert addresses_of(buyer) == []


def test_a_buyer_keeps_at_most_the_limit(app):
    buyer = english_user("Buyer")
    db.session.commit()
    for n in range(MAX_SAVED_ADDRESSES):
        save_address(buyer, data(label=f"Toko {n}"))
    with pytest.raises(ValidationFailed):
        save_address(buyer, data(label="One too many"))
    assert len(addresses_of(buyer)) == MAX_SAVED_ADDRESSES


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", ""), ("post", ""), ("post", "/utama"), ("post", "/hapus")],
)
def test_another_buyers_address_is_not_found_and_nothing_changes(app, method, path):
    owner, other = english_user("Owner"), english_user("Other")
    db.session.commit()
    save_address(owner, data())
    save_address(owner, data(label="Kantor"))
    address = addresses_of(owner)[1]
    before = db_state()
    url = f"/akun/alamat/{address.id}{path}"
    form = address_form(label="Taken over", make_default="y") if method == "post" else None
    response = client_for(app, other).open(url, method=method.upper(), data=form)
    assert response.status_code == 404
    anonymous = app.test_client().open(url, method=method.upper(), data=form)
    assert anonymous.status_code == 302 and "/akun/masuk" in anonymous.headers["Location"]
    assert db_state() == before
    assert client_for(app, other).get("/akun/alamat/99999999999999999999").status_code == 404


def test_the_address_form_refines_without_javascript(app):
    buyer = english_user("Buyer")
    before = db_state()
    form = address_form(regency_code="", district_code="", village_code="", refine="province_code")
    page = client_for(app, buyer).post("/akun/alamat/baru", data=form).get_data(as_text=True)
    assert '<option value="72.71">Kota Palu</option>' in page and "is-invalid" not in page
    assert db_state() == before
