"""Webhook endpoints over the API: register, list, change, rotate, test, delete; bad input is a
problem that changes nothing; nobody but the owner reaches an endpoint; a read-only token
neither writes nor sees a secret."""

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.webhooks.models import WebhookEndpoint
from marketplace.webhooks.signing import HEADER
from tests.api_support import assert_problem, bearer, state_without_token_use, token_for
from tests.factories import english_user
from tests.integration.webhooks.conftest import received

BODY = {"url": "https://hooks.example.com/pasar", "events": ["order.shipped"]}


@pytest.fixture
def owner_api(app):
    owner = english_user("Integrator")
    headers = bearer(token_for(owner))

    def call(method: str, url: str, **kwargs):
        return app.test_client().open(f"/api/v1{url}", method=method, headers=headers, **kwargs)

    call.user = owner
    return call


def endpoints() -> list[WebhookEndpoint]:
    db.session.expire_all()
    return list(db.session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)))


def test_register_list_change_and_delete(owner_api):
    created = owner_api("POST", "/webhooks", json=BODY)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    (endpoint,) = endpoints()
    assert body["id"] == endpoint.id and body["secret"] == endpoint.secret
    assert body["events"] == ["order.shipped"] and body["active"] is True
    assert body["previous_secret_signs_until"] is None
    assert endpoint.user_id == owner_api.user.id

    listed = owner_api("GET", "/webhooks").get_json()["items"]
    assert [e["url"] for e in listed] == [BODY["url"]]
    assert (
        "secret" not in listed[0]
        and "secret" not in owner_api("GET", f"/webhooks/{endpoint.id}").get_json()
    )

    changed = owner_api("PATCH", f"/webhooks/{endpoint.id}", json={"events": ["payout.paid"]})
    assert changed.status_code == 200 and changed.get_json()["events"] == ["payout.paid"]
    assert endpoints()[0].url == BODY["url"]  # what was not sent stays
    refused = owner_api("PATCH", f"/webhooks/{endpoint.id}", json={"url": "ftp://x.example/"})
    assert_problem(refused, 422, "validation_failed")
    assert endpoints()[0].url == BODY["url"]

    assert owner_api("DELETE", f"/webhooks/{endpoint.id}").status_code == 204
    assert endpoints() == []
    query = select(AuditEvent.action).where(AuditEvent.entity_type == "WebhookEndpoint")
    actions = list(db.session.scalars(query.order_by(AuditEvent.id)))
    assert actions == ["webhook.registered", "webhook.updated", "webhook.deleted"]


def test_rotate_keeps_the_old_secret_a_day_unless_stopped_now(owner_api):
    endpoint_id = owner_api("POST", "/webhooks", json=BODY).get_json()["id"]
    first = endpoints()[0].secret
    gentle = owner_api("POST", f"/webhooks/{endpoint_id}/rotate-secret", json={}).get_json()
    assert gentle["secret"] != first and gentle["previous_secret_signs_until"] is not None
    assert endpoints()[0].previous_secret == first
    hard = owner_api(
        "POST", f"/webhooks/{endpoint_id}/rotate-secret", json={"stop_old_now": True}
    ).get_json()
    assert hard["secret"] not in (first, gentle["secret"])
    assert hard["previous_secret_signs_until"] is None and endpoints()[0].previous_secret is None


