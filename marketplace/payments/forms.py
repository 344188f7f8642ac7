from flask_babel import lazy_gettext as _l
from wtforms import EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, Optional

from marketplace.forms import BaseForm, IdField, choices, rupiah_field, strip
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
    amount = rupiah_field(
        _l("Amount to refund (Rp)"),
        _l("Enter the amount to refund, in whole rupiah."),
        required=_l("Enter the amount to refund."),
    )
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=500)])
