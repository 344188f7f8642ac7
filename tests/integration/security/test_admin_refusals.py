"""The role x endpoint matrix: every cooperative-admin endpoint (/kelola/<slug>/...) and every
platform-admin endpoint (/admin/...) refuses everyone else and changes nothing. The url_map is
enumerated, so a new admin endpoint without a case here fails the suite."""

import io
from dataclasses import dataclass

import pytest
from PIL import Image
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalogue.models import ProductPhoto
from marketplace.catalogue.photos import add_product_photo
from marketplace.cooperatives.models import (
    Cooperative,
    CooperativePhoto,
    DeliveryFeeRate,
    Invitation,
    Membership,
)
from marketplace.cooperatives.services import InvitationData, invite_member, set_delivery_fee
from marketplace.cooperatives.services.profile import add_cooperative_photo, set_logo
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.finance.models import PayoutBatch, PayoutLine
from marketplace.finance.services import create_payout_batch
from marketplace.fulfilment.models import Assignment
from marketplace.fulfilment.services import publish_allocation
from marketplace.fulfilment.services.shipping import ship_ready_units
from marketplace.images import clean_image
from marketplace.offtake.models import Contract
from marketplace.orders.models import Order
from marketplace.orders.services.complaints import ComplaintInput, open_complaint
from marketplace.orders.services.shipping import ProofOfDelivery, record_proof
from marketplace.orders.shipment_models import Complaint, Shipment
from marketplace.payments.invoicing import add_trusted_buyer
from marketplace.payments.models import TrustedBuyer
from marketplace.rfq.models import RFQAttachment, RFQRecipient
from marketplace.rfq.services import StoredFile, send_rfq
from marketplace.storage import storage
from tests import offtake_support as offtake
from tests import shipping_support as shipping
from tests.factories import client_for, english_user, make_cooperative
from tests.fixtures.refusals import COOPERATIVE_OUTSIDERS, LOGIN_PAGE, assert_refused
from tests.fixtures.scenarios import Shop, build_placed, build_shop, confirm
from tests.integration.cooperatives.test_cooperatives import settings_data
from tests.rfq_support import rfq_input
from tests.shipping_support import pass_qc

