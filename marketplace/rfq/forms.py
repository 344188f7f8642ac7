"""RFQ forms: the request, a message, a quote, a decline, and accepting a quote."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.catalogue.models import ProductUnit
from marketplace.checkout.forms import DeliveryForm, _delivery_field, _payment_field
from marketplace.cooperatives.delivery import DeliveryChoice
from marketplace.forms import BaseForm, BoundedDateField, WholeNumberField, choices, strip
from marketplace.labels import unit_label
from marketplace.limits import (
    MAX_LEAD_TIME_DAYS,
    MAX_PRICE,
    MAX_QUANTITY,
    MAX_REASON_LENGTH,
    MAX_RFQ_TEXT,
)


def _quantity() -> WholeNumberField:
    return WholeNumberField(
        _l("Quantity"),
        validators=[
            InputRequired(_l("Enter a quantity.")),
            NumberRange(1, MAX_QUANTITY, _l("Enter a quantity between 1 and 10.000.000.")),
        ],
    )


def _files() -> MultipleFileField:
    return MultipleFileField(
        _l("Attachments (photos or PDF, up to 4 of 5 MB each)"),
        render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"},
    )


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RFQForm(BaseForm):
    title = StringField(
        _l("What do you need?"),
        validators=[DataRequired(_l("Say what you need.")), Length(max=160)],
        filters=[strip],
    )
    specification = TextAreaField(
        _l("Specification"),
        validators=[Optional(), Length(max=MAX_RFQ_TEXT)],
        filters=[strip],
        description=_l("Size, material, colour, packaging, certificates..."),
    )
    quantity = _quantity()
    unit = SelectField(_l("Unit"), choices=choices((u.value, unit_label(u)) for u in ProductUnit))
    grade = StringField(
        _l("Quality grade (optional)"), validators=[Optional(), Length(max=60)], filters=[strip]
    )
    needed_by = BoundedDateField(_l("Needed by"), validators=[DataRequired(_l("Choose a date."))])
    delivery_place = StringField(
        _l("Delivery place (city, province)"),
        validators=[DataRequired(_l("This field is required.")), Length(max=200)],
        filters=[strip],
    )
    target_price = WholeNumberField(
        _l("Target price per unit (Rp, optional)"),
        thousands=True,
        validators=[
            Optional(),
            NumberRange(1, MAX_PRICE, _l("Enter the target price in whole rupiah.")),
        ],
    )
    cooperatives = CheckboxesField(
        _l("Send to these cooperatives"),
        coerce=str,
        validators=[DataRequired(_l("Choose at least one cooperative."))],
    )
    attachments = _files()

    def cooperative_ids(self) -> list[int]:
        return [int(value) for value in self.cooperatives.data or [] if value.isdigit()]


class MessageForm(BaseForm):
    body = TextAreaField(
        _l("Message"), validators=[Optional(), Length(max=MAX_RFQ_TEXT)], filters=[strip]
    )
    attachments = _files()


class QuoteForm(BaseForm):
    product_id = SelectField(
        _l("Product the order will be for"),
        coerce=str,
        validators=[DataRequired(_l("Choose one of your products."))],
    )
    quantity = _quantity()
    unit_price = WholeNumberField(
        _l("Unit price (Rp)"),
        thousands=True,
        validators=[
            InputRequired(_l("Enter the unit price in whole rupiah.")),
            NumberRange(1, MAX_PRICE, _l("Enter the unit price in whole rupiah.")),
        ],
    )
    lead_time_days = WholeNumberField(
        _l("Lead time (days)"),
        validators=[
            InputRequired(_l("Enter the lead time in days.")),
            NumberRange(0, MAX_LEAD_TIME_DAYS, _l("Enter a lead time between 0 and 365 days.")),
        ],
    )
    valid_until = BoundedDateField(
        _l("Valid until"), validators=[DataRequired(_l("Choose a date."))]
    )
    conditions = TextAreaField(
        _l("Conditions (payment, packaging, delivery)"),
        validators=[Optional(), Length(max=MAX_RFQ_TEXT)],
        filters=[strip],
    )


class DeclineForm(BaseForm):
    reason = TextAreaField(
        _l("Why do you decline?"),
        validators=[DataRequired(_l("Tell the buyer why.")), Length(max=MAX_REASON_LENGTH)],
        filters=[strip],
    )


class AcceptForm(DeliveryForm):
    """Accepting a quote: where, when and to whom, how to pay, how it travels."""

    def delivery_choice(self) -> DeliveryChoice | None:
        chosen = next(iter(self.deliveries().values()), None)
        return chosen


def accept_form(methods: list[str], coop_id: int, offered: list[DeliveryChoice]) -> AcceptForm:
    class Form(AcceptForm):
        payment_method = _payment_field(methods)

    setattr(Form, f"delivery_option_{coop_id}", _delivery_field(offered))
    return Form()
