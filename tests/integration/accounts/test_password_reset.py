"""Forgot password: an emailed, single-use, expiring link that answers the same for any email."""

import email
import logging
import re
from email import policy

import pytest
from werkzeug.security import check_password_hash

from marketplace.accounts import recovery
from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.factories import PASSWORD, db_state, english_user, login

NEW_PASSWORD = "a brand new secret 7"


def reset_link(message: bytes) -> str:
    body = email.message_from_bytes(message, policy=policy.default).get_content()
    return re.search(r"http://localhost(/akun/sandi-baru/\S+)", body).group(1)


def in_english(client):
    client.post("/akun/bahasa", data={"lang": "en"})
    return client


def ask_for_reset(client, address: str):
    return client.post("/akun/lupa-sandi", data={"email": address})


def test_login_page_links_to_forgot_password(client):
    page = client.get("/akun/masuk").get_data(as_text=True)
    assert 'href="/akun/lupa-sandi"' in page


def test_the_answer_is_the_same_whether_or_not_the_account_exists(client, smtp_server):
    english_user(email="siti@example.com")
    known = ask_for_reset(client, "siti@example.com")
    known_page = client.get("/akun/masuk").get_data(as_text=True)
    unknown = ask_for_reset(client, "nobody@example.com")
    unknown_page = client.get("/akun/masuk").get_data(as_text=True)
    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/akun/masuk"
    assert "siti@example.com" in known_page
    assert known_page.replace("siti@example.com", "X") == unknown_page.replace(
        "nobody@example.com", "X"
    )
    assert len(smtp_server.messages) == 1
    message = email.message_from_bytes(smtp_server.messages[0], policy=policy.default)
    assert message["To"] == "siti@example.com"


def test_the_link_sets_a_new_password_once(client, smtp_server):
    user = english_user(email="siti@example.com")
    in_english(client)
    ask_for_reset(client, "Siti@Example.com")
    link = reset_link(smtp_server.messages[0])
    assert client.get(link).status_code == 200
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/akun/masuk"
    db.session.expire_all()
    assert check_password_hash(db.session.get(User, user.id).password_hash, NEW_PASSWORD)
    # Single use: the link signed the old password hash.
    before = db_state()
    again = client.post(
        link, data={"password": "third password 99", "confirm": "third password 99"}
    )
    assert again.headers["Location"] == "/akun/lupa-sandi"
    assert db_state() == before
    page = client.get("/akun/lupa-sandi").get_data(as_text=True)
    assert "not valid or has already been used" in page


def test_logging_in_works_with_the_new_password_only(client, app):
    user = english_user(email="budi@example.com")
    with app.test_request_context():
        token = recovery.reset_token(user)
    client.post(
        f"/akun/sandi-baru/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert (
        client.post("/akun/masuk", data={"email": user.email, "password": PASSWORD}).status_code
        == 200
    )
    response = client.post("/akun/masuk", data={"email": user.email, "password": NEW_PASSWORD})
    assert response.status_code == 302


def test_the_new_password_follows_the_sign_up_rules(client, app):
    user = english_user()
    in_english(client)
    with app.test_request_context():
        token = recovery.reset_token(user)
    before = db_state()
    short = client.post(f"/akun/sandi-baru/{token}", data={"password": "short", "confirm": "short"})
    assert short.status_code == 200
    mismatch = client.post(
        f"/akun/sandi-baru/{token}", data={"password": NEW_PASSWORD, "confirm": "something else"}
    )
    assert mismatch.status_code == 200
    assert "Passwords do not match" in mismatch.get_data(as_text=True)
    assert db_state() == before


def test_an_expired_link_is_refused(client, app, monkeypatch):
    user = english_user()
    in_english(client)
    with app.test_request_context():
        token = recovery.reset_token(user)
    monkeypatch.setattr(recovery, "RESET_MAX_AGE", -1)  # every link is older than that
    before = db_state()
    response = client.post(
        f"/akun/sandi-baru/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.headers["Location"] == "/akun/lupa-sandi"
    assert db_state() == before
    page = client.get("/akun/lupa-sandi").get_data(as_text=True)
    assert "This link has expired" in page


@pytest.mark.parametrize(
    "token",
    ["nonsense", "", "a" * 5000, "eyJ1IjoxfQ.forged.signature", "%00", "9" * 40],
)
def test_forged_links_are_refused_without_an_error(client, token):
    english_user()
    before = db_state()
    response = client.post(
        f"/akun/sandi-baru/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code in (302, 404)
    assert db_state() == before


def test_a_link_for_another_users_id_cannot_be_made_from_ones_own(client, app):
    """Only the server's key makes links; changing the payload breaks the signature."""
    mine, theirs = english_user(), english_user()
    with app.test_request_context():
        token = recovery.reset_token(mine)
    payload, rest = token.split(".", 1)
    tampered = payload.replace(str(mine.id), str(theirs.id)) + "." + rest
    before = db_state()
    client.post(
        f"/akun/sandi-baru/{tampered}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert db_state() == before


def test_without_mail_the_link_is_printed_to_the_server_log(client, caplog):
    english_user(email="dewi@example.com")
    with caplog.at_level(logging.WARNING, logger="marketplace.accounts.recovery"):
        ask_for_reset(client, "dewi@example.com")
    links = re.findall(r"http://localhost/akun/sandi-baru/\S+", caplog.text)
    assert len(links) == 1
    assert client.get(links[0].removeprefix("http://localhost")).status_code == 200


def test_a_disabled_account_gets_no_link(client, smtp_server):
    english_user(email="gone@example.com", is_active_account=False)
    assert ask_for_reset(client, "gone@example.com").status_code == 302
    assert smtp_server.messages == []


def test_a_logged_in_user_is_logged_out_after_the_reset(client, app):
    user = english_user()
    login(client, user)
    with app.test_request_context():
        token = recovery.reset_token(user)
    client.post(
        f"/akun/sandi-baru/{token}", data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert client.get("/akun/").status_code == 302
