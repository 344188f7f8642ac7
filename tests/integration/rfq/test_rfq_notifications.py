"""Every RFQ notification reads as a sentence in both languages and links to a page its
reader may open."""

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.notifications.models import Notification
from marketplace.notifications.services import message
from marketplace.rfq import services
from tests.factories import client_for, delivery
from tests.rfq_support import build_world, quote


@pytest.mark.parametrize("locale", ["en", "id"])
def test_rfq_notifications_read_as_sentences_and_link_to_the_readers_pages(app, locale):
    world = build_world()
    services.decline_rfq(world.recipient(world.second), world.second.admin, "Penuh")
    recipient = world.recipient(world.first)
    services.post_message(recipient, world.buyer, "Halo", [], from_buyer=True)
    services.post_message(recipient, world.first.admin, "Halo juga", [], from_buyer=False)
    q = quote(world, world.first, unit_price=42_000)
    services.accept_quote(q, world.buyer, delivery(), "bank_transfer")
    notes = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    kinds = {n.kind for n in notes}
    assert {
        "rfq.received",
        "rfq.declined",
        "rfq.message_to_coop",
        "rfq.message_to_buyer",
        "rfq.quoted",
        "rfq.accepted",
    } <= kinds
    with app.test_request_context(), force_locale(locale):
        for note in notes:
            text = message(note)
            assert text != note.kind and "%(" not in text, text
            if note.kind == "rfq.quoted":
                assert "42" in text and "Rp" in text
    people = {u.id: u for u in (world.buyer, world.first.admin, world.second.admin)}
    for user_id in {n.user_id for n in notes}:
        client = client_for(app, people[user_id])
        for n in (x for x in notes if x.user_id == user_id):
            assert client.get(n.link).status_code == 200, (n.kind, n.link)
