"""The region lists as JSON (/wilayah/) and the address picker without JavaScript."""

import pytest

from marketplace.orders.models import Order
from tests.factories import client_for, db_state, delivery_form, english_user


def test_the_provinces_and_each_level_below(app):
    client = app.test_client()  # public: the picker also works before logging in
    provinces = client.get("/wilayah/").get_json()
    assert len(provinces) == 38 and {"code": "72", "name": "Sulawesi Tengah"} in provinces
    regencies = client.get("/wilayah/72").get_json()
    assert {"code": "72.71", "name": "Kota Palu"} in regencies
    assert all(r["code"].startswith("72.") for r in regencies)
    villages = client.get("/wilayah/31.71.06").get_json()
    assert {"code": "31.71.06.1004", "name": "Gondangdia"} in villages
    response = client.get("/wilayah/72")
    assert response.cache_control.max_age == 86_400


def test_a_query_filters_the_list(app):
    found = app.test_client().get("/wilayah/32?q=kota%20bek").get_json()
    assert found == [{"code": "32.75", "name": "Kota Bekasi"}]


@pytest.mark.parametrize(
    "code", ["99", "72.99", "31.71.06.1004", "abc", "72.71.01.1004.1", "%00", "9" * 300]
)
def test_unknown_codes_and_villages_have_no_list(app, code):
    assert app.test_client().get(f"/wilayah/{code}").status_code == 404


def test_without_javascript_the_picker_shows_the_next_list_and_places_nothing(
    app, coop_with_product
):
    shop = coop_with_product
    buyer = english_user("Buyer")
    client = client_for(app, buyer)
    url = f"/pesan/{shop.coop.slug}/{shop.product.slug}"
    before = db_state()
    data = delivery_form(
        quantity="20", payment_method="bank_transfer", province_code="72", regency_code=""
    )
    data.update(district_code="", village_code="", refine="province_code")
    data[f"delivery_option_{shop.coop.id}"] = "pickup"
    page = client.post(url, data=data).get_data(as_text=True)
    assert '<option value="72.71">Kota Palu</option>' in page
    assert '<option selected value="72">Sulawesi Tengah</option>' in page
    assert "is-invalid" not in page  # not checked yet: the person is still choosing
    assert db_state() == before and Order.query.count() == 0
    data.update(regency_code="72.71", refine="regency_code")
    page = client.post(url, data=data).get_data(as_text=True)
    assert '<option value="72.71.01">Palu Timur</option>' in page
    assert db_state() == before
