"""Cooperative admins manage their products; nobody else may."""

import html
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.catalogue import services
from marketplace.catalogue.models import Category, Product
from marketplace.catalogue.pricing import Tier
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from tests.factories import (
    login,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    make_user,
)
from tests.fixtures.refusals import assert_refused


def body(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def use_english(client) -> None:
    """Before a test's first request: the locale is then kept for the whole test."""
    with client.session_transaction() as session:
        session["lang"] = "en"


@pytest.fixture
def world(client):
    services.ensure_categories()
    categories = {c.slug: c for c in db.session.scalars(select(Category))}
    admin = make_user("Admin Bekasi", locale="en")
    coop = make_cooperative(admin, name="Koperasi Boneka Bekasi")
    use_english(client)
    return SimpleNamespace(admin=admin, coop=coop, categories=categories, client=client)


@pytest.fixture
def admin_client(world):
    login(world.client, world.admin)
    return world.client


def product_form(category: Category, **overrides) -> dict:
    data = {
        "name": "Boneka Kelinci",
        "category_id": str(category.id),
        "kind": "goods",
        "unit": "pcs",
        "order_step": "10",
        "min_order_quantity": "20",
        "lead_time_days": "14",
        "description": "Boneka kelinci dari kain flanel.",
        "pirt_number": "",
        "bpom_number": "",
        "halal_number": "",
        "sni_number": "SNI ISO 8124-1:2010",
        "tiers-0-min_quantity": "20",
        "tiers-0-unit_price": "50.000",
        "tiers-1-min_quantity": "100",
        "tiers-1-unit_price": "45.000",
    }
    # A browser sends every row of the price table, the blank ones too.
    for row in range(2, 5):
        data[f"tiers-{row}-min_quantity"] = ""
        data[f"tiers-{row}-unit_price"] = ""
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def tiers_of(product: Product) -> list[tuple[int, int]]:
    db.session.refresh(product)
    return [(t.min_quantity, t.unit_price) for t in product.price_tiers]


def audit_actions(product: Product) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEvent.action)
            .where(AuditEvent.entity_type == "Product", AuditEvent.entity_id == product.id)
            .order_by(AuditEvent.id)
        )
    )


# --- creating -----------------------------------------------------------------------------


def test_admin_creates_a_draft_product(world, admin_client):
    url = f"/kelola/{world.coop.slug}/produk/baru"
    assert admin_client.get(url).status_code == 200

    response = admin_client.post(url, data=product_form(world.categories["boneka"]))

    assert response.status_code == 302
    assert response.headers["Location"] == f"/kelola/{world.coop.slug}/produk"
    product = db.session.scalars(select(Product)).one()
    assert product.cooperative_id == world.coop.id
    assert (product.name, product.slug, product.status) == (
        "Boneka Kelinci",
        "boneka-kelinci",
        "draft",
    )
    assert product.category.slug == "boneka"
    assert (product.kind, product.unit) == ("goods", "pcs")
    assert (product.order_step, product.min_order_quantity, product.lead_time_days) == (10, 20, 14)
    assert product.description == "Boneka kelinci dari kain flanel."
    assert product.sni_number == "SNI ISO 8124-1:2010"
    assert product.pirt_number is None and product.bpom_number is None
    assert tiers_of(product) == [(20, 50_000), (100, 45_000)]
    assert audit_actions(product) == ["product.created"]
    event = db.session.scalars(select(AuditEvent)).one()
    assert event.actor_id == world.admin.id
    assert event.cooperative_id == world.coop.id
    assert event.after["tiers"] == [[20, 50_000], [100, 45_000]]

    page = body(admin_client.get(response.headers["Location"]))
    assert "Boneka Kelinci" in page and "Draft" in page
    assert "saved as a draft" in page
    # A draft is not in the public catalogue.
    assert admin_client.get(f"/produk/{world.coop.slug}/boneka-kelinci").status_code == 404


