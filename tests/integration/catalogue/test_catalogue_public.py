"""The public catalogue: what anyone may see, search and filtering, pooled availability."""

import html
from datetime import date

import pytest
from sqlalchemy import event

from marketplace.catalogue import services
from marketplace.catalogue.models import Category
from marketplace.extensions import db
from marketplace.orders.models import PROMISING_STATUSES, Order, OrderLine, OrderStatus
from tests.factories import make_cooperative, make_member, make_offer, make_product, make_user

_order_seq = iter(range(1, 10_000))


def choose_language(client, lang: str) -> None:
    with client.session_transaction() as session:
        session["lang"] = lang


@pytest.fixture
def english(client):
    """Show the pages in English, whatever translations exist."""
    choose_language(client, "en")
    return client


def body(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def make_order(product, quantity: int, status: str) -> Order:
    n = next(_order_seq)
    order = Order(
        number=f"PK-TEST-{n:05d}",
        buyer=make_user(f"Buyer {n}"),
        cooperative=product.cooperative,
        status=status,
        subtotal=quantity * 1_000,
        total=quantity * 1_000,
        delivery_date=date(2030, 1, 1),
        recipient_name="Sari",
        recipient_phone="+6281234567890",
        delivery_address="Jl. Mawar 1",
        postal_code="17111",
        idempotency_key=f"key-{n}",
    )
    order.lines.append(
        OrderLine(product=product, quantity=quantity, unit_price=1_000, line_total=quantity * 1_000)
    )
    db.session.add(order)
    db.session.commit()
    return order


# --- who sees what ------------------------------------------------------------------------


def test_only_published_products_of_verified_cooperatives_are_public(english):
    verified = make_cooperative(name="Koperasi Boneka Bekasi")
    shown = make_product(verified, name="Boneka Beruang")
    draft = make_product(verified, name="Boneka Draf", status="draft")
    archived = make_product(verified, name="Boneka Arsip", status="archived")
    hidden = [draft, archived]
    for status in ("pending", "rejected", "suspended"):
        coop = make_cooperative(status=status, name=f"Koperasi {status}")
        hidden.append(make_product(coop, name=f"Boneka {status}"))

    page = body(english.get("/"))
    assert "Boneka Beruang" in page
    for product in hidden:
        assert product.name not in page

    url = f"/produk/{verified.slug}/{shown.slug}"
    assert english.get(url).status_code == 200
    for product in hidden:
        assert english.get(f"/produk/{product.cooperative.slug}/{product.slug}").status_code == 404


def test_unknown_product_and_product_under_another_cooperative_slug_are_404(english):
    coop = make_cooperative()
    other = make_cooperative()
    product = make_product(coop)
    assert english.get(f"/produk/{coop.slug}/tidak-ada").status_code == 404
    assert english.get(f"/produk/{other.slug}/{product.slug}").status_code == 404


def test_cooperative_profile_is_public_for_verified_cooperatives_only(english):
    coop = make_cooperative(
        name="Koperasi Fotografer Bengkulu",
        kind="service",
        regency="Kota Bengkulu",
        province="Bengkulu",
        description="Fotografer acara dan produk.",
    )
    make_product(coop, name="Foto Produk UMKM", unit="sesi")
    make_product(coop, name="Paket Draf", status="draft")
    response = english.get(f"/koperasi/{coop.slug}")
    assert response.status_code == 200
    page = body(response)
    for text in (
        "Koperasi Fotografer Bengkulu",
        "Service cooperative",
        "Kota Bengkulu",
        "Bengkulu",
        "Fotografer acara dan produk.",
        "Foto Produk UMKM",
    ):
        assert text in page
    assert "Paket Draf" not in page

    for status in ("pending", "rejected"):
        hidden = make_cooperative(status=status)
        assert english.get(f"/koperasi/{hidden.slug}").status_code == 404
    assert english.get("/koperasi/tidak-ada").status_code == 404


def test_cooperative_without_products_has_an_empty_state(english):
    coop = make_cooperative()
    assert "no products on offer yet" in body(english.get(f"/koperasi/{coop.slug}"))


def test_product_page_shows_what_a_buyer_needs(english):
    coop = make_cooperative(name="Koperasi Kuliner Tangsel", regency="Kota Tangerang Selatan")
    product = make_product(
        coop,
        name="Keripik Tempe",
        category_slug="kuliner",
        unit="kg",
        order_step=5,
        min_order_quantity=10,
        lead_time_days=3,
        description="Keripik tempe renyah dari anggota.",
        tiers=((10, 60_000), (50, 55_000)),
        pirt_number="206327501012326",
        bpom_number="MD123456789012",
        halal_number="ID31110000123450321",
        sni_number="SNI 01-2602-1992",
    )
    member = make_member(coop)
    make_offer(member, product, 120)

    response = english.get(f"/produk/{coop.slug}/{product.slug}")
    assert response.status_code == 200
    page = body(response)
    for text in (
        "Keripik Tempe",
        "Koperasi Kuliner Tangsel",
        f'href="/koperasi/{coop.slug}"',
        "Kota Tangerang Selatan",
        "Goods",
        "Rp60,000",
        "Rp55,000",
        "10 – 49",
        "50 or more",
        "Keripik tempe renyah dari anggota.",
        "206327501012326",
        "MD123456789012",
        "ID31110000123450321",
        "SNI 01-2602-1992",
        "3 days",
        "120 kg",
        f'href="/pesan/{coop.slug}/{product.slug}"',
    ):
        assert text in page, text


def test_service_products_say_so(english):
    coop = make_cooperative()
    product = make_product(coop, kind="service", unit="sesi", category_slug="fotografi")
    page = body(english.get(f"/produk/{coop.slug}/{product.slug}"))
    assert "Service" in page
    assert "session" in page


def test_anonymous_visitors_get_the_order_button_too(english):
    coop = make_cooperative()
    product = make_product(coop)
    page = body(english.get(f"/produk/{coop.slug}/{product.slug}"))
    assert f'href="/pesan/{coop.slug}/{product.slug}"' in page
    assert "log in or sign up first" in page


def test_public_pages_are_open_to_logged_in_users_too(english):
    from tests.factories import login

    coop = make_cooperative()
    product = make_product(coop)
    login(english, make_user(locale="en"))
    assert english.get("/").status_code == 200
    assert english.get(f"/produk/{coop.slug}/{product.slug}").status_code == 200
    assert english.get(f"/koperasi/{coop.slug}").status_code == 200


# --- search, filter, pagination -----------------------------------------------------------


def test_index_cards_show_cooperative_region_price_moq_and_availability(english):
    coop = make_cooperative(name="Koperasi Boneka Bekasi", regency="Kota Bekasi")
    product = make_product(
        coop, name="Boneka Kelinci", tiers=((20, 50_000), (100, 45_000)), min_order_quantity=20
    )
    make_offer(make_member(coop), product, 340)
    page = body(english.get("/"))
    for text in ("Boneka Kelinci", "Koperasi Boneka Bekasi", "Kota Bekasi", "Rp45,000", "20 pcs"):
        assert text in page, text
    assert "340 pcs" in page


def test_category_filter(english):
    services.ensure_categories()
    coop = make_cooperative()
    make_product(coop, name="Boneka Beruang", category_slug="boneka")
    make_product(coop, name="Keripik Tempe", category_slug="kuliner", pirt_number="1" * 15)

    page = body(english.get("/?kategori=kuliner"))
    assert "Keripik Tempe" in page
    assert "Boneka Beruang" not in page
    page = body(english.get("/?kategori=boneka"))
    assert "Boneka Beruang" in page
    assert "Keripik Tempe" not in page
    page = body(english.get("/"))
    assert "Boneka Beruang" in page and "Keripik Tempe" in page
    assert "No products match" in body(english.get("/?kategori=perikanan"))
    assert "No products match" in body(english.get("/?kategori=tidak-ada"))


# (The locale is chosen once per test: the test's app context outlives its requests.)
@pytest.mark.parametrize(("lang", "name"), [("en", "Dolls & toys"), ("id", "Boneka & mainan")])
def test_category_names_follow_the_language(client, lang, name):
    services.ensure_categories()
    make_product(make_cooperative(), category_slug="boneka")
    choose_language(client, lang)
    assert name in body(client.get("/"))


def test_prices_are_written_the_indonesian_way_by_default(client):
    coop = make_cooperative()
    product = make_product(coop, tiers=((20, 1_500_000),))
    assert "Rp1.500.000" in body(client.get(f"/produk/{coop.slug}/{product.slug}"))


@pytest.mark.parametrize("query", ["kelinci", "KELINCI", "Boneka Kel", "  kelinci  "])
def test_search_by_product_name_ignores_case(english, query):
    coop = make_cooperative()
    make_product(coop, name="Boneka Kelinci")
    make_product(coop, name="Batik Tulis Probolinggo", category_slug="batik")
    page = body(english.get("/", query_string={"q": query}))
    assert "Boneka Kelinci" in page
    assert "Batik Tulis Probolinggo" not in page


def test_search_by_cooperative_name(english):
    palu = make_cooperative(name="KSU Tani Makmur Palu")
    bekasi = make_cooperative(name="Koperasi Boneka Bekasi")
    make_product(palu, name="Kopi Robusta Grade 1", category_slug="perkebunan")
    make_product(bekasi, name="Boneka Beruang")
    page = body(english.get("/?q=makmur"))
    assert "Kopi Robusta Grade 1" in page
    assert "Boneka Beruang" not in page


def test_search_and_filter_combine(english):
    coop = make_cooperative(name="Koperasi Serba Usaha")
    make_product(coop, name="Ikan Asin", category_slug="perikanan")
    make_product(coop, name="Ikan Hias Keramik", category_slug="kriya")
    page = body(english.get("/?q=ikan&kategori=perikanan"))
    assert "Ikan Asin" in page
    assert "Ikan Hias Keramik" not in page


def test_search_wildcards_are_literal(english):
    make_product(make_cooperative(), name="Boneka Beruang")
    assert "No products match" in body(english.get("/?q=%25"))
    assert "No products match" in body(english.get("/?q=_"))


def test_empty_search_has_a_friendly_message_and_a_way_back(english):
    make_product(make_cooperative(), name="Boneka Beruang")
    page = body(english.get("/?q=tidak-ada-sama-sekali"))
    assert "No products match your search." in page
    assert "Show all products" in page


def test_empty_catalogue(english):
    assert "No products are on offer yet" in body(english.get("/"))


def test_pagination(app, english, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    coop = make_cooperative()
    names = [f"Produk Nomor {n}" for n in range(1, 6)]
    for name in names:
        make_product(coop, name=name)

    seen = []
    for page_number in (1, 2, 3):
        page = body(english.get(f"/?page={page_number}"))
        on_page = [name for name in names if name in page]
        assert len(on_page) == (2 if page_number < 3 else 1)
        seen += on_page
        assert f"{page_number} / 3" in page
    assert sorted(seen) == sorted(names)
    # Beyond the last page, and nonsense page numbers, do not fail.
    assert english.get("/?page=99").status_code == 200
    assert english.get("/?page=abc").status_code == 200
    # The search is kept when paging.
    page = body(english.get("/?q=nomor&page=1"))
    assert "q=nomor" in page and "page=2" in page


def test_cooperative_profile_paginates(app, english, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    coop = make_cooperative()
    for n in range(3):
        make_product(coop, name=f"Produk {n}")
    assert "1 / 2" in body(english.get(f"/koperasi/{coop.slug}"))
    assert "Produk 2" in body(english.get(f"/koperasi/{coop.slug}?page=2"))


def test_index_uses_a_constant_number_of_queries(app, english):
    coop = make_cooperative()

    def count_queries() -> int:
        statements = []

        def listener(*args):
            statements.append(args[2])

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert english.get("/").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    make_product(coop, name="Satu")
    few = count_queries()
    for n in range(8):
        other = make_cooperative()
        product = make_product(other, name=f"Produk {n}")
        make_offer(make_member(other), product, 50)
    assert count_queries() == few


# --- pooled availability ------------------------------------------------------------------


def test_availability_sums_active_offers_of_active_members():
    coop = make_cooperative()
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    make_offer(make_member(coop), product, 60)
    make_offer(make_member(coop), product, 500, active=False)
    make_offer(make_member(coop, status="inactive"), product, 700)
    assert services.pooled_availability(product) == 160
    assert services.availability_for([product.id]) == {product.id: 160}


def test_availability_subtracts_orders_that_promise_capacity():
    coop = make_cooperative()
    product = make_product(coop)
    make_offer(make_member(coop), product, 1_000)
    for n, status in enumerate(PROMISING_STATUSES, start=1):
        make_order(product, 10 * n, status)
    promised = sum(10 * n for n in range(1, len(PROMISING_STATUSES) + 1))
    assert services.pooled_availability(product) == 1_000 - promised


@pytest.mark.parametrize(
    "status",
    [
        OrderStatus.CANCELLED,
        OrderStatus.REFUNDED,
        OrderStatus.READY,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.COMPLETED,
    ],
)
def test_orders_outside_promising_statuses_do_not_subtract(status):
    coop = make_cooperative()
    product = make_product(coop)
    make_offer(make_member(coop), product, 300)
    make_order(product, 200, status)
    assert services.pooled_availability(product) == 300


def test_availability_never_goes_below_zero():
    coop = make_cooperative()
    product = make_product(coop)
    make_offer(make_member(coop), product, 50)
    make_order(product, 80, OrderStatus.PLACED)
    assert services.pooled_availability(product) == 0


def test_availability_of_products_without_offers_is_zero():
    coop = make_cooperative()
    product = make_product(coop)
    make_order(product, 20, OrderStatus.PLACED)
    assert services.pooled_availability(product) == 0
    assert services.availability_for([]) == {}
    assert services.availability_for([999_999]) == {999_999: 0}


def test_availability_is_per_product_and_shown_on_the_page(english):
    coop = make_cooperative()
    dolls = make_product(coop, name="Boneka Beruang")
    batik = make_product(coop, name="Batik Cap", category_slug="batik", unit="meter")
    member = make_member(coop)
    make_offer(member, dolls, 400)
    make_offer(member, batik, 90)
    make_order(dolls, 150, OrderStatus.CONFIRMED)
    make_order(batik, 30, OrderStatus.CANCELLED)
    assert services.availability_for([dolls.id, batik.id]) == {dolls.id: 250, batik.id: 90}
    page = body(english.get(f"/produk/{coop.slug}/{dolls.slug}"))
    assert "250 pcs" in page


def test_availability_for_many_products_takes_two_queries():
    coop = make_cooperative()
    member = make_member(coop)
    products = [make_product(coop, name=f"Produk {n}") for n in range(12)]
    for product in products:
        make_offer(member, product, 10)
        make_order(product, 3, OrderStatus.PLACED)
    ids = [p.id for p in products]
    statements = []

    def listener(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        result = services.availability_for(iter(ids))
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert result == dict.fromkeys(ids, 7)
    assert len(statements) == 2


# --- categories ---------------------------------------------------------------------------


def test_ensure_categories_is_idempotent_and_keeps_existing_ones():
    from tests.factories import category

    category("boneka")  # made earlier by someone else, with its own names
    first = services.ensure_categories()
    second = services.ensure_categories()
    assert [c.slug for c in first] == [c.slug for c in second]
    assert db.session.query(Category).count() == 8
    assert {c.slug for c in second} == {
        "boneka",
        "batik",
        "kuliner",
        "kriya",
        "fotografi",
        "pertanian",
        "perkebunan",
        "perikanan",
    }
    kuliner = db.session.query(Category).filter_by(slug="kuliner").one()
    assert (kuliner.name_for("id"), kuliner.name_for("en")) == ("Kuliner", "Food")
    perikanan = db.session.query(Category).filter_by(slug="perikanan").one()
    assert perikanan.name_for("en") == "Fishery produce"
