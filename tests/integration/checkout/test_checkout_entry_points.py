"""Every entry point places its lines through checkout.place(): the origin is recorded, a price
agreed elsewhere (a quote, a contract) replaces the tiers, the same key places once, and the
rules of the product still hold for lines from anywhere."""

import pytest
from flask_babel import force_locale, format_date
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.checkout.services import CheckoutLine, FixedLines, Origin, place
from marketplace.errors import InsufficientCapacity, ValidationFailed
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.factories import db_state, delivery, english_user, order_of


def placed_origins() -> list[str]:
    return [
        event.after["origin"]
        for event in db.session.scalars(
            select(AuditEvent).where(AuditEvent.action == "order.placed").order_by(AuditEvent.id)
        )
    ]


def test_a_quote_line_keeps_its_agreed_price_and_names_its_origin(app, two_shops):
    dolls, _batik, bear, _cloth, _, _ = two_shops
    buyer = english_user("Hotel")
    source = FixedLines((CheckoutLine(bear.id, 100, unit_price_override=40_000),), Origin.QUOTE)
    methods = {dolls.id: "bank_transfer"}
    (order,) = place(buyer, source, delivery(), methods, "quote-key-0000001")
    assert [(line.quantity, line.unit_price, line.line_total) for line in order.lines] == [
        (100, 40_000, 4_000_000)
    ]
    assert order.total == 4_000_000  # not the 45.000 tier
    assert place(buyer, source, delivery(), methods, "quote-key-0000001") == [order]
    assert db.session.query(Order).count() == 1
    order_of(buyer, bear, 20)
    assert placed_origins() == ["quote", "order_now"]


@pytest.mark.parametrize(
    ("quantity", "error", "message"),
    [
        (25, ValidationFailed, "Order in multiples of 10 pcs."),
        (10, ValidationFailed, "The minimum order is 20 pcs."),
        (
            500,
            InsufficientCapacity,
            "Only 200 pcs of Boneka Beruang can be made ready by {date}. "
            "Order less, or choose a later delivery date.",
        ),
    ],
)
def test_lines_from_any_entry_point_obey_the_products_rules(
    app, two_shops, quantity, error, message
):
    dolls, _batik, bear, _cloth, _, _ = two_shops
    buyer = english_user("Hotel")
    before = db_state()
    source = FixedLines((CheckoutLine(bear.id, quantity, 40_000),), Origin.CALL_OFF)
    with force_locale("en"):
        expected = message.format(date=format_date(delivery().delivery_date, "long"))
        with pytest.raises(error) as raised:
            place(buyer, source, delivery(), {dolls.id: "bank_transfer"}, "k" * 20)
    assert (raised.value.message, raised.value.field) == (expected, "quantity")
    assert db_state() == before