def test_identifiers_and_amounts_are_normalised_and_blank_rows_ignored(world, admin_client):
    data = product_form(
        world.categories["kuliner"],
        name="Keripik Tempe Ñam-ñam",
        unit="kg",
        order_step="5",
        min_order_quantity="10",
        pirt_number="P-IRT No. 2063275010123-26",
        bpom_number="BPOM RI MD 2245 1000 1037",
        halal_number="ID31110000123450321",
        sni_number="",
        **{
            "tiers-0-min_quantity": "10",
            "tiers-0-unit_price": "Rp 1.500.000",
            "tiers-1-min_quantity": "",
            "tiers-1-unit_price": "",
            "tiers-3-min_quantity": "1000",
            "tiers-3-unit_price": "1,200,000",
        },
    )
    response = admin_client.post(f"/kelola/{world.coop.slug}/produk/baru", data=data)
    assert response.status_code == 302, body(response)
    product = db.session.scalars(select(Product)).one()
    assert product.slug == "keripik-tempe-nam-nam"
    assert product.pirt_number == "206327501012326"
    assert product.bpom_number == "MD224510001037"
    assert product.halal_number == "ID31110000123450321"
    assert product.sni_number is None
    assert tiers_of(product) == [(10, 1_500_000), (1_000, 1_200_000)]


def test_slugs_are_unique_within_a_cooperative_only(world, admin_client):
    url = f"/kelola/{world.coop.slug}/produk/baru"
    for _ in range(3):
        admin_client.post(url, data=product_form(world.categories["boneka"]))
    slugs = sorted(p.slug for p in db.session.scalars(select(Product)))
    assert slugs == ["boneka-kelinci", "boneka-kelinci-2", "boneka-kelinci-3"]

    other = make_cooperative(make_user())
    data = services.ProductData(
        name="Boneka Kelinci",
        category_id=world.categories["boneka"].id,
        kind="goods",
        unit="pcs",
        order_step=1,
        min_order_quantity=1,
        lead_time_days=7,
        tiers=(Tier(1, 10_000),),
    )
    assert services.create_product(other, world.admin, data).slug == "boneka-kelinci"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Batik Tulis Motif Bromo", "batik-tulis-motif-bromo"),
        ("  Kopi   Robusta -- Grade 1 ", "kopi-robusta-grade-1"),
        ("Sambal Bu Ñoñi & Co.", "sambal-bu-noni-co"),
        ("!!!", "produk"),
    ],
)
def test_slugify(name, slug):
    assert services.product_slug(name) == slug


# --- validation ---------------------------------------------------------------------------

TOO_LARGE = "This number is too large."


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter the product name."),
        ({"name": "x" * 161}, "Field cannot be longer than 160 characters."),
        ({"category_id": ""}, "Choose a category."),
        ({"category_id": "99999"}, "Not a valid choice."),
        ({"kind": "barang"}, "Not a valid choice."),
        ({"unit": "liter"}, "Not a valid choice."),
        ({"order_step": ""}, "This field is required."),
        ({"order_step": "0"}, "Enter a whole number of at least 1."),
        ({"order_step": "-10"}, "Enter a whole number of at least 1."),
        ({"order_step": "2.5"}, "Enter a whole number."),
        ({"order_step": "sepuluh"}, "Enter a whole number."),
        ({"order_step": "10000001"}, TOO_LARGE),
        ({"min_order_quantity": "0"}, "Enter a whole number of at least 1."),
        (
            {"min_order_quantity": "25"},
            "The minimum order quantity must be a multiple of the order step.",
        ),
        ({"min_order_quantity": "99999999999999999999"}, TOO_LARGE),
        ({"lead_time_days": ""}, "This field is required."),
        ({"lead_time_days": "-1"}, "Enter a whole number of at least 0."),
        ({"lead_time_days": "366"}, TOO_LARGE),
        ({"tiers-0-unit_price": "0"}, "Enter a whole number of at least 1."),
        ({"tiers-0-unit_price": "10.000.000.001"}, TOO_LARGE),
        ({"tiers-0-unit_price": "lima puluh ribu"}, "Enter a whole number."),
        ({"tiers-1-min_quantity": "0"}, "Enter a whole number of at least 1."),
        ({"tiers-1-min_quantity": "10000001"}, TOO_LARGE),
        ({"tiers-1-min_quantity": ""}, "Enter both the quantity and the unit price"),
        ({"tiers-0-unit_price": ""}, "Enter both the quantity and the unit price"),
        (
            {"tiers-0-min_quantity": "100", "tiers-1-min_quantity": "20"},
            "List the tiers from the smallest quantity up",
        ),
        (
            {"tiers-1-min_quantity": "20"},
            "List the tiers from the smallest quantity up",
        ),
        (
            {"tiers-0-min_quantity": "30"},
            "The first tier must start at or below the minimum order quantity",
        ),
        (
            {"tiers-1-unit_price": "55.000"},
            "A larger quantity must not cost more per unit than a smaller one.",
        ),
        ({"pirt_number": "12345678901234"}, "A P-IRT number has 15 or more digits."),
        ({"pirt_number": "P-IRT 12345ABC9012345"}, "A P-IRT number has 15 or more digits."),
        ({"pirt_number": "1" * 21}, "A P-IRT number has 15 or more digits."),
        ({"bpom_number": "MD12345678901"}, "A BPOM number is MD or ML followed by 12 digits."),
        ({"bpom_number": "MX123456789012"}, "A BPOM number is MD or ML followed by 12 digits."),
        ({"bpom_number": "123456789012"}, "A BPOM number is MD or ML followed by 12 digits."),
        ({"halal_number": "H" * 41}, "Field cannot be longer than 40 characters."),
        ({"sni_number": "S" * 41}, "Field cannot be longer than 40 characters."),
    ],
)
def test_invalid_input_is_refused_with_a_message_next_to_the_field(
    world, admin_client, overrides, message
):
    response = admin_client.post(
        f"/kelola/{world.coop.slug}/produk/baru",
        data=product_form(world.categories["boneka"], **overrides),
    )
    assert response.status_code == 200
    page = body(response)
    assert message in page
    # The message is shown as the feedback of a field (or of the price table).
    feedback_start = page.rindex("invalid-feedback", 0, page.index(message))
    assert page.index(message) - feedback_start < 40
    assert "Please correct the marked fields." in page
    assert db.session.scalars(select(Product)).first() is None
    assert db.session.scalars(select(AuditEvent)).first() is None


