from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.forms import MAX_PRICE, MAX_QUANTITY, WholeNumberField, normalised
from marketplace.identifiers import normalise_phone, normalise_postal_code


class OrderForm(FlaskForm):
    quantity = WholeNumberField(
        _l("Quantity"),
        validators=[
            InputRequired(_l("Enter a quantity.")),
            NumberRange(1, MAX_QUANTITY, _l("Enter a quantity between 1 and 10.000.000.")),
        ],
    )
    delivery_date = DateField(
        _l("Requested delivery date"), validators=[DataRequired(_l("Choose a date."))]
    )
    recipient_name = StringField(_l("Recipient"), validators=[DataRequired(), Length(max=120)])
    recipient_phone = StringField(
        _l("Recipient phone"),
        validators=[
            DataRequired(),
            normalised(normalise_phone, _l("Enter a valid phone number.")),
        ],
    )
    delivery_address = TextAreaField(
        _l("Delivery address"),
        validators=[DataRequired(), Length(max=1000)],
        description=_l("Street, village (kelurahan/desa), district, regency/city, province"),
    )
    postal_code = StringField(
        _l("Postal code"),
        validators=[
            DataRequired(),
            normalised(normalise_postal_code, _l("A postal code has 5 digits.")),
        ],
    )
    notes = TextAreaField(
        _l("Notes for the cooperative"), validators=[Optional(), Length(max=2000)]
    )
    idempotency_key = HiddenField(validators=[DataRequired(), Length(min=16, max=64)])


class BankTransferForm(FlaskForm):
    amount = WholeNumberField(
        _l("Amount received (Rp)"),
        thousands=True,
        validators=[
            InputRequired(_l("Enter the amount received.")),
            NumberRange(1, MAX_PRICE, _l("Enter the amount received, in whole rupiah.")),
        ],
    )
    received_on = DateField(_l("Date received"), validators=[DataRequired()])
    reference = StringField(_l("Bank reference"), validators=[Optional(), Length(max=120)])