def test_a_test_event_is_sent_signed_and_its_result_answered(owner_api, httpserver):
    receiver = httpserver
    receiver.expect_request("/hook", method="POST").respond_with_data("thanks")
    body = {"url": receiver.url_for("/hook"), "events": ["order.shipped"]}
    endpoint_id = owner_api("POST", "/webhooks", json=body).get_json()["id"]
    sent = owner_api("POST", f"/webhooks/{endpoint_id}/test")
    assert sent.status_code == 201
    assert sent.get_json()["status"] == "delivered" and sent.get_json()["last_status_code"] == 200
    (request, _response) = receiver.log[0]
    assert HEADER in request.headers
    assert received(receiver, endpoints()[0].secret)[0]["type"] == "webhook.test"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"url": "ftp://hooks.example.com/x", "events": ["order.shipped"]}, "validation_failed"),
        ({"url": "", "events": ["order.shipped"]}, "invalid_input"),
        (
            {"url": "https://a.example.com/" + "x" * 600, "events": ["order.shipped"]},
            "invalid_input",
        ),
        ({"url": BODY["url"], "events": []}, "invalid_input"),
        ({"url": BODY["url"], "events": ["order.eaten"]}, "invalid_input"),
        ({"url": BODY["url"]}, "invalid_input"),
        ({**BODY, "secret": "whsec_mine"}, "invalid_input"),
        ({"url": 7, "events": "order.shipped"}, "invalid_input"),
    ],
)
def test_bad_input_is_a_problem_and_registers_nothing(owner_api, body, code):
    before = state_without_token_use()
    assert_problem(owner_api("POST", "/webhooks", json=body), 422, code)
    assert state_without_token_use() == before


def test_nobody_else_reaches_an_endpoint_and_nothing_changes(app, owner_api, coop_with_product):
    endpoint_id = owner_api("POST", "/webhooks", json=BODY).get_json()["id"]
    client = app.test_client()
    for someone in (english_user("Other"), coop_with_product.admin, coop_with_product.member.user):
        headers = bearer(token_for(someone))
        before = state_without_token_use()
        base = f"/api/v1/webhooks/{endpoint_id}"
        assert_problem(client.get(base, headers=headers), 404, "not_found")
        assert_problem(
            client.patch(base, json={"events": ["payout.paid"]}, headers=headers), 404, "not_found"
        )
        assert_problem(client.delete(base, headers=headers), 404, "not_found")
        assert_problem(
            client.post(f"{base}/rotate-secret", json={}, headers=headers), 404, "not_found"
        )
        assert_problem(client.post(f"{base}/test", headers=headers), 404, "not_found")
        assert client.get("/api/v1/webhooks", headers=headers).get_json()["items"] == []
        assert state_without_token_use() == before
    assert_problem(client.get(f"/api/v1/webhooks/{endpoint_id}"), 401, "unauthorized")


def test_a_read_token_lists_but_neither_writes_nor_rotates(app, owner_api):
    endpoint_id = owner_api("POST", "/webhooks", json=BODY).get_json()["id"]
    headers = bearer(token_for(owner_api.user, scopes=("read",)))
    client = app.test_client()
    before = state_without_token_use()
    assert client.get("/api/v1/webhooks", headers=headers).status_code == 200
    for response in (
        client.post("/api/v1/webhooks", json=BODY, headers=headers),
        client.post(f"/api/v1/webhooks/{endpoint_id}/rotate-secret", json={}, headers=headers),
        client.delete(f"/api/v1/webhooks/{endpoint_id}", headers=headers),
    ):
        assert_problem(response, 403, "insufficient_scope")
    assert state_without_token_use() == before


def test_a_retried_registration_makes_no_second_endpoint(owner_api):
    assert owner_api("POST", "/webhooks", json=BODY).status_code == 201
    before = state_without_token_use()
    again = assert_problem(owner_api("POST", "/webhooks", json=BODY), 422, "validation_failed")
    assert "already have an endpoint for this URL" in again["detail"]
    other = {"url": "https://hooks.example.com/other", "events": ["order.shipped"]}
    second_id = owner_api("POST", "/webhooks", json=other).get_json()["id"]
    moved = owner_api("PATCH", f"/webhooks/{second_id}", json={"url": BODY["url"]})
    assert_problem(moved, 422, "validation_failed")
    assert [e.url for e in endpoints()] == [BODY["url"], other["url"]]
    assert (
        owner_api("PATCH", f"/webhooks/{second_id}", json={"url": other["url"]}).status_code == 200
    )
    assert len(before["webhook_endpoints"]) == 1