def test_every_tier_problem_is_listed(world, admin_client):
    response = admin_client.post(
        f"/kelola/{world.coop.slug}/produk/baru",
        data=product_form(
            world.categories["boneka"],
            **{
                "tiers-0-min_quantity": "100",
                "tiers-0-unit_price": "45.000",
                "tiers-1-min_quantity": "50",
                "tiers-1-unit_price": "50.000",
                "tiers-2-min_quantity": "200",
                "tiers-2-unit_price": "60.000",
            },
        ),
    )
    page = body(response)
    assert "List the tiers from the smallest quantity up" in page
    assert "The first tier must start at or below the minimum order quantity" in page
    assert "A larger quantity must not cost more per unit" in page
    assert db.session.scalars(select(Product)).first() is None


def test_a_product_may_be_saved_without_tiers_as_a_draft(world, admin_client):
    data = product_form(
        world.categories["boneka"],
        **{
            "tiers-0-min_quantity": "",
            "tiers-0-unit_price": "",
            "tiers-1-min_quantity": "",
            "tiers-1-unit_price": "",
        },
    )
    assert admin_client.post(f"/kelola/{world.coop.slug}/produk/baru", data=data).status_code == 302
    assert tiers_of(db.session.scalars(select(Product)).one()) == []


def test_services_check_the_rules_too(world):
    base = dict(
        name="Boneka",
        category_id=world.categories["boneka"].id,
        kind="goods",
        unit="pcs",
        order_step=10,
        min_order_quantity=20,
        lead_time_days=7,
        tiers=(Tier(20, 50_000),),
    )
    cases = [
        ({"name": "  "}, "name"),
        ({"category_id": 99_999}, "category_id"),
        ({"kind": "barang"}, "kind"),
        ({"unit": "liter"}, "unit"),
        ({"order_step": 0}, "order_step"),
        ({"min_order_quantity": 25}, "min_order_quantity"),
        ({"lead_time_days": -1}, "lead_time_days"),
        ({"tiers": (Tier(30, 50_000),)}, "tiers"),
        ({"tiers": (Tier(20, 50_000), Tier(100, 60_000))}, "tiers"),
    ]
    for overrides, field in cases:
        with pytest.raises(ValidationFailed) as caught:
            services.create_product(
                world.coop, world.admin, services.ProductData(**{**base, **overrides})
            )
        assert caught.value.field == field, overrides
    assert db.session.scalars(select(Product)).first() is None


