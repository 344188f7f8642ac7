"""Checkout forms: delivery, the order-now form, the cart's quantities and its checkout."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.checkout.lines import Delivery
from marketplace.forms import BaseForm, BoundedDateField, WholeNumberField, choices, normalised
from marketplace.identifiers import normalise_npwp, normalise_phone, normalise_postal_code
from marketplace.labels import payment_method_label
from marketplace.limits import MAX_QUANTITY


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _quantity_field() -> WholeNumberField:
    return WholeNumberField(
        _l("Quantity"),
        validators=[
            InputRequired(_l("Enter a quantity.")),
            NumberRange(1, MAX_QUANTITY, _l("Enter a quantity between 1 and 10.000.000.")),
        ],
    )


def _required(label, max_length: int, **kwargs) -> StringField:
    return StringField(
        label,
        validators=[DataRequired(_l("This field is required.")), Length(max=max_length)],
        filters=[_strip],
        **kwargs,
    )


class DeliveryForm(BaseForm):
    """Delivery address in Indonesian form, recipient, date, PO number and notes."""

    delivery_date = BoundedDateField(
        _l("Requested delivery date"),
        validators=[DataRequired(_l("Choose a date."))],
    )
    recipient_name = _required(_l("Recipient"), 120)
    recipient_phone = StringField(
        _l("Recipient phone"),
        validators=[
            DataRequired(_l("This field is required.")),
            normalised(normalise_phone, _l("Enter a valid phone number.")),
        ],
        render_kw={"inputmode": "tel", "autocomplete": "tel"},
    )
    province = _required(_l("Province"), 80)
    regency = _required(_l("Regency / city (kabupaten/kota)"), 80)
    district = _required(_l("District (kecamatan)"), 80)
    village = _required(_l("Village (kelurahan/desa)"), 80)
    delivery_address = TextAreaField(
        _l("Street address"),
        validators=[DataRequired(_l("This field is required.")), Length(max=1000)],
        filters=[_strip],
        description=_l("Street, number, RT/RW, building"),
    )
    postal_code = StringField(
        _l("Postal code"),
        validators=[
            DataRequired(_l("This field is required.")),
            normalised(normalise_postal_code, _l("A postal code has 5 digits.")),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 5},
    )
    po_number = StringField(
        _l("PO number (for companies)"),
        validators=[Optional(), Length(max=60)],
        filters=[_strip],
    )
    buyer_company = StringField(
        _l("Company name on the invoice (optional)"),
        validators=[Optional(), Length(max=200)],
        filters=[_strip],
    )
    buyer_npwp = StringField(
        _l("Company NPWP (optional)"),
        validators=[Optional(), normalised(normalise_npwp, _l("NPWP must be 15 or 16 digits."))],
        filters=[_strip],
        render_kw={"inputmode": "numeric"},
    )
    notes = TextAreaField(
        _l("Notes for the cooperative"), validators=[Optional(), Length(max=2000)]
    )
    idempotency_key = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])

    def delivery(self) -> Delivery:
        return Delivery(
            delivery_date=self.delivery_date.data,
            recipient_name=self.recipient_name.data,
            recipient_phone=self.recipient_phone.data,
            province=self.province.data,
            regency=self.regency.data,
            district=self.district.data,
            village=self.village.data,
            street_address=self.delivery_address.data,
            postal_code=self.postal_code.data,
            po_number=self.po_number.data or "",
            buyer_company=self.buyer_company.data or "",
            buyer_npwp=self.buyer_npwp.data or "",
            notes=self.notes.data or "",
        )


def _payment_field(methods: list[str]) -> SelectField:
    return SelectField(
        _l("Payment"),
        choices=choices((m, payment_method_label(m)) for m in methods),
        validators=[InputRequired(_l("Choose how to pay."))],
    )


class OrderForm(DeliveryForm):
    """Order one product now (without the cart)."""

    quantity = _quantity_field()


def order_form(methods: list[str]) -> OrderForm:
    class Form(OrderForm):
        payment_method = _payment_field(methods)

    return Form()


class CheckoutForm(DeliveryForm):
    """The whole cart; one payment field per cooperative, named payment_<cooperative id>."""

    def payment_fields(self):
        return {name: field for name, field in self._fields.items() if name.startswith("payment_")}

    def methods(self) -> dict[int, str]:
        return {
            int(name.removeprefix("payment_")): field.data
            for name, field in self.payment_fields().items()
        }


def checkout_form(methods_by_coop: dict[int, list[str]]) -> CheckoutForm:
    class Form(CheckoutForm):
        pass

    for coop_id, methods in methods_by_coop.items():
        setattr(Form, f"payment_{coop_id}", _payment_field(methods))
    return Form()


class CartAddForm(BaseForm):
    quantity = _quantity_field()


class CartQuantityForm(BaseForm):
    quantity = _quantity_field()
