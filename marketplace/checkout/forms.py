"""Checkout forms: delivery, the order-now form, the cart's quantities and its checkout."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.checkout.lines import Delivery
from marketplace.cooperatives.delivery import DeliveryChoice, DeliveryMethod
from marketplace.forms import (
    BaseForm,
    BoundedDateField,
    WholeNumberField,
    checked_field,
    choices,
    quantity_field,
    strip,
    text_field,
)
from marketplace.identifiers import normalise_npwp
from marketplace.labels import delivery_label, payment_method_label
from marketplace.limits import MAX_PRICE
from marketplace.places.fields import (
    postal_code_field,
    recipient_name_field,
    recipient_phone_field,
    street_field,
)
from marketplace.places.forms import AddressRegionForm


class DeliveryForm(AddressRegionForm):
    """Delivery address in Indonesian form (regions from the official lists), recipient, date,
    PO number and notes."""

    delivery_date = BoundedDateField(
        _l("Requested delivery date"),
        validators=[DataRequired(_l("Choose a date."))],
    )
    recipient_name = recipient_name_field()
    recipient_phone = recipient_phone_field()
    delivery_address = street_field()
    postal_code = postal_code_field()
    po_number = text_field(_l("PO number (for companies)"), 60)
    buyer_company = text_field(_l("Company name on the invoice (optional)"), 200)
    buyer_npwp = checked_field(
        _l("Company NPWP (optional)"),
        normalise_npwp,
        _l("NPWP must be 15 or 16 digits."),
        filters=[strip],
        render_kw={"inputmode": "numeric"},
    )
    notes = TextAreaField(
        _l("Notes for the cooperative"), validators=[Optional(), Length(max=2000)]
    )
    idempotency_key = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])

    def _per_cooperative(self, prefix: str) -> dict:
        return {
            int(name.removeprefix(prefix)): field
            for name, field in self._fields.items()
            if name.startswith(prefix)
        }

    def fill_from_saved(self, address) -> None:
        """Start from a saved address (addresses.models.SavedAddress)."""
        self.recipient_name.data = address.recipient_name
        self.recipient_phone.data = address.recipient_phone
        self.delivery_address.data = address.street_address
        self.postal_code.data = address.postal_code
        self.fill_regions_from(address)

    def deliveries(self) -> dict[int, DeliveryChoice]:
        """Cooperative id -> the delivery chosen in its field delivery_option_<id>."""
        return {
            coop: DeliveryChoice.from_code(field.data)
            for coop, field in self._per_cooperative("delivery_option_").items()
        }

    def delivery(self) -> Delivery:
        return self.values_for(
            Delivery,
            **self.region_names(),
            street_address=self.delivery_address.data,
            **self.filled("po_number", "buyer_company", "buyer_npwp", "notes", blank=""),
        )


def _payment_field(methods: list[str]) -> SelectField:
    return SelectField(
        _l("Payment"),
        choices=choices((m, payment_method_label(m)) for m in methods),
        validators=[InputRequired(_l("Choose how to pay."))],
    )


FEE_HINTS = {
    DeliveryMethod.PICKUP: _l("free"),
    DeliveryMethod.OWN_DELIVERY: _l("fee by destination"),
    DeliveryMethod.COURIER: _l("fee quoted by the cooperative before you pay"),
}


def _delivery_field(offered: list[DeliveryChoice]) -> SelectField:
    """The delivery choice for one cooperative; a browser always sends a select's value, so
    the first option is the default."""
    return SelectField(
        _l("Delivery"),
        choices=choices(
            (c.code, f"{delivery_label(c.method, c.courier)} ({FEE_HINTS[c.method]})")
            for c in offered
        ),
        default=offered[0].code if offered else None,
        validators=[DataRequired(_l("Choose a delivery option."))],
    )


class OrderForm(DeliveryForm):
    """Order one product now (without the cart)."""

    quantity = quantity_field()

    def delivery_choice(self) -> DeliveryChoice:
        return next(iter(self.deliveries().values()))


def order_form(methods: list[str], coop_id: int, offered: list[DeliveryChoice]) -> OrderForm:
    class Form(OrderForm):
        payment_method = _payment_field(methods)

    setattr(Form, f"delivery_option_{coop_id}", _delivery_field(offered))
    return Form()


class CheckoutForm(DeliveryForm):
    """The whole cart; per cooperative a payment field named payment_<cooperative id> and a
    delivery field named delivery_option_<cooperative id>."""

    def methods(self) -> dict[int, str]:
        return {coop: field.data for coop, field in self._per_cooperative("payment_").items()}


def checkout_form(
    methods_by_coop: dict[int, list[str]], offered_by_coop: dict[int, list[DeliveryChoice]]
) -> CheckoutForm:
    class Form(CheckoutForm):
        pass

    for coop_id, methods in methods_by_coop.items():
        setattr(Form, f"payment_{coop_id}", _payment_field(methods))
        setattr(
            Form, f"delivery_option_{coop_id}", _delivery_field(offered_by_coop.get(coop_id, []))
        )
    return Form()


class CartAddForm(BaseForm):
    quantity = quantity_field()


class CartQuantityForm(BaseForm):
    quantity = quantity_field()


class DeliveryFeeForm(BaseForm):
    """The cooperative quotes the courier's fee of an order (whole rupiah, 0 allowed)."""

    fee = WholeNumberField(
        _l("Delivery fee (Rp)"),
        validators=[
            InputRequired(_l("Enter the delivery fee, in whole rupiah.")),
            NumberRange(0, MAX_PRICE, _l("Enter the delivery fee, in whole rupiah.")),
        ],
    )