# --- editing ------------------------------------------------------------------------------


def test_admin_edits_a_product_and_its_tiers(world, admin_client):
    product = make_product(world.coop, name="Boneka Beruang", status="draft")
    url = f"/kelola/{world.coop.slug}/produk/{product.id}/ubah"

    page = body(admin_client.get(url))
    assert 'value="Boneka Beruang"' in page
    assert 'name="tiers-1-min_quantity" type="number" value="100"' in page
    assert 'value="45000"' in page

    response = admin_client.post(
        url,
        data=product_form(
            world.categories["boneka"],
            name="Boneka Beruang Jumbo",
            unit="kodi",
            order_step="1",
            min_order_quantity="2",
            **{
                # Same first quantity with a new price, and a new tier: rows are replaced.
                "tiers-0-min_quantity": "20",
                "tiers-0-unit_price": "48.000",
                "tiers-1-min_quantity": "50",
                "tiers-1-unit_price": "46.000",
                "tiers-2-min_quantity": "100",
                "tiers-2-unit_price": "44.000",
            },
        ),
    )
    assert response.status_code == 200  # the first tier starts above the new MOQ of 2
    assert "The first tier must start at or below" in body(response)

    response = admin_client.post(
        url,
        data=product_form(
            world.categories["boneka"],
            name="Boneka Beruang Jumbo",
            unit="kodi",
            order_step="1",
            min_order_quantity="20",
            **{
                "tiers-0-min_quantity": "20",
                "tiers-0-unit_price": "48.000",
                "tiers-1-min_quantity": "50",
                "tiers-1-unit_price": "46.000",
                "tiers-2-min_quantity": "100",
                "tiers-2-unit_price": "44.000",
            },
        ),
    )
    assert response.status_code == 302
    db.session.refresh(product)
    assert (product.name, product.unit, product.order_step) == ("Boneka Beruang Jumbo", "kodi", 1)
    assert product.slug == "boneka-beruang-jumbo"  # a draft follows its name
    assert tiers_of(product) == [(20, 48_000), (50, 46_000), (100, 44_000)]
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "product.updated")
    ).one()
    assert event.before["name"] == "Boneka Beruang"
    assert event.before["tiers"] == [[20, 50_000], [100, 45_000]]
    assert event.after["tiers"] == [[20, 48_000], [50, 46_000], [100, 44_000]]
    assert "changes to Boneka Beruang Jumbo are saved" in body(
        admin_client.get("/kelola/" + world.coop.slug + "/produk")
    )


def test_a_published_product_keeps_its_slug_and_must_stay_publishable(world, admin_client):
    product = make_product(world.coop, name="Boneka Beruang")
    old_slug = product.slug
    url = f"/kelola/{world.coop.slug}/produk/{product.id}/ubah"

    response = admin_client.post(
        url, data=product_form(world.categories["boneka"], name="Boneka Beruang Baru")
    )
    assert response.status_code == 302
    db.session.refresh(product)
    assert (product.name, product.slug) == ("Boneka Beruang Baru", old_slug)

    no_tiers = product_form(
        world.categories["boneka"],
        name="Tanpa Harga",
        **{
            "tiers-0-min_quantity": "",
            "tiers-0-unit_price": "",
            "tiers-1-min_quantity": "",
            "tiers-1-unit_price": "",
        },
    )
    response = admin_client.post(url, data=no_tiers)
    assert response.status_code == 200
    assert "Add at least one price tier before publishing." in body(response)
    db.session.refresh(product)
    assert product.name == "Boneka Beruang Baru"
    assert tiers_of(product) == [(20, 50_000), (100, 45_000)]

    food = product_form(world.categories["kuliner"], name="Jadi Makanan")
    response = admin_client.post(url, data=food)
    assert response.status_code == 200
    assert "needs its P-IRT or BPOM number" in body(response)
    db.session.refresh(product)
    assert product.category.slug == "boneka"


# --- status -------------------------------------------------------------------------------


