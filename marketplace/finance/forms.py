from flask_babel import lazy_gettext as _l
from wtforms import SubmitField

from marketplace.forms import BaseForm, rupiah_field, text_field


def amount_field_name(membership_id: int) -> str:
    return f"amount_{membership_id}"


class DeductionForm(BaseForm):
    amount = rupiah_field(
        _l("Amount (Rp)"),
        _l("Enter the amount in whole rupiah."),
        required=True,
        render_kw={"inputmode": "numeric"},
    )
    reason = text_field(
        _l("What it is for"),
        200,
        required=True,
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
            rupiah_field(
                _l("Amount to pay (Rp)"),
                _l("Enter whole rupiah."),
                minimum=0,
                render_kw={"inputmode": "numeric", "min": 0},
            ),
        )
    return PayoutForm(**kwargs)


class PaidForm(BaseForm):
    reference = text_field(_l("Bank transfer reference"), 80, required=True)
    submit = SubmitField(_l("Mark paid"))
