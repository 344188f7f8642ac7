"""Requests for quotation: a buyer sends, lists and accepts quotes; a cooperative admin lists
the RFQs sent to it and quotes."""

from flask.views import MethodView
from flask_babel import gettext as _
from sqlalchemy import select

from marketplace.api import queries
from marketplace.api.blueprint import api_user, bp
from marketplace.api.cooperative_views import SLUG
from marketplace.api.offtake_schemas import (
    AcceptQuoteSchema,
    IncomingRFQPageSchema,
    IncomingRFQSchema,
    QuoteInputSchema,
    RFQCreateSchema,
    RFQPageSchema,
    RFQSchema,
)
from marketplace.api.order_views import before_id, cursor_page
from marketplace.api.orders import delivery_of
from marketplace.api.schemas import OrderSchema, PageArgs
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.cooperatives.models import Cooperative
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.rfq import services
from marketplace.rfq.access import get_quote_of, get_recipient_for_admin, get_rfq_for_buyer


def _cooperative_ids(slugs: list[str]) -> list[int]:
    found = dict(
        db.session.execute(
            select(Cooperative.slug, Cooperative.id).where(Cooperative.slug.in_(slugs))
        ).all()
    )
    if set(slugs) - set(found):
        raise ValidationFailed(_("Choose cooperatives from the list."), field="cooperatives")
    return [found[slug] for slug in slugs]


@bp.route("/rfqs")
class RFQs(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, RFQPageSchema)
    def get(self, args: dict) -> dict:
        """List my requests for quotation, with each cooperative's answer"""
        found = queries.rfqs_of_buyer(api_user(), before_id(args, "rfq"), args["limit"])
        return cursor_page("rfq", found)

    @bp.arguments(RFQCreateSchema)
    @bp.response(201, RFQSchema)
    def post(self, body: dict):
        """Send a request for quotation to one or more cooperatives"""
        ids = _cooperative_ids(body.pop("cooperatives"))
        return services.send_rfq(api_user(), services.RFQInput(**body), ids, [])


@bp.route("/rfqs/<int:rfq_id>")
class RFQDetail(MethodView):
    @bp.response(200, RFQSchema)
    def get(self, rfq_id: int):
        """Get one of my requests for quotation"""
        return get_rfq_for_buyer(rfq_id, api_user())


@bp.route("/rfqs/<int:rfq_id>/quotes/<int:quote_id>/accept")
class AcceptQuote(MethodView):
    @bp.arguments(AcceptQuoteSchema)
    @bp.response(201, OrderSchema)
    def post(self, body: dict, rfq_id: int, quote_id: int):
        """Accept a quote: its order is placed at the quoted price

        The RFQ's other quotes close. Accepting the same quote again returns its order.
        """
        quote = get_quote_of(get_rfq_for_buyer(rfq_id, api_user()), quote_id)
        return services.accept_quote(
            quote, api_user(), delivery_of(body["delivery"]), body["payment_method"]
        )


@bp.route(f"/cooperatives/{SLUG}/rfqs")
class IncomingRFQs(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, IncomingRFQPageSchema)
    def get(self, args: dict, slug: str) -> dict:
        """List the requests for quotation sent to a cooperative I administer"""
        coop = get_cooperative_for_admin(slug, api_user())
        found = queries.rfqs_to(coop, before_id(args, "rfq"), args["limit"])
        return cursor_page("rfq", found)


@bp.route(f"/cooperatives/{SLUG}/rfqs/<int:recipient_id>/quote")
class SendQuote(MethodView):
    @bp.arguments(QuoteInputSchema)
    @bp.response(200, IncomingRFQSchema)
    def post(self, body: dict, slug: str, recipient_id: int):
        """Quote (or revise the quote) for an RFQ sent to my cooperative"""
        coop = get_cooperative_for_admin(slug, api_user())
        recipient = get_recipient_for_admin(coop, recipient_id)
        services.submit_quote(recipient, api_user(), services.QuoteInput(**body))
        return recipient
