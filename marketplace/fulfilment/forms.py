from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from marketplace.db import MAX_ID
from marketplace.forms import BaseForm, WholeNumberField, choices
from marketplace.labels import POLICY_LABELS
from marketplace.limits import MAX_QUANTITY


def share_field_name(line_id: int, membership_id: int) -> str:
    return f"share_{line_id}_{membership_id}"


def policy_field_name(line_id: int) -> str:
    return f"policy_{line_id}"


class _AllocationForm(BaseForm):
    recalculate = SubmitField(_l("Propose again with this policy"))
    publish = SubmitField(_l("Publish to members"))

    lines: list = []

    def plans(self) -> dict[int, tuple[str, dict[int, int]]]:
        """Line id -> (policy, {membership id: units}) as the admin entered them."""
        return {
            line_id: (
                self[policy_field_name(line_id)].data,
                {m: self[share_field_name(line_id, m)].data or 0 for m in members},
            )
            for line_id, members in self.lines
        }


def allocation_form(proposals, **kwargs) -> BaseForm:
    """A form with a policy choice per line and a share field per candidate member."""

    class AllocationForm(_AllocationForm):
        pass

    AllocationForm.lines = []
    for p in proposals:
        members = [c.membership.id for c in p.candidates]
        AllocationForm.lines.append((p.line.id, members))
        setattr(
            AllocationForm,
            policy_field_name(p.line.id),
            SelectField(_l("Policy"), choices=choices(POLICY_LABELS.items())),
        )
        for member_id in members:
            setattr(
                AllocationForm,
                share_field_name(p.line.id, member_id),
                WholeNumberField(
                    _l("Share"),
                    validators=[Optional(), NumberRange(min=0, max=MAX_QUANTITY)],
                    render_kw={"inputmode": "numeric", "min": 0},
                ),
            )
    return AllocationForm(**kwargs)


class AnswerForm(BaseForm):
    submit = SubmitField(_l("Accept this work"))


class DeclineForm(BaseForm):
    reason = TextAreaField(
        _l("Why not? (optional)"), validators=[Optional(), Length(max=500)], render_kw={"rows": 2}
    )
    submit = SubmitField(_l("Decline"))


class ProgressForm(BaseForm):
    status = HiddenField(validators=[AnyOf(["in_production", "delivered_to_hub"])])


class QualityControlForm(BaseForm):
    accepted_quantity = WholeNumberField(
        _l("Accepted units"),
        validators=[InputRequired(), NumberRange(min=0, max=MAX_QUANTITY)],
        render_kw={"inputmode": "numeric"},
    )
    rejected_quantity = WholeNumberField(
        _l("Rejected units"),
        validators=[InputRequired(), NumberRange(min=0, max=MAX_QUANTITY)],
        render_kw={"inputmode": "numeric"},
    )
    qc_reason = TextAreaField(
        _l("Reason for the rejection"),
        validators=[Optional(), Length(max=500)],
        render_kw={"rows": 2},
    )
    submit = SubmitField(_l("Record quality control"))


class HandAssignForm(BaseForm):
    """Give open units of one line to a member; the choices are the members who could."""

    membership_id = SelectField(
        _l("Member"),
        coerce=int,
        validators=[
            InputRequired(message=_l("Choose a member.")),
            NumberRange(min=1, max=MAX_ID, message=_l("Choose a member.")),
        ],
        validate_choice=False,  # the service says when a member cannot take the units
    )
    quantity = WholeNumberField(
        _l("Units"),
        validators=[InputRequired(), NumberRange(min=1, max=MAX_QUANTITY)],
        render_kw={"inputmode": "numeric", "min": 1},
    )
    submit = SubmitField(_l("Offer to this member"))
