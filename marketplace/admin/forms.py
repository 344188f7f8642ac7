from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from marketplace.forms import BaseForm, reason_field
from marketplace.limits import MAX_REASON_LENGTH


class RejectForm(BaseForm):
    reason = TextAreaField(
        _l("Reason for the rejection"),
        validators=[
            DataRequired(message=_l("Give a reason for the rejection.")),
            Length(max=MAX_REASON_LENGTH),
        ],
        render_kw={"rows": 3},
        description=_l("The cooperative's admins will see this."),
    )
    submit = SubmitField(_l("Reject"))


class VerifyForm(BaseForm):
    submit = SubmitField(_l("Verify"))


SEEN_BY_ADMINS = _l("The cooperative's admins will see this.")


def _decision_form(
    reason_label, missing, confirm_label, submit_label, description=SEEN_BY_ADMINS
) -> type[BaseForm]:
    """A form for a decision that needs a reason (by default one the cooperative's admins will
    see), and a ticked box confirming what it does."""

    class DecisionForm(BaseForm):
        reason = reason_field(reason_label, missing, render_kw={"rows": 3}, description=description)
        confirm = BooleanField(
            confirm_label, validators=[DataRequired(message=_l("Tick the box to confirm."))]
        )
        submit = SubmitField(submit_label)

    return DecisionForm


SuspendForm = _decision_form(
    _l("Reason for the suspension"),
    _l("Give a reason for the suspension."),
    _l("I understand: it leaves the catalogue and takes no new orders; open orders go on."),
    _l("Suspend"),
)
ReinstateForm = _decision_form(
    _l("Reason for reinstating"),
    _l("Give a reason for reinstating."),
    _l("I understand: it returns to the catalogue and takes orders again."),
    _l("Reinstate"),
)


def _account_form(reason_label, confirm_label, submit_label) -> type[BaseForm]:
    """A decision on a person's account: its reason is kept in the audit trail."""
    return _decision_form(
        reason_label,
        _l("Give a reason."),
        confirm_label,
        submit_label,
        description=_l("Kept in the audit trail."),
    )


DeactivateUserForm = _account_form(
    _l("Reason for deactivating"),
    _l("I understand: this person can no longer log in, and is logged out now."),
    _l("Deactivate the account"),
)
ReactivateUserForm = _account_form(
    _l("Reason for reactivating"),
    _l("I understand: this person can log in again."),
    _l("Reactivate the account"),
)
