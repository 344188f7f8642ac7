"""PDF documents for an order: the invoice (faktur), the delivery note (surat jalan) of the
order and of each shipment, and the receipt (kuitansi) of one payment. Layout in
payments/pdf.py; words in the reader's language, amounts in words (terbilang) in Indonesian,
as the documents carry them.
"""

from datetime import date, datetime

from flask_babel import format_date, get_locale
from flask_babel import gettext as _

from marketplace.cooperatives.delivery import DeliveryMethod
from marketplace.errors import InvalidTransition
from marketplace.formatting import number, rupiah
from marketplace.identifiers import display_npwp, local_phone
from marketplace.labels import delivery_label, unit_label
from marketplace.orders.models import Order, OrderStatus
from marketplace.orders.shipment_models import Shipment
from marketplace.orders.tracking import courier_name
from marketplace.payments.models import Payment
from marketplace.payments.pdf import WIDTH, Document
from marketplace.payments.stamp_duty import STAMP_DUTY, needs_stamp_duty
from marketplace.terbilang import rupiah_in_words

# The delivery note goes with goods: only for orders the cooperative has confirmed.
_NOT_DELIVERABLE = (
    OrderStatus.PLACED,
    OrderStatus.CANCELLED,
    OrderStatus.EXPIRED,
    OrderStatus.REFUNDED,
)


def _locale() -> str:
    return str(get_locale() or "id")


