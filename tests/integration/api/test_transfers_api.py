"""A cooperative admin records bank transfers over the API: partial transfers add up and
confirm the order once paid in full, a retried request adds nothing, bad input is a problem
that changes nothing (who may not: tests/integration/api/test_cooperative_api.py)."""

import pytest
from sqlalchemy import func, select

from marketplace.audit.models import AuditEvent
from marketplace.extensions import db
from marketplace.payments.models import Payment
from tests.api_support import assert_problem, bearer, state_without_token_use, token_for
from tests.factories import local_today


@pytest.fixture
def record(app, placed_order):
    headers = bearer(token_for(placed_order.admin))
    url = (
        f"/api/v1/cooperatives/{placed_order.coop.slug}/orders/{placed_order.order.number}/payments"
    )

    def post(**body):
        values = {"received_on": local_today().isoformat(), **body}
        return app.test_client().post(url, json=values, headers=headers)

    post.order = placed_order.order
    return post


def payments() -> list[Payment]:
    db.session.expire_all()
    return list(db.session.scalars(select(Payment).order_by(Payment.id)))


def test_two_transfers_add_up_and_confirm_the_order(record):
    total = record.order.total
    first = record(amount=total - 1000, reference="BCA-001")
    assert first.status_code == 201, first.get_json()
    assert first.get_json()["status"] == "placed" and first.get_json()["amount_due"] == 1000
    assert first.get_json()["payments"][0]["reference"] == "BCA-001"
    second = record(amount=1000, reference="BCA-002").get_json()
    assert second["status"] == "confirmed" and second["amount_due"] == 0
    assert [p.amount for p in payments()] == [total - 1000, 1000]
    audited = select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("payment%"))
    assert db.session.scalar(audited) == 2


def test_the_same_transfer_sent_again_adds_nothing(record):
    body = {"amount": 5000, "reference": "BCA-777"}
    assert record(**body).status_code == 201
    before = state_without_token_use()
    again = record(**body)
    assert again.status_code == 201 and again.get_json()["amount_due"] == record.order.total - 5000
    assert state_without_token_use() == before
    assert len(payments()) == 1


def test_the_same_reference_with_another_amount_is_refused(record):
    assert record(amount=5000, reference="BCA-777").status_code == 201
    before = state_without_token_use()
    body = assert_problem(record(amount=6000, reference="BCA-777"), 422, "validation_failed")
    assert "already recorded" in body["detail"]
    assert state_without_token_use() == before


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"amount": 0, "reference": "R1"}, "invalid_input"),
        ({"amount": -5, "reference": "R1"}, "invalid_input"),
        ({"amount": 10**15, "reference": "R1"}, "invalid_input"),
        ({"amount": "lots", "reference": "R1"}, "invalid_input"),
        ({"amount": 5000}, "invalid_input"),
        ({"amount": 5000, "reference": ""}, "invalid_input"),
        ({"amount": 5000, "reference": "   "}, "validation_failed"),
        ({"amount": 5000, "reference": "R1", "received_on": "2999-01-01"}, "invalid_input"),
        ({"amount": 5000, "reference": "R1", "received_on": "not a date"}, "invalid_input"),
        ({"amount": 5000, "reference": "R1", "received_on": "2020-01-01"}, "validation_failed"),
    ],
)
def test_bad_transfers_are_problems_and_record_nothing(record, body, code):
    before = state_without_token_use()
    assert_problem(record(**body), 422, code)
    assert state_without_token_use() == before


def test_an_order_not_awaiting_payment_takes_no_transfer(record):
    assert record(amount=record.order.total, reference="BCA-1").status_code == 201
    before = state_without_token_use()
    response = record(amount=1000, reference="BCA-2")
    assert response.status_code == 409 and response.mimetype == "application/problem+json"
    assert state_without_token_use() == before
