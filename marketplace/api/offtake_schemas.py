"""Schemas of the RFQ, quote, contract and call-off endpoints."""

from marshmallow import Schema, fields, validate

from marketplace.api.schemas import DeliverySchema, StrictSchema, bounded_date, page_of
from marketplace.catalogue.models import ProductUnit
from marketplace.db import MAX_ID
from marketplace.limits import MAX_PRICE, MAX_QUANTITY, MAX_RFQ_COOPERATIVES, MAX_RFQ_TEXT
from marketplace.orders.models import PaymentMethod


def order_number() -> fields.Function:
    """The number of the object's order, null while it has none."""
    return fields.Function(
        lambda obj: obj.order.number if obj.order is not None else None,
        required=True,
        allow_none=True,
        metadata={"type": "string", "description": "The order's number, if any."},
    )


class RFQCreateSchema(StrictSchema):
    title = fields.String(required=True, validate=validate.Length(1, 160))
    quantity = fields.Integer(required=True, validate=validate.Range(1, MAX_QUANTITY))
    unit = fields.String(
        load_default="pcs", validate=validate.OneOf([u.value for u in ProductUnit])
    )
    needed_by = bounded_date(required=True)
    delivery_place = fields.String(required=True, validate=validate.Length(1, 200))
    specification = fields.String(load_default="", validate=validate.Length(max=MAX_RFQ_TEXT))
    grade = fields.String(load_default="", validate=validate.Length(max=60))
    target_price = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(1, MAX_PRICE)
    )
    product_id = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(1, MAX_ID)
    )
    cooperatives = fields.List(
        fields.String(validate=validate.Length(1, 40)),
        required=True,
        validate=validate.Length(1, MAX_RFQ_COOPERATIVES),
        metadata={"description": "Slugs of the verified cooperatives to ask."},
    )


class QuoteSchema(Schema):
    id = fields.Integer(required=True)
    product_id = fields.Integer(required=True)
    quantity = fields.Integer(required=True)
    unit_price = fields.Integer(required=True)
    lead_time_days = fields.Integer(required=True)
    valid_until = fields.Date(required=True)
    conditions = fields.String(required=True)
    order = order_number()


class RecipientSchema(Schema):
    id = fields.Integer(required=True)
    cooperative = fields.String(required=True, attribute="cooperative.slug")
    status = fields.String(required=True)
    quote = fields.Nested(QuoteSchema, required=True, allow_none=True)


class RFQSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    quantity = fields.Integer(required=True)
    unit = fields.String(required=True)
    needed_by = fields.Date(required=True)
    delivery_place = fields.String(required=True)
    specification = fields.String(required=True)
    target_price = fields.Integer(required=True, allow_none=True)
    status = fields.String(required=True)
    recipients = fields.List(fields.Nested(RecipientSchema), required=True)


RFQPageSchema = page_of(RFQSchema, "RFQPage")


class AcceptQuoteSchema(StrictSchema):
    payment_method = fields.String(
        load_default=PaymentMethod.BANK_TRANSFER,
        validate=validate.OneOf([m.value for m in PaymentMethod]),
    )
    delivery = fields.Nested(DeliverySchema, required=True)


class IncomingRFQSchema(Schema):
    """A cooperative's copy of an RFQ."""

    id = fields.Integer(required=True)
    status = fields.String(required=True)
    title = fields.String(required=True, attribute="rfq.title")
    quantity = fields.Integer(required=True, attribute="rfq.quantity")
    unit = fields.String(required=True, attribute="rfq.unit")
    needed_by = fields.Date(required=True, attribute="rfq.needed_by")
    delivery_place = fields.String(required=True, attribute="rfq.delivery_place")
    specification = fields.String(required=True, attribute="rfq.specification")
    quote = fields.Nested(QuoteSchema, required=True, allow_none=True)


IncomingRFQPageSchema = page_of(IncomingRFQSchema, "IncomingRFQPage")


class QuoteInputSchema(StrictSchema):
    product_id = fields.Integer(required=True, validate=validate.Range(1, MAX_ID))
    quantity = fields.Integer(required=True, validate=validate.Range(1, MAX_QUANTITY))
    unit_price = fields.Integer(required=True, validate=validate.Range(1, MAX_PRICE))
    lead_time_days = fields.Integer(required=True, validate=validate.Range(0, 365))
    valid_until = bounded_date(required=True)
    conditions = fields.String(load_default="", validate=validate.Length(max=MAX_RFQ_TEXT))


class CallOffSchema(Schema):
    id = fields.Integer(required=True)
    due_date = fields.Date(required=True)
    quantity = fields.Integer(required=True)
    status = fields.String(required=True)
    changed = fields.Boolean(required=True)
    order = order_number()


class TermsSchema(Schema):
    number = fields.Integer(required=True)
    status = fields.String(required=True)
    unit_price = fields.Integer(required=True)
    total_volume = fields.Integer(required=True)
    call_off_quantity = fields.Integer(required=True)
    frequency = fields.String(required=True)
    start_date = fields.Date(required=True)
    end_date = fields.Date(required=True)
    tolerance_pct = fields.Integer(required=True)
    cutoff_days = fields.Integer(required=True)
    allow_skip = fields.Boolean(required=True)


class ContractSchema(Schema):
    id = fields.Integer(required=True)
    number = fields.String(required=True)
    status = fields.String(required=True)
    cooperative = fields.String(required=True, attribute="cooperative.slug")
    product_id = fields.Integer(required=True)
    terms = fields.Nested(TermsSchema, required=True, attribute="shown_terms")
    call_offs = fields.List(fields.Nested(CallOffSchema), required=True)


ContractPageSchema = page_of(ContractSchema, "ContractPage")


class CallOffChangeSchema(StrictSchema):
    quantity = fields.Integer(validate=validate.Range(1, MAX_QUANTITY))
    skip = fields.Boolean(load_default=False)
