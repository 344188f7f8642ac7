"""A contract's performance as CSV and PDF, for the two parties and their financiers."""

from collections.abc import Iterator

from flask_babel import gettext as _

from marketplace.formatting import rupiah
from marketplace.labels import unit_label
from marketplace.offtake.models import Contract
from marketplace.offtake.queries import Performance, Period
from marketplace.orders.export import csv_lines
from marketplace.payments.pdf import Document, document_locale


def headers() -> list[str]:
    return [
        _("Month"),
        _("Committed"),
        _("Called off"),
        _("Delivered"),
        _("Accepted at QC"),
        _("Rejected"),
        _("On time"),
        _("Invoiced"),
        _("Paid"),
    ]


def on_time_text(period: Period) -> str:
    pct = period.on_time_pct
    return "-" if pct is None else f"{pct}%"


def _cells(period: Period, label: str, money) -> list:
    return [
        label,
        period.committed,
        period.called_off,
        period.delivered,
        period.accepted,
        period.rejected,
        on_time_text(period),
        money(period.invoiced),
        money(period.paid),
    ]


def csv_report(performance: Performance) -> Iterator[str]:
    rows = [_cells(p, p.label, int) for p in performance.periods]
    rows.append(_cells(performance.total, _("Total"), int))
    return csv_lines(headers(), rows)


def pdf_report(contract: Contract, performance: Performance) -> bytes:
    coop, loc, terms = contract.cooperative, document_locale(), contract.shown_terms
    title = _("Contract performance")
    facts = [
        (_("Contract"), contract.number),
        (_("Offtaker"), contract.offtaker.name),
        (_("Product"), f"{contract.product.name} ({unit_label(contract.product.unit)})"),
        (_("Unit price"), rupiah(terms.unit_price, loc)),
        (_("Total volume"), str(terms.total_volume)),
    ]
    pdf = Document.of_cooperative(coop, f"{title} {contract.number}", title.upper(), facts, loc)
    money = lambda amount: rupiah(amount, loc)  # noqa: E731
    rows = [[str(c) for c in _cells(p, p.label, money)] for p in performance.periods]
    rows.append([str(c) for c in _cells(performance.total, _("Total"), money)])
    pdf.table(headers(), rows, [18, 18, 18, 18, 20, 18, 16, 27, 27])
    return pdf.output_bytes()
