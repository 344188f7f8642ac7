"""What a checkout is made of: lines from one entry point, where the goods go, how to pay."""

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any

from marketplace.cooperatives.delivery import DeliveryChoice
from marketplace.orders.models import PaymentMethod


class Origin(enum.StrEnum):
    """Where the lines of a checkout came from (recorded on each order's audit event)."""

    CART = "cart"
    ORDER_NOW = "order_now"
    QUOTE = "quote"  # an accepted quote (offtake, later)
    CALL_OFF = "call_off"  # a call-off under an offtake contract (later)


@dataclass(frozen=True)
class CheckoutLine:
    """One product and quantity to order. `unit_price_override` is a price agreed elsewhere
    (a quote or a contract) that replaces the product's price tiers."""

    product_id: int
    quantity: int
    unit_price_override: int | None = None


@dataclass(frozen=True)
class Delivery:
    """Where, when and to whom the orders of one checkout go (shape-checked by the form)."""

    delivery_date: date
    recipient_name: str
    recipient_phone: str  # E.164
    province: str
    regency: str  # kabupaten/kota
    district: str  # kecamatan
    village: str  # kelurahan/desa
    street_address: str
    postal_code: str  # 5 digits
    po_number: str = ""
    notes: str = ""
    # Official region codes (places/regions.py) of the names above; "" when not chosen from
    # the lists (older callers).
    province_code: str = ""
    regency_code: str = ""
    district_code: str = ""
    village_code: str = ""
    buyer_company: str = ""  # for the invoice, when buying for a company
    buyer_npwp: str = ""  # 16 digits (identifiers.normalise_npwp)

    @classmethod
    def to_address_of(cls, source: Any, when: date, po_number: str, notes: str) -> "Delivery":
        """The delivery to the recipient and address kept on `source`: an order, or a
        contract's terms (both name them recipient_*, the four regions, delivery_address and
        postal_code)."""
        return cls(
            delivery_date=when,
            recipient_name=source.recipient_name,
            recipient_phone=source.recipient_phone,
            province=source.province,
            regency=source.regency,
            district=source.district,
            village=source.village,
            street_address=source.delivery_address,
            postal_code=source.postal_code,
            po_number=po_number,
            notes=notes,
        )


@dataclass(frozen=True)
class OrderRequest:
    """The single-product "order now" path: one product, one quantity, one payment method."""

    quantity: int
    delivery: Delivery
    idempotency_key: str
    payment_method: str = PaymentMethod.BANK_TRANSFER
    delivery_choice: DeliveryChoice | None = None  # None: the cooperative's first valid one
