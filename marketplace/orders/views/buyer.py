"""A buyer's orders: order one product now, the list, an order with its timeline, cancel."""

import secrets

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import public
from marketplace.catalogue.access import get_public_product
from marketplace.catalogue.services import availability_for
from marketplace.errors import DomainError
from marketplace.forms import show_domain_error
from marketplace.orders import payment_methods, queries, services
from marketplace.orders.access import get_order_for_buyer, get_orders_for_buyer
from marketplace.orders.forms import order_form
from marketplace.orders.views import bp
from marketplace.payments.invoicing import trusted_terms
from marketplace.payments.stripe_gateway import card_payment_enabled
from marketplace.url_params import page_number

MAX_ORDERS_SHOWN = 20


@bp.route("/pesan/<coop_slug>/<product_slug>", methods=["GET", "POST"])
@public
def new_order(coop_slug: str, product_slug: str):
    product = get_public_product(coop_slug, product_slug)
    if not current_user.is_authenticated:
        # Public so that the catalogue's Order button works; ordering itself needs an account.
        return current_app.login_manager.unauthorized()
    earliest = services.earliest_delivery_date(product)
    form = order_form(payment_methods.methods_for(current_user, product.cooperative))
    if not form.is_submitted():
        form.quantity.data = product.min_order_quantity
        form.delivery_date.data = earliest
        form.recipient_name.data = current_user.name
        form.recipient_phone.data = current_user.phone
        form.idempotency_key.data = secrets.token_hex(16)
    if form.validate_on_submit():
        try:
            order = services.place_order(
                current_user,
                product,
                services.OrderRequest(
                    quantity=form.quantity.data,
                    delivery=form.delivery(),
                    idempotency_key=form.idempotency_key.data,
                    payment_method=form.payment_method.data,
                ),
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            flash(_("Your order %(number)s is placed.", number=order.number), "success")
            return redirect(url_for("orders.order_detail", number=order.number))
    available = availability_for([product.id])[product.id]
    return render_template(
        "orders/new.html", form=form, product=product, available=available, earliest=earliest
    )


@bp.get("/pesanan/")
def my_orders():
    page = queries.orders_of_buyer(current_user, page_number(), current_app.config["PAGE_SIZE"])
    return render_template("orders/my_orders.html", page=page)


@bp.get("/pesanan/baru")
def placed():
    """What to do next for the orders one checkout made (payment instructions for each)."""
    numbers = [n for n in request.args.get("numbers", "").split(",") if n][:MAX_ORDERS_SHOWN]
    orders = get_orders_for_buyer(numbers, current_user)
    return render_template("orders/placed.html", orders=orders, method_label=payment_methods.label)


@bp.get("/pesanan/<number>")
def order_detail(number: str):
    order = get_order_for_buyer(number, current_user)
    return render_template(
        "orders/detail.html",
        order=order,
        timeline=queries.order_timeline(order),
        method_label=payment_methods.label,
        card_enabled=card_payment_enabled() and not order.payments,
        terms=trusted_terms(order.cooperative_id, current_user),
        returned_from_card=request.args.get("kartu") == "selesai",
    )


@bp.post("/pesanan/<number>/batal")
def cancel(number: str):
    order = get_order_for_buyer(number, current_user)
    try:
        services.cancel_by_buyer(order, current_user)
    except DomainError as exc:
        flash(exc.message, "danger")
    else:
        flash(_("Order %(number)s is cancelled.", number=order.number), "info")
    return redirect(url_for("orders.order_detail", number=number))
