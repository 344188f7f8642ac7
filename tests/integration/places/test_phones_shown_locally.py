"""Phone numbers are stored as E.164 and shown as people write them in Indonesia."""

from sqlalchemy import select

from marketplace.addresses.models import SavedAddress
from marketplace.extensions import db
from tests.factories import client_for, english_user


def test_the_account_page_shows_the_phone_in_local_form(app):
    buyer = english_user("Buyer", phone="+6281311112222")
    page = client_for(app, buyer).get("/akun/").get_data(as_text=True)
    assert "0813-1111-2222" in page and "+6281311112222" not in page


def test_a_phone_typed_locally_is_stored_as_e164_and_shown_locally(app):
    buyer = english_user("Buyer")
    client = client_for(app, buyer)
    client.post(
        "/akun/alamat/baru",
        data={
            "label": "Toko",
            "recipient_name": "Sari",
            "recipient_phone": "0812-3456 7890",
            "province_code": "72",
            "regency_code": "72.71",
            "district_code": "72.71.01",
            "village_code": "72.71.01.1004",
            "street_address": "Jl. Hasanuddin 5",
            "postal_code": "94111",
        },
    )
    db.session.expire_all()
    phone = db.session.scalar(select(SavedAddress.recipient_phone))
    assert phone == "+6281234567890"
    assert "0812-3456-7890" in client.get("/akun/").get_data(as_text=True)