# endpoint -> its requests: (method, path with {placeholders} of World.values(), form data as a
# real admin would send it); an endpoint with a form is checked on GET and POST.
COOPERATIVE_ADMIN = {
    "cooperatives.manage": (("get", "/kelola/{slug}/", None),),
    "cooperatives.members": (("get", "/kelola/{slug}/anggota", None),),
    "cooperatives.deactivate_member": (
        ("post", "/kelola/{slug}/anggota/{membership_id}/nonaktifkan", {}),
    ),
    "cooperatives.invite": (
        ("get", "/kelola/{slug}/anggota/undang", None),
        (
            "post",
            "/kelola/{slug}/anggota/undang",
            {"name": "Siti", "business_name": "Boneka Siti", "role": "member"},
        ),
    ),
    "cooperatives.settings": (
        ("get", "/kelola/{slug}/pengaturan", None),
        ("post", "/kelola/{slug}/pengaturan", lambda w: settings_data(w.coop, name="Diretas")),
    ),
    "cooperatives.invitation": (("get", "/kelola/{slug}/undangan/{invitation_id}", None),),
    "cooperatives.profile_page": (
        ("get", "/kelola/{slug}/profil", None),
        ("post", "/kelola/{slug}/profil", {"story": "Diretas", "founded_year": "2000"}),
    ),
    "cooperatives.upload_logo": (("post", "/kelola/{slug}/profil/logo", {}),),
    "cooperatives.remove_logo": (("post", "/kelola/{slug}/profil/logo/hapus", {}),),
    "cooperatives.upload_photo": (("post", "/kelola/{slug}/profil/foto", {"alt_text": "x"}),),
    "cooperatives.move_photo": (
        ("post", "/kelola/{slug}/profil/foto/{coop_photo_id}/geser", {"direction": "down"}),
    ),
    "cooperatives.remove_photo": (
        ("post", "/kelola/{slug}/profil/foto/{coop_photo_id}/hapus", {}),
    ),
    "catalogue.product_photos": (
        ("get", "/kelola/{slug}/produk/{product_id}/foto", None),
        ("post", "/kelola/{slug}/produk/{product_id}/foto", {"alt_text": "x"}),
    ),
    "catalogue.move_product_photo": (
        (
            "post",
            "/kelola/{slug}/produk/{product_id}/foto/{product_photo_id}/geser",
            {"direction": "down"},
        ),
    ),
    "catalogue.remove_product_photo": (
        ("post", "/kelola/{slug}/produk/{product_id}/foto/{product_photo_id}/hapus", {}),
    ),
    "cooperatives.revoke_invitation": (
        ("post", "/kelola/{slug}/undangan/{invitation_id}/cabut", {}),
    ),
    "payments.trusted_buyers": (
        ("get", "/kelola/{slug}/pembeli-terpercaya", None),
        (
            "post",
            "/kelola/{slug}/pembeli-terpercaya",
            {"email": "hotel@example.com", "terms_days": "30"},
        ),
    ),
    "payments.remove_trusted_buyer": (
        ("post", "/kelola/{slug}/pembeli-terpercaya/{trusted_id}/hapus", {}),
    ),
    "payments.open_invoices": (("get", "/kelola/{slug}/tagihan", None),),
    "payments.admin_invoice": (("get", "/kelola/{slug}/pesanan/{number}/faktur.pdf", None),),
    "payments.admin_receipt": (
        ("get", "/kelola/{slug}/pesanan/{number}/kuitansi/{payment_id}.pdf", None),
    ),
    "payments.admin_delivery_note": (
        ("get", "/kelola/{slug}/pesanan/{number}/surat-jalan.pdf", None),
    ),
    "payments.refund": (
        (
            "post",
            "/kelola/{slug}/pesanan/{number}/refund",
            {"payment_id": "{payment_id}", "amount": "1000", "reason": "Diretas"},
        ),
    ),
    "orders.manage_orders": (("get", "/kelola/{slug}/pesanan", None),),
    "orders.export_orders": (("get", "/kelola/{slug}/pesanan.csv", None),),
    "orders.manage_order": (
        ("get", "/kelola/{slug}/pesanan/{number}", None),
        (
            "post",
            "/kelola/{slug}/pesanan/{number}",
            {"amount": "1000", "received_on": "2026-12-01"},
        ),
    ),
    "orders.admin_cancel": (
        ("post", "/kelola/{slug}/pesanan/{number}/batal", {"reason": "Stok habis, maaf"}),
    ),
    "fulfilment.allocate": (("get", "/kelola/{slug}/pesanan/{number}/alokasi", None),),
    "fulfilment.assign_by_hand": (
        ("get", "/kelola/{slug}/pesanan/{number}/baris/{line_id}/tugaskan", None),
        (
            "post",
            "/kelola/{slug}/pesanan/{number}/baris/{line_id}/tugaskan",
            {"membership_id": "{membership_id}", "quantity": "4"},
        ),
    ),
    "fulfilment.quality_control": (
        ("get", "/kelola/{slug}/pesanan/{number}/penugasan/{assignment_id}/qc", None),
        (
            "post",
            "/kelola/{slug}/pesanan/{number}/penugasan/{assignment_id}/qc",
            {"accepted": "20", "rejected": "0"},
        ),
    ),
    "fulfilment.reoffer": (("post", "/kelola/{slug}/pesanan/{number}/tawarkan-ulang", {}),),
    "orders.ship": (
        ("get", "/kelola/{slug}/pesanan/{shipped_number}/kirim", None),
        ("post", "/kelola/{slug}/pesanan/{shipped_number}/kirim", {"courier": "jne"}),
    ),
    "orders.manage_shipment": (
        ("get", "/kelola/{slug}/pesanan/{shipped_number}/pengiriman/{shipment_id}", None),
        (
            "post",
            "/kelola/{slug}/pesanan/{shipped_number}/pengiriman/{shipment_id}",
            {"received_by": "Diretas", "received_on": "2026-12-01", "received_time": "10:00"},
        ),
    ),
    "orders.resolve_complaint": (
        ("get", "/kelola/{slug}/pesanan/{shipped_number}/keluhan/{complaint_id}", None),
        (
            "post",
            "/kelola/{slug}/pesanan/{shipped_number}/keluhan/{complaint_id}",
            {"complaint_id": "{complaint_id}", "action": "reject", "note": "Diretas"},
        ),
    ),
    "orders.admin_shipment_note": (
        (
            "get",
            "/kelola/{slug}/pesanan/{shipped_number}/pengiriman/{shipment_id}/surat-jalan.pdf",
            None,
        ),
    ),
    "orders.admin_photo": (("get", "/kelola/{slug}/pesanan/{shipped_number}/foto/{photo}", None),),
    "finance.overview": (("get", "/kelola/{slug}/keuangan", None),),
    "finance.create_batch": (
        ("post", "/kelola/{slug}/keuangan/pembayaran", {"amount_{membership_id}": "1000"}),
    ),
    "finance.batch": (("get", "/kelola/{slug}/keuangan/pembayaran/{batch_id}", None),),
    "finance.mark_paid": (
        (
            "post",
            "/kelola/{slug}/keuangan/pembayaran/{batch_id}/baris/{payout_line_id}/lunas",
            {"reference": "DIRETAS-1"},
        ),
    ),
    "finance.member_statement": (("get", "/kelola/{slug}/keuangan/anggota/{membership_id}", None),),
    "finance.member_statement_csv": (
        ("get", "/kelola/{slug}/keuangan/anggota/{membership_id}/laporan.csv", None),
    ),
    "finance.member_statement_pdf": (
        ("get", "/kelola/{slug}/keuangan/anggota/{membership_id}/laporan.pdf", None),
    ),
    "finance.deduction": (
        ("get", "/kelola/{slug}/keuangan/anggota/{membership_id}/potongan", None),
        (
            "post",
            "/kelola/{slug}/keuangan/anggota/{membership_id}/potongan",
            {"amount": "1000", "reason": "Diretas"},
        ),
    ),
    "savings.overview": (("get", "/kelola/{slug}/keuangan/simpanan", None),),
    "savings.settings": (
        (
            "post",
            "/kelola/{slug}/keuangan/simpanan/pengaturan",
            {
                "pokok_amount": "1",
                "wajib_amount": "1",
                "wajib_period_months": "1",
                "wajib_since": "2025-01-01",
            },
        ),
    ),
    "savings.member": (
        ("get", "/kelola/{slug}/keuangan/simpanan/anggota/{membership_id}", None),
        (
            "post",
            "/kelola/{slug}/keuangan/simpanan/anggota/{membership_id}",
            {
                "kind": "sukarela",
                "direction": "deposit",
                "amount": "1000",
                "booked_on": "2025-01-01",
            },
        ),
    ),
    "shu.latest": (("get", "/kelola/{slug}/keuangan/shu", None),),
    "shu.year": (("get", "/kelola/{slug}/keuangan/shu/{year}", None),),
    "shu.save_policy": (
        (
            "post",
            "/kelola/{slug}/keuangan/shu/{year}/kebijakan",
            {"fund_jasa_usaha": "50", "fund_jasa_modal": "50"},
        ),
    ),
    "shu.save_draft": (
        ("post", "/kelola/{slug}/keuangan/shu/{year}/jumlah", {"amount": "1", "expenses": "0"}),
    ),
    "shu.approve": (("post", "/kelola/{slug}/keuangan/shu/{year}/setujui", {}),),
    "shu.rat_pdf": (("get", "/kelola/{slug}/keuangan/shu/{year}/rat.pdf", None),),
    "shu.rat_xlsx": (("get", "/kelola/{slug}/keuangan/shu/{year}/rat.xlsx", None),),
    "cooperatives.delivery": (
        ("get", "/kelola/{slug}/pengiriman", None),
        ("post", "/kelola/{slug}/pengiriman", {"offers_pickup": "y", "hub_address": "Diretas"}),
    ),
    "cooperatives.add_delivery_fee": (
        ("post", "/kelola/{slug}/pengiriman/tarif", {"province_code": "32", "fee": "1"}),
    ),
    "cooperatives.remove_delivery_fee": (
        ("post", "/kelola/{slug}/pengiriman/tarif/{rate_id}/hapus", {}),
    ),
    "checkout.quote_delivery_fee": (
        ("post", "/kelola/{slug}/pesanan/{number}/ongkir", {"fee": "1"}),
    ),
    "reports.index": (("get", "/kelola/{slug}/laporan?dari=2026-01&sampai=2026-12", None),),
    "reports.report": (("get", "/kelola/{slug}/laporan/kinerja-anggota", None),),
    "reports.export": (
        ("get", "/kelola/{slug}/laporan/pembeli.csv", None),
        ("get", "/kelola/{slug}/laporan/anggota.xlsx", None),
    ),
    "rfq.incoming": (("get", "/kelola/{slug}/permintaan", None),),
    "rfq.admin_thread": (
        ("get", "/kelola/{slug}/permintaan/{rfq_recipient_id}", None),
        ("post", "/kelola/{slug}/permintaan/{rfq_recipient_id}", {"body": "Diretas"}),
    ),
    "rfq.submit_quote": (
        (
            "post",
            "/kelola/{slug}/permintaan/{rfq_recipient_id}/penawaran",
            {
                "product_id": "{product_id}",
                "quantity": "20",
                "unit_price": "1",
                "lead_time_days": "1",
                "valid_until": "2099-01-01",
            },
        ),
    ),
    "rfq.decline": (
        ("post", "/kelola/{slug}/permintaan/{rfq_recipient_id}/tolak", {"reason": "Diretas"}),
    ),
    "rfq.admin_file": (
        ("get", "/kelola/{slug}/permintaan/{rfq_recipient_id}/lampiran/{rfq_file}", None),
    ),
    "offtake.manage_contracts": (("get", "/kelola/{slug}/kontrak", None),),
    "offtake.new_contract": (
        ("get", "/kelola/{slug}/kontrak/baru", None),
        (
            "post",
            "/kelola/{slug}/kontrak/baru",
            lambda w: offtake.proposal_data(w.shop, "x@example.com"),
        ),
    ),
    "offtake.manage_contract": (("get", "/kelola/{slug}/kontrak/{contract_id}", None),),
    "offtake.revise_contract": (
        ("get", "/kelola/{slug}/kontrak/{contract_id}/ubah", None),
        (
            "post",
            "/kelola/{slug}/kontrak/{contract_id}/ubah",
            lambda w: offtake.proposal_data(w.shop, ""),
        ),
    ),
    "offtake.manage_performance": (("get", "/kelola/{slug}/kontrak/{contract_id}/kinerja", None),),
    "offtake.manage_performance_csv": (
        ("get", "/kelola/{slug}/kontrak/{contract_id}/kinerja.csv", None),
    ),
    "offtake.manage_performance_pdf": (
        ("get", "/kelola/{slug}/kontrak/{contract_id}/kinerja.pdf", None),
    ),
    "catalogue.manage_products": (("get", "/kelola/{slug}/produk", None),),
    "catalogue.new_product": (
        ("get", "/kelola/{slug}/produk/baru", None),
        ("post", "/kelola/{slug}/produk/baru", {"name": "Diretas"}),
    ),
    "catalogue.edit_product": (
        ("get", "/kelola/{slug}/produk/{product_id}/ubah", None),
        ("post", "/kelola/{slug}/produk/{product_id}/ubah", {"name": "Diretas"}),
    ),
    "catalogue.change_product_status": (
        ("post", "/kelola/{slug}/produk/{product_id}/status", {"status": "archived"}),
    ),
}
PLATFORM_ADMIN = {
    "admin.cooperatives": (("get", "/admin/koperasi", None),),
    "admin.cooperative": (("get", "/admin/koperasi/{coop_id}", None),),
    "admin.verify": (("post", "/admin/koperasi/{pending_id}/verifikasi", {}),),
    "admin.reject": (("post", "/admin/koperasi/{pending_id}/tolak", {"reason": "Data palsu"}),),
    "admin.suspend": (("post", "/admin/koperasi/{coop_id}/tangguhkan", {"reason": "Penipuan"}),),
    "admin.reinstate": (("post", "/admin/koperasi/{suspended_id}/pulihkan", {}),),
    "console.activity_page": (("get", "/admin/aktivitas", None),),
    "console.platform_page": (("get", "/admin/statistik?provinsi=Jawa%20Barat", None),),
    "console.accounts": (("get", "/admin/akun?q=a", None),),
    "console.account": (("get", "/admin/akun/{user_id}", None),),
    "console.deactivate": (
        ("post", "/admin/akun/{user_id}/nonaktifkan", {"reason": "Spam", "confirm": "y"}),
    ),
    "console.reactivate": (
        ("post", "/admin/akun/{user_id}/aktifkan", {"reason": "Salah", "confirm": "y"}),
    ),
    "console.export_list": (("get", "/admin/ekspor", None),),
    "console.export_table": (
        ("get", "/admin/ekspor/orders.csv", None),
        ("get", "/admin/ekspor/users.xlsx", None),
    ),
}


