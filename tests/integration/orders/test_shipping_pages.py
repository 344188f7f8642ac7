"""The shipping pages: the admin ships and records proof with a photo, the buyer confirms and
complains with photos, documents and photos reach the parties only; nobody else changes
anything."""

import io

import pytest
from PIL import Image
from sqlalchemy import select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from marketplace.extensions import db
from marketplace.orders.models import OrderStatus
from marketplace.orders.shipment_models import Complaint, Shipment
from tests.factories import client_for, db_state, english_user, make_cooperative, make_member
from tests.shipping_support import make_shop, paid_order, pass_qc


def jpeg(size=(64, 48), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", **save)
    return out.getvalue()


@pytest.fixture
def ready():
    shop = make_shop()
    order = paid_order(shop)
    pass_qc(shop, order)
    return shop, order


def ship_url(shop, order):
    return f"/kelola/{shop.coop.slug}/pesanan/{order.number}/kirim"


def ship_data(order, units=40, **overrides):
    data = {
        "courier": "jne",
        "tracking_number": "JNE0001234",
        "shipped_on": order.cooperative.local_date().isoformat(),
        "packages": "2",
        f"line_{order.lines[0].id}": str(units),
    }
    return data | overrides


def test_admin_ships_from_the_page_and_the_buyer_sees_the_tracking_link(app, ready):
    shop, order = ready
    admin = client_for(app, shop.admin)
    page = admin.get(ship_url(shop, order)).get_data(as_text=True)
    assert 'value="40"' in page  # pre-filled with what is ready
    response = admin.post(ship_url(shop, order), data=ship_data(order))
    assert response.status_code == 302
    db.session.refresh(order)
    assert order.status == OrderStatus.SHIPPED
    shipment = order.shipments[0]
    buyer_page = client_for(app, shop.buyer).get(f"/pesanan/{order.number}").get_data(as_text=True)
    assert "https://www.jne.co.id/tracking-package?awb=JNE0001234" in buyer_page
    assert shipment.number in buyer_page and "Confirm receipt" in buyer_page
    note = admin.get(
        f"/kelola/{shop.coop.slug}/pesanan/{order.number}/pengiriman/{shipment.id}/surat-jalan.pdf"
    )
    assert note.status_code == 200 and note.data.startswith(b"%PDF")


@pytest.mark.parametrize(
    "bad",
    [
        {"line_1": "41"},
        {"line_1": "-3"},
        {"line_1": "99999999999999999999999"},
        {"shipped_on": "2999-01-01"},
        {"courier": "<b>x</b>"},
        {"packages": "0"},
        {"tracking_number": "a b c"},
    ],
)
def test_wrong_input_on_the_ship_form_changes_nothing(app, ready, bad):
    shop, order = ready
    admin = client_for(app, shop.admin)
    data = ship_data(order)
    if "line_1" in bad:
        data[f"line_{order.lines[0].id}"] = bad.pop("line_1")
    before = db_state()
    response = admin.post(ship_url(shop, order), data=data | bad)
    assert response.status_code == 400
    assert db_state() == before


def test_who_may_not_ship_or_see_shipments(app, ready):
    shop, order = ready
    other_admin = english_user("Other admin")
    make_cooperative(admin=other_admin)
    outsiders = [other_admin, shop.buyer, shop.members[0].user, english_user("Stranger")]
    member_elsewhere = english_user("Member elsewhere")
    make_member(make_cooperative(), user=member_elsewhere)
    clients = [client_for(app, someone) for someone in [*outsiders, member_elsewhere]]
    before = db_state()
    for client in clients:
        assert client.post(ship_url(shop, order), data=ship_data(order)).status_code == 404
    anonymous = app.test_client().post(ship_url(shop, order), data=ship_data(order))
    assert anonymous.status_code == 302 and "/akun/masuk" in anonymous.headers["Location"]
    assert db_state() == before


def _shipped(app, shop, order):
    client_for(app, shop.admin).post(ship_url(shop, order), data=ship_data(order))
    return db.session.scalars(select(Shipment)).one()


def test_buyer_confirms_receipt_others_cannot(app, ready):
    shop, order = ready
    shipment = _shipped(app, shop, order)
    url = f"/pesanan/{order.number}/pengiriman/{shipment.id}/diterima"
    stranger, admin = client_for(app, english_user("Stranger")), client_for(app, shop.admin)
    before = db_state()
    assert stranger.post(url).status_code == 404
    assert admin.post(url).status_code == 404
    assert db_state() == before
    assert client_for(app, shop.buyer).post(url).status_code == 302
    db.session.refresh(order)
    assert order.status == OrderStatus.DELIVERED


def test_admin_proof_with_a_photo_that_only_the_parties_see(app, ready):
    shop, order = ready
    shipment = _shipped(app, shop, order)
    url = f"/kelola/{shop.coop.slug}/pesanan/{order.number}/pengiriman/{shipment.id}"
    data = {
        "received_by": "Dewi",
        "received_on": shop.coop.local_date().isoformat(),
        "received_time": "00:00",
    }
    admin = client_for(app, shop.admin)
    svg = (io.BytesIO(b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"), "x.jpg")
    before = db_state()
    refused = admin.post(url, data=data | {"photo": svg}, content_type="multipart/form-data")
    assert refused.status_code == 400 and "Only photos" in refused.get_data(as_text=True)
    assert db_state() == before
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"  # EXIF Make; GPS rides in the same block
    with_gps = jpeg(exif=exif.tobytes())
    assert b"Camera maker" in with_gps
    response = admin.post(
        url,
        data=data | {"photo": (io.BytesIO(with_gps), "p.jpg")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.refresh(shipment)
    key = shipment.proof_photo
    photo = client_for(app, shop.buyer).get(f"/pesanan/{order.number}/foto/{key}")
    assert photo.status_code == 200 and photo.mimetype == "image/jpeg"
    assert b"Camera maker" not in photo.data and "max-age" in photo.headers["Cache-Control"]
    assert (
        client_for(app, english_user("Stranger"))
        .get(f"/pesanan/{order.number}/foto/{key}")
        .status_code
        == 404
    )


def test_buyer_complains_with_photos_and_admin_refunds(app, ready):
    shop, order = ready
    shipment = _shipped(app, shop, order)
    buyer = client_for(app, shop.buyer)
    buyer.post(f"/pesanan/{order.number}/pengiriman/{shipment.id}/diterima")
    url = f"/pesanan/{order.number}/pengiriman/{shipment.id}/keluhan"
    data = {
        "order_line_id": str(order.lines[0].id),
        "problem": "damaged",
        "quantity": "3",
        "description": "Torn seams",
        "photos": [(io.BytesIO(jpeg()), "a.jpg"), (io.BytesIO(jpeg()), "b.jpg")],
    }
    stranger = client_for(app, english_user("Stranger"))
    before = db_state()
    assert stranger.post(url, data=data, content_type="multipart/form-data").status_code == 404
    assert db_state() == before
    data["photos"] = [(io.BytesIO(jpeg()), "a.jpg"), (io.BytesIO(jpeg()), "b.jpg")]
    response = buyer.post(url, data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    complaint = db.session.scalars(select(Complaint)).one()
    assert len(complaint.photos) == 2
    answer = f"/kelola/{shop.coop.slug}/pesanan/{order.number}/keluhan/{complaint.id}"
    form = {"complaint_id": str(complaint.id), "action": "refund", "amount": "50.000"}
    form |= {"courier": "jne", "packages": "1", "shipped_on": shop.coop.local_date().isoformat()}
    admin = client_for(app, shop.admin)
    before = db_state()
    assert buyer.post(answer, data=form).status_code == 404
    too_much = form | {"amount": str(complaint.quantity * order.lines[0].unit_price + 1)}
    assert admin.post(answer, data=too_much).status_code == 400
    assert db_state() == before
    assert admin.post(answer, data=form).status_code == 302
    db.session.refresh(complaint)
    assert complaint.status == "refunded" and order.amount_refunded == 50_000


def test_a_photo_larger_than_other_forms_may_be_is_taken_even_with_csrf_on(app, ready):
    """The upload pages raise the request limit before CSRF protection reads the body."""
    import os

    shop, order = ready
    shipment = _shipped(app, shop, order)
    noisy = Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    out = io.BytesIO()
    noisy.save(out, "PNG")
    assert app.config["MAX_CONTENT_LENGTH"] < len(out.getvalue()) < 5 * 1024 * 1024
    url = f"/kelola/{shop.coop.slug}/pesanan/{order.number}/pengiriman/{shipment.id}"
    data = {
        "received_by": "Dewi",
        "received_on": shop.coop.local_date().isoformat(),
        "received_time": "00:00",
        "photo": FileStorage(io.BytesIO(out.getvalue()), "big.png", content_type="image/png"),
    }
    # Encoded here: the test client would spool a large body to a file it never closes.
    boundary, body = encode_multipart(data)
    admin = client_for(app, shop.admin)
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = admin.post(
            url, data=body, content_type=f"multipart/form-data; boundary={boundary}"
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400  # no CSRF token: refused by CSRF, not by size (413)
