"""Schemas of the RFQ, quote, contract and call-off endpoints."""

from marshmallow import fields, validate

from marketplace.api.schemas import (
    DeliverySchema,
    ResponseSchema,
    StrictSchema,
    bounded_date,
    page_of,
)
from marketplace.catalogue.models import ProductUnit
from marketplace.db import MAX_ID
from marketplace.limits import MAX_PRICE, MAX_QUANTITY, MAX_RFQ_COOPERATIVES, MAX_RFQ_TEXT
from marketplace.orders.models import PaymentMethod


def order_number() -> fields.Function:
    """The number of the object's order, null while it has none."""
    return fields.Function(
        lambda obj: obj.order.number if obj.order is not None else None,
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


class QuoteSchema(ResponseSchema):
    id = fields.Integer()
    product_id = fields.Integer()
    quantity = fields.Integer()
    unit_price = fields.Integer()
    lead_time_days = fields.Integer()
    valid_until = fields.Date()
    conditions = fields.String()
    order = order_number()


class RecipientSchema(ResponseSchema):
    id = fields.Integer()
    cooperative = fields.String(attribute="cooperative.slug")
    status = fields.String()
    quote = fields.Nested(QuoteSchema, allow_none=True)


class RFQSchema(ResponseSchema):
    id = fields.Integer()
    title = fields.String()
    quantity = fields.Integer()
    unit = fields.String()
    needed_by = fields.Date()
    delivery_place = fields.String()
    specification = fields.String()
    target_price = fields.Integer(allow_none=True)
    status = fields.String()
    recipients = fields.List(fields.Nested(RecipientSchema))


RFQPageSchema = page_of(RFQSchema, "RFQPage")


class AcceptQuoteSchema(StrictSchema):
    payment_method = fields.String(
        load_default=PaymentMethod.BANK_TRANSFER,
        validate=validate.OneOf([m.value for m in PaymentMethod]),
    )
    delivery = fields.Nested(DeliverySchema, required=True)


class IncomingRFQSchema(ResponseSchema):
    """A cooperative's copy of an RFQ."""

    id = fields.Integer()
    status = fields.String()
    title = fields.String(attribute="rfq.title")
    quantity = fields.Integer(attribute="rfq.quantity")
    unit = fields.String(attribute="rfq.unit")
    needed_by = fields.Date(attribute="rfq.needed_by")
    delivery_place = fields.String(attribute="rfq.delivery_place")
    specification = fields.String(attribute="rfq.specification")
    quote = fields.Nested(QuoteSchema, allow_none=True)


IncomingRFQPageSchema = page_of(IncomingRFQSchema, "IncomingRFQPage")


class QuoteInputSchema(StrictSchema):
    product_id = fields.Integer(required=True, validate=validate.Range(1, MAX_ID))
    quantity = fields.Integer(required=True, validate=validate.Range(1, MAX_QUANTITY))
    unit_price = fields.Integer(required=True, validate=validate.Range(1, MAX_PRICE))
    lead_time_days = fields.Integer(required=True, validate=validate.Range(0, 365))
    valid_until = bounded_date(required=True)
    conditions = fields.String(load_default="", validate=validate.Length(max=MAX_RFQ_TEXT))


class CallOffSchema(ResponseSchema):
    id = fields.Integer()
    due_date = fields.Date()
    quantity = fields.Integer()
    status = fields.String()
    changed = fields.Boolean()
    order = order_number()


class TermsSchema(ResponseSchema):
    number = fields.Integer()
    status = fields.String()
    unit_price = fields.Integer()
    total_volume = fields.Integer()
    call_off_quantity = fields.Integer()
    frequency = fields.String()
    start_date = fields.Date()
    end_date = fields.Date()
    tolerance_pct = fields.Integer()
    cutoff_days = fields.Integer()
    allow_skip = fields.Boolean()


class ContractSchema(ResponseSchema):
    id = fields.Integer()
    number = fields.String()
    status = fields.String()
    cooperative = fields.String(attribute="cooperative.slug")
    product_id = fields.Integer()
    terms = fields.Nested(TermsSchema, attribute="shown_terms")
    call_offs = fields.List(fields.Nested(CallOffSchema))


ContractPageSchema = page_of(ContractSchema, "ContractPage")


class CallOffChangeSchema(StrictSchema):
    quantity = fields.Integer(validate=validate.Range(1, MAX_QUANTITY))
    skip = fields.Boolean(load_default=False)
