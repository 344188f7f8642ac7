"""Savings pages: the treasurer's (/kelola/<slug>/keuangan/simpanan) and the member's
(/anggota/<slug>/keuangan/simpanan, with its SHU and yearly turnover)."""

from flask import Blueprint, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.cooperatives.access import get_cooperative_for_admin, get_membership_for_member
from marketplace.finance import savings_queries, savings_services, shu_queries
from marketplace.finance.access import get_member_of
from marketplace.finance.rat import final_tax
from marketplace.finance.shu_forms import (
    KIND_LABELS,
    PERIOD_LABELS,
    SavingsEntryForm,
    SavingsSettingsForm,
)
from marketplace.views import submit

bp = Blueprint("savings", __name__)


@bp.get("/anggota/<slug>/keuangan/simpanan")
def my_savings(slug: str) -> ResponseReturnValue:
    membership = get_membership_for_member(slug, current_user)
    coop = membership.cooperative
    return render_template(
        "finance/my_savings.html",
        membership=membership,
        coop=coop,
        savings=savings_queries.member_savings(coop, [membership.id])[0],
        entries=savings_queries.history(membership),
        shares=shu_queries.member_shares(membership),
        turnover=shu_queries.turnover_by_year(membership),
        final_tax=final_tax,
        kind_labels=KIND_LABELS,
    )


def _overview(coop, settings_form=None) -> str:
    settings = savings_queries.settings_of(coop)
    if settings_form is None:
        settings_form = SavingsSettingsForm(obj=settings)
        if settings is None:
            settings_form.wajib_since.data = coop.local_date().replace(day=1)
    return render_template(
        "finance/savings.html",
        coop=coop,
        active="finance",
        settings=settings,
        form=settings_form,
        members=savings_queries.member_savings(coop),
        period_labels=PERIOD_LABELS,
    )


@bp.get("/kelola/<slug>/keuangan/simpanan")
def overview(slug: str) -> ResponseReturnValue:
    return _overview(get_cooperative_for_admin(slug, current_user))


@bp.post("/kelola/<slug>/keuangan/simpanan/pengaturan")
def settings(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = SavingsSettingsForm()
    if submit(
        form,
        lambda: savings_services.save_settings(coop, current_user, _settings_input(form)),
        done=_("Savings settings saved."),
    ):
        return redirect(url_for("savings.overview", slug=slug))
    return _overview(coop, form), 422


def _settings_input(form: SavingsSettingsForm) -> savings_services.SettingsInput:
    return savings_services.SettingsInput(
        form.pokok_amount.data,
        form.wajib_amount.data,
        form.wajib_period_months.data,
        form.wajib_since.data,
    )


def _movement(form: SavingsEntryForm) -> savings_services.SavingsMovement:
    return savings_services.SavingsMovement(
        kind=form.kind.data,
        amount=form.amount.data,
        withdrawal=form.direction.data == "withdrawal",
        booked_on=form.booked_on.data,
        memo=form.memo.data or "",
    )


@bp.route("/kelola/<slug>/keuangan/simpanan/anggota/<int:membership_id>", methods=["GET", "POST"])
def member(slug: str, membership_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    membership = get_member_of(coop, membership_id)
    form = SavingsEntryForm()
    recorded = submit(
        form,
        lambda: savings_services.record_movement(membership, current_user, _movement(form)),
        done=_("Savings recorded."),
    )
    if recorded:
        return redirect(url_for("savings.member", slug=slug, membership_id=membership.id))
    if not form.is_submitted():
        form.booked_on.data = coop.local_date()
    return render_template(
        "finance/savings_member.html",
        coop=coop,
        active="finance",
        membership=membership,
        form=form,
        savings=savings_queries.member_savings(coop, [membership.id])[0],
        entries=savings_queries.history(membership),
        kind_labels=KIND_LABELS,
    ), (422 if form.is_submitted() else 200)
