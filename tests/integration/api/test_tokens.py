"""API tokens: made on the account page, shown once, stored hashed, scoped, revocable."""

import pytest
from sqlalchemy import select

from marketplace.api.models import ApiToken
from marketplace.api.tokens import digest
from marketplace.extensions import db
from tests.api_support import assert_problem, bearer, state_without_token_use, token_for
from tests.factories import client_for, db_state, english_user


def test_the_account_page_makes_a_token_shown_once_and_stored_hashed(app):
    user = english_user("Offtaker")
    browser = client_for(app, user)
    assert b"API tokens" in browser.get("/akun/").data
    page = browser.post(
        "/akun/token-api", data={"name": "ERP", "scope_read": "y", "scope_write": "y"}
    )
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    token = db.session.scalar(select(ApiToken))
    html = page.get_data(as_text=True)
    secret = html.split('id="new-token-secret">')[1].split("<")[0]
    assert secret.startswith("pk_live_") and token.prefix in secret
    assert token.secret_hash == digest(secret) and secret not in token.secret_hash
    assert token.scope_set == {"read", "write"}
    again = browser.get("/akun/token-api").get_data(as_text=True)
    assert secret not in again and token.prefix in again
    assert app.test_client().get("/api/v1/orders", headers=bearer(secret)).status_code == 200


def test_the_same_form_sent_again_makes_no_second_token(app):
    """A reload of the page that showed the secret sends the form again: no second token."""
    browser = client_for(app, english_user("Offtaker"))
    form = {"name": "ERP", "scope_read": "y", "nonce": "form-1"}
    assert browser.post("/akun/token-api", data=form).status_code == 200
    again = browser.post("/akun/token-api", data=form, follow_redirects=True)
    assert "That token was made already" in again.get_data(as_text=True)
    assert len(db.session.scalars(select(ApiToken)).all()) == 1
    browser.post("/akun/token-api", data={**form, "nonce": "form-2"})
    assert len(db.session.scalars(select(ApiToken)).all()) == 2


def test_a_token_needs_a_name_and_a_scope(app):
    browser = client_for(app, english_user())
    before = db_state()
    assert browser.post("/akun/token-api", data={"name": ""}).status_code == 422
    assert browser.post("/akun/token-api", data={"name": "x"}).status_code == 422
    assert db_state() == before


def test_revoking_stops_the_token_at_once(app):
    user = english_user()
    secret = token_for(user)
    token = db.session.scalar(select(ApiToken))
    browser = client_for(app, user)
    assert browser.post(f"/akun/token-api/{token.id}/cabut").status_code == 302
    response = app.test_client().get("/api/v1/orders", headers=bearer(secret))
    assert_problem(response, 401, "unauthorized")


@pytest.mark.parametrize("who", ["anonymous", "someone else"])
def test_nobody_else_can_revoke_a_token(app, who):
    token_for(english_user("Owner"))
    token = db.session.scalar(select(ApiToken))
    browser = app.test_client() if who == "anonymous" else client_for(app, english_user("Other"))
    before = db_state()
    if who == "anonymous":
        response = browser.post(f"/akun/token-api/{token.id}/cabut")
        assert response.status_code == 302 and "/akun/masuk" in response.headers["Location"]
    else:
        assert browser.post(f"/akun/token-api/{token.id}/cabut").status_code == 404
    assert db_state() == before


@pytest.mark.parametrize(
    "header",
    ["", "Bearer", "Bearer pk_live_wrong", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
)
def test_without_a_valid_token_the_api_answers_401_problem(app, header):
    response = app.test_client().get("/api/v1/orders", headers={"Authorization": header})
    body = assert_problem(response, 401, "unauthorized")
    assert "Bearer" in response.headers["WWW-Authenticate"]
    assert body["title"] == "Unauthorized"


def test_a_session_cookie_never_counts_under_the_api(app):
    browser = client_for(app, english_user())
    assert_problem(browser.get("/api/v1/orders"), 401, "unauthorized")


def test_a_read_token_cannot_write(app, coop_with_product):
    from tests.api_support import order_body

    secret = token_for(english_user("Reader"), scopes=("read",))
    before = state_without_token_use()
    response = app.test_client().post(
        "/api/v1/orders",
        json=order_body(coop_with_product.product.id),
        headers={**bearer(secret), "Idempotency-Key": "read-only-key-1"},
    )
    assert_problem(response, 403, "insufficient_scope")
    assert state_without_token_use() == before


def test_a_deactivated_users_token_stops_working(app):
    user = english_user()
    secret = token_for(user)
    user.is_active_account = False
    db.session.commit()
    assert_problem(
        app.test_client().get("/api/v1/orders", headers=bearer(secret)), 401, "unauthorized"
    )


def test_api_answers_are_never_cached(app):
    secret = token_for(english_user())
    assert app.test_client().get("/api/v1/orders", headers=bearer(secret)).headers[
        "Cache-Control"
    ] == ("no-store")
    assert app.test_client().get("/api/v1/nope").headers["Cache-Control"] == "no-store"