def test_publish_unpublish_archive_and_restore(world, admin_client):
    product = make_product(world.coop, name="Boneka Beruang", status="draft")
    status_url = f"/kelola/{world.coop.slug}/produk/{product.id}/status"
    public_url = f"/produk/{world.coop.slug}/{product.slug}"

    response = admin_client.post(status_url, data={"status": "published"})
    assert response.headers["Location"] == f"/kelola/{world.coop.slug}/produk"
    db.session.refresh(product)
    assert product.status == "published"
    assert "Boneka Beruang is now in the catalogue." in body(
        admin_client.get(f"/kelola/{world.coop.slug}/produk")
    )
    assert admin_client.get(public_url).status_code == 200

    admin_client.post(status_url, data={"status": "draft"})
    db.session.refresh(product)
    assert product.status == "draft"
    assert admin_client.get(public_url).status_code == 404

    # The archive button (macros.confirm_post) sends its status in the query string.
    manage_page = body(admin_client.get(f"/kelola/{world.coop.slug}/produk"))
    assert f'action="{status_url}?status=archived"' in manage_page
    assert "data-confirm=" in manage_page
    admin_client.post(f"{status_url}?status=archived")
    db.session.refresh(product)
    assert product.status == "archived"

    admin_client.post(status_url, data={"status": "draft"})
    db.session.refresh(product)
    assert product.status == "draft"
    assert audit_actions(product) == ["product.status_changed"] * 4
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [(e.before["status"], e.after["status"]) for e in events] == [
        ("draft", "published"),
        ("published", "draft"),
        ("draft", "archived"),
        ("archived", "draft"),
    ]


def test_publishing_needs_a_price(world, admin_client):
    product = make_product(world.coop, status="draft", tiers=())
    admin_client.post(
        f"/kelola/{world.coop.slug}/produk/{product.id}/status", data={"status": "published"}
    )
    db.session.refresh(product)
    assert product.status == "draft"
    page = body(admin_client.get(f"/kelola/{world.coop.slug}/produk"))
    assert "Add at least one price tier before publishing." in page
    assert audit_actions(product) == []


@pytest.mark.parametrize(
    ("permits", "published"),
    [
        ({}, False),
        ({"halal_number": "ID123", "sni_number": "SNI 1"}, False),
        ({"pirt_number": "206327501012326"}, True),
        ({"bpom_number": "MD224510001037"}, True),
    ],
)
def test_food_needs_a_pirt_or_bpom_number_to_be_published(world, admin_client, permits, published):
    product = make_product(
        world.coop, name="Keripik Tempe", category_slug="kuliner", status="draft", **permits
    )
    admin_client.post(
        f"/kelola/{world.coop.slug}/produk/{product.id}/status", data={"status": "published"}
    )
    db.session.refresh(product)
    assert product.is_published is published
    if not published:
        page = body(admin_client.get(f"/kelola/{world.coop.slug}/produk"))
        assert "A food product needs its P-IRT or BPOM number" in page


def test_an_archived_product_cannot_be_published_directly(world, admin_client):
    product = make_product(world.coop, status="archived")
    admin_client.post(
        f"/kelola/{world.coop.slug}/produk/{product.id}/status", data={"status": "published"}
    )
    db.session.refresh(product)
    assert product.status == "archived"
    assert "cannot change from Archived to Published" in body(
        admin_client.get(f"/kelola/{world.coop.slug}/produk")
    )


def test_an_unknown_status_is_a_bad_request(world, admin_client):
    product = make_product(world.coop, status="draft")
    url = f"/kelola/{world.coop.slug}/produk/{product.id}/status"
    assert admin_client.post(url, data={"status": "deleted"}).status_code == 400
    assert admin_client.post(url).status_code == 400
    db.session.refresh(product)
    assert product.status == "draft"


def test_status_service_refuses_impossible_changes(world):
    product = make_product(world.coop, status="published")
    with pytest.raises(InvalidTransition):
        services.set_product_status(product, world.admin, "published")
    with pytest.raises(InvalidTransition):
        services.set_product_status(product, world.admin, "deleted")
    assert product.status == "published"


# --- the list -----------------------------------------------------------------------------


