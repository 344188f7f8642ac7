from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from marketplace.forms import BaseForm, IdField, WholeNumberField, choices, strip
from marketplace.limits import MAX_PRICE
from marketplace.payments.models import TERMS_DAYS


class TrustedBuyerForm(BaseForm):
    email = EmailField(
        _l("Buyer's email"),
        validators=[DataRequired(), Email(), Length(max=254)],
        filters=[strip],
    )
    terms_days = SelectField(
        _l("Invoice terms"),
        coerce=int,
        choices=choices((days, _l("Net %(days)s days", days=days)) for days in TERMS_DAYS),
    )


class RefundForm(BaseForm):
    payment_id = IdField(validators=[InputRequired()])
    amount = WholeNumberField(
        _l("Amount to refund (Rp)"),
        thousands=True,
        validators=[
            InputRequired(_l("Enter the amount to refund.")),
            NumberRange(1, MAX_PRICE, _l("Enter the amount to refund, in whole rupiah.")),
        ],
    )
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])
