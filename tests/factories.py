"""Test data built with the real models (no mocks): users, cooperatives, members, products."""

from itertools import count

from werkzeug.security import generate_password_hash

from marketplace.accounts.models import User
from marketplace.catalogue.models import Category, PriceTier, Product
from marketplace.cooperatives.models import Cooperative, Membership, SupplyOffer
from marketplace.db import utcnow
from marketplace.extensions import db

PASSWORD = "correct horse 42"
_seq = count(1)
# Hashing is deliberately slow; tests share one hash.
_HASH = generate_password_hash(PASSWORD)


def make_user(name: str = "Test User", email: str | None = None, **kwargs) -> User:
    n = next(_seq)
    user = User(email=email or f"user{n}@example.com", password_hash=_HASH, name=name, **kwargs)
    db.session.add(user)
    db.session.commit()
    return user


def make_cooperative(admin: User | None = None, status: str = "verified", **kwargs) -> Cooperative:
    n = next(_seq)
    values = dict(
        slug=f"koperasi-{n}",
        name=f"Koperasi Uji {n}",
        kind="producer",
        legal_entity_number=f"AHU-000{n}.AH.01.26.TAHUN 2021",
        nib=f"{1234567890000 + n}",
        province="Jawa Barat",
        regency="Kota Bekasi",
        province_code="32",
        regency_code="32.75",
        bank_name="Bank BRI",
        bank_account_number="0123456789",
        bank_account_holder="Koperasi Uji",
        status=status,
        verified_at=utcnow() if status == "verified" else None,
    )
    values.update(kwargs)
    coop = Cooperative(**values)
    db.session.add(coop)
    db.session.flush()
    if admin is not None:
        db.session.add(
            Membership(user=admin, cooperative=coop, role="admin", member_number=f"ADM-{n}")
        )
    db.session.commit()
    return coop


def make_member(
    coop: Cooperative, user: User | None = None, role: str = "member", **kwargs
) -> Membership:
    n = next(_seq)
    membership = Membership(
        user=user or make_user(f"Member {n}"),
        cooperative=coop,
        role=role,
        member_number=f"M-{n:04d}",
        **kwargs,
    )
    db.session.add(membership)
    db.session.commit()
    return membership


def category(slug: str = "boneka") -> Category:
    found = db.session.query(Category).filter_by(slug=slug).one_or_none()
    if found:
        return found
    cat = Category(slug=slug, name_id=slug.title(), name_en=slug.title())
    db.session.add(cat)
    db.session.commit()
    return cat


def make_product(
    coop: Cooperative,
    name: str = "Boneka Beruang",
    tiers: tuple[tuple[int, int], ...] = ((20, 50_000), (100, 45_000)),
    status: str = "published",
    **kwargs,
) -> Product:
    n = next(_seq)
    values = dict(
        cooperative=coop,
        category=category(kwargs.pop("category_slug", "boneka")),
        slug=f"produk-{n}",
        name=name,
        kind="goods",
        unit="pcs",
        order_step=10,
        min_order_quantity=20,
        lead_time_days=14,
        status=status,
        sni_number="SNI ISO 8124-1:2010",  # the default category (boneka) requires it
    )
    values.update(kwargs)
    product = Product(**values)
    product.price_tiers = [PriceTier(min_quantity=q, unit_price=p) for q, p in tiers]
    db.session.add(product)
    db.session.commit()
    return product


def make_offer(membership: Membership, product: Product, units: int, **kwargs) -> SupplyOffer:
    offer = SupplyOffer(membership=membership, product=product, units_available=units, **kwargs)
    db.session.add(offer)
    db.session.commit()
    return offer


def login(client, user: User) -> None:
    response = client.post(
        "/akun/masuk", data={"email": user.email, "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


def english_user(name: str = "Test User", **kwargs) -> User:
    """A user whose UI is English, so that assertions do not depend on the translations."""
    return make_user(name, locale="en", **kwargs)


def client_for(app, someone: User):
    """A separate browser (its own cookies) logged in as `someone`."""
    client = app.test_client()
    login(client, someone)
    return client


def db_state() -> dict:
    """Every row of every table: compare before and after to show a refused request changed
    nothing."""
    db.session.expire_all()
    with db.engine.connect() as conn:
        return {
            t.name: conn.execute(t.select().order_by(*t.primary_key.columns)).all()
            for t in db.metadata.sorted_tables
        }


def delivery(days_ahead: int = 30, **overrides):
    """A valid delivery for the order services (a Jakarta hotel)."""
    from datetime import timedelta

    from marketplace.checkout.services import Delivery

    values = dict(
        delivery_date=local_today() + timedelta(days=days_ahead),
        recipient_name="Dewi",
        recipient_phone="+6281311112222",
        province="DKI Jakarta",
        regency="Kota Jakarta Pusat",
        district="Menteng",
        village="Gondangdia",
        street_address="Jl. Melati 12",
        postal_code="10310",
    )
    values.update(overrides)
    return Delivery(**values)


def order_of(buyer: User, product: Product, quantity: int, key: str | None = None, **delivery_kw):
    """Place an order for one product through the service, paid by bank transfer."""
    from marketplace.checkout.services import OrderRequest, place_order

    return place_order(
        buyer,
        product,
        OrderRequest(
            quantity=quantity,
            delivery=delivery(**delivery_kw),
            idempotency_key=key or f"key-{next(_seq):012d}-{buyer.id}",
        ),
    )


def delivery_form(**overrides) -> dict:
    """The delivery fields of the order and checkout forms, as a browser posts them."""
    from datetime import timedelta

    data = {
        "delivery_date": (local_today() + timedelta(days=30)).isoformat(),
        "recipient_name": "Dewi",
        "recipient_phone": "081311112222",
        "province_code": "31",
        "regency_code": "31.71",
        "district_code": "31.71.06",
        "village_code": "31.71.06.1004",  # Gondangdia, Menteng, Jakarta Pusat
        "delivery_address": "Jl. Melati 12",
        "postal_code": "10310",
        "po_number": "",
        "notes": "",
        "idempotency_key": "k" * 32,
    }
    data.update(overrides)
    return data


def local_today():
    """Today in the demo and test cooperatives' time zone (WIB): what their services call
    today, which differs from UTC's date between 17:00 and 24:00 UTC."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Jakarta")).date()
