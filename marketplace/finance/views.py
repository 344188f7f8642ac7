"""The member's money pages (/anggota/<slug>/keuangan) and the treasurer's
(/kelola/<slug>/keuangan)."""

from flask import Blueprint, Response, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.cooperatives.access import get_cooperative_for_admin, get_membership_for_member
from marketplace.cooperatives.models import Membership
from marketplace.db import utcnow
from marketplace.finance import queries, services, statement
from marketplace.finance.access import get_batch_of, get_line_of, get_member_of
from marketplace.finance.forms import DeductionForm, PaidForm, amount_field_name, payout_form
from marketplace.views import act, download, member_page, submit

bp = Blueprint("finance", __name__)


# --- the member ------------------------------------------------------------------------------


@bp.get("/anggota/<slug>/keuangan")
def my_money(slug: str) -> ResponseReturnValue:
    membership = get_membership_for_member(slug, current_user)
    return member_page(
        membership, "finance/member_dashboard.html", board=queries.member_dashboard(membership)
    )


def _statement_page(membership: Membership, template: str, **context) -> str:
    return member_page(
        membership,
        template,
        rows=queries.statement(membership),
        kind_labels=statement.KIND_LABELS,
        describe=statement.describe,
        **context,
    )


@bp.get("/anggota/<slug>/keuangan/laporan")
def my_statement(slug: str) -> ResponseReturnValue:
    membership = get_membership_for_member(slug, current_user)
    return _statement_page(membership, "finance/statement.html", for_admin=False)


def _filename(membership: Membership, ext: str) -> str:
    return f"laporan-{membership.cooperative.slug}-{membership.id}-{utcnow():%Y%m%d}.{ext}"


def _csv(membership: Membership) -> Response:
    lines = statement.csv_statement(membership, queries.statement(membership))
    return download("".join(lines), _filename(membership, "csv"))


def _pdf(membership: Membership) -> Response:
    body = statement.pdf_statement(membership, queries.statement(membership))
    return download(body, _filename(membership, "pdf"), inline=True)


@bp.get("/anggota/<slug>/keuangan/laporan.csv")
def my_statement_csv(slug: str) -> ResponseReturnValue:
    return _csv(get_membership_for_member(slug, current_user))


@bp.get("/anggota/<slug>/keuangan/laporan.pdf")
def my_statement_pdf(slug: str) -> ResponseReturnValue:
    return _pdf(get_membership_for_member(slug, current_user))


# --- the treasurer (the cooperative's admins) ------------------------------------------------


def _overview(coop, form=None) -> str:
    balances = queries.member_balances(coop)
    if form is None:
        form = payout_form([m.membership.id for m in balances if m.payable > 0])
    return render_template(
        "finance/overview.html",
        coop=coop,
        active="finance",
        balances=balances,
        form=form,
        amount_field=lambda m: form[amount_field_name(m.id)],
        months=queries.monthly_figures(coop),
        work=queries.member_work(coop),
        refunded=queries.refunded_orders_with_earnings(coop),
        batches=queries.payout_batches(coop),
    )


@bp.get("/kelola/<slug>/keuangan")
def overview(slug: str) -> ResponseReturnValue:
    return _overview(get_cooperative_for_admin(slug, current_user))


@bp.post("/kelola/<slug>/keuangan/pembayaran")
def create_batch(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = payout_form([m.membership.id for m in queries.member_balances(coop) if m.payable > 0])
    made = submit(
        form,
        lambda: services.create_payout_batch(coop, current_user, form.amounts()),
        done=_("Payout batch made: transfer the money, then record each reference."),
    )
    if made:
        return redirect(url_for("finance.batch", slug=slug, batch_id=made.result.id))
    return _overview(coop, form), 422


@bp.get("/kelola/<slug>/keuangan/pembayaran/<int:batch_id>")
def batch(slug: str, batch_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    payout_batch = get_batch_of(coop, batch_id)
    return render_template(
        "finance/batch.html", coop=coop, active="finance", batch=payout_batch, form=PaidForm()
    )


@bp.post("/kelola/<slug>/keuangan/pembayaran/<int:batch_id>/baris/<int:line_id>/lunas")
def mark_paid(slug: str, batch_id: int, line_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    line = get_line_of(get_batch_of(coop, batch_id), line_id)
    form = PaidForm()
    return act(
        form,
        lambda: services.mark_line_paid(line, current_user, form.reference.data),
        done=_("Transfer recorded; the member is notified."),
        back=url_for("finance.batch", slug=slug, batch_id=batch_id),
        invalid=_("Enter the bank transfer's reference."),
    )


@bp.get("/kelola/<slug>/keuangan/anggota/<int:membership_id>")
def member_statement(slug: str, membership_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    membership = get_member_of(coop, membership_id)
    return _statement_page(membership, "finance/statement.html", for_admin=True, active="finance")


@bp.get("/kelola/<slug>/keuangan/anggota/<int:membership_id>/laporan.csv")
def member_statement_csv(slug: str, membership_id: int) -> ResponseReturnValue:
    return _csv(get_member_of(get_cooperative_for_admin(slug, current_user), membership_id))


@bp.get("/kelola/<slug>/keuangan/anggota/<int:membership_id>/laporan.pdf")
def member_statement_pdf(slug: str, membership_id: int) -> ResponseReturnValue:
    return _pdf(get_member_of(get_cooperative_for_admin(slug, current_user), membership_id))


@bp.route("/kelola/<slug>/keuangan/anggota/<int:membership_id>/potongan", methods=["GET", "POST"])
def deduction(slug: str, membership_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    membership = get_member_of(coop, membership_id)
    form = DeductionForm()
    if submit(
        form,
        lambda: services.record_deduction(
            membership, current_user, services.Deduction(form.amount.data, form.reason.data)
        ),
        done=_("Deduction recorded."),
    ):
        return redirect(url_for("finance.member_statement", slug=slug, membership_id=membership.id))
    return render_template(
        "finance/deduction.html",
        coop=coop,
        active="finance",
        membership=membership,
        form=form,
        balance=queries.balance(membership.id),
    )
