"""The demo offers get production rates, once: seeding twice changes nothing more."""

from sqlalchemy import select

from marketplace.cooperatives.models import SupplyOffer
from marketplace.demo import seed_demo
from marketplace.demo_capacity import weekly_rate
from marketplace.extensions import db


def test_demo_offers_make_units_every_week_and_reseeding_keeps_them(app):
    with app.test_request_context():
        seed_demo()
        first = dict(db.session.execute(select(SupplyOffer.id, SupplyOffer.rate_per_week)).all())
        seed_demo()
    again = dict(db.session.execute(select(SupplyOffer.id, SupplyOffer.rate_per_week)).all())
    assert first == again
    assert first and all(rate > 0 for rate in first.values())


def test_a_weekly_rate_is_whole_order_steps_and_at_least_one():
    assert weekly_rate(200, 4, 10) == 50
    assert weekly_rate(230, 4, 20) == 40
    assert weekly_rate(3, 5, 1) == 1
    assert weekly_rate(0, 3, 0) == 1
