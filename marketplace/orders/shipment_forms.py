"""Forms of shipping: a shipment (per-line quantities added for the order at hand), proof of
delivery, the buyer's complaint and the admin's answer to it."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, MultipleFileField
from wtforms import SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.forms import (
    BaseForm,
    BoundedDateField,
    IdField,
    WholeNumberField,
    choices,
    strip,
    text_field,
)
from marketplace.limits import MAX_PRICE, MAX_QUANTITY
from marketplace.orders.models import Order
from marketplace.orders.tracking import COURIERS, OWN_DELIVERY

OTHER_COURIER = "other"


def courier_choices() -> list:
    known = [(c.code, c.name) for c in COURIERS.values()]
    return choices(
        [*known, (OWN_DELIVERY, _l("Our own delivery")), (OTHER_COURIER, _l("Another courier"))]
    )


class ShipmentFields(BaseForm):
    courier = SelectField(_l("Courier"), validators=[DataRequired()])
    other_courier = StringField(
        _l("Name of the other courier"), validators=[Length(max=60)], filters=[strip]
    )
    tracking_number = StringField(
        _l("Tracking number (resi)"), validators=[Length(max=40)], filters=[strip]
    )
    shipped_on = BoundedDateField(_l("Shipping date"), validators=[DataRequired()])
    vehicle = StringField(
        _l("Vehicle and plate number"), validators=[Length(max=60)], filters=[strip]
    )
    driver = StringField(_l("Driver"), validators=[Length(max=120)], filters=[strip])
    packages = WholeNumberField(
        _l("Packages"),
        default=1,
        validators=[InputRequired(), NumberRange(1, 9999, _l("Between 1 and 9.999 packages."))],
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.courier.choices = courier_choices()

    def courier_value(self) -> str:
        """The courier's code, or the other courier's name as typed."""
        if self.courier.data == OTHER_COURIER:
            return self.other_courier.data or ""
        return self.courier.data


def line_field(line_id: int) -> str:
    return f"line_{line_id}"


def ship_form(order: Order, **kwargs) -> ShipmentFields:
    """The shipment form with one quantity field per line of `order`."""

    class ShipForm(ShipmentFields):
        pass

    for line in order.lines:
        field = WholeNumberField(
            line.product.name,
            default=0,
            validators=[Optional(), NumberRange(0, MAX_QUANTITY)],
        )
        setattr(ShipForm, line_field(line.id), field)
    return ShipForm(**kwargs)


class ProofForm(BaseForm):
    received_by = text_field(
        _l("Received by"), 120, required=_l("Write the name of who received it.")
    )
    received_on = BoundedDateField(_l("Date received"), validators=[DataRequired()])
    received_time = TimeField(_l("Time received"), validators=[DataRequired()])
    photo = FileField(_l("Photo of the delivery (optional)"))


class ComplaintForm(BaseForm):
    order_line_id = SelectField(_l("Product"), validators=[DataRequired()])
    problem = SelectField(_l("What is wrong"), validators=[DataRequired()])
    quantity = WholeNumberField(
        _l("Units affected"),
        validators=[InputRequired(), NumberRange(1, MAX_QUANTITY)],
    )
    description = TextAreaField(
        _l("Describe the problem"), validators=[Length(max=1000)], filters=[strip]
    )
    photos = MultipleFileField(_l("Photos (up to 4)"))


class ResolveForm(ShipmentFields):
    """The admin's answer to a complaint; the shipment fields count for a replacement."""

    complaint_id = IdField(validators=[InputRequired()])
    action = SelectField(_l("Answer"), validators=[DataRequired()])
    amount = WholeNumberField(
        _l("Refund (Rp)"), thousands=True, validators=[Optional(), NumberRange(1, MAX_PRICE)]
    )
    note = TextAreaField(_l("Note for the buyer"), validators=[Length(max=1000)], filters=[strip])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.action.choices = choices(
            [
                ("refund", _l("Partial refund")),
                ("replace", _l("Replacement shipment")),
                ("reject", _l("Reject, with a reason")),
            ]
        )
