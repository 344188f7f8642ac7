"""The operator's console (/admin/...): activity by region, platform figures, accounts and
exports. Platform admins only; everyone else gets 404."""

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.access import platform_admin_required
from marketplace.accounts.models import User
from marketplace.admin import activity, console_tables, exports, platform, queries, trend
from marketplace.admin.accounts import deactivate_user, reactivate_user
from marketplace.admin.forms import DeactivateUserForm, ReactivateUserForm
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.forms import BaseForm
from marketplace.orders.export import csv_lines
from marketplace.reports.periods import parse_period
from marketplace.spreadsheets import NUMBER, TEXT, xlsx
from marketplace.url_params import page_number
from marketplace.views import domain_errors, download, post_route

bp = Blueprint("console", __name__, url_prefix="/admin")


def _today():
    return datetime.now(ZoneInfo(activity.PLATFORM_TIME_ZONE)).date()


def _period():
    return parse_period(request.args.get("dari"), request.args.get("sampai"), _today())


@bp.get("/aktivitas")
@platform_admin_required
def activity_page() -> ResponseReturnValue:
    """Cooperatives by region and status, the share active and its trend, growth and stops."""
    now = utcnow()
    period = _period()
    shares = activity.share_trend(period)
    growing, stopped = trend.classify(activity.growth(now))
    provinces = activity.by_region(now, regencies=False)
    largest = [row.province for row in provinces]
    return render_template(
        "admin/activity.html",
        period=period,
        provinces=console_tables.regions(provinces, False),
        regencies=console_tables.regions(activity.by_region(now, regencies=True), True),
        trend=console_tables.share_trend(period, shares),
        trend_chart=console_tables.trend_chart(period, shares, largest),
        growing=growing,
        stopped=stopped,
        growth_percent=trend.growth_percent,
        active_days=activity.ACTIVE_DAYS,
    )


def _scope(categories, provinces) -> platform.Scope:
    raw_category = request.args.get("kategori", "")
    ids = {str(c.id): c.id for c in categories}
    province = request.args.get("provinsi") or None
    return platform.Scope(
        category_id=ids.get(raw_category), province=province if province in provinces else None
    )


@bp.get("/statistik")
@platform_admin_required
def platform_page() -> ResponseReturnValue:
    """Members, products, orders, turnover and delivery per month, by category and region."""
    categories, provinces = platform.categories(), platform.provinces()
    scope = _scope(categories, provinces)
    period = _period()
    return render_template(
        "admin/platform.html",
        period=period,
        scope=scope,
        categories=categories,
        provinces=provinces,
        table=console_tables.platform_months(platform.per_month(period, scope)),
    )


@bp.get("/akun")
@platform_admin_required
def accounts() -> ResponseReturnValue:
    search = request.args.get("q", "")[: queries.MAX_SEARCH_LENGTH]
    return render_template(
        "admin/accounts.html", page=queries.users_page(search, page_number()), search=search
    )


def _account_page(user: User, **forms: BaseForm) -> str:
    return render_template(
        "admin/account.html",
        user=user,
        memberships=queries.memberships_of(user),
        deactivate_form=forms.get("deactivate_form") or DeactivateUserForm(formdata=None),
        reactivate_form=forms.get("reactivate_form") or ReactivateUserForm(formdata=None),
    )


@bp.get("/akun/<int:user_id>")
@platform_admin_required
def account(user_id: int) -> ResponseReturnValue:
    return _account_page(db.get_or_404(User, user_id))


def _decision(
    name: str, path: str, form: type[BaseForm], decide: Callable, done: Callable[[str], str]
) -> None:
    """A decision with a reason on an account's page: POST /admin/akun/<id>/<path> (the
    endpoint `console.<name>`, its form `<name>_form` on the page) runs `decide` and says
    `done(the account's name)`; an invalid reason shows the page again (400)."""

    @platform_admin_required
    def view(user_id: int) -> ResponseReturnValue:
        user = db.get_or_404(User, user_id)
        sent = form()
        if not sent.validate_on_submit():
            return _account_page(user, **{f"{name}_form": sent}), 400
        with domain_errors(sent) as outcome:
            decide(user, current_user, sent.reason.data)
        if outcome:
            flash(done(user.name), "success")
        return redirect(url_for("console.account", user_id=user.id))

    post_route(bp, f"/akun/<int:user_id>/{path}", name, view)


_decision(
    "deactivate",
    "nonaktifkan",
    DeactivateUserForm,
    deactivate_user,
    lambda name: _("%(name)s's account is deactivated.", name=name),
)
_decision(
    "reactivate",
    "aktifkan",
    ReactivateUserForm,
    reactivate_user,
    lambda name: _("%(name)s's account is active again.", name=name),
)


@bp.get("/ekspor")
@platform_admin_required
def export_list() -> ResponseReturnValue:
    return render_template("admin/exports.html", tables=exports.tables())


@bp.get("/ekspor/<name>.<any(csv, xlsx):fmt>")
@platform_admin_required
def export_table(name: str, fmt: str) -> ResponseReturnValue:
    table = exports.table_named(name)
    if table is None:
        abort(404)
    filename = f"{name}-{utcnow():%Y%m%d}.{fmt}"
    header = exports.header(table)
    if fmt == "csv":
        return download(stream_with_context(csv_lines(header, exports.rows(table))), filename)
    kinds = [_kind(column) for column in exports.exported_columns(table)]
    return download(xlsx(name, header, exports.rows(table), kinds), filename)


def _kind(column) -> str:
    try:
        return NUMBER if column.type.python_type is int else TEXT
    except NotImplementedError:
        return TEXT
