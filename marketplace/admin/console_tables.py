"""The console's figures as report tables (columns with labels, rows, the column charted), so
that they are shown like the cooperatives' reports: a chart with a table beside it."""

from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from marketplace import charts
from marketplace.admin.activity import RegionRow
from marketplace.admin.platform import PlatformMonth
from marketplace.admin.trend import PLATFORM
from marketplace.reports.periods import Period
from marketplace.reports.presenting import month_label, rate, whole_percent
from marketplace.reports.tables import MONTH, Column, Table
from marketplace.spreadsheets import MONEY, NUMBER, RATE

TREND_PROVINCES = 2  # provinces drawn beside the whole platform (the legend fits a phone)

# The counted columns of a region's row: its cooperatives, then how many are in each status.
REGION_COUNTS = (
    _l("Cooperatives"),
    _l("Verified"),
    _l("Pending"),
    _l("Suspended"),
    _l("Rejected"),
    _l("Active"),
)


def regions(rows: list[RegionRow], regencies: bool) -> Table:
    place = (Column(_l("Province")), Column(_l("Regency or city"))) if regencies else ()
    columns = (
        *(place or (Column(_l("Province")),)),
        *(Column(label, NUMBER) for label in REGION_COUNTS),
        Column(_l("Share active"), RATE),
    )
    figures = [
        (r.cooperatives, r.verified, r.pending, r.suspended, r.rejected, r.active, r.active_share)
        for r in rows
    ]
    names = [(r.province, r.regency) if regencies else (r.province,) for r in rows]
    title = _l("By regency or city") if regencies else _l("By province")
    return Table(
        title,
        columns,
        [(*n, *f) for n, f in zip(names, figures, strict=True)],
        0,
        None if regencies else len(columns) - 1,
    )


def _trend_names(shares: dict[str, list[int | None]], largest_first: list[str]) -> list[str]:
    provinces = [p for p in largest_first if p in shares and p != PLATFORM]
    return provinces[:TREND_PROVINCES] if len(provinces) > 1 else []


def share_trend(period: Period, shares: dict[str, list[int | None]]) -> Table:
    """Months down, the platform and each province across: the share of active cooperatives."""
    provinces = [p for p in shares if p != PLATFORM]
    columns = (
        Column(_l("Month"), MONTH),
        Column(_l("All regions"), RATE),
        *(Column(p, RATE) for p in provinces),
    )
    rows = [
        (m.key, shares[PLATFORM][i], *(shares[p][i] for p in provinces))
        for i, m in enumerate(period.months)
    ]
    return Table(_l("Share of active cooperatives per month"), columns, rows)


def trend_chart(
    period: Period, shares: dict[str, list[int | None]], largest_first: list[str]
) -> Markup:
    """The platform's line and those of its largest provinces (`largest_first`)."""
    series = {str(_l("All regions")): [v or 0 for v in shares[PLATFORM]]}
    for province in _trend_names(shares, largest_first):
        series[province] = [v or 0 for v in shares[province]]
    return charts.line_chart(
        [month_label(m.key) for m in period.months],
        series,
        title=str(_l("Share of active cooperatives per month")),
        fmt=rate,
        axis_fmt=whole_percent,
        maximum=1000,
    )


def platform_months(months: list[PlatformMonth]) -> Table:
    columns = (
        Column(_l("Month"), MONTH),
        Column(_l("New members"), NUMBER),
        Column(_l("New products"), NUMBER),
        Column(_l("Orders"), NUMBER),
        Column(_l("Turnover"), MONEY),
        Column(_l("Shipments"), NUMBER),
        Column(_l("On-time rate"), RATE),
    )
    rows = [
        (m.month, m.new_members, m.new_products, m.orders, m.turnover, m.shipments, m.on_time_rate)
        for m in months
    ]
    return Table(_l("The platform per month"), columns, rows, 0, 4)
