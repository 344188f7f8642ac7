"""The RFQ pages as a browser uses them: a buyer asks two cooperatives (with a photo and a
PDF), each admin answers, the buyer compares and accepts; the files reach only the parties."""

import io
from datetime import timedelta

import pytest
from PIL import Image
from pypdf import PdfWriter
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.rfq.models import RFQ, RFQAttachment, RFQRecipient
from tests.factories import client_for, db_state, delivery_form, english_user
from tests.rfq_support import build_world, make_seller, quote


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(out, "PNG")
    return out.getvalue()


def pdf_bytes() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def rfq_form(coop_ids, **overrides) -> dict:
    data = {
        "title": "Ikan tuna segar",
        "specification": "Grade sashimi, dikemas es",
        "quantity": "500",
        "unit": "kg",
        "grade": "A",
        "needed_by": "2099-06-01",
        "delivery_place": "Jakarta",
        "target_price": "60.000",
        "cooperatives": [str(i) for i in coop_ids],
    }
    data.update(overrides)
    return data


@pytest.fixture
def sellers():
    return make_seller("Koperasi Palu"), make_seller("Koperasi Bekasi")


def test_buyer_sends_an_rfq_with_a_photo_and_a_pdf_to_two_cooperatives(app, sellers):
    first, second = sellers
    buyer = english_user("Buyer")
    client = client_for(app, buyer)
    assert client.get("/permintaan/baru").status_code == 200
    data = rfq_form([first.coop.id, second.coop.id])
    data["attachments"] = [
        (io.BytesIO(png_bytes()), "foto.png"),
        (io.BytesIO(pdf_bytes()), "spek.pdf"),
    ]
    response = client.post("/permintaan/baru", data=data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    rfq = db.session.scalar(select(RFQ))
    assert rfq.target_price == 60_000 and len(rfq.recipients) == 2
    files = db.session.scalars(select(RFQAttachment).order_by(RFQAttachment.id)).all()
    assert [f.key.rsplit(".", 1)[1] for f in files] == ["jpg", "pdf"]  # the photo re-encoded
    page = client.get(f"/permintaan/{rfq.id}").get_data(as_text=True)
    assert "Koperasi Palu" in page and "Koperasi Bekasi" in page and "foto.png" in page
    pdf = client.get(f"/permintaan/{rfq.id}/lampiran/{files[1].key}")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("attachment")
    # Each cooperative's admin sees the request and its files.
    recipient = rfq.recipients[0]
    admin = client_for(app, first.admin)
    thread = f"/kelola/{first.coop.slug}/permintaan/{recipient.id}"
    assert "Ikan tuna segar" in admin.get(thread).get_data(as_text=True)
    assert admin.get(f"{thread}/lampiran/{files[0].key}").status_code == 200
    assert "Ikan tuna segar" in admin.get(f"/kelola/{first.coop.slug}/permintaan").get_data(
        as_text=True
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("spek.pdf", b"%PDF-1.4 this is not really a pdf", "cannot be read as one"),
        ("foto.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "Only photos"),
        ("kosong.png", b"", "The file is empty."),
    ],
)
def test_an_attachment_that_is_not_what_it_claims_is_refused(app, sellers, name, content, message):
    buyer = english_user("Buyer")
    client = client_for(app, buyer)
    before = db_state()
    data = rfq_form([sellers[0].coop.id])
    data["attachments"] = [(io.BytesIO(content), name)]
    response = client.post("/permintaan/baru", data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db_state() == before


def test_a_request_from_a_product_page_is_prefilled(app, sellers):
    first = sellers[0]
    client = client_for(app, english_user("Buyer"))
    url = f"/permintaan/baru/{first.coop.slug}/{first.product.slug}"
    page = client.get(url).get_data(as_text=True)
    assert first.product.name in page and 'value="20"' in page
    product_page = client.get(f"/produk/{first.coop.slug}/{first.product.slug}")
    assert url in product_page.get_data(as_text=True)
    # The unit is the product's, whatever the form says.
    response = client.post(url, data=rfq_form([first.coop.id], unit="kg"))
    assert response.status_code == 400
    response = client.post(url, data=rfq_form([first.coop.id], unit="pcs"))
    assert response.status_code == 302
    rfq = db.session.scalar(select(RFQ))
    assert (rfq.product_id, rfq.unit) == (first.product.id, "pcs")


def test_admin_quotes_buyer_compares_and_accepts_into_an_order(app):
    world = build_world()
    first, second = world.first, world.second
    admin = client_for(app, first.admin)
    recipient = world.recipient(first)
    valid = (first.coop.local_date() + timedelta(days=10)).isoformat()
    response = admin.post(
        f"/kelola/{first.coop.slug}/permintaan/{recipient.id}/penawaran",
        data={
            "product_id": str(first.product.id),
            "quantity": "100",
            "unit_price": "41.500",
            "lead_time_days": "20",
            "valid_until": valid,
            "conditions": "Franco Jakarta",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    quote(world, second, unit_price=43_000)
    other = client_for(app, second.admin)
    response = other.post(
        f"/kelola/{second.coop.slug}/permintaan/{world.recipient(second).id}/tolak",
        data={"reason": ""},
    )
    assert response.status_code == 400  # a reason is required

    buyer = client_for(app, world.buyer)
    page = buyer.get(f"/permintaan/{world.rfq.id}").get_data(as_text=True)
    assert "Lowest price" in page and "Rp" in page and "Franco Jakarta" in page
    q = world.recipient(first).quote
    accept_url = f"/permintaan/{world.rfq.id}/penawaran/{q.id}/terima"
    assert buyer.get(accept_url).status_code == 200
    form = delivery_form(
        delivery_date=(first.coop.local_date() + timedelta(days=30)).isoformat(),
        payment_method="bank_transfer",
        **{f"delivery_option_{first.coop.id}": "pickup"},
    )
    response = buyer.post(accept_url, data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    order = db.session.scalar(select(Order))
    assert order.lines[0].unit_price == 41_500
    assert response.headers["Location"].endswith(f"/pesanan/{order.number}")
    # Submitting again lands on the same order.
    again = buyer.post(accept_url, data=form)
    assert again.status_code == 302 and order.number in again.headers["Location"]
    assert len(db.session.scalars(select(Order)).all()) == 1


def test_messages_with_a_file_stay_on_their_own_thread(app):
    world = build_world()
    buyer = client_for(app, world.buyer)
    mine = world.recipient(world.first)
    url = f"/permintaan/{world.rfq.id}/koperasi/{mine.id}"
    response = buyer.post(
        url,
        data={"body": "Lihat contoh ini", "attachments": [(io.BytesIO(png_bytes()), "c.png")]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    key = db.session.scalar(select(RFQAttachment.key))
    first_admin = client_for(app, world.first.admin)
    thread = f"/kelola/{world.first.coop.slug}/permintaan/{mine.id}"
    assert "Lihat contoh ini" in first_admin.get(thread).get_data(as_text=True)
    assert first_admin.get(f"{thread}/lampiran/{key}").status_code == 200
    # The other cooperative never sees this thread's file, even through its own thread.
    theirs = world.recipient(world.second)
    second_admin = client_for(app, world.second.admin)
    other = f"/kelola/{world.second.coop.slug}/permintaan/{theirs.id}"
    assert "Lihat contoh ini" not in second_admin.get(other).get_data(as_text=True)
    assert second_admin.get(f"{other}/lampiran/{key}").status_code == 404


@pytest.mark.parametrize(
    "who", ["other_buyer", "first_admin_on_second", "second_admin", "member", "anonymous"]
)
def test_only_the_two_parties_see_a_thread_and_its_quote(app, who):
    world = build_world()
    q = quote(world, world.first)
    first_recipient = world.recipient(world.first)
    buyer_urls = [
        f"/permintaan/{world.rfq.id}",
        f"/permintaan/{world.rfq.id}/koperasi/{first_recipient.id}",
        f"/permintaan/{world.rfq.id}/penawaran/{q.id}/terima",
    ]
    admin_url = f"/kelola/{world.first.coop.slug}/permintaan/{first_recipient.id}"
    if who == "anonymous":
        client = app.test_client()
    elif who == "other_buyer":
        client = client_for(app, english_user("Other buyer"))
    elif who == "member":
        from tests.factories import make_member

        client = client_for(app, make_member(world.first.coop, user=english_user("M")).user)
    else:
        client = client_for(app, world.second.admin)
    before = db_state()
    urls = buyer_urls + [admin_url]
    if who == "first_admin_on_second":
        # The first cooperative's admin, with its own slug, asks for the competitor's copy.
        client = client_for(app, world.first.admin)
        theirs = world.recipient(world.second)
        urls = [f"/kelola/{world.first.coop.slug}/permintaan/{theirs.id}"] + buyer_urls
    for url in urls:
        response = client.get(url)
        expected = 302 if who == "anonymous" else 404
        assert response.status_code == expected, (who, url)
        posted = client.post(url, data={"body": "diretas", "reason": "x"})
        assert posted.status_code in (expected, 405), (who, url)
    assert db_state() == before


def test_an_expired_quote_shows_no_accept_button(app):
    world = build_world()
    q = quote(world, world.first)
    q.valid_until = world.first.coop.local_date() - timedelta(days=1)
    db.session.commit()
    buyer = client_for(app, world.buyer)
    page = buyer.get(f"/permintaan/{world.rfq.id}").get_data(as_text=True)
    assert "Expired" in page and "Accept this quote" not in page
    accept_page = buyer.get(f"/permintaan/{world.rfq.id}/penawaran/{q.id}/terima")
    assert "has expired" in accept_page.get_data(as_text=True)


def test_lists_show_each_side_its_own(app):
    world = build_world()
    outsider = client_for(app, english_user("Other"))
    assert world.rfq.title not in outsider.get("/permintaan/").get_data(as_text=True)
    mine = client_for(app, world.buyer).get("/permintaan/?page=abc").get_data(as_text=True)
    assert world.rfq.title in mine
    assert db.session.scalar(select(RFQRecipient.id)) is not None