def _day(order: Order, moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        moment = order.cooperative.local_date(moment)
    return format_date(moment, "long")


def _place_date(order: Order, moment: datetime | date) -> str:
    """ "Kota Bekasi, 1 Desember 2026": where and when a document is signed."""
    return f"{order.cooperative.regency}, {_day(order, moment)}"


def _footer(order: Order) -> str:
    return _("%(coop)s - made with Pasar Koperasi", coop=order.cooperative.name)


def _buyer_lines(order: Order) -> list[str]:
    lines = [order.buyer_company or order.buyer.name]
    if order.buyer_npwp:
        lines.append(_("NPWP: %(npwp)s", npwp=display_npwp(order.buyer_npwp)))
    if order.buyer_company:
        lines.append(order.buyer.name)
    return [*lines, order.buyer.email]


def _recipient_lines(order: Order) -> list[str]:
    lines = [order.recipient_name, local_phone(order.recipient_phone), *order.address_lines]
    if order.delivery_method == DeliveryMethod.PICKUP:
        pickup = _("Pickup at %(address)s", address=order.cooperative.pickup_address)
        return [*lines, pickup]
    return lines


def _item_rows(order: Order, loc: str) -> list[list[str]]:
    rows = [
        [
            line.product.name,
            f"{number(line.quantity, loc)} {unit_label(line.product.unit)}",
            rupiah(line.unit_price, loc),
            rupiah(line.line_total, loc),
        ]
        for line in order.lines
    ]
    if order.delivery_method != DeliveryMethod.PICKUP:
        # The delivery fee is a line of the order (in the DPP of a PKP's order).
        fee = _("to be quoted") if order.delivery_fee is None else rupiah(order.delivery_fee, loc)
        rows.append([delivery_label(order.delivery_method, order.courier), "1", fee, fee])
    return rows


def _tax_rows(order: Order, loc: str) -> list[tuple[str, str]]:
    """Subtotal, and for a PKP cooperative's order the DPP and the PPN with its rate."""
    rows = [(_("Subtotal"), rupiah(order.subtotal + (order.delivery_fee or 0), loc))]
    if order.vat_rate_bp:
        rate = f"{order.vat_rate_bp / 100:g}%".replace(".", "," if loc != "en" else ".")
        rows += [
            (_("Tax base (DPP)"), rupiah(order.tax_base, loc)),
            (_("PPN %(rate)s x DPP", rate=rate), rupiah(order.vat, loc)),
        ]
    return [*rows, (_("Total"), rupiah(order.total, loc))]


def _paid_rows(order: Order, loc: str) -> list[tuple[str, str]]:
    if not order.amount_paid:
        return []
    if not (order.amount_due or order.amount_refunded):
        return [(_("PAID IN FULL"), rupiah(order.amount_paid, loc))]
    rows = [(_("Paid"), rupiah(order.amount_paid, loc))]
    if order.amount_refunded:
        rows.append((_("Refunded"), rupiah(order.amount_refunded, loc)))
    return [*rows, (_("Still to pay"), rupiah(order.amount_due, loc))]


def _payment_lines(order: Order) -> list[str]:
    invoice, coop = order.invoice, order.cooperative
    if not order.amount_due:
        return [_("Paid in full, thank you.")]
    if invoice is not None:
        terms = _(
            "Net %(days)s days, due on %(date)s.",
            days=invoice.terms_days,
            date=format_date(invoice.due_date, "long"),
        )
    else:
        terms = _("Payment before the order is confirmed.")
    transfer = _(
        "Transfer to %(bank)s %(account)s in the name of %(holder)s, reference %(number)s.",
        bank=coop.bank_name,
        account=coop.bank_account_number,
        holder=coop.bank_account_holder,
        number=order.number,
    )
    return [terms, transfer]


def _invoice_meta(order: Order) -> list[tuple[str, str]]:
    invoice = order.invoice
    meta = [
        (_("Invoice number"), invoice.number if invoice else f"INV-{order.number}"),
        (_("Date"), _day(order, invoice.issued_at if invoice else order.created_at)),
        (_("Order number"), order.number),
    ]
    if invoice is not None:
        meta.append((_("Due date"), _day(order, invoice.due_date)))
    if order.po_number:
        meta.append((_("PO number"), order.po_number))
    return meta


def invoice_pdf(order: Order) -> bytes:
    """The invoice: seller (with NPWP), buyer (company, NPWP), number, date and PO, lines, DPP,
    PPN and rate, total in words, terms and bank account, stamp duty, signature."""
    loc = _locale()
    meta = _invoice_meta(order)
    pdf = Document(_("Invoice %(number)s", number=meta[0][1]), _footer(order))
    pdf.letterhead(order.cooperative, _("INVOICE (FAKTUR)"), meta)
    pdf.parties((_("Bill to"), _buyer_lines(order)), (_("Deliver to"), _recipient_lines(order)))
    headers = [_("Product"), _("Quantity"), _("Unit price"), _("Total")]
    pdf.table(headers, _item_rows(order, loc), [84, 30, 31, WIDTH - 145])
    tax_rows = _tax_rows(order, loc)
    pdf.totals(tax_rows, strong=[len(tax_rows) - 1])
    pdf.in_words(_("In words"), rupiah_in_words(order.total))
    paid = _paid_rows(order, loc)
    pdf.totals(paid, strong=[len(paid) - 1])
    pdf.section(_("Payment"), _payment_lines(order))
    if needs_stamp_duty(order.total):
        duty = _(
            "Amount over Rp5.000.000: the receipt carries a %(duty)s stamp duty (bea meterai).",
            duty=rupiah(STAMP_DUTY, loc),
        )
        pdf.section(_("Stamp duty"), [duty])
    issued = order.invoice.issued_at if order.invoice else order.created_at
    pdf.signatures(
        [("", ""), (_("Yours faithfully,"), order.cooperative.name)],
        place_date=_place_date(order, issued),
    )
    return pdf.output_bytes()


def has_delivery_note(order: Order) -> bool:
    """A delivery note is for a confirmed order (paid or on terms), never an unpaid one."""
    return order.status not in _NOT_DELIVERABLE


def ensure_deliverable(order: Order) -> None:
    if not has_delivery_note(order):
        raise InvalidTransition(_("A delivery note is available once the order is confirmed."))


def delivery_note_pdf(order: Order) -> bytes:
    """The delivery note: sender, recipient, date, vehicle and driver, items, signatures."""
    ensure_deliverable(order)
    loc = _locale()
    rows = [
        [line.product.name, number(line.quantity, loc), unit_label(line.product.unit), ""]
        for line in order.lines
    ]
    meta = [(_("Delivery date"), format_date(order.delivery_date, "long"))]
    return _delivery_note(order, f"SJ-{order.number}", meta, ("", ""), rows)


def shipment_note_pdf(shipment: Shipment) -> bytes:
    """The delivery note of one shipment: its number, shipping date, courier and tracking
    number, vehicle and driver, and the items and quantities of that shipment only."""
    order, loc = shipment.order, _locale()
    meta = [(_("Shipping date"), format_date(shipment.shipped_on, "long"))]
    meta.append((_("Courier"), courier_name(shipment.courier)))
    if shipment.tracking_number:
        meta.append((_("Tracking number"), shipment.tracking_number))
    meta.append((_("Packages"), number(shipment.packages, loc)))
    rows = [
        [
            sl.order_line.product.name,
            number(sl.quantity, loc),
            unit_label(sl.order_line.product.unit),
            "",
        ]
        for sl in shipment.lines
    ]
    return _delivery_note(order, shipment.number, meta, (shipment.vehicle, shipment.driver), rows)


def _delivery_note(
    order: Order,
    number_text: str,
    meta: list[tuple[str, str]],
    transport: tuple[str, str],
    rows: list[list[str]],
) -> bytes:
    vehicle, driver = transport
    pdf = Document(_("Delivery note %(number)s", number=number_text), _footer(order))
    meta = [(_("Number"), number_text), (_("Order number"), order.number), *meta]
    if order.po_number:
        meta.append((_("PO number"), order.po_number))
    pdf.letterhead(order.cooperative, _("DELIVERY NOTE (SURAT JALAN)"), meta)
    blank = "______________________"
    transport_lines = [
        _("Vehicle and plate number: %(vehicle)s", vehicle=vehicle or blank),
        _("Driver: %(driver)s", driver=driver or blank),
    ]
    pdf.parties(
        (_("Recipient"), _recipient_lines(order)), (_("Transport"), transport_lines), plain=[1]
    )
    pdf.table([_("Product"), _("Quantity"), _("Unit"), _("Received")], rows, [90, 30, 30, 30])
    pdf.text_line(_("Goods received in good condition and in the quantities above."), 8.5, "I")
    blocks = [(_("Sender"), ""), (_("Driver"), driver), (_("Recipient"), "")]
    pdf.signatures(blocks, place_date=_place_date(order, order.cooperative.local_date()))
    return pdf.output_bytes()


def receipt_pdf(payment: Payment) -> bytes:
    """The receipt (kuitansi) of one payment: received from, the amount in figures and words,
    for which order, and where the amount calls for it, the place for the bea meterai."""
    order, loc = payment.order, _locale()
    number_text = receipt_number(payment)
    pdf = Document(_("Receipt %(number)s", number=number_text), _footer(order))
    meta = [
        (_("Receipt number"), number_text),
        (_("Date"), _day(order, payment.received_at)),
        (_("Order number"), order.number),
    ]
    pdf.letterhead(order.cooperative, _("RECEIPT (KUITANSI)"), meta)
    pdf.parties((_("Received from"), _buyer_lines(order)))
    pdf.totals([(_("Amount"), rupiah(payment.amount, loc))], strong=[0])
    pdf.in_words(_("In words"), rupiah_in_words(payment.amount))
    method = _("card") if payment.method == "card" else _("bank transfer")
    purpose = _("Payment for order %(number)s by %(method)s.", number=order.number, method=method)
    lines = [purpose]
    if payment.reference:
        lines.append(_("Reference: %(ref)s", ref=payment.reference))
    pdf.section(_("For"), lines)
    stamp = ""
    if needs_stamp_duty(payment.amount):
        stamp = _("bea meterai %(duty)s", duty=rupiah(STAMP_DUTY, loc))
    pdf.signatures(
        [("", ""), (_("Received by,"), order.cooperative.name)],
        place_date=_place_date(order, payment.received_at),
        stamp=stamp,
    )
    return pdf.output_bytes()


def receipt_number(payment: Payment) -> str:
    """KW-<order number>-<n>: the n-th payment of the order, so a receipt is found by its order."""
    position = [p.id for p in payment.order.payments].index(payment.id) + 1
    return f"KW-{payment.order.number}-{position}"
