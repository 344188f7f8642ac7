"""Every reason the engine gives has a translatable pattern (fulfilment/reasons.py)."""

import random

from marketplace.fulfilment.allocation import Candidate, Policy, allocate
from marketplace.fulfilment.reasons import REOFFERED, is_known, translate_reason


def test_every_engine_reason_has_a_pattern():
    rng = random.Random(3)
    unknown = set()
    for _ in range(3000):
        candidates = [
            Candidate(
                member_id=i,
                capacity=rng.randint(0, 40),
                min_lot=rng.choice([1, 1, 2, 5, 12, 30]),
                recent_load=rng.choice([0, 0, 7, 40]),
            )
            for i in range(rng.randint(1, 6))
        ]
        result = allocate(
            rng.randint(0, 120), candidates, rng.choice(list(Policy)), step=rng.choice([1, 1, 5])
        )
        unknown |= {reason for reason in result.reasons.values() if not is_known(reason)}
    assert not unknown


def test_reasons_are_translated(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("id"):
        assert translate_reason("capacity 40 of 400 total: 10% of the order") == (
            "kapasitas 40 dari total 400: 10% pesanan"
        )
        assert translate_reason(REOFFERED + "full: capacity 12") == (
            "ditawarkan lagi: penuh: kapasitas 12"
        )
        assert translate_reason("something new") == "something new"
