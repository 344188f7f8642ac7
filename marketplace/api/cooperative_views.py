"""A cooperative admin's endpoints: the cooperative's orders, their bank transfers and their
shipments.

Every cooperative is loaded with get_cooperative_for_admin: an active admin of it, else 404.
"""

from datetime import date

from flask.views import MethodView
from marshmallow import Schema, fields, validate

from marketplace.api import queries
from marketplace.api.blueprint import api_user, bp
from marketplace.api.order_views import before_id, order_page
from marketplace.api.schemas import OrderListArgs, OrderPageSchema, OrderSchema, bounded_date
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.fulfilment.services.shipping import ship_ready_units, shippable_units
from marketplace.limits import MAX_PRICE
from marketplace.orders.access import get_order_for_admin
from marketplace.orders.services.shipping import ShipmentDetails
from marketplace.payments.services import record_bank_transfer_once

SLUG = "<string(maxlength=40):slug>"
NUMBER = "<string(maxlength=20):number>"


class ShipmentLineSchema(Schema):
    line_id = fields.Integer(required=True, validate=validate.Range(1, 2**31 - 1))
    quantity = fields.Integer(required=True, validate=validate.Range(1, 10_000_000))


class AssignmentSchema(Schema):
    id = fields.Integer(required=True)
    line_id = fields.Integer(required=True, attribute="order_line_id")
    member_number = fields.String(required=True, attribute="membership.member_number")
    member = fields.String(required=True, attribute="membership.display_name")
    quantity = fields.Integer(required=True)
    status = fields.String(required=True)
    payout_per_unit = fields.Integer(required=True, metadata={"description": "Whole rupiah."})
    accepted_quantity = fields.Integer(required=True)
    rejected_quantity = fields.Integer(required=True)
    reason_code = fields.String(required=True)
    reason_params = fields.Dict(required=True)


class AllocationSchema(Schema):
    items = fields.List(fields.Nested(AssignmentSchema), required=True)


class TransferSchema(Schema):
    amount = fields.Integer(
        required=True,
        validate=validate.Range(1, MAX_PRICE),
        metadata={"description": "Whole rupiah received."},
    )
    received_on = bounded_date(required=True)
    reference = fields.String(
        required=True,
        validate=validate.Length(1, 120),
        metadata={
            "description": "The bank's reference of the transfer: sending the same transfer "
            "again adds nothing."
        },
    )
    before_order_confirmed = fields.Boolean(
        load_default=False,
        metadata={"description": "true: record a transfer dated before the order was placed."},
    )


class ShipmentCreateSchema(Schema):
    courier = fields.String(
        required=True,
        validate=validate.Length(1, 60),
        metadata={"description": "A courier code (jne, jnt, sicepat, ...), own, or a name."},
    )
    tracking_number = fields.String(load_default="", validate=validate.Length(max=60))
    shipped_on = bounded_date(metadata={"description": "Default: today at the cooperative."})
    lines = fields.List(
        fields.Nested(ShipmentLineSchema),
        validate=validate.Length(max=200),
        metadata={"description": "Default: every unit that is ready to ship."},
    )


@bp.route(f"/cooperatives/{SLUG}/orders")
class CooperativeOrders(MethodView):
    @bp.arguments(OrderListArgs, location="query")
    @bp.response(200, OrderPageSchema)
    def get(self, args: dict, slug: str) -> dict:
        """List the orders of a cooperative I administer"""
        coop = get_cooperative_for_admin(slug, api_user())
        found = queries.orders_of_cooperative(
            coop, args.get("status"), before_id(args), args["limit"]
        )
        return order_page(found)


@bp.route(f"/cooperatives/{SLUG}/orders/{NUMBER}")
class CooperativeOrder(MethodView):
    @bp.response(200, OrderSchema)
    def get(self, slug: str, number: str):
        """Get an order of a cooperative I administer"""
        coop = get_cooperative_for_admin(slug, api_user())
        return get_order_for_admin(coop, number)


@bp.route(f"/cooperatives/{SLUG}/orders/{NUMBER}/allocation")
class CooperativeAllocation(MethodView):
    @bp.response(200, AllocationSchema)
    def get(self, slug: str, number: str) -> dict:
        """The allocation of an order: each member's share, its status and QC result

        `reason_code` and `reason_params` say why a member got what it got.
        """
        coop = get_cooperative_for_admin(slug, api_user())
        return {"items": queries.allocation_of(get_order_for_admin(coop, number))}


@bp.route(f"/cooperatives/{SLUG}/orders/{NUMBER}/shipments")
class CooperativeShipments(MethodView):
    @bp.arguments(ShipmentCreateSchema)
    @bp.response(201, OrderSchema)
    def post(self, body: dict, slug: str, number: str):
        """Ship units of an order, with courier and tracking number

        Only units that passed quality control and were not sent yet; the order becomes
        `shipped` when every line is sent. Returns the order with its shipments.
        """
        coop = get_cooperative_for_admin(slug, api_user())
        order = get_order_for_admin(coop, number)
        shipped_on: date = body.get("shipped_on") or coop.local_date()
        details = ShipmentDetails(
            courier=body["courier"],
            shipped_on=shipped_on,
            tracking_number=body["tracking_number"],
        )
        if "lines" in body:
            quantities: dict[int, int] = {}
            for line in body["lines"]:
                quantities[line["line_id"]] = quantities.get(line["line_id"], 0) + line["quantity"]
        else:
            quantities = {line.id: shippable_units(line) for line in order.lines}
        ship_ready_units(order, api_user(), details, quantities)
        return order


@bp.route(f"/cooperatives/{SLUG}/orders/{NUMBER}/payments")
class CooperativePayments(MethodView):
    @bp.arguments(TransferSchema)
    @bp.response(201, OrderSchema)
    def post(self, body: dict, slug: str, number: str):
        """Record a bank transfer received for an order

        Partial transfers add up; the order is confirmed once it is paid in full. The same
        reference with the same amount and date is the transfer already recorded (nothing is
        added); with another amount or date it is refused. Returns the order with its payments.
        """
        coop = get_cooperative_for_admin(slug, api_user())
        order = get_order_for_admin(coop, number)
        record_bank_transfer_once(order, api_user(), **body)
        return order
