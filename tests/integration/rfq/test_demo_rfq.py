"""The demo shows both ends of an RFQ: one accepted into an order, one open with two quotes;
seeding twice adds nothing."""

from sqlalchemy import func, select

from marketplace.demo import seed_demo
from marketplace.demo_rfq import ACCEPTED, OPEN
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.rfq.models import RFQ, Quote, RFQMessage


def test_the_demo_has_an_accepted_and_an_open_rfq_once(app):
    with app.test_request_context():
        seed_demo()
        counts = [db.session.scalar(select(func.count()).select_from(m)) for m in (RFQ, Quote)]
        seed_demo()
    assert counts == [2, 4]
    assert [db.session.scalar(select(func.count()).select_from(m)) for m in (RFQ, Quote)] == counts
    accepted = db.session.scalar(select(RFQ).where(RFQ.title == ACCEPTED))
    assert accepted.status == "accepted"
    assert sorted(r.status for r in accepted.recipients) == ["accepted", "closed"]
    order = next(r.quote.order for r in accepted.recipients if r.status == "accepted")
    assert order.lines[0].unit_price == 85_000
    assert db.session.scalar(select(func.count()).select_from(Order).where(Order.id == order.id))
    still_open = db.session.scalar(select(RFQ).where(RFQ.title == OPEN))
    assert [r.status for r in still_open.recipients] == ["quoted", "quoted"]
    assert db.session.scalar(select(func.count()).select_from(RFQMessage)) == 2
