"""The RAT report as PDF (fpdf2, like the other documents) and XLSX (XlsxWriter)."""

import io

import xlsxwriter
from flask_babel import gettext as _

from marketplace.finance.rat import RatReport
from marketplace.finance.shu_forms import FUND_LABELS, KIND_LABELS
from marketplace.formatting import rupiah
from marketplace.payments.pdf import Document, document_locale


def _percent(basis_points: int) -> str:
    return f"{basis_points / 100:g}%"


def _title(report: RatReport) -> str:
    return _("Annual members' meeting (RAT) %(year)s", year=report.year)


def _status(report: RatReport) -> str:
    return _("approved") if report.approved else _("draft, not approved")


def _summary(report: RatReport) -> list[tuple[str, int]]:
    return [
        (_("Sales of members' accepted goods"), report.sales),
        (_("Cooperative fees"), report.fees),
        (_("Expenses entered"), report.expenses),
        (_("SHU to share"), report.amount),
    ]


def _amount_headers() -> list[str]:
    """The member's figures of the RAT, as the PDF and the workbook head them."""
    return [_("Transactions"), _("Savings"), _("JUA"), _("JMA"), _("SHU")]


def _member_headers() -> list[str]:
    return [_("Member"), _("Member number"), *_amount_headers(), _("Final tax (PP 55/2022)")]


def _member_values(row) -> list:
    m = row.membership
    return [m.display_name, m.member_number, row.transactions, row.savings, row.jua, row.jma]


def pdf(report: RatReport) -> bytes:
    """The report as the cooperative's document: summary, policy and funds, members, savings."""
    coop, loc = report.coop, document_locale()
    facts = [(_("SHU"), _status(report))]
    doc = Document.of_cooperative(coop, _title(report), "RAT " + str(report.year), facts, loc)
    doc.section(_title(report), [f"{label}: {rupiah(v, loc)}" for label, v in _summary(report)])
    _pdf_funds(doc, report, loc)
    _pdf_members(doc, report, loc)
    _pdf_savings(doc, report, loc)
    joined = ", ".join(m.display_name for m in report.joined)
    doc.section(
        _("Membership changes"),
        [
            _("Joined: %(count)s", count=len(report.joined)) + (f" ({joined})" if joined else ""),
            _("Left: %(count)s", count=report.left),
        ],
    )
    return doc.output_bytes()


def _pdf_funds(doc: Document, report: RatReport, loc: str) -> None:
    sukarela = report.policy and report.policy.sukarela_counts
    answer = _("yes") if sukarela else _("no")
    doc.section(
        _("SHU policy"), [_("Voluntary savings count for jasa modal: %(answer)s", answer=answer)]
    )
    doc.table(
        [_("Fund"), _("Share"), _("Amount")],
        [
            [str(FUND_LABELS.get(f.key, f.key)), _percent(f.basis_points), rupiah(f.amount, loc)]
            for f in report.funds
        ],
        [110, 30, 40],
    )


def _pdf_members(doc: Document, report: RatReport, loc: str) -> None:
    doc.table(
        [_("Member"), *_amount_headers(), _("Final tax")],
        [
            [
                f"{r.membership.member_number} {r.membership.display_name}",
                *_rupiahs(loc, r.transactions, r.savings, r.jua, r.jma, r.total),
                rupiah(r.final_tax, loc),
            ]
            for r in report.members
        ],
        [46, 24, 22, 22, 22, 22, 22],
    )


def _rupiahs(loc: str, *amounts: int) -> list[str]:
    return [rupiah(v, loc) for v in amounts]


def _pdf_savings(doc: Document, report: RatReport, loc: str) -> None:
    doc.table(
        [_("Savings"), _("Deposits"), _("Withdrawals"), _("Balance at year end")],
        [
            [
                str(KIND_LABELS[k.kind]),
                *(rupiah(v, loc) for v in (k.deposits, k.withdrawals, k.balance)),
            ]
            for k in report.kinds
        ],
        [75, 35, 35, 35],
    )


def xlsx(report: RatReport) -> bytes:
    """One workbook, a sheet each for the summary, the funds, the members and savings."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False})
    money = book.add_format({"num_format": "#,##0"})
    bold = book.add_format({"bold": True})
    summary = book.add_worksheet(_("Summary")[:31])
    summary.write_row(0, 0, [_title(report), _status(report)], bold)
    for number, (label, value) in enumerate(_summary(report), start=2):
        summary.write_string(number, 0, label)
        summary.write_number(number, 1, value, money)
    summary.write_string(7, 0, _("Joined"))
    summary.write_number(7, 1, len(report.joined))
    summary.write_string(8, 0, _("Left"))
    summary.write_number(8, 1, report.left)
    summary.set_column(0, 0, 40)
    summary.set_column(1, 1, 18)
    funds = book.add_worksheet(_("Funds")[:31])
    funds.write_row(0, 0, [_("Fund"), _("Basis points"), _("Amount")], bold)
    for number, f in enumerate(report.funds, start=1):
        funds.write_string(number, 0, str(FUND_LABELS.get(f.key, f.key)))
        funds.write_number(number, 1, f.basis_points)
        funds.write_number(number, 2, f.amount, money)
    funds.set_column(0, 0, 36)
    funds.set_column(1, 2, 16)
    members = book.add_worksheet(_("Members")[:31])
    members.write_row(0, 0, _member_headers(), bold)
    for number, r in enumerate(report.members, start=1):
        name, member_number, *amounts = _member_values(r)
        members.write_string(number, 0, name)
        members.write_string(number, 1, member_number)
        for column, value in enumerate([*amounts, r.total, r.final_tax], start=2):
            members.write_number(number, column, value, money)
    members.set_column(0, 0, 32)
    members.set_column(1, 7, 16)
    savings = book.add_worksheet(_("Savings")[:31])
    savings.write_row(
        0, 0, [_("Kind"), _("Deposits"), _("Withdrawals"), _("Balance at year end")], bold
    )
    for number, k in enumerate(report.kinds, start=1):
        savings.write_string(number, 0, str(KIND_LABELS[k.kind]))
        for column, value in enumerate((k.deposits, k.withdrawals, k.balance), start=1):
            savings.write_number(number, column, value, money)
    savings.set_column(0, 0, 28)
    savings.set_column(1, 3, 18)
    book.close()
    return out.getvalue()
