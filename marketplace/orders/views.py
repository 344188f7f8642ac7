import secrets

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from marketplace.accounts.access import public
from marketplace.catalogue.access import get_public_product
from marketplace.catalogue.services import availability_for
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.db import utcnow
from marketplace.errors import DomainError
from marketplace.forms import show_domain_error
from marketplace.fulfilment.services import (
    accepted_units,
    allocation_history,
    assignments_for_line_ids,
    covered,
)
from marketplace.orders import queries, services
from marketplace.orders.access import (
    get_order_for_admin,
    get_order_for_buyer,
)
from marketplace.orders.forms import BankTransferForm, OrderForm
from marketplace.orders.models import OrderStatus
from marketplace.payments.invoicing import trusted_terms
from marketplace.payments.services import accepts_transfer, record_bank_transfer
from marketplace.payments.stripe_gateway import card_payment_enabled

bp = Blueprint("orders", __name__)


def _page() -> int:
    return request.args.get("page", 1, type=int)


@bp.route("/pesan/<coop_slug>/<product_slug>", methods=["GET", "POST"])
@public
def new_order(coop_slug: str, product_slug: str):
    product = get_public_product(coop_slug, product_slug)
    if not current_user.is_authenticated:
        # Public so that the catalogue's Order button works; ordering itself needs an account.
        return current_app.login_manager.unauthorized()
    earliest = services.earliest_delivery_date(product)
    form = OrderForm()
    if request.method == "GET":
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
                    delivery_date=form.delivery_date.data,
                    recipient_name=form.recipient_name.data,
                    recipient_phone=form.recipient_phone.data,
                    delivery_address=form.delivery_address.data,
                    postal_code=form.postal_code.data,
                    notes=form.notes.data,
                    idempotency_key=form.idempotency_key.data,
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
    page = queries.orders_of_buyer(current_user, _page(), current_app.config["PAGE_SIZE"])
    return render_template("orders/my_orders.html", page=page)


@bp.get("/pesanan/<number>")
def order_detail(number: str):
    order = get_order_for_buyer(number, current_user)
    return render_template(
        "orders/detail.html",
        order=order,
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


@bp.get("/kelola/<slug>/pesanan")
def manage_orders(slug: str):
    coop = get_cooperative_for_admin(slug, current_user)
    status = request.args.get("status") or None
    if status not in {s.value for s in OrderStatus}:
        status = None
    page = queries.orders_of_cooperative(coop, status, _page(), current_app.config["PAGE_SIZE"])
    return render_template(
        "orders/manage_list.html", coop=coop, page=page, status=status, statuses=list(OrderStatus)
    )


@bp.route("/kelola/<slug>/pesanan/<number>", methods=["GET", "POST"])
def manage_order(slug: str, number: str):
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    form = BankTransferForm()
    if request.method == "GET":
        form.amount.data = order.amount_due
        form.received_on.data = utcnow().date()
    if form.validate_on_submit():
        try:
            record_bank_transfer(
                order,
                current_user,
                amount=form.amount.data,
                received_on=form.received_on.data,
                reference=form.reference.data or "",
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            flash(_("Payment recorded."), "success")
            return redirect(url_for("orders.manage_order", slug=slug, number=number))
    assignments = assignments_for_line_ids([line.id for line in order.lines])
    return render_template(
        "orders/manage_detail.html",
        coop=coop,
        order=order,
        form=form,
        assignments=assignments,
        progress={line.id: (covered(line), accepted_units(line)) for line in order.lines},
        history=allocation_history(order, assignments),
        names={a.membership_id: a.membership.display_name for a in assignments},
        action_form=FlaskForm(),
        accepts_transfer=accepts_transfer(order),
    )