@dataclass
class World:
    """A confirmed, allocated order of a cooperative with an invitation and a trusted buyer;
    a pending and a suspended cooperative for the platform admin's decisions."""

    coop: Cooperative
    admin: User
    order: Order
    member: Membership
    pending: Cooperative
    pending_admin: User
    suspended: Cooperative
    shipped: Order  # delivered with a proof photo, and a complaint about it
    shop: Shop  # the cooperative, its admin, member and product; an offtake contract of theirs

    def values(self) -> dict:
        first = lambda model: db.session.scalar(select(model.id).order_by(model.id))  # noqa: E731
        return {
            "slug": self.coop.slug,
            "coop_id": self.coop.id,
            "pending_id": self.pending.id,
            "suspended_id": self.suspended.id,
            "number": self.order.number,
            "line_id": self.order.lines[0].id,
            "payment_id": self.order.payments[0].id,
            "assignment_id": first(Assignment),
            "invitation_id": first(Invitation),
            "trusted_id": first(TrustedBuyer),
            "membership_id": self.member.id,
            "user_id": self.member.user_id,
            "product_id": self.order.lines[0].product_id,
            "shipped_number": self.shipped.number,
            "shipment_id": first(Shipment),
            "complaint_id": first(Complaint),
            "photo": self.shipped.shipments[0].proof_photo,
            "batch_id": first(PayoutBatch),
            "rate_id": first(DeliveryFeeRate),
            "payout_line_id": first(PayoutLine),
            "year": self.coop.local_date().year - 1,
            "rfq_recipient_id": first(RFQRecipient),
            "rfq_file": db.session.scalar(select(RFQAttachment.key)),
            "contract_id": first(Contract),
            "product_photo_id": first(ProductPhoto),
            "coop_photo_id": first(CooperativePhoto),
        }


