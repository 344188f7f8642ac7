"""RFQs, quotes, contracts and call-offs through the API, and who cannot reach them."""

from datetime import timedelta

import pytest

from marketplace.offtake.models import CallOffStatus
from tests.api_support import (
    assert_problem,
    bearer,
    order_body,
    state_without_token_use,
    token_for,
)
from tests.factories import english_user, local_today
from tests.offtake_support import active_deal
from tests.rfq_support import build_world, quote


def call(app, user, method: str, url: str, **kwargs):
    return app.test_client().open(url, method=method, headers=bearer(token_for(user)), **kwargs)


def test_send_an_rfq_get_a_quote_and_accept_it(app):
    world = build_world()
    buyer, seller = world.buyer, world.first
    sent = call(
        app,
        buyer,
        "POST",
        "/api/v1/rfqs",
        json={
            "title": "Boneka untuk kamar hotel",
            "quantity": 100,
            "needed_by": (local_today() + timedelta(days=60)).isoformat(),
            "delivery_place": "Jakarta",
            "cooperatives": [seller.coop.slug],
        },
    )
    assert sent.status_code == 201, sent.get_data(as_text=True)
    rfq = sent.get_json()
    recipient_id = rfq["recipients"][0]["id"]
    incoming = call(app, seller.admin, "GET", f"/api/v1/cooperatives/{seller.coop.slug}/rfqs")
    assert recipient_id in [item["id"] for item in incoming.get_json()["items"]]
    quoted = call(
        app,
        seller.admin,
        "POST",
        f"/api/v1/cooperatives/{seller.coop.slug}/rfqs/{recipient_id}/quote",
        json={
            "product_id": seller.product.id,
            "quantity": 100,
            "unit_price": 41_000,
            "lead_time_days": 21,
            "valid_until": (seller.coop.local_date() + timedelta(days=10)).isoformat(),
        },
    )
    assert quoted.status_code == 200, quoted.get_data(as_text=True)
    quote_id = quoted.get_json()["quote"]["id"]
    body = {"delivery": order_body(seller.product.id, days_ahead=40)["delivery"]}
    url = f"/api/v1/rfqs/{rfq['id']}/quotes/{quote_id}/accept"
    accepted = call(app, buyer, "POST", url, json=body)
    assert accepted.status_code == 201, accepted.get_data(as_text=True)
    order = accepted.get_json()
    assert order["lines"][0]["unit_price"] == 41_000
    again = call(app, buyer, "POST", url, json=body)
    assert again.get_json()["number"] == order["number"]
    listed = call(app, buyer, "GET", "/api/v1/rfqs").get_json()["items"]
    assert {r["status"] for r in listed} == {"open", "accepted"}


def test_nobody_else_sees_or_accepts_the_rfq(app):
    world = build_world()
    offer = quote(world, world.first)
    url = f"/api/v1/rfqs/{world.rfq.id}"
    body = {"delivery": order_body(world.first.product.id, days_ahead=40)["delivery"]}
    for someone in (english_user("Other buyer"), world.first.admin):
        headers = bearer(token_for(someone))
        before = state_without_token_use()
        client = app.test_client()
        assert_problem(client.get(url, headers=headers), 404, "not_found")
        accept = client.post(f"{url}/quotes/{offer.id}/accept", json=body, headers=headers)
        assert_problem(accept, 404, "not_found")
        assert state_without_token_use() == before


def test_another_cooperative_cannot_quote_on_its_neighbours_copy(app):
    world = build_world()
    theirs = world.recipient(world.first)
    other = world.second
    headers = bearer(token_for(other.admin))
    before = state_without_token_use()
    response = app.test_client().post(
        f"/api/v1/cooperatives/{other.coop.slug}/rfqs/{theirs.id}/quote",
        headers=headers,
        json={
            "product_id": other.product.id,
            "quantity": 100,
            "unit_price": 1_000,
            "lead_time_days": 21,
            "valid_until": (local_today() + timedelta(days=10)).isoformat(),
        },
    )
    assert_problem(response, 404, "not_found")
    assert state_without_token_use() == before


def test_an_rfq_to_an_unknown_cooperative_is_a_problem(app):
    headers = bearer(token_for(english_user()))
    before = state_without_token_use()
    response = app.test_client().post(
        "/api/v1/rfqs",
        headers=headers,
        json={
            "title": "x",
            "quantity": 1,
            "needed_by": (local_today() + timedelta(days=60)).isoformat(),
            "delivery_place": "Jakarta",
            "cooperatives": ["no-such-coop"],
        },
    )
    assert_problem(response, 422, "validation_failed")
    assert state_without_token_use() == before


def test_the_offtaker_sees_its_contract_and_changes_a_coming_call_off(app):
    deal = active_deal()
    headers = bearer(token_for(deal.offtaker))
    client = app.test_client()
    listed = client.get("/api/v1/contracts", headers=headers).get_json()["items"]
    assert [c["id"] for c in listed] == [deal.contract.id]
    contract = client.get(f"/api/v1/contracts/{deal.contract.id}", headers=headers).get_json()
    assert contract["terms"]["call_off_quantity"] == 20
    coming = contract["call_offs"][-1]
    url = f"/api/v1/contracts/{deal.contract.id}/call-offs/{coming['id']}"
    outside = client.patch(url, json={"quantity": 500}, headers=headers)
    assert_problem(outside, 422, "validation_failed")
    changed = client.patch(url, json={"quantity": 20}, headers=headers)
    assert changed.status_code == 200, changed.get_data(as_text=True)
    assert changed.get_json()["changed"] is True
    skipped = client.patch(url, json={"skip": True}, headers=headers)
    assert skipped.get_json()["status"] == CallOffStatus.SKIPPED


@pytest.mark.parametrize("who", ["other buyer", "cooperative admin"])
def test_nobody_else_changes_the_contracts_call_offs(app, who):
    deal = active_deal()
    someone = english_user("Other") if who == "other buyer" else deal.shop.admin
    headers = bearer(token_for(someone))
    call_off = deal.contract.call_offs[-1]
    url = f"/api/v1/contracts/{deal.contract.id}"
    client = app.test_client()
    before = state_without_token_use()
    assert_problem(client.get(url, headers=headers), 404, "not_found")
    change = client.patch(f"{url}/call-offs/{call_off.id}", json={"skip": True}, headers=headers)
    assert_problem(change, 404, "not_found")
    assert client.get("/api/v1/contracts", headers=headers).get_json()["items"] == []
    assert state_without_token_use() == before
