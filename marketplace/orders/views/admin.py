"""The cooperative admin's orders: filtered list, CSV export, one order, payment, cancel."""

from functools import lru_cache
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from flask import redirect, render_template, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.db import utcnow
from marketplace.forms import choices
from marketplace.fulfilment.services import (
    allocation_history,
    assignments_for_line_ids,
    line_progress,
)
from marketplace.labels import (
    ORDER_EXPORT_HEADERS,
    delivery_label,
    payment_method_label,
    status_label,
)
from marketplace.orders import export, queries, services
from marketplace.orders.access import get_order_for_admin
from marketplace.orders.forms import AdminCancelForm, BankTransferForm, OrderFilterForm
from marketplace.orders.models import OrderStatus, parcel_address_lines
from marketplace.orders.views import bp
from marketplace.payments.services import (
    ReceivedBeforeOrder,
    accepts_transfer,
    record_bank_transfer,
)
from marketplace.url_params import page_number
from marketplace.views import download, submit


def _filters() -> tuple[OrderFilterForm, queries.OrderFilter]:
    form = OrderFilterForm(formdata=request.args)
    form.status.choices = choices(
        [("", _("All")), *((s.value, status_label(s.value)) for s in OrderStatus)]
    )
    if not form.validate():
        return form, queries.OrderFilter()
    return form, queries.OrderFilter(
        status=form.status.data or None,
        date_from=form.date_from.data,
        date_to=form.date_to.data,
        buyer=form.buyer.data or "",
    )


@bp.get("/kelola/<slug>/pesanan")
def manage_orders(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form, filters = _filters()
    page = queries.orders_of_cooperative(coop, filters, page_number())
    return render_template("orders/manage_list.html", coop=coop, page=page, form=form)


@bp.get("/kelola/<slug>/pesanan.csv")
def export_orders(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form, filters = _filters()
    if form.errors:
        # Checked before the first byte: a streamed export cannot turn into an error page later,
        # and an export the admin believes filtered must not quietly hold every order.
        query = urlencode(list(request.args.items(multi=True)))
        return redirect(f"{url_for('orders.manage_orders', slug=slug)}?{query}")
    zone = ZoneInfo(coop.time_zone)
    # The same few labels on every row, in this request's language: translated once each.
    status_text, payment_text = lru_cache(32)(status_label), lru_cache(32)(payment_method_label)
    delivery_text = lru_cache(32)(delivery_label)

    def rows():
        for found in queries.orders_for_export(coop, filters):
            order = found.order
            yield (
                order.number,
                order.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                status_text(order.status),
                order.buyer_name,
                order.buyer_email,
                found.items,
                order.subtotal,
                delivery_text(order.delivery_method, order.courier),
                "" if order.delivery_fee is None else order.delivery_fee,
                order.vat,
                order.total,
                found.amount_paid,
                payment_text(order.payment_method),
                order.delivery_date.isoformat(),
                order.recipient_name,
                export.phone_cell(order.recipient_phone),
                ", ".join(parcel_address_lines(order)),
                order.po_number or "",
            )

    filename = f"pesanan-{coop.slug}-{utcnow():%Y%m%d}.csv"
    headers = [str(h) for h in ORDER_EXPORT_HEADERS]
    return download(stream_with_context(export.csv_lines(headers, rows())), filename)


@bp.route("/kelola/<slug>/pesanan/<number>", methods=["GET", "POST"])
def manage_order(slug: str, number: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    form = BankTransferForm()
    if request.method == "GET":
        form.amount.data = order.amount_due
        form.received_on.data = coop.local_date()
    recorded = submit(
        form,
        lambda: record_bank_transfer(
            order,
            current_user,
            amount=form.amount.data,
            received_on=form.received_on.data,
            reference=form.reference.data or "",
            before_order_confirmed=form.before_order_confirmed.data,
        ),
        done=_("Payment recorded."),
    )
    if recorded:
        return redirect(url_for("orders.manage_order", slug=slug, number=number))
    form.ask_before_order = isinstance(recorded.error, ReceivedBeforeOrder)
    return _manage_page(coop, order, form, AdminCancelForm(formdata=None))


def _manage_page(coop, order, form, cancel_form) -> ResponseReturnValue:
    assignments = assignments_for_line_ids([line.id for line in order.lines])
    return render_template(
        "orders/manage_detail.html",
        coop=coop,
        order=order,
        form=form,
        cancel_form=cancel_form,
        assignments=assignments,
        cancellable=order.status in services.status.ADMIN_CANCELLABLE,
        progress=_progress(order, assignments),
        history=allocation_history(order, assignments),
        names={a.membership_id: a.membership.display_name for a in assignments},
        action_form=FlaskForm(),
        accepts_transfer=accepts_transfer(order),
    )


def _progress(order, assignments) -> dict[int, tuple[int, int]]:
    """(covered, accepted) units per line, from the assignments the page loaded anyway."""
    loaded = line_progress(assignments)
    return {line.id: loaded.get(line.id, (0, 0)) for line in order.lines}


@bp.post("/kelola/<slug>/pesanan/<number>/batal")
def admin_cancel(slug: str, number: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    order = get_order_for_admin(coop, number)
    cancel_form = AdminCancelForm()
    if submit(
        cancel_form,
        lambda: services.cancel_by_admin(order, current_user, cancel_form.reason.data),
        done=_("Order %(number)s is cancelled.", number=order.number),
        category="info",
    ):
        return redirect(url_for("orders.manage_order", slug=slug, number=number))
    form = BankTransferForm(formdata=None)
    form.amount.data = order.amount_due
    form.received_on.data = coop.local_date()
    return _manage_page(coop, order, form, cancel_form), 400
