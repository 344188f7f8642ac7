"""Pure payment rules: stamp duty on receipts and IDR in Stripe's minor units."""

from marketplace.payments.stamp_duty import STAMP_DUTY, needs_stamp_duty
from marketplace.payments.stripe_gateway import to_stripe_amount


def test_stamp_duty_applies_over_five_million_rupiah():
    assert STAMP_DUTY == 10_000
    assert not needs_stamp_duty(5_000_000)
    assert needs_stamp_duty(5_000_001)


def test_idr_is_sent_to_stripe_as_two_decimal_minor_units():
    assert to_stripe_amount(1_500_000) == 150_000_000
    assert to_stripe_amount(1) == 100
