"""Members list, invitations (create, share, revoke, join) and deactivating members."""

import email
from datetime import timedelta
from email import policy
from urllib.parse import unquote

import pytest
from sqlalchemy import func, select

from marketplace.cooperatives import services
from marketplace.cooperatives.models import Invitation, Membership, SupplyOffer
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed
from marketplace.extensions import db
from tests.factories import (
    client_for,
    db_state,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    make_user,
)


@pytest.fixture
def admin():
    return english_user("Ketua")


@pytest.fixture
def coop(admin):
    return make_cooperative(admin=admin, name="Koperasi Boneka Bekasi")


def invite(app, coop, admin, **data) -> Invitation:
    values = {"name": "Siti", "business_name": "Boneka Siti", "role": "member"}
    values.update(data)
    with app.test_request_context():
        return services.invite_member(coop, admin, services.InvitationData(**values))


# --- members list ---------------------------------------------------------------------------


def test_members_page_lists_members_with_full_phone_for_admins(app, admin, coop):
    siti = make_member(
        coop, user=english_user("Siti", phone="+6281234567890"), business_name="Boneka Siti"
    )
    body = client_for(app, admin).get(f"/kelola/{coop.slug}/anggota").get_data(as_text=True)
    assert "Siti" in body and "Boneka Siti" in body and siti.member_number in body
    # Shown as people write it, linked in E.164 for the phone and WhatsApp.
    assert "0812-3456-7890" in body
    assert 'href="tel:+6281234567890"' in body and 'href="https://wa.me/6281234567890"' in body


def test_members_page_is_paginated(app, admin, coop):
    app.config["PAGE_SIZE"], size = 3, app.config["PAGE_SIZE"]
    try:
        for _ in range(4):
            make_member(coop)
        client = client_for(app, admin)
        first = client.get(f"/kelola/{coop.slug}/anggota").get_data(as_text=True)
        assert "1 / 2" in first
        second = client.get(f"/kelola/{coop.slug}/anggota?page=2").get_data(as_text=True)
        assert "2 / 2" in second
        assert client.get(f"/kelola/{coop.slug}/anggota?page=99").status_code == 200
    finally:
        app.config["PAGE_SIZE"] = size


# --- creating and sharing an invitation -----------------------------------------------------


def test_admin_creates_an_invitation_and_gets_a_shareable_link(app, admin, coop):
    client = client_for(app, admin)
    assert client.get(f"/kelola/{coop.slug}/anggota/undang").status_code == 200
    response = client.post(
        f"/kelola/{coop.slug}/anggota/undang",
        data={
            "name": "Siti",
            "business_name": "Boneka Siti",
            "phone": "0812 3456 7890",
            "email": "",
            "role": "member",
        },
    )
    assert response.status_code == 302
    invitation = db.session.scalars(select(Invitation)).one()
    assert len(invitation.token) >= 40
    assert invitation.phone == "+6281234567890"
    assert invitation.invited_by_id == admin.id
    days = app.config["INVITATION_DAYS"]
    assert abs(invitation.expires_at - (utcnow() + timedelta(days=days))) < timedelta(minutes=1)
    assert response.headers["Location"] == f"/kelola/{coop.slug}/undangan/{invitation.id}"

    body = client.get(response.headers["Location"]).get_data(as_text=True)
    link = f"http://localhost/gabung/{invitation.token}"
    assert f'value="{link}"' in body
    assert "Copy link" in body and 'data-copy-target="#invitation-link"' in body
    assert "https://wa.me/6281234567890?text=" in body
    wa = body.split("https://wa.me/6281234567890?text=")[1].split('"')[0]
    assert link in unquote(wa)
    assert "cdn" not in body.lower()

    members = client.get(f"/kelola/{coop.slug}/anggota").get_data(as_text=True)
    assert link in members


def test_invitation_without_phone_shares_through_whatsapp_without_a_number(app, admin, coop):
    invitation = invite(app, coop, admin)
    body = (
        client_for(app, admin)
        .get(f"/kelola/{coop.slug}/undangan/{invitation.id}")
        .get_data(as_text=True)
    )
    assert "https://wa.me/?text=" in body


