"""PDF documents for an order: the invoice (faktur) and the delivery note (surat jalan).

Made with fpdf2 and its built-in core fonts (nothing is downloaded); text outside Latin-1 is
transliterated, since the core fonts cannot draw it.
"""

import unicodedata
from zoneinfo import ZoneInfo

from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from fpdf import FPDF

from marketplace.formatting import number, rupiah
from marketplace.labels import unit_label
from marketplace.orders.models import Order
from marketplace.payments.stamp_duty import STAMP_DUTY, needs_stamp_duty


def _latin1(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("\u00b7", "-").replace("\u2022", "*")
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("latin-1", "ignore").decode("latin-1")


class _Document(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.set_title(_latin1(title))
        self.set_creator("Pasar Koperasi")
        self.set_auto_page_break(True, margin=15)
        self.add_page()

    def text_line(self, text: str, size: int = 10, style: str = "", h: float = 5) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, h, _latin1(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text: str) -> None:
        self.ln(2)
        self.text_line(text, 11, "B", 6)

    def table(self, headers: list[str], rows: list[list[str]], widths: list[int]) -> None:
        self.set_font("Helvetica", "B", 9)
        for header, width in zip(headers, widths, strict=True):
            self.cell(width, 7, _latin1(header), border=1)
        self.ln()
        self.set_font("Helvetica", "", 9)
        for row in rows:
            for value, width in zip(row, widths, strict=True):
                self.cell(width, 7, _latin1(value)[:60], border=1)
            self.ln()


def _locale() -> str:
    return str(get_locale() or "id")


def _day(order: Order, moment) -> str:
    return format_date(moment.astimezone(ZoneInfo(order.cooperative.time_zone)).date(), "long")


def _seller(pdf: _Document, order: Order) -> None:
    coop = order.cooperative
    pdf.text_line(coop.name, 12, "B", 6)
    pdf.text_line(", ".join(p for p in (coop.address, coop.regency, coop.province) if p))
    pdf.text_line(_("NIB: %(nib)s", nib=coop.nib))
    if coop.npwp:
        pdf.text_line(_("NPWP: %(npwp)s", npwp=coop.npwp))
    if coop.phone:
        pdf.text_line(coop.phone)


def invoice_pdf(order: Order) -> bytes:
    """The invoice: seller (with NPWP), buyer, number and date, lines, totals, terms, bank."""
    loc = _locale()
    invoice = order.invoice
    number_text = invoice.number if invoice else f"INV-{order.number}"
    pdf = _Document(_("Invoice %(number)s", number=number_text))
    _seller(pdf, order)
    pdf.ln(3)
    pdf.text_line(_("INVOICE (FAKTUR)"), 16, "B", 8)
    pdf.text_line(_("Invoice number: %(number)s", number=number_text))
    pdf.text_line(_("Order number: %(number)s", number=order.number))
    issued = invoice.issued_at if invoice else order.created_at
    pdf.text_line(_("Date: %(date)s", date=_day(order, issued)))
    pdf.heading(_("Bill to"))
    pdf.text_line(order.buyer.name)
    pdf.text_line(order.buyer.email)
    pdf.text_line(f"{order.recipient_name}, {', '.join(order.address_lines)}")
    pdf.heading(_("Items"))
    rows = [
        [
            line.product.name,
            f"{number(line.quantity, loc)} {unit_label(line.product.unit)}",
            rupiah(line.unit_price, loc),
            rupiah(line.line_total, loc),
        ]
        for line in order.lines
    ]
    pdf.table([_("Product"), _("Quantity"), _("Unit price"), _("Total")], rows, [80, 35, 35, 40])
    pdf.ln(2)
    pdf.text_line(_("Subtotal: %(amount)s", amount=rupiah(order.subtotal, loc)))
    pdf.text_line(_("Total: %(amount)s", amount=rupiah(order.total, loc)), 11, "B", 6)
    pdf.text_line(_("Paid: %(amount)s", amount=rupiah(order.amount_paid, loc)))
    if order.amount_refunded:
        pdf.text_line(_("Refunded: %(amount)s", amount=rupiah(order.amount_refunded, loc)))
    pdf.text_line(_("Still to pay: %(amount)s", amount=rupiah(order.amount_due, loc)))
    pdf.heading(_("Payment terms"))
    if invoice is not None:
        pdf.text_line(
            _(
                "Net %(days)s days, due on %(date)s.",
                days=invoice.terms_days,
                date=format_date(invoice.due_date, "long"),
            )
        )
    else:
        pdf.text_line(_("Payment before the order is confirmed."))
    coop = order.cooperative
    pdf.text_line(
        _(
            "Transfer to %(bank)s %(account)s in the name of %(holder)s, reference %(number)s.",
            bank=coop.bank_name,
            account=coop.bank_account_number,
            holder=coop.bank_account_holder,
            number=order.number,
        )
    )
    if needs_stamp_duty(order.total):
        pdf.heading(_("Stamp duty"))
        pdf.text_line(
            _(
                "Amount over Rp5.000.000: the receipt carries a %(duty)s stamp duty (bea meterai).",
                duty=rupiah(STAMP_DUTY, loc),
            )
        )
    return bytes(pdf.output())


def delivery_note_pdf(order: Order) -> bytes:
    """The delivery note: sender, recipient, date, vehicle and driver, items, signatures."""
    loc = _locale()
    pdf = _Document(_("Delivery note %(number)s", number=f"SJ-{order.number}"))
    _seller(pdf, order)
    pdf.ln(3)
    pdf.text_line(_("DELIVERY NOTE (SURAT JALAN)"), 16, "B", 8)
    pdf.text_line(_("Number: %(number)s", number=f"SJ-{order.number}"))
    pdf.text_line(_("Order number: %(number)s", number=order.number))
    pdf.text_line(_("Delivery date: %(date)s", date=format_date(order.delivery_date, "long")))
    pdf.heading(_("Recipient"))
    pdf.text_line(f"{order.recipient_name} ({order.recipient_phone})")
    pdf.text_line(", ".join(order.address_lines))
    pdf.heading(_("Transport"))
    pdf.text_line(_("Vehicle and plate number: ______________________"))
    pdf.text_line(_("Driver: ______________________"))
    pdf.heading(_("Items"))
    rows = [
        [line.product.name, number(line.quantity, loc), unit_label(line.product.unit), ""]
        for line in order.lines
    ]
    pdf.table([_("Product"), _("Quantity"), _("Unit"), _("Received")], rows, [90, 30, 30, 40])
    pdf.ln(12)
    pdf.set_font("Helvetica", "", 10)
    for label in (_("Sender"), _("Driver"), _("Recipient")):
        pdf.cell(63, 5, _latin1(label), align="C")
    pdf.ln(22)
    for _label in range(3):
        pdf.cell(63, 5, "(____________________)", align="C")
    pdf.ln()
    return bytes(pdf.output())
