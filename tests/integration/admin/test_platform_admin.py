"""The platform admin verifies or rejects registered cooperatives; nobody else sees this."""

import pytest
from sqlalchemy import select

from marketplace.admin import services
from marketplace.audit.models import AuditEvent
from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from tests.factories import client_for, db_state, english_user, make_cooperative


@pytest.fixture
def operator():
    return english_user("Operator Dinas", is_platform_admin=True)


@pytest.fixture
def pending():
    return make_cooperative(admin=english_user("Ketua"), status="pending", name="Koperasi Menunggu")


def test_list_shows_pending_first_and_filters_by_status(app, operator, pending):
    make_cooperative(status="verified", name="Koperasi Terverifikasi")
    make_cooperative(status="rejected", name="Koperasi Ditolak")
    client = client_for(app, operator)
    body = client.get("/admin/koperasi").get_data(as_text=True)
    assert body.index("Koperasi Menunggu") < body.index("Koperasi Terverifikasi")
    assert body.index("Koperasi Menunggu") < body.index("Koperasi Ditolak")
    only_verified = client.get("/admin/koperasi?status=verified").get_data(as_text=True)
    assert "Koperasi Terverifikasi" in only_verified
    assert "Koperasi Menunggu" not in only_verified
    # An unknown filter shows everything rather than failing.
    assert "Koperasi Ditolak" in client.get("/admin/koperasi?status=nonsense").get_data(
        as_text=True
    )


def test_list_is_paginated(app, operator):
    app.config["PAGE_SIZE"], size = 2, app.config["PAGE_SIZE"]
    try:
        for _ in range(3):
            make_cooperative(status="pending")
        client = client_for(app, operator)
        assert "1 / 2" in client.get("/admin/koperasi").get_data(as_text=True)
        assert "2 / 2" in client.get("/admin/koperasi?page=2").get_data(as_text=True)
    finally:
        app.config["PAGE_SIZE"] = size


def test_detail_page_shows_the_legal_identity_and_masks_the_bank_account(app, operator, pending):
    body = client_for(app, operator).get(f"/admin/koperasi/{pending.id}").get_data(as_text=True)
    assert pending.nib in body and pending.legal_entity_number in body
    assert pending.bank_account_number not in body
    assert pending.bank_account_number[-4:] in body


def test_platform_admin_verifies_a_pending_cooperative(app, operator, pending):
    response = client_for(app, operator).post(f"/admin/koperasi/{pending.id}/verifikasi")
    assert response.status_code == 302
    db.session.expire_all()
    assert pending.status == "verified"
    assert pending.verified_at is not None
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "cooperative.verified")
    ).one()
    assert event.actor_id == operator.id and event.cooperative_id == pending.id


def test_platform_admin_rejects_with_a_reason(app, operator, pending):
    client = client_for(app, operator)
    response = client.post(
        f"/admin/koperasi/{pending.id}/tolak", data={"reason": "NIB tidak terdaftar di OSS"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert pending.status == "rejected" and pending.verified_at is None
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "cooperative.rejected")
    ).one()
    assert event.after["reason"] == "NIB tidak terdaftar di OSS"


def test_rejection_needs_a_reason(app, operator, pending):
    client = client_for(app, operator)
    before = db_state()
    response = client.post(f"/admin/koperasi/{pending.id}/tolak", data={"reason": "  "})
    assert response.status_code == 200
    assert "Give a reason for the rejection." in response.get_data(as_text=True)
    assert db_state() == before
    with pytest.raises(ValidationFailed):
        services.reject_cooperative(pending, operator, "")


@pytest.mark.parametrize("status", ["verified", "rejected", "suspended"])
def test_only_pending_cooperatives_can_be_verified_or_rejected(app, operator, status):
    coop = make_cooperative(status=status)
    client = client_for(app, operator)
    before = db_state()
    response = client.post(f"/admin/koperasi/{coop.id}/verifikasi", follow_redirects=True)
    assert "Only a cooperative awaiting verification can be verified." in response.get_data(
        as_text=True
    )
    client.post(f"/admin/koperasi/{coop.id}/tolak", data={"reason": "x"})
    assert db_state() == before
    with pytest.raises(InvalidTransition):
        services.verify_cooperative(coop, operator)
    with pytest.raises(InvalidTransition):
        services.reject_cooperative(coop, operator, "x")


def test_unknown_cooperative_is_404(app, operator):
    client = client_for(app, operator)
    assert client.get("/admin/koperasi/999999").status_code == 404
    assert client.post("/admin/koperasi/999999/verifikasi").status_code == 404


# Who may not use these pages: tests/integration/security/test_admin_refusals.py (every admin
# endpoint x every outsider, nothing changed).
