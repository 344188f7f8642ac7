from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for the rejection"),
        validators=[DataRequired(message=_l("Give a reason for the rejection.")), Length(max=1000)],
        render_kw={"rows": 3},
        description=_l("The cooperative's admins will see this."),
    )
    submit = SubmitField(_l("Reject"))


class VerifyForm(FlaskForm):
    submit = SubmitField(_l("Verify"))
