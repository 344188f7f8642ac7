"""Payment pages: card checkout, the Stripe webhook, invoice terms, refunds, trusted buyers,
open invoices and the PDF documents."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import public
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.extensions import csrf, limiter
from marketplace.orders.access import get_order_for_admin, get_order_for_buyer
from marketplace.payments import documents, invoicing, queries
from marketplace.payments.access import get_payment_of_order, get_trusted_buyer_for_admin
from marketplace.payments.card import start_card_checkout
from marketplace.payments.forms import RefundForm, TrustedBuyerForm
from marketplace.payments.refunds import refund_payment
from marketplace.payments.stripe_gateway import card_payment_enabled
from marketplace.payments.webhooks import WebhookRefused, handle_stripe_webhook
from marketplace.views import act, domain_errors, download, flash_field_errors

bp = Blueprint("payments", __name__)

# Adding trusted buyers, per cooperative and admin: enough for real use, too few to go through
# a list of addresses.
TRUSTED_BUYER_LIMIT = "10 per minute; 30 per hour"


@bp.post("/pesanan/<number>/bayar-kartu")
def pay_by_card(number: str) -> ResponseReturnValue:
    order = get_order_for_buyer(number, current_user)
    page = url_for("orders.order_detail", number=number, _external=True)
    with domain_errors() as outcome:
        url = start_card_checkout(
            order,
            current_user,
            success_url=f"{page}?kartu=selesai",
            cancel_url=page,
            locale=str(get_locale()),
        )
    if not outcome:
        return redirect(page)
    return redirect(url, code=303)


@bp.post("/pesanan/<number>/tempo")
def pay_on_terms(number: str) -> ResponseReturnValue:
    order = get_order_for_buyer(number, current_user)
    return act(
        None,  # the CSRF check of every POST is all the form there is
        lambda: invoicing.grant_invoice_terms(order, current_user),
        done=lambda invoice: _(
            "Order confirmed. Invoice %(number)s is issued.", number=invoice.number
        ),
        back=url_for("orders.order_detail", number=number),
    )


@bp.post("/webhooks/stripe")
@public
@csrf.exempt
@limiter.exempt
def stripe_webhook() -> ResponseReturnValue:
    if not card_payment_enabled():  # without both keys there is no webhook to forge
        abort(404)
    try:
        outcome = handle_stripe_webhook(
            request.get_data(cache=False), request.headers.get("Stripe-Signature", "")
        )
    except WebhookRefused:
        return {"error": "refused"}, 400
    return {"received": True, "outcome": outcome.status}


def _pdf(body: bytes, filename: str) -> ResponseReturnValue:
    return download(body, filename, inline=True)


@bp.get("/pesanan/<number>/faktur.pdf")
def buyer_invoice(number: str) -> ResponseReturnValue:
    order = get_order_for_buyer(number, current_user)
    return _pdf(documents.invoice_pdf(order), f"faktur-{order.number}.pdf")


@bp.get("/pesanan/<number>/surat-jalan.pdf")
def buyer_delivery_note(number: str) -> ResponseReturnValue:
    order = get_order_for_buyer(number, current_user)
    return _delivery_note(order, url_for("orders.order_detail", number=number))


@bp.get("/pesanan/<number>/kuitansi/<int:payment_id>.pdf")
def buyer_receipt(number: str, payment_id: int) -> ResponseReturnValue:
    payment = get_payment_of_order(get_order_for_buyer(number, current_user), payment_id)
    return _pdf(documents.receipt_pdf(payment), f"{documents.receipt_number(payment)}.pdf")


@bp.get("/kelola/<slug>/pesanan/<number>/faktur.pdf")
def admin_invoice(slug: str, number: str) -> ResponseReturnValue:
    order = get_order_for_admin(get_cooperative_for_admin(slug, current_user), number)
    return _pdf(documents.invoice_pdf(order), f"faktur-{order.number}.pdf")


@bp.get("/kelola/<slug>/pesanan/<number>/surat-jalan.pdf")
def admin_delivery_note(slug: str, number: str) -> ResponseReturnValue:
    order = get_order_for_admin(get_cooperative_for_admin(slug, current_user), number)
    return _delivery_note(order, url_for("orders.manage_order", slug=slug, number=number))


@bp.get("/kelola/<slug>/pesanan/<number>/kuitansi/<int:payment_id>.pdf")
def admin_receipt(slug: str, number: str, payment_id: int) -> ResponseReturnValue:
    order = get_order_for_admin(get_cooperative_for_admin(slug, current_user), number)
    payment = get_payment_of_order(order, payment_id)
    return _pdf(documents.receipt_pdf(payment), f"{documents.receipt_number(payment)}.pdf")


def _delivery_note(order, back: str) -> ResponseReturnValue:
    with domain_errors(category="warning") as outcome:
        body = documents.delivery_note_pdf(order)
    if not outcome:
        return redirect(back)
    return _pdf(body, f"surat-jalan-{order.number}.pdf")


@bp.post("/kelola/<slug>/pesanan/<number>/refund")
def refund(slug: str, number: str) -> ResponseReturnValue:
    order = get_order_for_admin(get_cooperative_for_admin(slug, current_user), number)
    form = RefundForm(prefix="refund")
    return act(
        form,
        lambda: refund_payment(
            order,
            form.payment_id.data,
            current_user,
            amount=form.amount.data,
            reason=form.reason.data or "",
        ),
        done=_("Refund recorded."),
        back=url_for("orders.manage_order", slug=slug, number=number),
        invalid=lambda: flash_field_errors(form),
    )


def _per_cooperative_admin() -> str:
    return f"trusted-buyers:{request.view_args.get('slug')}:{current_user.get_id()}"


@bp.route("/kelola/<slug>/pembeli-terpercaya", methods=["GET", "POST"])
@limiter.limit(TRUSTED_BUYER_LIMIT, key_func=_per_cooperative_admin, methods=["POST"])
def trusted_buyers(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = TrustedBuyerForm()
    if form.validate_on_submit():
        with domain_errors(form) as outcome:
            trusted = invoicing.add_trusted_buyer(
                coop, current_user, email=form.email.data, terms_days=form.terms_days.data
            )
        if outcome:
            # The same words whether or not the address has an account: nothing is told.
            flash(
                _(
                    "Invoice terms are set for %(email)s. They apply to the account with this "
                    "email address, now or once it is registered.",
                    email=trusted.email,
                ),
                "success",
            )
            return redirect(url_for("payments.trusted_buyers", slug=slug))
    return render_template(
        "payments/trusted_buyers.html",
        coop=coop,
        form=form,
        trusted=queries.trusted_buyers_of(coop),
    )


@bp.post("/kelola/<slug>/pembeli-terpercaya/<int:trusted_id>/hapus")
def remove_trusted_buyer(slug: str, trusted_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    trusted = get_trusted_buyer_for_admin(coop, trusted_id)
    invoicing.remove_trusted_buyer(trusted, current_user)
    flash(_("The buyer no longer has invoice terms."), "info")
    return redirect(url_for("payments.trusted_buyers", slug=slug))


@bp.get("/kelola/<slug>/tagihan")
def open_invoices(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    return render_template(
        "payments/open_invoices.html",
        coop=coop,
        invoices=queries.open_invoices(coop),
        today=coop.local_date(),
    )