@pytest.fixture
def world(app) -> World:
    shop = build_shop()
    placed = confirm(build_placed(shop))
    publish_allocation(placed.order, shop.admin)
    with app.test_request_context():
        invite_member(shop.coop, shop.admin, InvitationData(name="Siti", role="member"))
    add_trusted_buyer(shop.coop, shop.admin, email="hotel@example.com", terms_days=30)
    pending_admin = english_user("Pending chair")
    shipped = _delivered_with_a_complaint(app, shop)
    create_payout_batch(shop.coop, shop.admin, {shop.member.id: 1000})  # from its QC earnings
    set_delivery_fee(shop.coop, shop.admin, province="DKI Jakarta", regency="", fee=50_000)
    _request_for_quotation(app, shop)
    offtake.proposed_deal(shop)
    with app.test_request_context():  # a logo and photos, so that deleting them would show
        set_logo(shop.coop, shop.admin, _tiny_png())
        add_cooperative_photo(shop.coop, shop.admin, _tiny_png(), "Bengkel")
        for _ in range(2):
            add_product_photo(shop.product, shop.admin, _tiny_png(), "")
    return World(
        coop=shop.coop,
        admin=shop.admin,
        order=placed.order,
        member=shop.member,
        pending=make_cooperative(admin=pending_admin, status="pending"),
        pending_admin=pending_admin,
        suspended=make_cooperative(admin=english_user("Suspended chair"), status="suspended"),
        shipped=shipped,
        shop=shop,
    )


