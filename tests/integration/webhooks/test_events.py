"""The other events: a quote received by the buyer of an RFQ, a call-off ordered for the
offtaker of a contract, a member payout paid for the cooperative's admins; and a test event."""

from datetime import UTC, datetime

from sqlalchemy import select

from marketplace.extensions import db
from marketplace.finance import services as finance
from marketplace.finance.models import LedgerEntry
from marketplace.fulfilment.services import ship_ready_units
from marketplace.offtake.services import run_due
from marketplace.orders.models import Order
from marketplace.webhooks.models import EventType
from marketplace.webhooks.services import send_test
from tests.factories import english_user, make_cooperative, make_member
from tests.integration.webhooks.conftest import deliveries, endpoint_for, received
from tests.offtake_support import active_deal
from tests.rfq_support import build_world, quote
from tests.shipping_support import details, pass_qc


def test_the_buyer_of_an_rfq_receives_each_quote_and_a_revised_one_again(receiver):
    world = build_world()
    endpoint = endpoint_for(world.buyer, receiver, events=[EventType.QUOTE_RECEIVED])
    other_admin = endpoint_for(world.first.admin, receiver, events=[EventType.QUOTE_RECEIVED])
    first = quote(world, world.first)
    quote(world, world.second, unit_price=41_000)
    quote(world, world.first, unit_price=39_000)  # revised: a new event

    bodies = received(receiver, endpoint.secret)
    assert [b["data"]["unit_price"] for b in bodies] == [42_000, 41_000, 39_000]
    assert bodies[0]["data"]["id"] == first.id and bodies[0]["data"]["rfq_id"] == world.rfq.id
    assert bodies[0]["id"] != bodies[2]["id"]
    assert deliveries(other_admin) == []  # a cooperative's admin does not hear quotes


def test_the_offtaker_receives_the_call_off_ordered_from_their_contract(receiver):
    deal = active_deal()
    endpoint = endpoint_for(deal.offtaker, receiver, events=[EventType.CALLOFF_CREATED])
    admin = endpoint_for(deal.shop.admin, receiver, events=[EventType.CALLOFF_CREATED])
    run_due()
    run_due()
    (body,) = received(receiver, endpoint.secret)
    assert body["type"] == "calloff.created" and body["data"]["contract"] == deal.contract.number
    assert body["data"]["quantity"] == 20 and body["data"]["order"].startswith("PK")
    assert deliveries(admin) == []


def test_the_cooperatives_admins_receive_a_paid_member_payout(receiver):
    treasurer, other = english_user("Treasurer"), english_user("Other admin")
    coop = make_cooperative(admin=treasurer)
    make_member(coop, user=other, role="admin")
    member = make_member(coop, user=english_user("Ani"))
    db.session.add(
        LedgerEntry(cooperative_id=coop.id, membership_id=member.id, kind="earning", amount=900_000)
    )
    db.session.commit()
    mine = endpoint_for(treasurer, receiver, events=[EventType.PAYOUT_PAID])
    theirs = endpoint_for(other, receiver, events=[EventType.PAYOUT_PAID])
    outsider = endpoint_for(member.user, receiver, events=[EventType.PAYOUT_PAID])
    batch = finance.create_payout_batch(coop, treasurer, {member.id: 400_000})
    finance.mark_line_paid(batch.lines[0], treasurer, "TRF-77")

    bodies = received(receiver)
    assert len(bodies) == 2 and bodies[0]["id"] == bodies[1]["id"]
    data = bodies[0]["data"]
    assert data["amount"] == 400_000 and data["reference"] == "TRF-77"
    assert data["batch_status"] == "paid" and data["membership_id"] == member.id
    assert datetime.fromisoformat(data["paid_at"]).tzinfo == UTC
    assert len(deliveries(mine)) == len(deliveries(theirs)) == 1 and deliveries(outsider) == []


def test_a_test_event_reaches_the_endpoint_signed(receiver):
    user = english_user("Integrator")
    endpoint = endpoint_for(user, receiver, events=[EventType.ORDER_SHIPPED])
    send_test(endpoint, user)
    send_test(endpoint, user)
    bodies = received(receiver, endpoint.secret)
    assert [b["type"] for b in bodies] == ["webhook.test", "webhook.test"]
    assert bodies[0]["id"] != bodies[1]["id"]


def test_the_offtaker_receives_the_signed_webhook_when_a_call_off_ships(receiver):
    """The issue's "done when": an offtaker's endpoint hears its call-off order ship."""
    deal = active_deal()
    endpoint = endpoint_for(
        deal.offtaker, receiver, events=[EventType.CALLOFF_CREATED, EventType.ORDER_SHIPPED]
    )
    (number,) = run_due().ordered
    order = db.session.scalar(select(Order).where(Order.number == number))
    pass_qc(deal.shop, order)
    ship_ready_units(
        order, deal.shop.admin, details(), {line.id: line.quantity for line in order.lines}
    )

    bodies = received(receiver, endpoint.secret)
    assert [b["type"] for b in bodies] == ["calloff.created", "order.shipped"]
    assert bodies[1]["data"]["number"] == order.number == bodies[0]["data"]["order"]
    assert bodies[1]["data"]["status"] == "shipped"
