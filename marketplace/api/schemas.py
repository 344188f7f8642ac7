"""Marshmallow schemas: the API's shapes, from which the OpenAPI document is generated.

Shapes only (types, lengths, ranges); rules stay in the services.
"""

from marshmallow import Schema, fields, validate

from marketplace.api.orders import MAX_KEY_LENGTH
from marketplace.catalogue.models import ProductKind, ProductStatus, ProductUnit
from marketplace.limits import (
    FIRST_DATE,
    LAST_DATE,
    MAX_LEAD_TIME_DAYS,
    MAX_PRICE,
    MAX_QUANTITY,
    MAX_SEARCH_LENGTH,
)
from marketplace.orders.models import OrderStatus, PaymentMethod

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
MAX_CURSOR_LENGTH = 40


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of one page of a list: its items and the cursor of the next page (null on
    the last one)."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item), required=True),
            "next_cursor": fields.String(required=True, allow_none=True),
        },
        name=name,
    )


class StrictSchema(Schema):
    """Unknown fields are refused (a typo must not silently be ignored)."""


class ResponseSchema(Schema):
    """The shape of what the API answers: every field is always there (null where it allows
    none), so each one is required in the OpenAPI document."""

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        field_obj.required = True


class ProblemSchema(Schema):
    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    code = fields.String(required=True)
    field = fields.String()
    scope = fields.String()
    errors = fields.Dict()


class PageArgs(StrictSchema):
    limit = fields.Integer(
        load_default=DEFAULT_PAGE_SIZE, validate=validate.Range(1, MAX_PAGE_SIZE)
    )
    cursor = fields.String(validate=validate.Length(1, MAX_CURSOR_LENGTH))


def bounded_date(**kwargs) -> fields.Date:
    return fields.Date(validate=validate.Range(FIRST_DATE, LAST_DATE), **kwargs)


class SearchArgs(StrictSchema):
    cursor = fields.String(validate=validate.Length(1, MAX_CURSOR_LENGTH))
    q = fields.String(load_default="", validate=validate.Length(max=MAX_SEARCH_LENGTH * 4))
    available_by = bounded_date(
        metadata={"description": "Only products that can be delivered by this date."}
    )


class ProductArgs(StrictSchema):
    date = bounded_date(
        metadata={"description": "Availability by this date (default: today in WIB)."}
    )


class PriceTierSchema(ResponseSchema):
    min_quantity = fields.Integer()
    unit_price = fields.Integer(metadata={"description": "Whole rupiah."})


class ProductSchema(ResponseSchema):
    id = fields.Integer()
    slug = fields.String()
    name = fields.String()
    cooperative = fields.String(attribute="cooperative.slug")
    category = fields.String(attribute="category.slug")
    kind = fields.String()
    unit = fields.String()
    status = fields.String()
    order_step = fields.Integer()
    min_order_quantity = fields.Integer()
    lead_time_days = fields.Integer()
    description = fields.String()
    price_tiers = fields.List(fields.Nested(PriceTierSchema))


ProductPageSchema = page_of(ProductSchema, "ProductPage")


class AvailabilitySchema(ResponseSchema):
    date = fields.Date()
    units = fields.Integer()
    earliest_delivery_date = fields.Date()


class ProductDetailSchema(ProductSchema):
    availability = fields.Nested(AvailabilitySchema)


class DeliverySchema(StrictSchema):
    delivery_date = bounded_date(required=True)
    recipient_name = fields.String(required=True, validate=validate.Length(1, 120))
    recipient_phone = fields.String(
        required=True,
        validate=validate.Length(1, 30),
        metadata={"description": "Indonesian or international number, e.g. 081234567890."},
    )
    province = fields.String(required=True, validate=validate.Length(1, 80))
    regency = fields.String(required=True, validate=validate.Length(1, 80))
    district = fields.String(required=True, validate=validate.Length(1, 80))
    village = fields.String(required=True, validate=validate.Length(1, 80))
    street_address = fields.String(required=True, validate=validate.Length(1, 500))
    postal_code = fields.String(
        required=True, validate=validate.Regexp(r"^[0-9]{5}$", error="Five digits.")
    )
    po_number = fields.String(load_default="", validate=validate.Length(max=60))
    notes = fields.String(load_default="", validate=validate.Length(max=2000))


