"""Registering a cooperative, its admin dashboard and settings, and who may not see them."""

from dataclasses import fields, replace

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.cooperatives import queries, services
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_EXPIRY_HOURS
from marketplace.orders.models import Order
from marketplace.slugs import slugify
from tests.factories import (
    client_for,
    db_state,
    english_user,
    local_today,
    make_cooperative,
    make_member,
    make_product,
    make_user,
)

VALID = {
    "name": "Koperasi Boneka Bekasi",
    "kind": "producer",
    "legal_entity_number": "AHU-0001234.AH.01.26.TAHUN 2021",
    "nib": "9876 5432 10123",
    "npwp": "01.234.567.8-901.000",
    "province_code": "32",
    "regency_code": "32.75",  # Kota Bekasi
    "address": "Jl. Ahmad Yani 1",
    "time_zone": "Asia/Jakarta",
    "phone": "0812 3456 7890",
    "description": "Boneka dari bengkel-bengkel kecil.",
    "bank_name": "Bank BRI",
    "bank_account_number": "0123 4567 890",
    "bank_account_holder": "Koperasi Boneka Bekasi",
}


@pytest.fixture
def admin():
    return english_user("Ketua Koperasi")


@pytest.fixture
def coop(admin):
    return make_cooperative(admin=admin, status="verified")


# --- registration ---------------------------------------------------------------------------


def test_register_creates_a_pending_cooperative_with_the_user_as_admin(app):
    founder = english_user("Pendiri")
    client = client_for(app, founder)
    assert client.get("/koperasi/daftar").status_code == 200

    response = client.post("/koperasi/daftar", data=VALID)

    assert response.status_code == 302
    coop = db.session.scalars(select(Cooperative)).one()
    assert response.headers["Location"] == f"/kelola/{coop.slug}/"
    assert coop.slug == "koperasi-boneka-bekasi"
    assert coop.status == "pending"
    assert coop.verified_at is None
    assert coop.nib == "9876543210123"
    assert coop.npwp == "0012345678901000"
    assert coop.phone == "+6281234567890"
    assert coop.bank_account_number == "01234567890"
    assert coop.time_zone == "Asia/Jakarta"
    membership = db.session.scalars(select(Membership)).one()
    assert (membership.user_id, membership.role, membership.status) == (
        founder.id,
        "admin",
        "active",
    )
    assert membership.member_number == "ADM-001"
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "cooperative.registered" in actions

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "awaits verification by the platform admin" in page
    assert "will not appear in the catalogue" in page


def test_register_without_npwp_or_phone(app):
    client = client_for(app, english_user())
    response = client.post("/koperasi/daftar", data={**VALID, "npwp": "", "phone": ""})
    assert response.status_code == 302
    coop = db.session.scalars(select(Cooperative)).one()
    assert coop.npwp is None and coop.phone is None


def test_same_name_gets_a_different_slug(app):
    make_cooperative(slug="koperasi-boneka-bekasi", nib="1111111111111")
    client = client_for(app, english_user())
    client.post("/koperasi/daftar", data=VALID)
    slugs = set(db.session.scalars(select(Cooperative.slug)))
    assert slugs == {"koperasi-boneka-bekasi", "koperasi-boneka-bekasi-2"}


def test_slug_never_shadows_the_registration_page():
    assert slugify("Daftar!") == "daftar"
    founder = make_user()
    coop = services.register_cooperative(
        founder,
        services.CooperativeProfile(
            name="Daftar",
            kind="producer",
            province="Jawa Barat",
            regency="Kota Bekasi",
            time_zone="Asia/Jakarta",
            bank_name="Bank BRI",
            bank_account_number="0123456789",
            bank_account_holder="Koperasi Daftar",
        ),
        services.LegalIdentity(legal_entity_number="AHU-1", nib="1231231231231"),
    )
    assert coop.slug == "daftar-2"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("nib", "12345", "NIB must be 13 digits."),
        ("nib", "12345678901ab", "NIB must be 13 digits."),
        ("nib", "", "This field is required."),
        ("npwp", "1234567890", "NPWP must be 15 or 16 digits."),
        ("phone", "12", "Enter a valid phone number."),
        ("bank_account_number", "1234", "A bank account number has 5 to 20 digits."),
        ("bank_account_number", "12345abc", "A bank account number has 5 to 20 digits."),
        ("bank_account_number", "1" * 21, "A bank account number has 5 to 20 digits."),
        ("name", "", "This field is required."),
        ("legal_entity_number", "", "This field is required."),
        ("province_code", "", "Choose a province."),
        ("regency_code", "35.13", "does not lie in the region chosen above"),
        ("bank_account_holder", "", "This field is required."),
    ],
)
def test_register_shows_each_validation_message_next_to_its_field(app, field, value, message):
    client = client_for(app, english_user())
    before = db_state()
    response = client.post("/koperasi/daftar", data={**VALID, field: value})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert message in body
    assert f'id="{field}"' in body and "is-invalid" in body
    assert db_state() == before