def test_manage_list_shows_own_products_with_status_price_and_availability(world, admin_client):
    dolls = make_product(world.coop, name="Boneka Beruang", tiers=((20, 50_000), (100, 45_000)))
    make_product(world.coop, name="Boneka Draf", status="draft")
    make_product(world.coop, name="Boneka Arsip", status="archived")
    make_offer(make_member(world.coop), dolls, 1_234)
    make_product(make_cooperative(make_user()), name="Produk Koperasi Lain")

    page = body(admin_client.get(f"/kelola/{world.coop.slug}/produk"))
    for text in ("Boneka Beruang", "Boneka Draf", "Boneka Arsip", "Published", "Draft", "Archived"):
        assert text in page
    assert "Rp45,000" in page
    assert "1,234" in page
    assert "Produk Koperasi Lain" not in page
    assert f"/kelola/{world.coop.slug}/produk/{dolls.id}/ubah" in page


def test_manage_list_empty_state_invites_to_add_a_product(world, admin_client):
    page = body(admin_client.get(f"/kelola/{world.coop.slug}/produk"))
    assert "no products yet" in page
    assert f'href="/kelola/{world.coop.slug}/produk/baru"' in page


def test_manage_list_paginates(app, world, admin_client, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    for n in range(5):
        make_product(world.coop, name=f"Produk {n}")
    first = body(admin_client.get(f"/kelola/{world.coop.slug}/produk"))
    assert "1 / 3" in first
    assert "Produk 0" in first and "Produk 2" not in first
    assert "Produk 4" in body(admin_client.get(f"/kelola/{world.coop.slug}/produk?page=3"))


# --- who may not --------------------------------------------------------------------------

ENDPOINTS = [
    ("get", "/kelola/{slug}/produk"),
    ("get", "/kelola/{slug}/produk/baru"),
    ("post", "/kelola/{slug}/produk/baru"),
    ("get", "/kelola/{slug}/produk/{product_id}/ubah"),
    ("post", "/kelola/{slug}/produk/{product_id}/ubah"),
    ("post", "/kelola/{slug}/produk/{product_id}/status"),
    ("post", "/kelola/{slug}/produk/{product_id}/status?status=archived"),
]


def _state():
    products = db.session.scalars(select(Product).order_by(Product.id)).all()
    return (
        [
            (
                p.id,
                p.name,
                p.status,
                p.slug,
                [(t.min_quantity, t.unit_price) for t in p.price_tiers],
            )
            for p in products
        ],
        db.session.query(AuditEvent).count(),
    )


@pytest.mark.parametrize("who", ["anonymous", "buyer", "member", "inactive_admin", "other_admin"])
@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_nobody_but_the_cooperative_admins_may_manage_its_products(app, world, who, method, path):
    product = make_product(world.coop, name="Boneka Beruang", status="draft")
    url = path.format(slug=world.coop.slug, product_id=product.id)
    data = product_form(world.categories["boneka"], name="Diretas") if method == "post" else None
    if path.endswith("/status"):
        data = {"status": "published"}
    assert_refused(app, method, url, coop=world.coop, roles=(who,), data=data)


@pytest.mark.parametrize(("method", "path"), [e for e in ENDPOINTS if "{product_id}" in e[1]])
def test_an_admin_cannot_reach_another_cooperatives_product_under_their_own_slug(
    world, admin_client, method, path
):
    other = make_cooperative(make_user(), name="Koperasi Lain")
    foreign = make_product(other, name="Produk Lain", status="draft")
    before = _state()
    url = path.format(slug=world.coop.slug, product_id=foreign.id)
    data = product_form(world.categories["boneka"], name="Diretas") if method == "post" else None
    if path.endswith("/status"):
        data = {"status": "published"}
    response = getattr(admin_client, method)(url, data=data)
    assert response.status_code == 404
    db.session.expire_all()
    assert _state() == before


def test_unknown_cooperative_or_product_is_404(world, admin_client):
    assert admin_client.get("/kelola/tidak-ada/produk").status_code == 404
    assert admin_client.get(f"/kelola/{world.coop.slug}/produk/99999/ubah").status_code == 404


def test_dolls_need_their_sni_number_to_be_published(world, admin_client):
    product = make_product(world.coop, name="Boneka Tanpa SNI", status="draft", sni_number=None)
    status_url = f"/kelola/{world.coop.slug}/produk/{product.id}/status"
    response = admin_client.post(status_url, data={"status": "published"}, follow_redirects=True)
    assert "need their SNI number" in body(response)
    db.session.refresh(product)
    assert product.status == "draft"
