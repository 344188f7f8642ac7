"""Reports as tables: the same columns and rows feed the page, its chart and the exports.

A column has a kind that says how to show and export its values: text, number, money (whole
rupiah), rate (tenths of a percent, None for "nothing to count") or month ('YYYY-MM').
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from marketplace.cooperatives.models import Cooperative
from marketplace.reports import performance, queries
from marketplace.reports.periods import Period
from marketplace.spreadsheets import MONEY, NUMBER, RATE, TEXT

MONTH = "month"  # exported as its text, YYYY-MM


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: list[tuple]
    chart_label: int = 0  # the column naming each bar
    chart_value: int | None = None  # the column the chart draws; None: no chart
    note: str = ""

    def column(self, index: int) -> list:
        return [row[index] for row in self.rows]


MONTH_COL = Column(_l("Month"), MONTH)
ORDERS_COL = Column(_l("Orders"), NUMBER)
UNITS_COL = Column(_l("Units"), NUMBER)
TURNOVER_COL = Column(_l("Turnover"), MONEY)


def _months(coop: Cooperative, period: Period) -> Table:
    rows = [(r.month, r.orders, r.turnover) for r in queries.sales_by_month(coop, period)]
    return Table(_l("Sales by month"), (MONTH_COL, ORDERS_COL, TURNOVER_COL), rows, 0, 2)


def _products(coop: Cooperative, period: Period) -> Table:
    rows = [(r.name, r.orders, r.units, r.turnover) for r in queries.sales_by_product(coop, period)]
    columns = (Column(_l("Product")), ORDERS_COL, UNITS_COL, TURNOVER_COL)
    return Table(_l("Sales by product"), columns, rows, 0, 3)


def _members(coop: Cooperative, period: Period) -> Table:
    rows = [
        (r.name, r.assigned, r.accepted, r.value, r.earnings)
        for r in queries.sales_by_member(coop, period)
    ]
    columns = (
        Column(_l("Member")),
        Column(_l("Units assigned"), NUMBER),
        Column(_l("Units accepted"), NUMBER),
        Column(_l("Value of accepted units"), MONEY),
        Column(_l("Member earnings"), MONEY),
    )
    return Table(_l("Sales by member"), columns, rows, 0, 3)


def _buyers(coop: Cooperative, period: Period) -> Table:
    whole = queries.sales_total(coop, period)
    rows = [
        (r.name, r.orders, r.turnover, round(r.turnover * 1000 / whole) if whole else None)
        for r in queries.sales_by_buyer(coop, period)
    ]
    columns = (Column(_l("Buyer")), ORDERS_COL, TURNOVER_COL, Column(_l("Share"), RATE))
    return Table(
        _l("Top buyers and offtakers"),
        columns,
        rows,
        0,
        2,
        note=_l("Offtakers buy through buyer accounts: their orders count here too."),
    )


PERFORMANCE_COLUMNS = (
    Column(_l("Fulfilment rate"), RATE),
    Column(_l("On-time rate"), RATE),
    Column(_l("QC rejection rate"), RATE),
    Column(_l("Units checked"), NUMBER),
)


def performance_rows(figures: list[performance.Performance]) -> list[tuple]:
    return [
        (p.name, p.fulfilment_rate, p.on_time_rate, p.rejection_rate, p.checked) for p in figures
    ]


def _member_performance(coop: Cooperative, period: Period) -> Table:
    rows = performance_rows(performance.by_member(coop, period))
    columns = (Column(_l("Member")), *PERFORMANCE_COLUMNS)
    return Table(_l("Fulfilment and quality per member"), columns, rows, 0, 1, note=RATES_NOTE)


def _product_performance(coop: Cooperative, period: Period) -> Table:
    rows = performance_rows(performance.by_product(coop, period))
    columns = (Column(_l("Product")), *PERFORMANCE_COLUMNS)
    return Table(_l("Fulfilment and quality per product"), columns, rows, 0, 1, note=RATES_NOTE)


RATES_NOTE = _l(
    "Fulfilment: units that passed QC of the work members finished (declined and expired work "
    "included). On time: deliveries to the hub by the order's delivery date. Rejection: units "
    "rejected of the units checked."
)

# URL name -> how the report is made. The names are Indonesian, as the site's URLs are.
REPORTS: dict[str, Callable[[Cooperative, Period], Table]] = {
    "penjualan": _months,
    "produk": _products,
    "anggota": _members,
    "pembeli": _buyers,
    "kinerja-anggota": _member_performance,
    "kinerja-produk": _product_performance,
}
