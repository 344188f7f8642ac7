"""A complaint's refund cap: the complained units with their share of the PPN, never a share of
the delivery fee (an unsaved order is enough: the rule reads only its numbers)."""

from marketplace.orders.models import Order, OrderLine
from marketplace.orders.shipment_models import Complaint
from marketplace.payments.complaint_refunds import complaint_value


def _complaint(*, subtotal: int, fee: int, vat: int, unit_price: int, quantity: int) -> Complaint:
    order = Order(subtotal=subtotal, delivery_fee=fee, vat=vat, total=subtotal + fee + vat)
    line = OrderLine(order=order, unit_price=unit_price, quantity=quantity)
    return Complaint(order_line=line, quantity=quantity)


def test_the_delivery_fee_is_not_refunded_with_the_goods():
    # Rp1.000.000 of goods and a Rp100.000 fee, PPN 11% of both: Rp121.000.
    complaint = _complaint(
        subtotal=1_000_000, fee=100_000, vat=121_000, unit_price=10_000, quantity=10
    )
    assert complaint_value(complaint) == 111_000  # Rp100.000 of goods + their Rp11.000 PPN


def test_without_ppn_or_fee_the_cap_is_the_goods():
    complaint = _complaint(subtotal=500_000, fee=0, vat=0, unit_price=25_000, quantity=4)
    assert complaint_value(complaint) == 100_000
