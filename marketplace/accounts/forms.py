from flask_babel import lazy_gettext as _l
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from marketplace.accounts.passwords import NewPasswordField
from marketplace.accounts.services import find_user_by_email
from marketplace.forms import BaseForm, choices, normalised
from marketplace.identifiers import normalise_phone


class SignUpForm(BaseForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = StringField(
        _l("Phone (WhatsApp)"),
        validators=[Optional(), normalised(normalise_phone, _l("Enter a valid phone number."))],
        description=_l("For example 0812 3456 7890"),
    )
    password = NewPasswordField(_l("Password"))
    confirm = PasswordField(
        _l("Repeat password"),
        validators=[DataRequired(), EqualTo("password", message=_l("Passwords do not match."))],
    )
    next = HiddenField()
    submit = SubmitField(_l("Create account"))

    def validate_email(self, field) -> None:
        if find_user_by_email(field.data):
            raise ValidationError(_l("This email is already registered."))


class LoginForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    next = HiddenField()
    submit = SubmitField(_l("Log in"))


class ForgotPasswordForm(BaseForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Email(), Length(max=254)])
    submit = SubmitField(_l("Send me a reset link"))


class ResetPasswordForm(BaseForm):
    # The sign-up form's own fields, so the same password rules apply to a new password.
    password = SignUpForm.password
    confirm = SignUpForm.confirm
    submit = SubmitField(_l("Save the new password"))


class ResendVerificationForm(BaseForm):
    submit = SubmitField(_l("Send the link again"))


class LanguageForm(BaseForm):
    lang = SelectField(choices=choices([("id", "Bahasa Indonesia"), ("en", "English")]))
    next = HiddenField()
