"""API test helpers: tokens for people of the shared scenarios, request bodies, and the
"refused and nothing changed" check for API requests."""

from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.api.models import ApiToken
from marketplace.api.tokens import create_token
from marketplace.extensions import db
from tests.factories import db_state, local_today

READ_WRITE = ("read", "write")


def token_for(user: User, scopes=READ_WRITE) -> str:
    _token, secret = create_token(user, f"Token of {user.name}", scopes)
    return secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


def order_body(product_id: int, quantity: int = 20, days_ahead: int = 30, **overrides) -> dict:
    from datetime import timedelta

    body = {
        "product_id": product_id,
        "quantity": quantity,
        "payment_method": "bank_transfer",
        "delivery": {
            "delivery_date": (local_today() + timedelta(days=days_ahead)).isoformat(),
            "recipient_name": "Dewi",
            "recipient_phone": "081311112222",
            "province": "DKI Jakarta",
            "regency": "Kota Jakarta Pusat",
            "district": "Menteng",
            "village": "Gondangdia",
            "street_address": "Jl. Melati 12",
            "postal_code": "10310",
        },
    }
    body.update(overrides)
    return body


def state_without_token_use() -> dict:
    """Every row of every table, but when tokens were last used (a refused request still
    counts as a use of its token)."""
    state = db_state()
    state.pop("api_tokens")
    tokens = db.session.execute(
        select(ApiToken.id, ApiToken.revoked_at, ApiToken.scopes).order_by(ApiToken.id)
    ).all()
    return {**state, "api_tokens": tokens}


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = response.get_json(force=True)
    assert body["code"] == code, body
    assert body["status"] == status
    assert {"type", "title", "detail"} <= set(body)
    return body
