"""The treasurer's yearly SHU page (/kelola/<slug>/keuangan/shu/<year>) and the RAT report."""

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.cooperatives.models import Cooperative
from marketplace.finance import rat, rat_export, shu_queries, shu_services
from marketplace.finance.shu_forms import FUND_LABELS, ApproveForm, ShuDraftForm, policy_form
from marketplace.limits import FIRST_DATE
from marketplace.views import act, domain_errors, download, submit

bp = Blueprint("shu", __name__)

# Years the page offers to choose from, counting back from last year.
YEARS_SHOWN = 5


def _year_of(coop: Cooperative, year: int) -> int:
    """A year that has ended, from FIRST_DATE's on; any other year is 404."""
    if not FIRST_DATE.year <= year < coop.local_date().year:
        abort(404)
    return year


def _policy_form(policy):
    """The policy form filled with the year's latest policy (or a common split)."""
    form = policy_form(formdata=None)
    funds = dict(policy.funds if policy else shu_queries.DEFAULT_FUNDS)
    for key in shu_queries.FUND_KEYS:
        form[f"fund_{key}"].data = f"{funds.get(key, 0) / 100:g}"
    form.sukarela_counts.data = bool(policy and policy.sukarela_counts)
    return form


def _page(coop: Cooperative, year: int, policy_form_=None, draft_form=None) -> str:
    policy = shu_queries.latest_policy(coop, year)
    shu_year = shu_queries.shu_year(coop, year)
    if draft_form is None:
        draft_form = ShuDraftForm(obj=shu_year)
    report = rat.report(coop, year)
    last = coop.local_date().year - 1
    return render_template(
        "finance/shu.html",
        coop=coop,
        active="finance",
        year=year,
        years=[y for y in range(last, last - YEARS_SHOWN, -1) if y >= FIRST_DATE.year],
        policy=policy,
        shu_year=shu_year,
        policy_form=policy_form_ or _policy_form(policy),
        draft_form=draft_form,
        approve_form=ApproveForm(),
        report=report,
        fund_labels=FUND_LABELS,
    )


@bp.get("/kelola/<slug>/keuangan/shu")
def latest(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    return redirect(url_for("shu.year", slug=slug, year=coop.local_date().year - 1))


@bp.get("/kelola/<slug>/keuangan/shu/<int:year>")
def year(slug: str, year: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    return _page(coop, _year_of(coop, year))


@bp.post("/kelola/<slug>/keuangan/shu/<int:year>/kebijakan")
def save_policy(slug: str, year: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    _year_of(coop, year)
    form = policy_form()
    funds = form.funds() if form.validate_on_submit() else None
    if funds is not None:
        data = shu_services.PolicyInput(funds, bool(form.sukarela_counts.data))
        with domain_errors(form) as outcome:
            shu_services.save_policy(coop, current_user, year, data)
        if outcome:
            flash(_("SHU policy saved."), "success")
            return redirect(url_for("shu.year", slug=slug, year=year))
    return _page(coop, year, policy_form_=form), 422


@bp.post("/kelola/<slug>/keuangan/shu/<int:year>/jumlah")
def save_draft(slug: str, year: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    _year_of(coop, year)
    form = ShuDraftForm()
    if submit(
        form,
        lambda: shu_services.save_draft(
            coop, current_user, year, form.amount.data, form.expenses.data
        ),
        done=_("SHU amount saved: check the distribution, then approve it."),
    ):
        return redirect(url_for("shu.year", slug=slug, year=year))
    return _page(coop, year, draft_form=form), 422


@bp.post("/kelola/<slug>/keuangan/shu/<int:year>/setujui")
def approve(slug: str, year: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    shu_year = shu_queries.shu_year(coop, _year_of(coop, year))
    if shu_year is None:
        abort(404)
    return act(
        ApproveForm(),
        lambda: shu_services.approve(shu_year, current_user),
        done=_("SHU approved and credited to members' balances."),
        back=url_for("shu.year", slug=slug, year=year),
    )


def _download(coop: Cooperative, year: int, body: bytes, ext: str) -> Response:
    return download(body, f"rat-{coop.slug}-{year}.{ext}")


@bp.get("/kelola/<slug>/keuangan/shu/<int:year>/rat.pdf")
def rat_pdf(slug: str, year: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    report = rat.report(coop, _year_of(coop, year))
    return _download(coop, year, rat_export.pdf(report), "pdf")


@bp.get("/kelola/<slug>/keuangan/shu/<int:year>/rat.xlsx")
def rat_xlsx(slug: str, year: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    report = rat.report(coop, _year_of(coop, year))
    return _download(coop, year, rat_export.xlsx(report), "xlsx")
