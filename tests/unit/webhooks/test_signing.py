"""The signature is Stripe's scheme: Stripe's own library verifies our header, a stale or
tampered delivery fails, and the backoff and disabling rules."""

from datetime import UTC, datetime, timedelta

import pytest
import stripe

from marketplace.webhooks import policy
from marketplace.webhooks.signing import new_secret, sign, signature, verify

BODY = '{"data":{"number":"PK-1"},"id":"evt_1","type":"order.shipped"}'
SECRET = "whsec_test_secret"
NOW = 1_796_000_000


def test_the_header_is_t_and_v1_over_the_timestamp_and_the_body():
    header = sign(SECRET, NOW, BODY)
    assert header == f"t={NOW},v1={signature(SECRET, NOW, BODY)}"
    assert len(signature(SECRET, NOW, BODY)) == 64


def test_stripes_library_verifies_our_header():
    header = sign(SECRET, NOW, BODY)
    assert stripe.WebhookSignature.verify_header(BODY, header, SECRET, tolerance=None)


def test_stripes_library_refuses_a_stale_timestamp():
    header = sign(SECRET, NOW, BODY)  # years ago for the library's clock
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.WebhookSignature.verify_header(BODY, header, SECRET, tolerance=300)


def test_after_a_rotation_both_secrets_sign_the_new_one_first():
    header = sign("whsec_new", NOW, BODY, SECRET)
    assert (
        header
        == f"t={NOW},v1={signature('whsec_new', NOW, BODY)},v1={signature(SECRET, NOW, BODY)}"
    )
    for key in ("whsec_new", SECRET):
        assert verify(header, BODY, key, now=NOW)
        assert stripe.WebhookSignature.verify_header(BODY, header, key, tolerance=None)
    assert not verify(header, BODY, "whsec_other", now=NOW)


def test_a_receiver_refuses_stale_tampered_or_wrongly_keyed_deliveries():
    header = sign(SECRET, NOW, BODY)
    assert verify(header, BODY, SECRET, now=NOW + 299)
    assert not verify(header, BODY, SECRET, now=NOW + 301)
    assert not verify(header, BODY, SECRET, now=NOW - 301)
    assert not verify(header, BODY.replace("PK-1", "PK-2"), SECRET, now=NOW)
    assert not verify(header, BODY, "whsec_other", now=NOW)
    assert not verify(
        sign(SECRET, NOW + 1, BODY).replace(f"t={NOW + 1}", f"t={NOW}"), BODY, SECRET, now=NOW
    )


@pytest.mark.parametrize(
    "header", ["", "garbage", "t=abc,v1=00", "v1=00", f"t={NOW}", "t=1,t=2,v1=0"]
)
def test_malformed_headers_do_not_verify(header):
    assert not verify(header, BODY, SECRET, now=NOW)


def test_secrets_are_new_and_prefixed():
    first, second = new_secret(), new_secret()
    assert first.startswith("whsec_") and len(first) > 30 and first != second


def test_backoff_doubles_from_a_minute_and_is_capped_at_an_hour():
    waits = [policy.backoff_seconds(n) for n in range(1, 10)]
    assert waits[:4] == [60, 120, 240, 480]
    assert max(waits) == 3600 and waits == sorted(waits)
    assert policy.backoff_seconds(10_000) == 3600
    assert policy.backoff_seconds(0) == 60


def test_retries_reach_past_a_day_then_give_up():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    total = sum(policy.backoff_seconds(n) for n in range(1, policy.MAX_ATTEMPTS))
    assert total > 24 * 3600
    assert policy.next_attempt_at(policy.MAX_ATTEMPTS, now) is None
    assert policy.next_attempt_at(1, now) == now + timedelta(seconds=60)


def test_an_endpoint_is_disabled_after_failing_for_more_than_a_day():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert not policy.should_disable(None, now)
    assert not policy.should_disable(now - timedelta(hours=23, minutes=59), now)
    assert policy.should_disable(now - timedelta(hours=24, seconds=1), now)


@pytest.mark.parametrize(
    ("code", "ok"),
    [(200, True), (204, True), (299, True), (301, False), (500, False), (None, False)],
)
def test_only_a_2xx_answer_is_a_success(code, ok):
    assert policy.succeeded(code) is ok
