"""The pure RFQ rules: who may answer, when a quote may be accepted, which is best."""

from datetime import date

import pytest

from marketplace.rfq import rules

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("rfq_open", "status", "expected"),
    [
        (True, "awaiting", None),
        (True, "quoted", None),  # a quote may be revised
        (True, "declined", "declined"),
        (True, "closed", "rfq_closed"),
        (False, "accepted", "rfq_closed"),
        (False, "quoted", "rfq_closed"),
    ],
)
def test_who_may_answer(rfq_open, status, expected):
    assert rules.answer_refusal(rfq_open, status) == expected


@pytest.mark.parametrize(
    ("rfq_open", "status", "valid_until", "expected"),
    [
        (True, "quoted", TODAY, None),  # valid through its last day
        (True, "quoted", date(2026, 11, 30), "expired"),
        (True, "awaiting", TODAY, "not_open"),
        (True, "declined", TODAY, "not_open"),
        (True, "closed", TODAY, "not_open"),
        (False, "quoted", TODAY, "not_open"),
        (False, "accepted", TODAY, "not_open"),
    ],
)
def test_when_a_quote_may_be_accepted(rfq_open, status, valid_until, expected):
    assert rules.acceptance_refusal(rfq_open, status, valid_until, TODAY) == expected


def test_validity_may_not_lie_before_today():
    assert rules.validity_refusal(date(2026, 11, 30), TODAY) == "validity_past"
    assert rules.validity_refusal(TODAY, TODAY) is None


def test_best_offers_skip_expired_quotes_and_break_ties_by_the_earlier_recipient():
    offers = [
        rules.Offer(1, unit_price=40_000, lead_time_days=20, expired=False),
        rules.Offer(2, unit_price=30_000, lead_time_days=5, expired=True),
        rules.Offer(3, unit_price=40_000, lead_time_days=10, expired=False),
    ]
    assert rules.best_offers(offers) == (1, 3)
    assert rules.best_offers([offers[1]]) == (None, None)
    assert rules.best_offers([]) == (None, None)
