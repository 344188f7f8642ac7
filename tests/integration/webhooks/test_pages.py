"""The webhook pages under My account: add, edit, secret, test event, enable, delete, the log;
bad input answered with messages (never a server error); nobody but the owner reaches an
endpoint (404, nothing changed); anonymous visitors are sent to log in."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.webhooks.models import WebhookDelivery, WebhookEndpoint
from marketplace.webhooks.signing import HEADER
from tests.factories import client_for, db_state, english_user, make_user
from tests.integration.webhooks.conftest import Nowhere, deliveries, endpoint_for, received

FORM = {"url": "https://hooks.example.com/pasar", "events": ["order.shipped", "order.delivered"]}


def audit_events(action: str) -> list[AuditEvent]:
    query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
    return list(db.session.scalars(query))


def endpoints() -> list[WebhookEndpoint]:
    db.session.expire_all()
    return list(db.session.scalars(select(WebhookEndpoint).order_by(WebhookEndpoint.id)))


def test_an_owner_adds_an_endpoint_and_sees_its_secret(app):
    user = english_user("Integrator")
    client = client_for(app, user)
    assert "Add a webhook endpoint" in client.get("/akun/").get_data(as_text=True)
    response = client.post("/akun/webhook/baru", data=FORM)
    (endpoint,) = endpoints()
    assert response.status_code == 302 and response.location.endswith(
        f"/akun/webhook/{endpoint.id}"
    )
    assert endpoint.user_id == user.id and endpoint.events == ["order.shipped", "order.delivered"]
    assert endpoint.secret.startswith("whsec_")
    page = client.get(f"/akun/webhook/{endpoint.id}").get_data(as_text=True)
    assert endpoint.secret in page and "An order is shipped in full" in page
    assert "hooks.example.com/pasar" in client.get("/akun/").get_data(as_text=True)
    assert "hooks.example.com/pasar" in client.get("/akun/webhook").get_data(as_text=True)


def test_an_owner_edits_rotates_tests_and_deletes(app, receiver):
    user = english_user("Integrator")
    endpoint = endpoint_for(user, receiver)
    client = client_for(app, user)
    old_secret = endpoint.secret
    edit = {"url": receiver.url_for("/hook"), "events": ["payout.paid"]}
    assert client.post(f"/akun/webhook/{endpoint.id}/ubah", data=edit).status_code == 302
    assert endpoints()[0].events == ["payout.paid"]
    client.post(f"/akun/webhook/{endpoint.id}/rahasia")
    assert endpoints()[0].secret != old_secret
    page = client.post(f"/akun/webhook/{endpoint.id}/uji", follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Test event sent" in text and "HTTP 200" in text and "Delivered" in text
    assert received(receiver, endpoints()[0].secret)[0]["type"] == "webhook.test"
    assert client.post(f"/akun/webhook/{endpoint.id}/hapus").status_code == 302
    assert endpoints() == [] and deliveries() == []


def test_a_new_secret_keeps_the_old_one_signing_for_a_day_unless_stopped_now(app, receiver):
    user = english_user("Integrator")
    endpoint = endpoint_for(user, receiver)
    client = client_for(app, user)
    first = endpoint.secret
    page = client.post(f"/akun/webhook/{endpoint.id}/rahasia", follow_redirects=True)
    assert "the old one also signs deliveries for 24 more hours" in page.get_data(as_text=True)
    assert "signed with the previous secret too" in page.get_data(as_text=True)
    (rotated,) = endpoints()
    assert rotated.previous_secret == first and rotated.secret != first
    overlap = rotated.previous_secret_until - utcnow()
    assert timedelta(hours=23, minutes=59) < overlap <= timedelta(hours=24)
    client.post(f"/akun/webhook/{endpoint.id}/uji")
    second = rotated.secret
    assert received(receiver, first) and received(receiver, second)  # both verify

    client.post(f"/akun/webhook/{endpoint.id}/rahasia-sekarang")
    (stopped,) = endpoints()
    assert stopped.previous_secret is None and stopped.previous_secret_until is None
    assert stopped.secret not in (first, second)
    page = client.get(f"/akun/webhook/{endpoint.id}").get_data(as_text=True)
    assert "signed with the previous secret too" not in page
    receiver.clear_log()
    client.post(f"/akun/webhook/{endpoint.id}/uji")
    (request, _response) = receiver.log[0]
    assert request.headers[HEADER].count("v1=") == 1
    assert received(receiver, stopped.secret)
    events = audit_events("webhook.secret_rotated")
    assert [e.after["old_secret_signs_until"] is None for e in events] == [False, True]


def test_an_overlap_that_ended_signs_with_the_new_secret_alone(app, receiver):
    user = english_user("Integrator")
    endpoint = endpoint_for(user, receiver)
    client = client_for(app, user)
    client.post(f"/akun/webhook/{endpoint.id}/rahasia")
    (rotated,) = endpoints()
    rotated.previous_secret_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "previous secret too" not in client.get(f"/akun/webhook/{endpoint.id}").get_data(
        as_text=True
    )
    client.post(f"/akun/webhook/{endpoint.id}/uji")
    (request, _response) = receiver.log[0]
    assert request.headers[HEADER].count("v1=") == 1
    assert received(receiver, rotated.secret)


def test_the_same_url_sent_twice_makes_one_endpoint(app):
    client = client_for(app, english_user("Integrator"))
    assert client.post("/akun/webhook/baru", data=FORM).status_code == 302
    before = db_state()
    again = client.post("/akun/webhook/baru", data=FORM)
    assert again.status_code == 200  # the form again, with the message at the URL
    assert "already have an endpoint for this URL" in again.get_data(as_text=True)
    assert db_state() == before


def test_a_disabled_endpoint_is_enabled_again_by_its_owner(app):
    user = english_user("Integrator")
    endpoint = endpoint_for(user, Nowhere())
    endpoint.disabled_at = endpoint.failing_since = utcnow()
    db.session.commit()
    client = client_for(app, user)
    page = client.get(f"/akun/webhook/{endpoint.id}").get_data(as_text=True)
    assert "Enable again" in page and "Send a test event" not in page
    client.post(f"/akun/webhook/{endpoint.id}/aktifkan")
    (again,) = endpoints()
    assert again.is_active and again.failing_since is None
    answer = client.post(f"/akun/webhook/{endpoint.id}/aktifkan", follow_redirects=True)
    assert "already enabled" in answer.get_data(as_text=True)


@pytest.mark.parametrize(
    ("_case", "form", "message"),
    [
        ("not_a_url", {"url": "not a url"}, "must start with https:// or http://"),
        ("ftp", {"url": "ftp://hooks.example.com/x"}, "must start with https:// or http://"),
        ("javascript", {"url": "javascript:alert(1)"}, "must start with https:// or http://"),
        ("huge", {"url": "https://a.example.com/" + "x" * 10_000}, "at most 500 characters"),
        ("empty", {"url": "   "}, "Enter the URL that receives the events."),
        ("bad_port", {"url": "https://hooks.example.com:99999/"}, "This is not a valid URL."),
        ("credentials", {"url": "https://u:p@hooks.example.com/"}, "user name and password"),
        ("no_events", {"events": []}, "Choose at least one event."),
        ("unknown_event", {"events": ["order.shipped", "x" * 5000]}, "Choose at least one event."),
    ],
)
def test_bad_input_is_refused_with_a_message(app, _case, form, message):
    user = english_user("Integrator")
    client = client_for(app, user)
    before = db_state()
    response = client.post("/akun/webhook/baru", data={**FORM, **form})
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db_state() == before


def test_a_private_address_is_refused_in_production_with_a_reason(app, monkeypatch):
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_PRIVATE", False)
    client = client_for(app, english_user("Integrator"))
    before = db_state()
    for url in ("http://127.0.0.1:8080/hook", "http://10.0.0.7/", "http://localhost/hook"):
        response = client.post("/akun/webhook/baru", data={**FORM, "url": url})
        assert "private or local network address" in response.get_data(as_text=True), url
    assert db_state() == before


def test_the_form_speaks_indonesian(app):
    client = client_for(app, make_user("Integrator", locale="id"))
    page = client.post("/akun/webhook/baru", data={**FORM, "events": []}).get_data(as_text=True)
    assert "Pilih setidaknya satu peristiwa." in page and "Pesanan dikirim seluruhnya" in page


def test_the_log_is_paginated(app):
    user = english_user("Integrator")
    endpoint = endpoint_for(user, Nowhere())
    for n in range(25):
        db.session.add(
            WebhookDelivery(
                endpoint_id=endpoint.id,
                event_id=f"evt_{n:03d}",
                event_type="order.shipped",
                payload={},
                status="delivered",
                attempts=1,
                last_status_code=200,
                response_excerpt="",
                last_error="",
                last_attempt_at=utcnow(),
            )
        )
    db.session.commit()
    client = client_for(app, user)
    first = client.get(f"/akun/webhook/{endpoint.id}/log").get_data(as_text=True)
    second = client.get(f"/akun/webhook/{endpoint.id}/log?page=2").get_data(as_text=True)
    assert "evt_024" in first and "evt_005" in first and "evt_004" not in first
    assert "evt_004" in second and "evt_000" in second
    past = client.get(f"/akun/webhook/{endpoint.id}/log?page=99")
    assert past.status_code == 200 and "past the end" in past.get_data(as_text=True)


PAGES = ["", "/ubah", "/log"]
ACTIONS = ["/ubah", "/rahasia", "/rahasia-sekarang", "/uji", "/aktifkan", "/hapus"]


def test_nobody_else_reaches_an_endpoint_and_nothing_changes(app, coop_with_product):
    owner = english_user("Owner")
    endpoint = endpoint_for(owner, Nowhere())
    endpoint.disabled_at = utcnow()  # so that "enable" would change something
    db.session.commit()
    people = {
        "buyer": english_user("Other buyer"),
        "coop_admin": coop_with_product.admin,
        "member": coop_with_product.member.user,
        "platform_admin": english_user("Platform", is_platform_admin=True),
    }
    before = db_state()
    base = f"/akun/webhook/{endpoint.id}"
    for label, someone in people.items():
        client = client_for(app, someone)
        for suffix in PAGES:
            assert client.get(base + suffix).status_code == 404, (label, suffix)
        for suffix in ACTIONS:
            response = client.post(base + suffix, data=FORM)
            assert response.status_code == 404, (label, suffix)
    assert client.get("/akun/webhook/2147483647").status_code == 404
    assert client.get("/akun/webhook/99999999999999999999").status_code == 404
    assert db_state() == before


def test_anonymous_visitors_are_sent_to_log_in(app):
    endpoint = endpoint_for(english_user("Owner"), Nowhere())
    client = app.test_client()
    before = db_state()
    base = f"/akun/webhook/{endpoint.id}"
    for url in ["/akun/webhook", "/akun/webhook/baru", *(base + s for s in PAGES)]:
        response = client.get(url)
        assert response.status_code == 302 and "/akun/masuk" in response.location, url
    for url in ["/akun/webhook/baru", *(base + s for s in ACTIONS)]:
        response = client.post(url, data=FORM)
        assert response.status_code == 302 and "/akun/masuk" in response.location, url
    assert db_state() == before
