"""How report figures read on a page: months, rates and charts in the page's language."""

from babel.dates import format_date
from flask_babel import get_locale
from markupsafe import Markup

from marketplace import charts, formatting
from marketplace.reports.periods import parse_month
from marketplace.reports.tables import MONTH, Table
from marketplace.spreadsheets import MONEY, RATE


def _locale() -> str:
    return str(get_locale() or "id")


def month_label(key: str) -> str:
    """'2026-03' as 'Mar 2026' (English) or 'Mar 2026' (Indonesian abbreviations)."""
    month = parse_month(key)
    if month is None:
        return key
    return format_date(month.first_day, "MMM yyyy", locale=_locale())


def rate(per_mille: int | None) -> str:
    """Tenths of a percent as '85,3%' (Indonesian) or '85.3%' (English); '–' for none."""
    if per_mille is None:
        return "–"
    text = f"{per_mille / 10:.1f}"
    if _locale() != "en":
        text = text.replace(".", ",")
    return f"{text}%"


def cell(value, kind: str) -> str:
    if kind == MONEY:
        return formatting.rupiah(value, _locale())
    if kind == RATE:
        return rate(value)
    if kind == MONTH:
        return month_label(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return formatting.number(value, _locale())
    return "" if value is None else str(value)


def chart_of(table: Table) -> Markup:
    """The table's chart: its value column drawn as bars (rates as percent), one per row."""
    if table.chart_value is None or not table.rows:
        return Markup("")
    column = table.columns[table.chart_value]
    labels = [
        cell(v, table.columns[table.chart_label].kind) for v in table.column(table.chart_label)
    ]
    values = [v or 0 for v in table.column(table.chart_value)]
    title = f"{table.title}: {column.label}"
    if column.kind == RATE:
        return charts.bar_chart(
            labels, values, title=title, fmt=rate, axis_fmt=whole_percent, maximum=1000
        )
    return charts.bar_chart(
        labels, values, title=title, fmt=lambda v: cell(v, column.kind), axis_fmt=short
    )


def whole_percent(per_mille: int) -> str:
    """An axis figure for a rate: 50%."""
    return f"{round(per_mille / 10)}%"


def short(n: int) -> str:
    """An axis figure: 1,5 jt / 1.5M."""
    if _locale() == "en":
        return charts.compact(n)
    return charts.compact(n, (" rb", " jt", " M")).replace(".", ",")


def register(app) -> None:
    app.jinja_env.globals.update(
        report_cell=cell, report_chart=chart_of, month_label=month_label, report_rate=rate
    )
