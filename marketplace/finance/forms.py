from flask_babel import lazy_gettext as _l
from wtforms import StringField, SubmitField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from marketplace.forms import BaseForm, WholeNumberField, strip
from marketplace.limits import MAX_PRICE


def amount_field_name(membership_id: int) -> str:
    return f"amount_{membership_id}"


class DeductionForm(BaseForm):
    amount = WholeNumberField(
        _l("Amount (Rp)"),
        thousands=True,
        validators=[
            InputRequired(),
            NumberRange(1, MAX_PRICE, _l("Enter the amount in whole rupiah.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    reason = StringField(
        _l("What it is for"),
        validators=[DataRequired(), Length(max=200)],
        filters=[strip],
        description=_l("For example: 5 kg of dacron filling, or an advance paid on 3 March."),
    )
    submit = SubmitField(_l("Record the deduction"))


class _PayoutForm(BaseForm):
    submit = SubmitField(_l("Make the payout batch"))
    members: list[int] = []

    def amounts(self) -> dict[int, int]:
        """Membership id -> rupiah entered (blank is 0: not in this batch)."""
        return {m: self[amount_field_name(m)].data or 0 for m in self.members}


def payout_form(member_ids: list[int], **kwargs) -> BaseForm:
    """A form with an amount field per member who is owed something."""

    class PayoutForm(_PayoutForm):
        pass

    PayoutForm.members = list(member_ids)
    for member_id in member_ids:
        setattr(
            PayoutForm,
            amount_field_name(member_id),
            WholeNumberField(
                _l("Amount to pay (Rp)"),
                thousands=True,
                validators=[Optional(), NumberRange(0, MAX_PRICE, _l("Enter whole rupiah."))],
                render_kw={"inputmode": "numeric", "min": 0},
            ),
        )
    return PayoutForm(**kwargs)


class PaidForm(BaseForm):
    reference = StringField(
        _l("Bank transfer reference"),
        validators=[DataRequired(), Length(max=80)],
        filters=[strip],
    )
    submit = SubmitField(_l("Mark paid"))