def _delivered_with_a_complaint(app, shop) -> Order:
    """A second order of the cooperative: passed QC, shipped, received with a proof photo (so
    the photo and the shipment's pages exist for its own admin), and complained about."""
    order = confirm(build_placed(shop)).order
    pass_qc(shipping.Shop(shop.coop, shop.product, shop.admin, [shop.member], order.buyer), order)
    wanted = {line.id: line.quantity for line in order.lines}
    shipment = ship_ready_units(order, shop.admin, shipping.details(), wanted)
    photo = clean_image(_tiny_png())
    with app.test_request_context():
        key = storage().save(photo.data, photo.extension)
    proof = ProofOfDelivery(received_by="Budi", received_at=utcnow(), photo_key=key)
    record_proof(shipment, shop.admin, proof)
    line = order.lines[0]
    complaint = ComplaintInput(order_line_id=line.id, problem="damaged", quantity=1)
    open_complaint(shipment, order.buyer, complaint, [])
    return order


def _request_for_quotation(app, shop) -> None:
    """A buyer's RFQ to the cooperative, with a photo attached."""
    photo = clean_image(_tiny_png())
    with app.test_request_context():
        stored = StoredFile(storage().save(photo.data, photo.extension), "foto.jpg", 1)
    send_rfq(english_user("RFQ buyer"), rfq_input(), [shop.coop.id], [stored])


