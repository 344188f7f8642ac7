"""The buyer's RFQ pages: list, new request (free text or from a product), the side-by-side
comparison, one thread per cooperative, accepting a quote, the files."""

import secrets

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.catalogue.access import get_public_product
from marketplace.catalogue.models import Product
from marketplace.cooperatives.delivery import choices_for
from marketplace.labels import unit_label
from marketplace.payments.methods import methods_for
from marketplace.rfq import queries, services
from marketplace.rfq.access import (
    attachment_for_buyer,
    get_quote_of,
    get_recipient_of,
    get_rfq_for_buyer,
)
from marketplace.rfq.forms import MessageForm, RFQForm, accept_form
from marketplace.rfq.models import RFQ
from marketplace.rfq.views import bp, forget, post_from, save_files
from marketplace.storage import private_file
from marketplace.url_params import page_number
from marketplace.views import form_status, submit, undone_if_refused


@bp.get("/permintaan/")
def my_requests() -> ResponseReturnValue:
    page = queries.rfqs_of_buyer(current_user, page_number())
    return render_template("rfq/my_requests.html", page=page)


@bp.route("/permintaan/baru", methods=["GET", "POST"])
def new_request() -> ResponseReturnValue:
    return _new_request(None)


@bp.route("/permintaan/baru/<coop_slug>/<product_slug>", methods=["GET", "POST"])
def new_request_for_product(coop_slug: str, product_slug: str) -> ResponseReturnValue:
    return _new_request(get_public_product(coop_slug, product_slug))


def _new_request(product: Product | None) -> ResponseReturnValue:
    form = RFQForm()
    coops = queries.verified_cooperatives()
    form.cooperatives.choices = [(str(c.id), c.name) for c in coops]
    if product is not None:  # an RFQ from a product page is in that product's unit
        form.unit.choices = [(product.unit, unit_label(product.unit))]
    if product is not None and not form.is_submitted():
        form.title.data = product.name
        form.quantity.data = product.min_order_quantity
        form.unit.data = product.unit
        form.cooperatives.data = [str(product.cooperative_id)]
    sent = submit(
        form,
        lambda: _send_rfq(form, product),
        done=_("Your request for quotation is sent."),
    )
    if sent:
        return redirect(url_for("rfq.request_detail", rfq_id=sent.result.id))
    return render_template("rfq/new.html", form=form, product=product), form_status()


def _send_rfq(form: RFQForm, product: Product | None) -> RFQ:
    files = save_files(form.attachments.data or [])
    with undone_if_refused(lambda: forget(files)):
        return services.send_rfq(
            current_user, _rfq_input(form, product), form.cooperative_ids(), files
        )


def _rfq_input(form: RFQForm, product: Product | None) -> services.RFQInput:
    return services.RFQInput(
        title=form.title.data,
        quantity=form.quantity.data,
        unit=form.unit.data,
        needed_by=form.needed_by.data,
        delivery_place=form.delivery_place.data,
        specification=form.specification.data or "",
        grade=form.grade.data or "",
        target_price=form.target_price.data,
        product_id=product.id if product is not None else None,
    )


def _rfq_page(rfq, template: str, **context) -> str:
    """A page of the buyer's request, with its files and their links."""
    return render_template(
        template,
        rfq=rfq,
        files=queries.rfq_files(rfq),
        file_url=lambda key: url_for("rfq.buyer_file", rfq_id=rfq.id, key=key),
        **context,
    )


@bp.get("/permintaan/<int:rfq_id>")
def request_detail(rfq_id: int) -> ResponseReturnValue:
    rfq = get_rfq_for_buyer(rfq_id, current_user)
    return _rfq_page(rfq, "rfq/detail.html", compare=queries.comparison(rfq))


@bp.route("/permintaan/<int:rfq_id>/koperasi/<int:recipient_id>", methods=["GET", "POST"])
def buyer_thread(rfq_id: int, recipient_id: int) -> ResponseReturnValue:
    rfq = get_rfq_for_buyer(rfq_id, current_user)
    recipient = get_recipient_of(rfq, recipient_id)
    form = MessageForm()
    if form.validate_on_submit() and post_from(form, recipient, from_buyer=True):
        return redirect(request.path)
    return _rfq_page(
        rfq,
        "rfq/thread.html",
        recipient=recipient,
        messages=queries.thread(recipient),
        form=form,
        as_buyer=True,
    ), form_status()


@bp.route("/permintaan/<int:rfq_id>/penawaran/<int:quote_id>/terima", methods=["GET", "POST"])
def accept(rfq_id: int, quote_id: int) -> ResponseReturnValue:
    rfq = get_rfq_for_buyer(rfq_id, current_user)
    quote = get_quote_of(rfq, quote_id)
    if quote.order is not None:
        return redirect(url_for("orders.order_detail", number=quote.order.number))
    coop = quote.recipient.cooperative
    form = accept_form(methods_for(current_user, coop), coop.id, choices_for(coop.delivery_offer()))
    earliest = services.earliest_for(quote)
    if not form.is_submitted():
        form.delivery_date.data = max(earliest, rfq.needed_by)
        form.recipient_name.data = current_user.name
        form.recipient_phone.data = current_user.phone
        form.idempotency_key.data = secrets.token_hex(16)
    placed = submit(
        form,
        lambda: services.accept_quote(
            quote, current_user, form.delivery(), form.payment_method.data, form.delivery_choice()
        ),
        done=lambda order: _("Quote accepted: order %(number)s is placed.", number=order.number),
    )
    if placed:
        return redirect(url_for("orders.order_detail", number=placed.result.number))
    return render_template(
        "rfq/accept.html",
        rfq=rfq,
        quote=quote,
        form=form,
        earliest=earliest,
        problem=services.acceptance_problem(quote),
    ), form_status()


@bp.get("/permintaan/<int:rfq_id>/lampiran/<key>")
def buyer_file(rfq_id: int, key: str) -> Response:
    rfq = get_rfq_for_buyer(rfq_id, current_user)
    return private_file(attachment_for_buyer(rfq, key))
