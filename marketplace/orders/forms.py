from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from marketplace.forms import (
    BaseForm,
    BoundedDateField,
    reason_field,
    rupiah_field,
    text_field,
)


class AdminCancelForm(BaseForm):
    reason = reason_field(_l("Reason (shown to the buyer)"), _l("Give a reason for the buyer."))


class OrderFilterForm(BaseForm):
    """The cooperative admin's order list filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    status = SelectField(_l("Status"), validators=[Optional()])
    date_from = BoundedDateField(_l("Placed from"), validators=[Optional()])
    date_to = BoundedDateField(_l("Placed until"), validators=[Optional()])
    buyer = text_field(_l("Buyer name or email"), 120)


class BankTransferForm(BaseForm):
    amount = rupiah_field(
        _l("Amount received (Rp)"),
        _l("Enter the amount received, in whole rupiah."),
        required=_l("Enter the amount received."),
    )
    received_on = BoundedDateField(_l("Date received"), validators=[DataRequired()])
    reference = StringField(_l("Bank reference"), validators=[Optional(), Length(max=120)])
    before_order_confirmed = BooleanField(_l("Yes, the money arrived before the order was placed"))