def test_whatsapp_link_keeps_only_digits_and_encodes_the_text():
    url = services.whatsapp_share_url("+62 812-3456-7890", "Halo & selamat datang? a=b")
    assert url == "https://wa.me/6281234567890?text=Halo%20%26%20selamat%20datang%3F%20a%3Db"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12", "Enter a valid phone number."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("name", "", "This field is required."),
        ("role", "owner", "Not a valid choice"),
        ("role", "admin", "An admin invitation needs the email address of the person"),
    ],
)
def test_invitation_form_validation(app, admin, coop, field, value, message):
    client = client_for(app, admin)
    before = db_state()
    data = {"name": "Siti", "role": "member", field: value}
    response = client.post(f"/kelola/{coop.slug}/anggota/undang", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db_state() == before


def test_tokens_are_unique_and_unguessable(app, admin, coop):
    tokens = {invite(app, coop, admin).token for _ in range(5)}
    assert len(tokens) == 5
    assert all(len(t) >= 40 for t in tokens)


# --- email ------------------------------------------------------------------------------------


def test_invitation_is_emailed_when_a_mail_server_is_configured(app, admin, coop, smtp_server):
    client = client_for(app, admin)
    response = client.post(
        f"/kelola/{coop.slug}/anggota/undang",
        data={"name": "Siti", "email": "Siti@Example.com", "role": "member"},
    )
    assert response.status_code == 302
    invitation = db.session.scalars(select(Invitation)).one()
    assert invitation.email == "siti@example.com"
    assert len(smtp_server.messages) == 1
    message = email.message_from_bytes(smtp_server.messages[0], policy=policy.default)
    assert message["To"] == "siti@example.com"
    assert message["From"] == "Pasar Koperasi <noreply@example.com>"
    assert "Koperasi Boneka Bekasi" in message["Subject"]
    assert f"http://localhost/gabung/{invitation.token}" in message.get_content()
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "also sent by email" in page


def test_no_email_without_an_address(app, admin, coop, smtp_server):
    invite(app, coop, admin, email="")
    assert smtp_server.messages == []


# --- revoking -------------------------------------------------------------------------------


def test_admin_revokes_an_invitation(app, admin, coop):
    invitation = invite(app, coop, admin)
    client = client_for(app, admin)
    response = client.post(f"/kelola/{coop.slug}/undangan/{invitation.id}/cabut")
    assert response.status_code == 302
    db.session.expire_all()
    assert invitation.revoked_at is not None
    assert "Siti" not in client.get(f"/kelola/{coop.slug}/anggota").get_data(as_text=True)
    # Revoking again changes nothing and says why.
    before = db_state()
    response = client.post(
        f"/kelola/{coop.slug}/undangan/{invitation.id}/cabut", follow_redirects=True
    )
    assert "no longer open" in response.get_data(as_text=True)
    assert db_state() == before


# --- joining ----------------------------------------------------------------------------------


def test_anonymous_visitor_sees_the_cooperative_and_is_asked_to_sign_up_or_log_in(app, admin, coop):
    invitation = invite(app, coop, admin)
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = "en"
    response = client.get(f"/gabung/{invitation.token}")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Koperasi Boneka Bekasi" in body
    assert "Ketua invites Siti" in body
    assert f"/akun/daftar?next=/gabung/{invitation.token}" in body
    assert f"/akun/masuk?next=/gabung/{invitation.token}" in body
    assert "Join the cooperative" not in body
    # Accepting needs an account.
    before = db_state()
    response = client.post(f"/gabung/{invitation.token}")
    assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    assert db_state() == before


def test_sign_up_through_the_invitation_and_join(app, admin, coop):
    invitation = invite(app, coop, admin)
    client = app.test_client()
    response = client.post(
        "/akun/daftar",
        data={
            "name": "Siti Aminah",
            "email": "siti@example.com",
            "password": "rahasia-panjang",
            "confirm": "rahasia-panjang",
            "next": f"/gabung/{invitation.token}",
        },
    )
    assert response.headers["Location"] == f"/gabung/{invitation.token}"
    page = client.get(f"/gabung/{invitation.token}").get_data(as_text=True)
    assert f'action="/gabung/{invitation.token}"' in page
    response = client.post(f"/gabung/{invitation.token}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/anggota/{coop.slug}/penawaran"
    membership = db.session.scalars(select(Membership).where(Membership.role == "member")).one()
    assert membership.user.email == "siti@example.com"
    assert membership.member_number == "M-0001"
    assert membership.business_name == "Boneka Siti"
    assert membership.status == "active"
    db.session.expire_all()
    assert invitation.accepted_at is not None
    assert invitation.membership_id == membership.id


def test_member_numbers_follow_on_and_admins_get_an_admin_number(app, admin, coop):
    make_member(coop).member_number = "M-0006"
    db.session.commit()
    siti, budi = english_user("Siti"), english_user("Budi")
    first = invite(app, coop, admin)
    second = invite(app, coop, admin, name="Budi", role="admin", email=budi.email.upper())
    with app.test_request_context():
        m1 = services.accept_invitation(first, siti)
        m2 = services.accept_invitation(second, budi)
    assert (m1.member_number, m1.role) == ("M-0007", "member")
    assert m2.role == "admin" and m2.member_number.startswith("ADM-")
    # The invited admin can manage the cooperative.
    assert client_for(app, budi).get(f"/kelola/{coop.slug}/").status_code == 200


def test_double_submit_creates_one_membership(app, admin, coop):
    invitation = invite(app, coop, admin)
    siti = english_user("Siti")
    client = client_for(app, siti)
    first = client.post(f"/gabung/{invitation.token}")
    second = client.post(f"/gabung/{invitation.token}")
    assert first.status_code == second.status_code == 302
    count = db.session.scalar(
        select(func.count(Membership.id)).where(Membership.user_id == siti.id)
    )
    assert count == 1


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("expired", "This invitation has expired. Ask the cooperative for a new link."),
        ("revoked", "This invitation was withdrawn by the cooperative."),
        ("used", "This invitation has already been used."),
    ],
)
def test_expired_revoked_or_used_links_say_so(app, admin, coop, state, message):
    invitation = invite(app, coop, admin)
    if state == "expired":
        invitation.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    elif state == "revoked":
        with app.test_request_context():
            services.revoke_invitation(invitation, admin)
    else:
        with app.test_request_context():
            services.accept_invitation(invitation, english_user("Orang lain"))
    latecomer = english_user("Terlambat")
    client = client_for(app, latecomer)
    page = client.get(f"/gabung/{invitation.token}").get_data(as_text=True)
    assert message in page
    assert "Join the cooperative" not in page
    before = db_state()
    response = client.post(f"/gabung/{invitation.token}", follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert db_state() == before
    with app.test_request_context(), pytest.raises(InvalidTransition):
        services.accept_invitation(invitation, latecomer)


@pytest.mark.parametrize("locale", ["en", "id"])
def test_an_admin_invitation_only_works_for_the_account_it_was_sent_to(app, admin, coop, locale):
    invited = english_user("Budi", email="budi@example.com")
    invitation = invite(app, coop, admin, name="Budi", role="admin", email="Budi@Example.com")
    anonymous = app.test_client().get(f"/gabung/{invitation.token}").get_data(as_text=True)
    assert "hanya berlaku untuk akun dengan alamat email yang dituju" in anonymous
    someone_else = make_user("Orang lain", locale=locale)
    message = {
        "en": "This admin invitation was sent to another email address.",
        "id": "Undangan pengurus ini dikirim ke alamat email lain.",
    }[locale]
    client = client_for(app, someone_else)
    page = client.get(f"/gabung/{invitation.token}").get_data(as_text=True)
    assert message in page
    assert 'action="/gabung/' not in page  # no join button
    before = db_state()
    response = client.post(f"/gabung/{invitation.token}", follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert db_state() == before
    with app.test_request_context(), pytest.raises(NotAllowed):
        services.accept_invitation(invitation, someone_else)
    assert db_state() == before
    # The account it was sent to (whatever the letter case) still can.
    response = client_for(app, invited).post(f"/gabung/{invitation.token}")
    assert response.status_code == 302
    assert f"/kelola/{coop.slug}/" in response.headers["Location"]


def test_an_admin_invitation_without_an_email_address_admits_nobody(app, admin, coop):
    # Made before admin invitations were bound to an address.
    invitation = invite(app, coop, admin, role="member")
    invitation.role = "admin"
    db.session.commit()
    someone = english_user("Pemegang tautan")
    before = db_state()
    client_for(app, someone).post(f"/gabung/{invitation.token}")
    assert db_state() == before


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("expired", "Undangan ini sudah kedaluwarsa."),
        ("used", "Undangan ini sudah digunakan."),
    ],
)
def test_refused_links_speak_indonesian(app, admin, coop, state, message):
    invitation = invite(app, coop, admin)
    if state == "expired":
        invitation.expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    else:
        with app.test_request_context():
            services.accept_invitation(invitation, english_user("Pertama"))
    client = client_for(app, make_user("Terlambat"))
    before = db_state()
    response = client.post(f"/gabung/{invitation.token}", follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert db_state() == before


def test_a_member_already_in_the_cooperative_is_told_so(app, admin, coop):
    invitation = invite(app, coop, admin)
    member = make_member(coop, user=english_user("Sudah anggota")).user
    client = client_for(app, member)
    assert "already a member" in client.get(f"/gabung/{invitation.token}").get_data(as_text=True)
    before = db_state()
    response = client.post(f"/gabung/{invitation.token}", follow_redirects=True)
    assert "You are already a member of this cooperative." in response.get_data(as_text=True)
    assert db_state() == before
    with app.test_request_context(), pytest.raises(NotAllowed):
        services.accept_invitation(invitation, admin)


def test_a_deactivated_member_rejoins_with_the_same_number(app, admin, coop):
    old = make_member(coop, user=english_user("Kembali"), status="inactive")
    invitation = invite(app, coop, admin)
    with app.test_request_context():
        membership = services.accept_invitation(invitation, old.user)
    assert membership.id == old.id
    assert membership.status == "active"
    assert db.session.scalar(select(func.count(Membership.id))) == 2


def test_unknown_token_is_404(app, client):
    assert client.get("/gabung/not-a-token").status_code == 404
    assert client.get("/gabung/" + "x" * 80).status_code == 404
    someone = english_user()
    assert client_for(app, someone).post("/gabung/not-a-token").status_code == 404


# --- deactivating -----------------------------------------------------------------------------


def test_admin_deactivates_a_member_and_their_offers_leave_the_pool(app, admin, coop):
    member = make_member(coop)
    product = make_product(coop)
    make_offer(member, product, 100)
    client = client_for(app, admin)
    response = client.post(f"/kelola/{coop.slug}/anggota/{member.id}/nonaktifkan")
    assert response.status_code == 302
    db.session.expire_all()
    assert member.status == "inactive"
    assert db.session.scalars(select(SupplyOffer.active)).one() is False
    assert services.pooled_availability([product.id]) == {product.id: 0}
    # The deactivated member no longer reaches the member pages.
    assert client_for(app, member.user).get(f"/anggota/{coop.slug}/penawaran").status_code == 404


def test_admin_cannot_deactivate_themselves(app, admin, coop):
    mine = db.session.scalars(select(Membership).where(Membership.user_id == admin.id)).one()
    before = db_state()
    response = client_for(app, admin).post(
        f"/kelola/{coop.slug}/anggota/{mine.id}/nonaktifkan", follow_redirects=True
    )
    assert "You cannot deactivate yourself." in response.get_data(as_text=True)
    assert db_state() == before


# --- who may not ------------------------------------------------------------------------------


# Who may not use these pages: tests/integration/security/test_admin_refusals.py (every admin
# endpoint x every outsider, nothing changed).


def test_other_admin_cannot_use_ids_of_another_cooperative_in_their_own_urls(app, admin, coop):
    invitation = invite(app, coop, admin)
    member = make_member(coop)
    other_admin = english_user("Admin lain")
    own = make_cooperative(admin=other_admin)
    client = client_for(app, other_admin)
    before = db_state()
    assert client.get(f"/kelola/{own.slug}/undangan/{invitation.id}").status_code == 404
    assert client.post(f"/kelola/{own.slug}/undangan/{invitation.id}/cabut").status_code == 404
    response = client.post(f"/kelola/{own.slug}/anggota/{member.id}/nonaktifkan")
    assert response.status_code == 404
    assert db_state() == before
