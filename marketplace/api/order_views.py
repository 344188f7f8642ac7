"""A buyer's (or offtaker's) own orders: place with an Idempotency-Key, list, get, cancel."""

from flask.views import MethodView

from marketplace.api import pagination, queries
from marketplace.api.access import get_orderable_product
from marketplace.api.blueprint import api_user, bp
from marketplace.api.catalogue_views import bad_cursor
from marketplace.api.orders import order_request, place_api_order
from marketplace.api.schemas import (
    IdempotencyHeader,
    OrderCreateSchema,
    OrderListArgs,
    OrderPageSchema,
    OrderSchema,
)
from marketplace.orders.access import get_order_for_buyer
from marketplace.orders.services.status import cancel_by_buyer


def cursor_page(kind: str, rows_and_next: tuple) -> dict:
    """A list page's body: its items and the cursor of the next page (None on the last)."""
    rows, next_id = rows_and_next
    return {
        "items": rows,
        "next_cursor": pagination.encode(kind, next_id) if next_id else None,
    }


def order_page(rows_and_next: tuple) -> dict:
    return cursor_page("order", rows_and_next)


def before_id(args: dict, kind: str = "order") -> int | None:
    """The id a list continues below, from the request's cursor of `kind`."""
    try:
        return pagination.decode(kind, args.get("cursor"))
    except pagination.BadCursor:
        raise bad_cursor() from None


@bp.route("/orders")
class Orders(MethodView):
    @bp.arguments(OrderListArgs, location="query")
    @bp.response(200, OrderPageSchema)
    def get(self, args: dict) -> dict:
        """List my orders

        The token owner's orders as a buyer, newest first, optionally of one status.
        """
        found = queries.orders_of_buyer(
            api_user(), args.get("status"), before_id(args), args["limit"]
        )
        return order_page(found)

    @bp.arguments(IdempotencyHeader, location="headers")
    @bp.arguments(OrderCreateSchema)
    @bp.response(201, OrderSchema)
    def post(self, headers: dict, body: dict):
        """Place an order

        One product from one cooperative, with the same rules as the order page (minimum,
        step, lead time, availability by the delivery date). Repeating the request with the
        same `Idempotency-Key` and body returns the same order; the same key with another
        body is refused with `idempotency_key_reused`.
        """
        product = get_orderable_product(body["product_id"])
        wanted = order_request(body)
        return place_api_order(api_user(), product, wanted, headers["idempotency_key"])


@bp.route("/orders/<string(maxlength=20):number>")
class OrderDetail(MethodView):
    @bp.response(200, OrderSchema)
    def get(self, number: str):
        """Get one of my orders"""
        return get_order_for_buyer(number, api_user())


@bp.route("/orders/<string(maxlength=20):number>/cancel")
class OrderCancel(MethodView):
    @bp.response(200, OrderSchema)
    def post(self, number: str):
        """Cancel one of my orders

        Only an order that is not confirmed yet; its reserved capacity is released.
        """
        order = get_order_for_buyer(number, api_user())
        cancel_by_buyer(order, api_user())
        return order
