"""The cooperative admin's home and reports (/kelola/<slug>/, /kelola/<slug>/laporan/...) and
a member's own figures (/anggota/<slug>/laporan)."""

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from marketplace.cooperatives.access import get_cooperative_for_admin, get_membership_for_member
from marketplace.cooperatives.models import Cooperative
from marketplace.orders.export import csv_lines
from marketplace.reports import dashboard as board
from marketplace.reports import performance, presenting
from marketplace.reports.periods import Period, default_period, parse_period
from marketplace.reports.tables import REPORTS, Table, performance_rows
from marketplace.spreadsheets import xlsx
from marketplace.views import download

bp = Blueprint("reports", __name__)
bp.record_once(lambda state: presenting.register(state.app))
REPORT_NAME = "<any(" + ", ".join(f'"{key}"' for key in REPORTS) + "):name>"


def _dashboard(slug: str) -> ResponseReturnValue:
    """What needs doing now and how the business goes (the admin's home)."""
    coop = get_cooperative_for_admin(slug, current_user)
    today = coop.local_date()
    todo = board.to_do(coop)
    return render_template(
        "reports/dashboard.html",
        coop=coop,
        todo=todo,
        counts={"published_products": todo.published_products},  # the status banner's
        business=board.business(coop, today),
        sales=REPORTS["penjualan"](coop, default_period(today)),
        active="dashboard",
    )


# The home keeps the URL and the endpoint every page links to (`cooperatives.manage`), while
# its figures come from this package, which sits above cooperatives.
bp.record_once(
    lambda state: state.app.add_url_rule(
        "/kelola/<slug>/", "cooperatives.manage", _dashboard, methods=["GET"]
    )
)


def _period(coop: Cooperative) -> Period:
    return parse_period(request.args.get("dari"), request.args.get("sampai"), coop.local_date())


@bp.get("/kelola/<slug>/laporan")
def index(slug: str) -> ResponseReturnValue:
    return report(slug, "penjualan")


def _table(slug: str, name: str) -> tuple[Cooperative, Period, Table]:
    coop = get_cooperative_for_admin(slug, current_user)
    make = REPORTS.get(name)
    if make is None:
        abort(404)
    period = _period(coop)
    return coop, period, make(coop, period)


@bp.get(f"/kelola/<slug>/laporan/{REPORT_NAME}")
def report(slug: str, name: str) -> ResponseReturnValue:
    coop, period, table = _table(slug, name)
    return render_template(
        "reports/report.html",
        coop=coop,
        period=period,
        table=table,
        reports=REPORTS,
        name=name,
        active="reports",
    )


def export_cells(table: Table) -> list[list]:
    """Rows for CSV: rates as percent with one decimal, other values as they are."""
    kinds = [c.kind for c in table.columns]
    return [
        [
            (None if v is None else f"{v / 10:.1f}") if k == "rate" else v
            for v, k in zip(row, kinds, strict=True)
        ]
        for row in table.rows
    ]


@bp.get(f"/kelola/<slug>/laporan/{REPORT_NAME}.<any(csv, xlsx):fmt>")
def export(slug: str, name: str, fmt: str) -> ResponseReturnValue:
    coop, period, table = _table(slug, name)
    header = [str(c.label) for c in table.columns]
    filename = f"laporan-{name}-{coop.slug}-{period.first.key}-{period.last.key}.{fmt}"
    if fmt == "csv":
        return download(csv_lines(header, export_cells(table)), filename)
    data = xlsx(name, header, table.rows, [c.kind for c in table.columns])
    return download(data, filename)


@bp.get("/anggota/<slug>/laporan")
def my_figures(slug: str) -> ResponseReturnValue:
    """A member's own fulfilment, punctuality and quality: no one else's figures."""
    membership = get_membership_for_member(slug, current_user)
    coop = membership.cooperative
    period = _period(coop)
    rows = performance_rows(performance.by_member(coop, period, membership.id))
    return render_template(
        "reports/my_figures.html", membership=membership, coop=coop, period=period, rows=rows
    )
