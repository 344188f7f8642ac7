"""The cart, checkout, "order now" and the page of the orders one checkout placed."""

import secrets

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import public, redirect_to_login
from marketplace.addresses.access import chosen_address
from marketplace.catalogue.access import get_public_product
from marketplace.catalogue.services import availability_by_week, availability_for
from marketplace.checkout import services
from marketplace.checkout.access import get_cart_item_for_buyer
from marketplace.checkout.forms import (
    CartAddForm,
    CartQuantityForm,
    DeliveryFeeForm,
    checkout_form,
    order_form,
)
from marketplace.checkout.queries import placed_summary
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.cooperatives.delivery import choices_for
from marketplace.orders.access import get_order_for_admin, get_orders_for_buyer
from marketplace.payments.methods import methods_for
from marketplace.views import act, domain_errors, flash_field_errors, submit

bp = Blueprint("checkout", __name__)

MAX_ORDERS_SHOWN = 20
MAX_TYPED = 12  # characters of a typed quantity carried back to the product page


def _product_page(coop_slug: str, product_slug: str, typed: str | None = None) -> str:
    """The product page, keeping the quantity the person typed (shown in the form again)."""
    typed = (typed or "").strip()[:MAX_TYPED] or None
    return url_for(
        "catalogue.product", coop_slug=coop_slug, product_slug=product_slug, jumlah=typed
    )


@bp.post("/keranjang/tambah/<coop_slug>/<product_slug>")
@public
def add_to_cart(coop_slug: str, product_slug: str) -> ResponseReturnValue:
    product = get_public_product(coop_slug, product_slug)
    typed = request.form.get("quantity", "")
    if not current_user.is_authenticated:
        # Back to the product page with the quantity, never to this POST-only URL.
        return redirect_to_login(_product_page(coop_slug, product_slug, typed))
    form = CartAddForm()
    if form.validate_on_submit():
        with domain_errors() as outcome:
            services.add_to_cart(current_user, product, form.quantity.data)
        if not outcome:
            return redirect(_product_page(coop_slug, product_slug, typed))
        flash(_("%(product)s is in your cart.", product=product.name), "success")
        return redirect(url_for("checkout.cart"))
    flash_field_errors(form)
    return redirect(_product_page(coop_slug, product_slug, typed))


@bp.get("/keranjang/")
def cart() -> ResponseReturnValue:
    groups = services.cart_groups(current_user)
    return render_template(
        "checkout/cart.html",
        groups=groups,
        form=CartQuantityForm(),
        grand_total=sum(g.totals.total for g in groups),
        typed=_typed_in_cart(),
    )


def _typed_in_cart() -> dict:
    """The quantity typed into a cart line whose change was refused, to show it again."""
    typed = request.args.get("jumlah", "").strip()[:MAX_TYPED]
    line = request.args.get("baris", type=int)
    return {"line": line, "quantity": typed} if typed.isdigit() and line else {"line": None}


@bp.post("/keranjang/<int:item_id>")
def change_cart_quantity(item_id: int) -> ResponseReturnValue:
    item = get_cart_item_for_buyer(item_id, current_user)
    form = CartQuantityForm()
    product = f"{item.product.name}: "
    changed = submit(
        form,
        lambda: services.set_cart_quantity(item, form.quantity.data),
        done=_("Quantity changed."),
        errors_on_form=False,
        prefix=product,
    )
    if changed:
        return redirect(url_for("checkout.cart"))
    if not changed.ran:
        flash_field_errors(form, prefix=product)
    typed = request.form.get("quantity", "").strip()[:MAX_TYPED] or None
    return redirect(url_for("checkout.cart", baris=item.id, jumlah=typed))


@bp.post("/keranjang/<int:item_id>/hapus")
def remove_from_cart(item_id: int) -> ResponseReturnValue:
    item = get_cart_item_for_buyer(item_id, current_user)
    name = item.product.name
    services.remove_from_cart(item)
    flash(_("%(product)s is removed from your cart.", product=name), "info")
    return redirect(url_for("checkout.cart"))


