"""A buyer's orders: the list, an order with its timeline, cancel."""

from flask import render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.orders import queries, services
from marketplace.orders.access import get_order_for_buyer
from marketplace.orders.views import bp
from marketplace.payments.invoicing import trusted_terms
from marketplace.payments.stripe_gateway import card_payment_enabled
from marketplace.url_params import page_number
from marketplace.views import act

MAX_ORDERS_SHOWN = 20


@bp.get("/pesanan/")
def my_orders() -> ResponseReturnValue:
    page = queries.orders_of_buyer(current_user, page_number())
    return render_template("orders/my_orders.html", page=page)


@bp.get("/pesanan/<number>")
def order_detail(number: str) -> ResponseReturnValue:
    order = get_order_for_buyer(number, current_user)
    return render_template(
        "orders/detail.html",
        order=order,
        timeline=queries.order_timeline(order),
        card_enabled=card_payment_enabled() and not order.payments,
        terms=trusted_terms(order.cooperative_id, current_user),
        returned_from_card=request.args.get("kartu") == "selesai",
    )


@bp.post("/pesanan/<number>/batal")
def cancel(number: str) -> ResponseReturnValue:
    order = get_order_for_buyer(number, current_user)
    return act(
        None,  # the CSRF check of every POST is all the form there is
        lambda: services.cancel_by_buyer(order, current_user),
        done=_("Order %(number)s is cancelled.", number=order.number),
        category="info",
        back=url_for("orders.order_detail", number=number),
    )
