"""A buyer's orders through the API: search, availability, place with Idempotency-Key, list
with cursors, get, cancel; and what another buyer's token cannot do."""

import pytest
from sqlalchemy import func, select

from marketplace.api.orders import MAX_KEY_LENGTH
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.api_support import (
    assert_problem,
    bearer,
    order_body,
    state_without_token_use,
    token_for,
)
from tests.factories import english_user


@pytest.fixture
def buyer_api(app):
    buyer = english_user("API buyer")
    headers = bearer(token_for(buyer))

    def call(method: str, url: str, key: str | None = None, **kwargs):
        extra = {"Idempotency-Key": key} if key else {}
        return app.test_client().open(url, method=method, headers={**headers, **extra}, **kwargs)

    call.user = buyer
    return call


def orders() -> int:
    return db.session.scalar(select(func.count(Order.id)))


def test_search_finds_the_product_and_shows_its_availability(buyer_api, coop_with_product):
    product = coop_with_product.product
    found = buyer_api("GET", "/api/v1/products?q=boneka").get_json()
    assert [item["id"] for item in found["items"]] == [product.id]
    assert found["next_cursor"] is None
    assert found["items"][0]["price_tiers"][0]["unit_price"] == 50_000
    detail = buyer_api("GET", f"/api/v1/products/{product.id}?date=2100-01-01").get_json()
    assert detail["availability"]["units"] > 0
    today = buyer_api("GET", f"/api/v1/products/{product.id}").get_json()
    assert today["availability"]["units"] == 0  # the lead time (14 days) does not fit


def test_place_an_order_then_get_list_and_cancel_it(buyer_api, coop_with_product):
    product = coop_with_product.product
    placed = buyer_api(
        "POST", "/api/v1/orders", key="erp-order-0001", json=order_body(product.id, 30)
    )
    assert placed.status_code == 201, placed.get_data(as_text=True)
    order = placed.get_json()
    assert order["status"] == "placed" and order["lines"][0]["quantity"] == 30
    assert order["total"] == order["subtotal"] + order["vat"] + (order["delivery_fee"] or 0)
    number = order["number"]
    assert buyer_api("GET", f"/api/v1/orders/{number}").get_json()["number"] == number
    listed = buyer_api("GET", "/api/v1/orders").get_json()
    assert [o["number"] for o in listed["items"]] == [number]
    cancelled = buyer_api("POST", f"/api/v1/orders/{number}/cancel")
    assert cancelled.status_code == 200 and cancelled.get_json()["status"] == "cancelled"
    again = buyer_api("POST", f"/api/v1/orders/{number}/cancel")
    assert_problem(again, 409, "invalid_transition")


def test_the_same_key_and_body_give_the_same_order(buyer_api, coop_with_product):
    body = order_body(coop_with_product.product.id)
    first = buyer_api("POST", "/api/v1/orders", key="same-key-123", json=body).get_json()
    second = buyer_api("POST", "/api/v1/orders", key="same-key-123", json=body)
    assert second.status_code == 201 and second.get_json()["number"] == first["number"]
    assert orders() == 1


def test_the_longest_key_fits_the_order(buyer_api, coop_with_product):
    body = order_body(coop_with_product.product.id)
    placed = buyer_api("POST", "/api/v1/orders", key="k" * MAX_KEY_LENGTH, json=body)
    assert placed.status_code == 201, placed.get_data(as_text=True)
    longer = buyer_api("POST", "/api/v1/orders", key="k" * (MAX_KEY_LENGTH + 1), json=body)
    assert_problem(longer, 422, "invalid_input")


def test_the_same_key_with_another_body_is_refused(buyer_api, coop_with_product):
    product_id = coop_with_product.product.id
    buyer_api("POST", "/api/v1/orders", key="same-key-456", json=order_body(product_id, 20))
    before = state_without_token_use()
    other = buyer_api("POST", "/api/v1/orders", key="same-key-456", json=order_body(product_id, 30))
    assert_problem(other, 422, "idempotency_key_reused")
    assert state_without_token_use() == before


@pytest.mark.parametrize(
    ("case", "body", "key", "status", "code"),
    [
        ("no key", {}, None, 422, "invalid_input"),
        ("short key", {}, "short", 422, "invalid_input"),
        ("unknown field", {"colour": "red"}, "key-12345678", 422, "invalid_input"),
        ("zero quantity", {"quantity": 0}, "key-12345678", 422, "invalid_input"),
        ("below minimum", {"quantity": 5}, "key-12345678", 422, "validation_failed"),
        ("too many", {"quantity": 100_000}, "key-12345678", 409, "insufficient_capacity"),
        ("too soon", {"days_ahead": 1}, "key-12345678", 422, "validation_failed"),
        ("no product", {"product_id": 999_999}, "key-12345678", 404, "not_found"),
        ("bad method", {"payment_method": "cash"}, "key-12345678", 422, "invalid_input"),
    ],
)
def test_a_bad_order_is_a_problem_and_places_nothing(
    buyer_api, coop_with_product, case, body, key, status, code
):
    days = body.pop("days_ahead", 30)
    wanted = {**order_body(coop_with_product.product.id, days_ahead=days), **body}
    before = state_without_token_use()
    response = buyer_api("POST", "/api/v1/orders", key=key, json=wanted)
    assert_problem(response, status, code)
    assert state_without_token_use() == before, case


def test_a_body_that_is_not_json_is_a_problem(buyer_api, coop_with_product):
    response = buyer_api(
        "POST", "/api/v1/orders", key="key-12345678", data="<xml/>", content_type="text/xml"
    )
    assert response.mimetype == "application/problem+json" and response.status_code in (
        400,
        415,
        422,
    )


def test_orders_page_with_an_opaque_cursor(app, buyer_api, coop_with_product):
    from tests.factories import order_of

    for _ in range(5):
        order_of(buyer_api.user, coop_with_product.product, 20)
    first = buyer_api("GET", "/api/v1/orders?limit=2").get_json()
    second = buyer_api("GET", f"/api/v1/orders?limit=2&cursor={first['next_cursor']}").get_json()
    third = buyer_api("GET", f"/api/v1/orders?limit=2&cursor={second['next_cursor']}").get_json()
    numbers = [o["number"] for page in (first, second, third) for o in page["items"]]
    assert len(numbers) == len(set(numbers)) == 5
    assert third["next_cursor"] is None
    assert_problem(buyer_api("GET", "/api/v1/orders?cursor=bm9wZQ"), 400, "invalid_cursor")
    assert_problem(buyer_api("GET", "/api/v1/orders?limit=1000"), 422, "invalid_input")


@pytest.mark.parametrize("who", ["other buyer", "cooperative admin", "member"])
def test_another_token_cannot_see_or_cancel_the_order(app, placed_order, who):
    someone = {
        "other buyer": english_user("Other buyer"),
        "cooperative admin": placed_order.admin,
        "member": placed_order.member.user,
    }[who]
    client = app.test_client()
    headers = bearer(token_for(someone))
    number = placed_order.order.number
    before = state_without_token_use()
    assert_problem(client.get(f"/api/v1/orders/{number}", headers=headers), 404, "not_found")
    cancel = client.post(f"/api/v1/orders/{number}/cancel", headers=headers)
    assert_problem(cancel, 404, "not_found")
    assert client.get("/api/v1/orders", headers=headers).get_json()["items"] == []
    assert state_without_token_use() == before