def _prefill(form, earliest) -> None:
    """A new checkout starts with the saved address asked for (?alamat=), or the default."""
    if not form.is_submitted():
        form.delivery_date.data = earliest
        form.recipient_name.data = current_user.name
        form.recipient_phone.data = current_user.phone
        form.idempotency_key.data = secrets.token_hex(16)
        address = chosen_address(current_user, request.args.get("alamat"))
        if address is not None:
            form.fill_from_saved(address)


@bp.route("/keranjang/checkout", methods=["GET", "POST"])
def checkout() -> ResponseReturnValue:
    groups = services.cart_groups(current_user)
    if not groups and request.method == "GET":
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("checkout.cart"))
    form = checkout_form(
        {g.cooperative.id: methods_for(current_user, g.cooperative) for g in groups},
        {g.cooperative.id: choices_for(g.cooperative.delivery_offer()) for g in groups},
    )
    earliest = services.earliest_date_for_cart(groups)
    _prefill(form, earliest)
    if not form.refining and form.validate_on_submit():
        # With nothing to check out (and no earlier checkout with this key) the refusal is
        # news for the cart page, not a mistake in the form.
        with domain_errors(
            form if groups else None, category="danger" if groups else "info"
        ) as outcome:
            orders = services.checkout_cart(
                current_user,
                form.delivery(),
                form.methods(),
                form.idempotency_key.data,
                deliveries=form.deliveries(),
            )
        if not outcome and not groups:
            return redirect(url_for("checkout.cart"))
        if outcome:
            numbers = [o.number for o in orders]
            flash(_("Your orders are placed: %(numbers)s.", numbers=", ".join(numbers)), "success")
            return redirect(url_for("checkout.placed", numbers=",".join(numbers)))
    return render_template(
        "checkout/checkout.html",
        form=form,
        groups=groups,
        earliest=earliest,
        grand_total=sum(g.totals.total for g in groups),
    )


@bp.route("/pesan/<coop_slug>/<product_slug>", methods=["GET", "POST"])
@public
def new_order(coop_slug: str, product_slug: str) -> ResponseReturnValue:
    product = get_public_product(coop_slug, product_slug)
    if not current_user.is_authenticated:
        # Public so that the catalogue's Order button works; ordering itself needs an account.
        return current_app.login_manager.unauthorized()
    earliest = services.earliest_delivery_date(product)
    coop = product.cooperative
    form = order_form(methods_for(current_user, coop), coop.id, choices_for(coop.delivery_offer()))
    if not form.is_submitted():
        form.quantity.data = product.min_order_quantity
    _prefill(form, earliest)
    if not form.refining and form.validate_on_submit():
        with domain_errors(form) as outcome:
            order = services.place_order(
                current_user,
                product,
                services.OrderRequest(
                    quantity=form.quantity.data,
                    delivery=form.delivery(),
                    idempotency_key=form.idempotency_key.data,
                    payment_method=form.payment_method.data,
                    delivery_choice=form.delivery_choice(),
                ),
            )
        if outcome:
            flash(_("Your order %(number)s is placed.", number=order.number), "success")
            return redirect(url_for("orders.order_detail", number=order.number))
    return render_template(
        "checkout/new.html",
        form=form,
        product=product,
        available=availability_for([product.id])[product.id],
        by_date=availability_by_week(product),
        earliest=earliest,
    )


@bp.get("/pesanan/baru")
def placed() -> ResponseReturnValue:
    """What to do next for the orders one checkout made: the grand total, and each transfer."""
    numbers = [n for n in request.args.get("numbers", "").split(",") if n][:MAX_ORDERS_SHOWN]
    orders = get_orders_for_buyer(numbers, current_user)
    return render_template("checkout/placed.html", orders=orders, summary=placed_summary(orders))


@bp.post("/kelola/<slug>/pesanan/<number>/ongkir")
def quote_delivery_fee(slug: str, number: str) -> ResponseReturnValue:
    """The cooperative's admin quotes the courier's fee of an order placed with a courier."""
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    form = DeliveryFeeForm()
    return act(
        form,
        lambda: services.quote_delivery_fee(order, current_user, form.fee.data),
        done=_("Delivery fee quoted: the buyer can pay now."),
        back=url_for("orders.manage_order", slug=slug, number=number),
        invalid=lambda: flash_field_errors(form),
    )
