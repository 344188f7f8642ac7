"""RFQ forms: the request, a message, a quote, a decline, and accepting a quote."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import SelectField, SelectMultipleField
from wtforms.validators import DataRequired, InputRequired, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.catalogue.models import ProductUnit
from marketplace.checkout.forms import DeliveryForm, _delivery_field, _payment_field
from marketplace.cooperatives.delivery import DeliveryChoice
from marketplace.forms import (
    BaseForm,
    BoundedDateField,
    WholeNumberField,
    choices,
    quantity_field,
    reason_field,
    rupiah_field,
    text_area,
    text_field,
)
from marketplace.labels import unit_label
from marketplace.limits import MAX_LEAD_TIME_DAYS, MAX_RFQ_TEXT


def _files() -> MultipleFileField:
    return MultipleFileField(
        _l("Attachments (photos or PDF, up to 4 of 5 MB each)"),
        render_kw={"accept": "image/jpeg,image/png,image/webp,application/pdf"},
    )


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RFQForm(BaseForm):
    title = text_field(_l("What do you need?"), 160, required=_l("Say what you need."))
    specification = text_area(
        _l("Specification"),
        MAX_RFQ_TEXT,
        description=_l("Size, material, colour, packaging, certificates..."),
    )
    quantity = quantity_field()
    unit = SelectField(_l("Unit"), choices=choices((u.value, unit_label(u)) for u in ProductUnit))
    grade = text_field(_l("Quality grade (optional)"), 60)
    needed_by = BoundedDateField(_l("Needed by"), validators=[DataRequired(_l("Choose a date."))])
    delivery_place = text_field(
        _l("Delivery place (city, province)"), 200, required=_l("This field is required.")
    )
    target_price = rupiah_field(
        _l("Target price per unit (Rp, optional)"), _l("Enter the target price in whole rupiah.")
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
    body = text_area(_l("Message"), MAX_RFQ_TEXT)
    attachments = _files()


class QuoteForm(BaseForm):
    product_id = SelectField(
        _l("Product the order will be for"),
        coerce=str,
        validators=[DataRequired(_l("Choose one of your products."))],
    )
    quantity = quantity_field()
    unit_price = rupiah_field(
        _l("Unit price (Rp)"),
        _l("Enter the unit price in whole rupiah."),
        required=_l("Enter the unit price in whole rupiah."),
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
    conditions = text_area(_l("Conditions (payment, packaging, delivery)"), MAX_RFQ_TEXT)


class DeclineForm(BaseForm):
    reason = reason_field(_l("Why do you decline?"), _l("Tell the buyer why."))


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
