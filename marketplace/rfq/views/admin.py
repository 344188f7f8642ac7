"""The cooperative admin's RFQ pages: incoming requests, one thread with its quote or
decline, the files. Every page is scoped to the admin's own cooperative's copy."""

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.rfq import queries, services
from marketplace.rfq.access import attachment_for_admin, get_recipient_for_admin
from marketplace.rfq.forms import DeclineForm, MessageForm, QuoteForm
from marketplace.rfq.views import bp, post_from
from marketplace.storage import private_file
from marketplace.url_params import page_number
from marketplace.views import submit


@bp.get("/kelola/<slug>/permintaan")
def incoming(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    page = queries.incoming_rfqs(coop, page_number())
    return render_template("rfq/incoming.html", coop=coop, page=page)


def _quote_form(coop, recipient) -> QuoteForm:
    form = QuoteForm()
    products = queries.quotable_products(coop)
    form.product_id.choices = [("", _("Choose a product"))] + [
        (str(p.id), p.name) for p in products
    ]
    if not form.is_submitted():
        quote, rfq = recipient.quote, recipient.rfq
        if quote is not None:
            form.product_id.data = str(quote.product_id)
            form.quantity.data = quote.quantity
            form.unit_price.data = quote.unit_price
            form.lead_time_days.data = quote.lead_time_days
            form.valid_until.data = quote.valid_until
            form.conditions.data = quote.conditions
        else:
            own = rfq.product is not None and rfq.product.cooperative_id == coop.id
            form.product_id.data = str(rfq.product_id) if own else ""
            form.quantity.data = rfq.quantity
    return form


def _page(coop, recipient, *, quote_form=None, decline_form=None, message_form=None, status=200):
    return render_template(
        "rfq/manage_thread.html",
        coop=coop,
        recipient=recipient,
        rfq=recipient.rfq,
        messages=queries.thread(recipient),
        files=queries.rfq_files(recipient.rfq),
        quote_form=quote_form or _quote_form(coop, recipient),
        decline_form=decline_form or DeclineForm(formdata=None),
        form=message_form or MessageForm(formdata=None),
        file_url=lambda key: url_for(
            "rfq.admin_file", slug=coop.slug, recipient_id=recipient.id, key=key
        ),
        as_buyer=False,
    ), status


@bp.route("/kelola/<slug>/permintaan/<int:recipient_id>", methods=["GET", "POST"])
def admin_thread(slug: str, recipient_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    recipient = get_recipient_for_admin(coop, recipient_id)
    form = MessageForm()
    if request.method == "POST":
        if form.validate_on_submit() and post_from(form, recipient, from_buyer=False):
            return redirect(request.path)
        return _page(coop, recipient, message_form=form, status=400)
    return _page(coop, recipient)


@bp.post("/kelola/<slug>/permintaan/<int:recipient_id>/penawaran")
def submit_quote(slug: str, recipient_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    recipient = get_recipient_for_admin(coop, recipient_id)
    form = _quote_form(coop, recipient)
    if submit(
        form,
        lambda: services.submit_quote(recipient, current_user, _quote_input(form)),
        done=_("Your quote is sent to the buyer."),
    ):
        return redirect(_thread_url(coop, recipient))
    return _page(coop, recipient, quote_form=form, status=400)


def _quote_input(form: QuoteForm) -> services.QuoteInput:
    return services.QuoteInput(
        product_id=int(form.product_id.data),
        quantity=form.quantity.data,
        unit_price=form.unit_price.data,
        lead_time_days=form.lead_time_days.data,
        valid_until=form.valid_until.data,
        conditions=form.conditions.data or "",
    )


def _thread_url(coop, recipient) -> str:
    return url_for("rfq.admin_thread", slug=coop.slug, recipient_id=recipient.id)


@bp.post("/kelola/<slug>/permintaan/<int:recipient_id>/tolak")
def decline(slug: str, recipient_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    recipient = get_recipient_for_admin(coop, recipient_id)
    form = DeclineForm()
    if submit(
        form,
        lambda: services.decline_rfq(recipient, current_user, form.reason.data),
        done=_("You declined the request; the buyer is told."),
        category="info",
    ):
        return redirect(_thread_url(coop, recipient))
    return _page(coop, recipient, decline_form=form, status=400)


@bp.get("/kelola/<slug>/permintaan/<int:recipient_id>/lampiran/<key>")
def admin_file(slug: str, recipient_id: int, key: str) -> Response:
    coop = get_cooperative_for_admin(slug, current_user)
    recipient = get_recipient_for_admin(coop, recipient_id)
    return private_file(attachment_for_admin(recipient, key))
