"""What both parties' contract pages share: the detail page's context and the exports."""

from flask import Response, render_template, url_for

from marketplace.charts import bar_chart
from marketplace.db import utcnow
from marketplace.offtake import queries, report, words
from marketplace.offtake.models import Contract
from marketplace.offtake.schedule import cutoff_date, quantity_bounds
from marketplace.views import download

LABELS = dict(
    frequency_labels=words.FREQUENCY_LABELS,
    below_grade_labels=words.BELOW_GRADE_LABELS,
    contract_status_labels=words.CONTRACT_STATUS_LABELS,
    version_status_labels=words.VERSION_STATUS_LABELS,
    call_off_status_labels=words.CALL_OFF_STATUS_LABELS,
)


def contract_context(contract: Contract, *, for_admin: bool) -> dict:
    terms = contract.shown_terms
    slug = contract.cooperative.slug
    return dict(
        for_admin=for_admin,
        order_url=lambda order: (
            url_for("orders.manage_order", slug=slug, number=order.number)
            if for_admin
            else url_for("orders.order_detail", number=order.number)
        ),
        contract=contract,
        coop=contract.cooperative,
        terms=terms,
        today=contract.cooperative.local_date(),
        bounds=quantity_bounds(terms.call_off_quantity, terms.tolerance_pct),
        cutoff=lambda c: cutoff_date(c.due_date, terms.cutoff_days),
        **LABELS,
    )


def performance_page(contract: Contract, template: str, **context) -> str:
    performance = queries.performance(contract)
    periods = performance.periods
    chart = bar_chart(
        [p.label for p in periods],
        [p.delivered for p in periods],
        title=report.headers()[3],
    )
    return render_template(
        template,
        contract=contract,
        coop=contract.cooperative,
        performance=performance,
        headers=report.headers(),
        on_time=report.on_time_text,
        chart=chart,
        **context,
    )


def _filename(contract: Contract, ext: str) -> str:
    return f"kinerja-{contract.number}-{utcnow():%Y%m%d}.{ext}"


def csv_response(contract: Contract) -> Response:
    body = "".join(report.csv_report(queries.performance(contract)))
    return download(body, _filename(contract, "csv"))


def pdf_response(contract: Contract) -> Response:
    body = report.pdf_report(contract, queries.performance(contract))
    return download(body, _filename(contract, "pdf"), inline=True)