class OrderCreateSchema(StrictSchema):
    product_id = fields.Integer(required=True, validate=validate.Range(1, 2**31 - 1))
    quantity = fields.Integer(required=True, validate=validate.Range(1, MAX_QUANTITY))
    payment_method = fields.String(
        load_default=PaymentMethod.BANK_TRANSFER,
        validate=validate.OneOf([m.value for m in PaymentMethod]),
    )
    delivery = fields.Nested(DeliverySchema, required=True)


class IdempotencyHeader(Schema):
    idempotency_key = fields.String(
        required=True,
        data_key="Idempotency-Key",
        validate=validate.Regexp(rf"^[A-Za-z0-9_.:-]{{8,{MAX_KEY_LENGTH}}}$"),
        metadata={
            "description": f"8 to {MAX_KEY_LENGTH} letters, digits or _.:- chosen by the client."
        },
    )


class OrderLineSchema(ResponseSchema):
    id = fields.Integer()
    product_id = fields.Integer()
    product_name = fields.String(attribute="product.name")
    quantity = fields.Integer()
    unit_price = fields.Integer()
    line_total = fields.Integer()


class ShipmentSchema(ResponseSchema):
    id = fields.Integer()
    courier = fields.String()
    tracking_number = fields.String()
    shipped_on = fields.Date()
    delivered_at = fields.DateTime(allow_none=True)


class PaymentSchema(ResponseSchema):
    amount = fields.Integer(metadata={"description": "Whole rupiah."})
    method = fields.String()
    reference = fields.String()
    received_at = fields.DateTime()


class OrderSchema(ResponseSchema):
    number = fields.String()
    status = fields.String(validate=validate.OneOf([s.value for s in OrderStatus]))
    cooperative = fields.String(attribute="cooperative.slug")
    payment_method = fields.String()
    subtotal = fields.Integer()
    delivery_fee = fields.Integer(allow_none=True)
    vat = fields.Integer()
    total = fields.Integer()
    amount_due = fields.Integer()
    delivery_date = fields.Date()
    created_at = fields.DateTime()
    lines = fields.List(fields.Nested(OrderLineSchema))
    shipments = fields.List(fields.Nested(ShipmentSchema))
    payments = fields.List(fields.Nested(PaymentSchema))


OrderPageSchema = page_of(OrderSchema, "OrderPage")


class OrderListArgs(PageArgs):
    status = fields.String(validate=validate.OneOf([s.value for s in OrderStatus]))


class PriceTierInput(StrictSchema):
    min_quantity = fields.Integer(required=True, validate=validate.Range(1, MAX_QUANTITY))
    unit_price = fields.Integer(required=True, validate=validate.Range(1, MAX_PRICE))


class ProductInputSchema(StrictSchema):
    """A product's details and price tiers (a PUT replaces all of them)."""

    name = fields.String(required=True, validate=validate.Length(1, 160))
    category = fields.String(
        required=True,
        validate=validate.Length(1, 40),
        metadata={"description": "A category slug (GET /categories)."},
    )
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in ProductKind]))
    unit = fields.String(required=True, validate=validate.OneOf([u.value for u in ProductUnit]))
    order_step = fields.Integer(required=True, validate=validate.Range(1, MAX_QUANTITY))
    min_order_quantity = fields.Integer(required=True, validate=validate.Range(1, MAX_QUANTITY))
    lead_time_days = fields.Integer(required=True, validate=validate.Range(0, MAX_LEAD_TIME_DAYS))
    description = fields.String(load_default="", validate=validate.Length(max=5000))
    pirt_number = fields.String(load_default="", validate=validate.Length(max=40))
    bpom_number = fields.String(load_default="", validate=validate.Length(max=40))
    halal_number = fields.String(load_default="", validate=validate.Length(max=40))
    sni_number = fields.String(load_default="", validate=validate.Length(max=40))
    price_tiers = fields.List(
        fields.Nested(PriceTierInput), required=True, validate=validate.Length(max=10)
    )
    member_price = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(0, MAX_PRICE)
    )


class ProductStatusSchema(StrictSchema):
    status = fields.String(required=True, validate=validate.OneOf([s.value for s in ProductStatus]))


class CategorySchema(ResponseSchema):
    slug = fields.String()
    name_id = fields.String()
    name_en = fields.String()


class CategoryListSchema(ResponseSchema):
    items = fields.List(fields.Nested(CategorySchema))
