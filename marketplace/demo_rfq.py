"""Demo requests for quotation from the hotel buyer: one to Tangerang Selatan and Probolinggo
whose Tangsel quote was accepted into an order, and one from the Bekasi mascot doll page, sent
to Bekasi and Tangsel, quoted by both and left open for the buyer to compare and accept.

Found by their title first, so a second run adds nothing."""

from datetime import timedelta

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.catalogue.models import Product
from marketplace.checkout.services import Delivery
from marketplace.cooperatives.models import Cooperative, MembershipRole
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.rfq import services
from marketplace.rfq.models import RFQ

ACCEPTED = "Suvenir kamar: tas rajut dengan logo Hotel Melati"
OPEN = "Boneka maskot Hotel Melati"


def _coop(slug: str) -> Cooperative:
    return db.session.scalar(select(Cooperative).where(Cooperative.slug == slug))


def _product(coop: Cooperative, name: str) -> Product:
    return db.session.scalar(
        select(Product).where(Product.cooperative_id == coop.id, Product.name == name)
    )


def _admin(coop: Cooperative) -> User:
    return next(m.user for m in coop.memberships if m.role == MembershipRole.ADMIN)


def _quote(rfq: RFQ, coop: Cooperative, product: Product, price: int, lead: int, note: str):
    recipient = next(r for r in rfq.recipients if r.cooperative_id == coop.id)
    return services.submit_quote(
        recipient,
        _admin(coop),
        services.QuoteInput(
            product_id=product.id,
            quantity=rfq.quantity,
            unit_price=price,
            lead_time_days=lead,
            valid_until=coop.local_date() + timedelta(days=30),
            conditions=note,
        ),
    )


def _send(buyer: User, title: str, coops: list[Cooperative], **values) -> RFQ | None:
    if db.session.scalar(select(RFQ.id).where(RFQ.buyer_id == buyer.id, RFQ.title == title)):
        return None
    data = services.RFQInput(
        title=title,
        needed_by=utcnow().date() + timedelta(days=60),
        delivery_place="Hotel Melati, Menteng, Jakarta Pusat",
        **values,
    )
    return services.send_rfq(buyer, data, [c.id for c in coops], [])


def seed_rfqs(buyer: User) -> None:
    tangsel, batik, bekasi = (
        _coop("umkm-tangsel"),
        _coop("batik-probolinggo"),
        _coop("kopbon-bekasi"),
    )
    rfq = _send(
        buyer,
        ACCEPTED,
        [tangsel, batik],
        quantity=50,
        unit="pcs",
        specification="Tas rajut kecil 20 x 15 cm, warna krem, logo hotel dibordir.",
        target_price=90_000,
    )
    if rfq is not None:
        chosen = _quote(rfq, tangsel, _product(tangsel, "Tas Rajut Tangan"), 85_000, 14, "")
        _quote(rfq, batik, _product(batik, "Tas Anyaman Aksen Batik"), 97_500, 21, "DP 30%")
        services.accept_quote(chosen, buyer, _delivery(chosen), "bank_transfer")
    mascot = _product(bekasi, "Boneka Maskot Custom")
    rfq = _send(
        buyer,
        OPEN,
        [bekasi, tangsel],
        quantity=100,
        unit=mascot.unit,
        grade="A",
        specification="Boneka 30 cm memakai seragam hotel, label SNI.",
        product_id=mascot.id,
    )
    if rfq is not None:
        _quote(rfq, bekasi, mascot, 72_500, 30, "Contoh dikirim dulu dalam 7 hari.")
        wood = _product(tangsel, "Miniatur Kayu Rumah Adat")
        _quote(rfq, tangsel, wood, 65_000, 21, "Maskot dari kayu, bukan boneka kain.")
        thread = next(r for r in rfq.recipients if r.cooperative_id == bekasi.id)
        services.post_message(
            thread, buyer, "Bisa kirim foto contoh seragamnya?", [], from_buyer=True
        )
        services.post_message(
            thread, _admin(bekasi), "Bisa, kami kirim minggu ini.", [], from_buyer=False
        )


def _delivery(quote) -> Delivery:
    return Delivery(
        delivery_date=services.earliest_for(quote) + timedelta(days=7),
        recipient_name="Dewi Lestari",
        recipient_phone="+6281311112222",
        province="DKI Jakarta",
        regency="Kota Jakarta Pusat",
        district="Menteng",
        village="Menteng",
        street_address="Hotel Melati, Jl. Melati No. 12",
        postal_code="10310",
        po_number="PO-HM-RFQ-001",
    )
