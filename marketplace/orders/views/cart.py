"""The cart and checkout."""

import secrets

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import public
from marketplace.catalogue.access import get_public_product
from marketplace.errors import DomainError
from marketplace.forms import show_domain_error
from marketplace.orders import payment_methods, services
from marketplace.orders.access import get_cart_item_for_buyer
from marketplace.orders.forms import CartAddForm, CartQuantityForm, checkout_form
from marketplace.orders.views import bp


@bp.post("/keranjang/tambah/<coop_slug>/<product_slug>")
@public
def add_to_cart(coop_slug: str, product_slug: str):
    product = get_public_product(coop_slug, product_slug)
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    form = CartAddForm()
    back = url_for("catalogue.product", coop_slug=coop_slug, product_slug=product_slug)
    if form.validate_on_submit():
        try:
            services.add_to_cart(current_user, product, form.quantity.data)
        except DomainError as exc:
            flash(exc.message, "danger")
            return redirect(back)
        flash(_("%(product)s is in your cart.", product=product.name), "success")
        return redirect(url_for("orders.cart"))
    for errors in form.errors.values():
        flash(str(errors[0]), "danger")
    return redirect(back)


@bp.get("/keranjang/")
def cart():
    groups = services.cart_groups(current_user)
    return render_template("orders/cart.html", groups=groups, form=CartQuantityForm())


@bp.post("/keranjang/<int:item_id>")
def change_cart_quantity(item_id: int):
    item = get_cart_item_for_buyer(item_id, current_user)
    form = CartQuantityForm()
    if form.validate_on_submit():
        try:
            services.set_cart_quantity(item, form.quantity.data)
        except DomainError as exc:
            flash(f"{item.product.name}: {exc.message}", "danger")
        else:
            flash(_("Quantity changed."), "success")
    else:
        for errors in form.errors.values():
            flash(f"{item.product.name}: {errors[0]}", "danger")
    return redirect(url_for("orders.cart"))


@bp.post("/keranjang/<int:item_id>/hapus")
def remove_from_cart(item_id: int):
    item = get_cart_item_for_buyer(item_id, current_user)
    name = item.product.name
    services.remove_from_cart(item)
    flash(_("%(product)s is removed from your cart.", product=name), "info")
    return redirect(url_for("orders.cart"))


@bp.route("/keranjang/checkout", methods=["GET", "POST"])
def checkout():
    groups = services.cart_groups(current_user)
    if not groups and request.method == "GET":
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("orders.cart"))
    methods = {
        g.cooperative.id: payment_methods.methods_for(current_user, g.cooperative) for g in groups
    }
    form = checkout_form(methods)
    earliest = services.earliest_date_for_cart(groups)
    if not form.is_submitted():
        form.delivery_date.data = earliest
        form.recipient_name.data = current_user.name
        form.recipient_phone.data = current_user.phone
        form.idempotency_key.data = secrets.token_hex(16)
    if form.validate_on_submit():
        try:
            orders = services.checkout_cart(
                current_user, form.delivery(), form.methods(), form.idempotency_key.data
            )
        except DomainError as exc:
            if not groups:  # nothing to check out, and no earlier checkout with this key
                flash(exc.message, "info")
                return redirect(url_for("orders.cart"))
            show_domain_error(form, exc)
        else:
            flash(
                _(
                    "Your orders are placed: %(numbers)s.",
                    numbers=", ".join(o.number for o in orders),
                ),
                "success",
            )
            return redirect(url_for("orders.placed", numbers=",".join(o.number for o in orders)))
    return render_template(
        "orders/checkout.html",
        form=form,
        groups=groups,
        earliest=earliest,
        method_label=payment_methods.label,
    )
