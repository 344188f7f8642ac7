from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.forms import BaseForm, BoundedDateField, WholeNumberField, strip
from marketplace.limits import MAX_PRICE, MAX_REASON_LENGTH


class AdminCancelForm(BaseForm):
    reason = TextAreaField(
        _l("Reason (shown to the buyer)"),
        validators=[
            DataRequired(_l("Give a reason for the buyer.")),
            Length(max=MAX_REASON_LENGTH),
        ],
        filters=[strip],
    )


class OrderFilterForm(BaseForm):
    """The cooperative admin's order list filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    date_from = BoundedDateField(_l("Placed from"), validators=[Optional()])
    date_to = BoundedDateField(_l("Placed until"), validators=[Optional()])
    buyer = StringField(
        _l("Buyer name or email"), validators=[Optional(), Length(max=120)], filters=[strip]
    )


class BankTransferForm(BaseForm):
    amount = WholeNumberField(
        _l("Amount received (Rp)"),
        thousands=True,
        validators=[
            InputRequired(_l("Enter the amount received.")),
            NumberRange(1, MAX_PRICE, _l("Enter the amount received, in whole rupiah.")),
        ],
    )
    received_on = BoundedDateField(_l("Date received"), validators=[DataRequired()])
    reference = StringField(_l("Bank reference"), validators=[Optional(), Length(max=120)])
    before_order_confirmed = BooleanField(_l("Yes, the money arrived before the order was placed"))