def test_register_refuses_unknown_kind_and_time_zone(app):
    client = client_for(app, english_user())
    before = db_state()
    for field in ("kind", "time_zone"):
        response = client.post("/koperasi/daftar", data={**VALID, field: "nonsense"})
        assert response.status_code == 200
        assert "Not a valid choice" in response.get_data(as_text=True)
    assert db_state() == before


def test_register_refuses_a_duplicate_nib(app):
    make_cooperative(nib="9876543210123")
    client = client_for(app, english_user())
    before = db_state()
    response = client.post("/koperasi/daftar", data=VALID)
    assert response.status_code == 200
    assert "A cooperative with this NIB is already registered" in response.get_data(as_text=True)
    assert db_state() == before


def test_anonymous_visitor_is_sent_to_log_in_to_register(client):
    for method in (client.get, client.post):
        response = method("/koperasi/daftar", data=VALID)
        assert response.status_code == 302
        assert "/akun/masuk" in response.headers["Location"]
    assert db.session.scalar(select(Cooperative.id)) is None


# --- manage dashboard -------------------------------------------------------------------------


def test_dashboard_shows_counts_status_and_tabs(app, admin, coop):
    make_member(coop)
    make_member(coop)
    make_member(coop, status="inactive")
    make_product(coop)
    make_product(coop, status="draft")
    make_product(coop, status="archived")
    buyer = english_user("Pembeli")
    for n, status in enumerate(("placed", "confirmed", "completed", "cancelled")):
        db.session.add(
            Order(
                number=f"PK-{n}",
                buyer_id=buyer.id,
                cooperative_id=coop.id,
                status=status,
                subtotal=100,
                total=100,
                delivery_date=local_today(),
                recipient_name="X",
                recipient_phone="+6281234567890",
                delivery_address="Jl. X",
                postal_code="17113",
                idempotency_key=f"k{n}",
            )
        )
    db.session.commit()
    counts = queries.dashboard_counts(coop)
    assert counts == {
        "members": 3,  # the admin and two active members, as the members tab lists them
        "products": 2,
        "published_products": 1,
        "open_orders": 2,
        "open_invitations": 0,
    }
    body = client_for(app, admin).get(f"/kelola/{coop.slug}/").get_data(as_text=True)
    assert "Verified." in body
    for href in (
        f"/kelola/{coop.slug}/",
        f"/kelola/{coop.slug}/produk",
        f"/kelola/{coop.slug}/anggota",
        f"/kelola/{coop.slug}/pesanan",
        f"/kelola/{coop.slug}/pengaturan",
    ):
        assert f'href="{href}"' in body
    assert 'aria-current="page"' in body


def test_dashboard_banner_for_pending_and_rejected(app, admin):
    from marketplace.admin.services import reject_cooperative

    pending = make_cooperative(admin=admin, status="pending")
    client = client_for(app, admin)
    assert "Awaiting verification." in client.get(f"/kelola/{pending.slug}/").get_data(as_text=True)
    reject_cooperative(pending, english_user("Operator", is_platform_admin=True), "NIB tidak cocok")
    body = client.get(f"/kelola/{pending.slug}/").get_data(as_text=True)
    assert "Registration rejected." in body
    assert "NIB tidak cocok" in body


# --- settings ---------------------------------------------------------------------------------


def settings_data(coop, **changes):
    data = {
        name: getattr(coop, name) or ""
        for name in (
            *(f.name for f in fields(services.CooperativeProfile)),
            *services.LEGAL_FIELDS,
            "default_allocation_policy",
            "answer_deadline_hours",
        )
    }
    data.update(changes)
    return data


def test_settings_update_profile_bank_account_and_policy(app, admin, coop):
    client = client_for(app, admin)
    page = client.get(f"/kelola/{coop.slug}/pengaturan").get_data(as_text=True)
    assert coop.bank_account_number in page  # the cooperative's admins see it in full
    response = client.post(
        f"/kelola/{coop.slug}/pengaturan",
        data=settings_data(
            coop,
            description="Boneka rajut",
            bank_account_number="9988-7766-55",
            default_allocation_policy="rotation",
            time_zone="Asia/Makassar",
        ),
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert coop.description == "Boneka rajut"
    assert coop.bank_account_number == "9988776655"
    assert coop.default_allocation_policy == "rotation"
    assert coop.time_zone == "Asia/Makassar"
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "cooperative.updated")
    ).one()
    assert event.before["bank_account_number"] == "0123456789"
    assert event.after["bank_account_number"] == "9988776655"


def test_settings_validation_messages(app, admin, coop):
    client = client_for(app, admin)
    before = db_state()
    for field, value, message in [
        ("bank_account_number", "12", "A bank account number has 5 to 20 digits."),
        ("phone", "0000", "Enter a valid phone number."),
        ("default_allocation_policy", "random", "Not a valid choice"),
    ]:
        response = client.post(
            f"/kelola/{coop.slug}/pengaturan", data=settings_data(coop, **{field: value})
        )
        assert response.status_code == 200
        assert message in response.get_data(as_text=True)
    assert db_state() == before