def _tiny_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, "PNG")
    return out.getvalue()


def _request(request: tuple, world: World) -> tuple[str, str, dict | None]:
    method, path, data = request
    values = world.values()
    if callable(data):
        data = data(world)
    elif data is not None:
        data = {key: str(value).format(**values) for key, value in data.items()}
    return method, path.format(**values), data


def _admin_endpoints(app, prefix: str) -> set[str]:
    return {r.endpoint for r in app.url_map.iter_rules() if r.rule.startswith(prefix)}


def test_every_admin_endpoint_has_a_refusal_case(app):
    assert _admin_endpoints(app, "/kelola/") == set(COOPERATIVE_ADMIN)
    assert _admin_endpoints(app, "/admin/") == set(PLATFORM_ADMIN)


@pytest.mark.parametrize("endpoint", sorted(COOPERATIVE_ADMIN))
def test_only_the_cooperatives_admins_reach_its_admin_endpoints(app, world, endpoint):
    for request in COOPERATIVE_ADMIN[endpoint]:
        method, url, data = _request(request, world)
        assert_refused(
            app,
            method,
            url,
            coop=world.coop,
            roles=(*COOPERATIVE_OUTSIDERS, "inactive_admin"),
            users={"the_order_buyer": world.order.buyer},
            data=data,
        )
        if method == "get":  # not vacuous: the same URL serves the cooperative's own admin
            _assert_served(client_for(app, world.admin).get(url))


@pytest.mark.parametrize("endpoint", sorted(PLATFORM_ADMIN))
def test_only_the_platform_admin_reaches_the_platform_admin_endpoints(app, world, endpoint):
    operator = english_user("Operator", is_platform_admin=True)
    for request in PLATFORM_ADMIN[endpoint]:
        method, url, data = _request(request, world)
        assert_refused(
            app,
            method,
            url,
            coop=world.coop,
            roles=("anonymous", "buyer", "member"),
            users={"cooperative_admin": world.admin, "pending_admin": world.pending_admin},
            data=data,
        )
        if method == "get":
            _assert_served(client_for(app, operator).get(url))


def _assert_served(response) -> None:
    assert response.status_code in (200, 302), response.status_code
    assert LOGIN_PAGE not in response.headers.get("Location", "")
