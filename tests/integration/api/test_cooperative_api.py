"""A cooperative admin's token: the cooperative's orders and shipments, and nobody else's."""

import pytest

from tests.api_support import assert_problem, bearer, state_without_token_use, token_for
from tests.fixtures.scenarios import make_outsider
from tests.shipping_support import make_shop, paid_order, pass_qc

OUTSIDERS = ("buyer", "member", "inactive_admin", "other_admin", "other_member")
TRANSFER = {"amount": 1000, "received_on": "2026-01-01", "reference": "BCA-1"}


def test_the_admin_lists_and_gets_the_cooperatives_orders(app, placed_order):
    headers = bearer(token_for(placed_order.admin))
    slug, number = placed_order.coop.slug, placed_order.order.number
    client = app.test_client()
    listed = client.get(f"/api/v1/cooperatives/{slug}/orders", headers=headers).get_json()
    assert [o["number"] for o in listed["items"]] == [number]
    placed = client.get(f"/api/v1/cooperatives/{slug}/orders?status=placed", headers=headers)
    assert len(placed.get_json()["items"]) == 1
    shipped = client.get(f"/api/v1/cooperatives/{slug}/orders?status=shipped", headers=headers)
    assert shipped.get_json()["items"] == []
    one = client.get(f"/api/v1/cooperatives/{slug}/orders/{number}", headers=headers)
    assert one.status_code == 200 and one.get_json()["number"] == number


def test_the_admin_ships_what_passed_qc_with_a_tracking_number(app):
    shop = make_shop()
    order = paid_order(shop)
    pass_qc(shop, order)
    headers = bearer(token_for(shop.admin))
    url = f"/api/v1/cooperatives/{shop.coop.slug}/orders/{order.number}/shipments"
    response = app.test_client().post(
        url, json={"courier": "jne", "tracking_number": "JNE0001234"}, headers=headers
    )
    assert response.status_code == 201, response.get_data(as_text=True)
    shipped = response.get_json()
    assert shipped["status"] == "shipped"
    assert shipped["shipments"][0]["tracking_number"] == "JNE0001234"
    allocation = app.test_client().get(
        f"/api/v1/cooperatives/{shop.coop.slug}/orders/{order.number}/allocation",
        headers=headers,
    )
    shares = allocation.get_json()["items"]
    assert sum(s["quantity"] for s in shares) == order.lines[0].quantity
    assert {s["member_number"] for s in shares} == {m.member_number for m in shop.members}
    assert all(s["accepted_quantity"] == s["quantity"] for s in shares)
    buyer = bearer(token_for(shop.buyer))
    seen = app.test_client().get(f"/api/v1/orders/{order.number}", headers=buyer).get_json()
    assert seen["status"] == "shipped" and seen["shipments"][0]["courier"] == "jne"
    again = app.test_client().post(url, json={"courier": "jne"}, headers=headers)
    assert_problem(again, 409, "invalid_transition")


def test_a_shipment_of_units_not_ready_is_refused(app, confirmed_order):
    headers = bearer(token_for(confirmed_order.admin))
    slug, number = confirmed_order.coop.slug, confirmed_order.order.number
    before = state_without_token_use()
    response = app.test_client().post(
        f"/api/v1/cooperatives/{slug}/orders/{number}/shipments",
        json={"courier": "jne", "tracking_number": "bad resi!"},
        headers=headers,
    )
    assert response.status_code in (409, 422)
    assert response.mimetype == "application/problem+json"
    assert state_without_token_use() == before


@pytest.mark.parametrize("kind", OUTSIDERS)
def test_refusal_other_tokens_reach_nothing_of_the_cooperative(app, placed_order, kind):
    """The refusal matrix for the cooperative endpoints: 404 and nothing changed."""
    someone = make_outsider(kind, placed_order.coop)
    headers = bearer(token_for(someone))
    slug, number = placed_order.coop.slug, placed_order.order.number
    client = app.test_client()
    before = state_without_token_use()
    for method, url, body in (
        ("GET", f"/api/v1/cooperatives/{slug}/orders", None),
        ("GET", f"/api/v1/cooperatives/{slug}/orders/{number}", None),
        ("GET", f"/api/v1/cooperatives/{slug}/orders/{number}/allocation", None),
        ("POST", f"/api/v1/cooperatives/{slug}/orders/{number}/shipments", {"courier": "jne"}),
        ("POST", f"/api/v1/cooperatives/{slug}/orders/{number}/payments", TRANSFER),
    ):
        response = client.open(url, method=method, json=body, headers=headers)
        assert_problem(response, 404, "not_found")
    assert state_without_token_use() == before


def test_an_admin_of_another_cooperative_cannot_ship_its_orders(app, placed_order):
    other = make_shop(name="Koperasi Lain", slug="koperasi-lain")
    headers = bearer(token_for(other.admin))
    before = state_without_token_use()
    response = app.test_client().post(
        f"/api/v1/cooperatives/{other.coop.slug}/orders/{placed_order.order.number}/shipments",
        json={"courier": "jne"},
        headers=headers,
    )
    assert_problem(response, 404, "not_found")
    assert state_without_token_use() == before