def test_verified_cooperative_cannot_change_its_legal_identity(app, admin, coop):
    client = client_for(app, admin)
    page = client.get(f"/kelola/{coop.slug}/pengaturan").get_data(as_text=True)
    assert 'name="nib"' not in page and coop.nib in page
    client.post(f"/kelola/{coop.slug}/pengaturan", data=settings_data(coop, nib="5555555555555"))
    db.session.expire_all()
    assert coop.nib != "5555555555555"
    with pytest.raises(NotAllowed):
        services.update_cooperative(coop, admin, settings_with_nib(coop, "5555555555555"))


def settings_with_nib(coop, nib: str):
    """The cooperative's current settings as typed input, with another NIB."""
    profile = {f.name: getattr(coop, f.name) for f in fields(services.CooperativeProfile)}
    return services.CooperativeSettings(
        profile=services.CooperativeProfile(**profile),
        legal=services.LegalIdentity(coop.legal_entity_number, nib, coop.npwp),
        default_allocation_policy=coop.default_allocation_policy,
        answer_deadline_hours=coop.answer_deadline_hours,
    )


def test_suspended_cooperative_cannot_change_its_legal_identity_either(app, admin):
    suspended = make_cooperative(admin=admin, status="suspended")
    client = client_for(app, admin)
    page = client.get(f"/kelola/{suspended.slug}/pengaturan").get_data(as_text=True)
    assert 'name="nib"' not in page and suspended.nib in page
    before = db_state()
    with pytest.raises(NotAllowed):
        services.update_cooperative(suspended, admin, settings_with_nib(suspended, "5555555555555"))
    assert db_state() == before


def test_pending_cooperative_may_fix_its_nib_but_not_to_a_taken_one(app, admin):
    make_cooperative(nib="4444444444444")
    pending = make_cooperative(admin=admin, status="pending")
    client = client_for(app, admin)
    before = db_state()
    response = client.post(
        f"/kelola/{pending.slug}/pengaturan", data=settings_data(pending, nib="4444444444444")
    )
    assert "A cooperative with this NIB is already registered" in response.get_data(as_text=True)
    assert db_state() == before
    response = client.post(
        f"/kelola/{pending.slug}/pengaturan", data=settings_data(pending, nib="3333333333333")
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert pending.nib == "3333333333333"


def test_saving_a_rejected_cooperative_sends_it_back_for_verification(app, admin):
    rejected = make_cooperative(admin=admin, status="rejected")
    client = client_for(app, admin)
    client.post(f"/kelola/{rejected.slug}/pengaturan", data=settings_data(rejected))
    db.session.expire_all()
    assert rejected.status == "pending"
    assert db.session.scalar(
        select(AuditEvent.id).where(AuditEvent.action == "cooperative.resubmitted")
    )


# --- who may not ------------------------------------------------------------------------------

# Who may not use these pages: tests/integration/security/test_admin_refusals.py (every admin
# endpoint x every outsider, nothing changed).


def test_unknown_cooperative_is_404(app, admin):
    assert client_for(app, admin).get("/kelola/tidak-ada/").status_code == 404


# --- the service keeps the rules whatever its caller -----------------------------------------


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "nonsense"}, "kind"),
        ({"time_zone": "Europe/Amsterdam"}, "time_zone"),
        ({"answer_deadline_hours": 0}, "answer_deadline_hours"),
        ({"answer_deadline_hours": MAX_EXPIRY_HOURS + 1}, "answer_deadline_hours"),
        ({"unpaid_expiry_hours": 2**40}, "unpaid_expiry_hours"),
    ],
)
def test_settings_service_refuses_what_the_form_would(app, admin, coop, changes, field):
    current = settings_with_nib(coop, coop.nib)
    profile_changes = {k: v for k, v in changes.items() if k in ("kind", "time_zone")}
    settings = replace(
        current,
        profile=replace(current.profile, **profile_changes),
        **{k: v for k, v in changes.items() if k not in profile_changes},
    )
    before = db_state()
    with pytest.raises(ValidationFailed) as refused:
        services.update_cooperative(coop, admin, settings)
    assert refused.value.field == field
    assert db_state() == before


def test_register_service_refuses_an_unknown_time_zone(app):
    founder = make_user()
    before = db_state()
    with pytest.raises(ValidationFailed) as refused:
        services.register_cooperative(
            founder,
            services.CooperativeProfile(
                name="Koperasi Jauh",
                kind="producer",
                province="Jawa Barat",
                regency="Kota Bekasi",
                time_zone="Mars/Olympus",
                bank_name="Bank BRI",
                bank_account_number="0123456789",
                bank_account_holder="Koperasi Jauh",
            ),
            services.LegalIdentity(legal_entity_number="AHU-2", nib="3213213213213"),
        )
    assert refused.value.field == "time_zone"
    assert db_state() == before
