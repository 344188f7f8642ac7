"""A member's earnings statement as words, CSV and PDF: every entry and a running balance."""

from collections.abc import Iterator

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.cooperatives.models import Membership
from marketplace.finance.models import EntryKind, LedgerEntry
from marketplace.finance.queries import StatementRow
from marketplace.formatting import local_datetime, rupiah
from marketplace.labels import unit_label
from marketplace.orders.export import csv_lines
from marketplace.payments.pdf import Document, document_locale

KIND_LABELS = {
    EntryKind.EARNING: _l("Earning"),
    EntryKind.DEDUCTION: _l("Deduction"),
    EntryKind.PAYOUT: _l("Payout"),
    EntryKind.SHU: _l("SHU"),
}


def describe(entry: LedgerEntry) -> str:
    """What the entry is, in the user's language."""
    if entry.kind == EntryKind.EARNING and entry.assignment is not None:
        a = entry.assignment
        return _(
            "Order %(order)s, %(product)s: %(units)s %(unit)s accepted x %(price)s",
            order=a.order_line.order.number,
            product=a.order_line.product.name,
            units=a.accepted_quantity,
            unit=unit_label(a.order_line.product.unit),
            price=rupiah(a.payout_per_unit, document_locale()),
        )
    if entry.kind == EntryKind.PAYOUT:
        return _("Bank transfer, reference %(reference)s", reference=entry.memo)
    return entry.memo


def entry_time(entry: LedgerEntry, membership: Membership) -> str:
    zone = membership.cooperative.time_zone
    return local_datetime(entry.created_at, zone, document_locale(), "datetime")


def csv_statement(membership: Membership, rows: list[StatementRow]) -> Iterator[str]:
    """Credit and debit in separate positive columns, so that no amount starts with a minus
    sign a spreadsheet would read as a formula (orders.export guards the cells)."""
    header = [_("Date"), _("Kind"), _("Description"), _("Credit"), _("Debit"), _("Balance")]
    return csv_lines(
        header,
        (
            [
                entry_time(r.entry, membership),
                str(KIND_LABELS.get(r.entry.kind, r.entry.kind)),
                describe(r.entry),
                max(r.entry.amount, 0),
                max(-r.entry.amount, 0),
                r.running_balance,
            ]
            for r in rows
        ),
    )


def pdf_statement(membership: Membership, rows: list[StatementRow]) -> bytes:
    coop, loc = membership.cooperative, document_locale()
    title, name = _("Earnings statement"), membership.display_name
    facts = [(_("Member"), name), (_("Member number"), membership.member_number or "-")]
    pdf = Document.of_cooperative(coop, f"{title} - {name}", title.upper(), facts, loc)
    pdf.table(
        [_("Description"), _("Date"), _("Credit"), _("Debit"), _("Balance")],
        [
            [
                f"{KIND_LABELS.get(r.entry.kind, r.entry.kind)}: {describe(r.entry)}",
                entry_time(r.entry, membership),
                rupiah(r.entry.amount, loc) if r.entry.amount > 0 else "",
                rupiah(-r.entry.amount, loc) if r.entry.amount < 0 else "",
                rupiah(r.running_balance, loc),
            ]
            for r in rows
        ],
        [80, 34, 22, 22, 22],
    )
    balance = rows[-1].running_balance if rows else 0
    pdf.totals([(_("Balance owed to you"), rupiah(balance, loc))], strong=[0])
    return pdf.output_bytes()
