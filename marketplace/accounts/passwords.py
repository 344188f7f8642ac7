"""The password rules, in one place: sign-up, password reset and change all use NewPasswordField.

`password_problem` is pure (codes, no Flask); the WTForms validator turns a code into words."""

from functools import cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField
from wtforms.validators import DataRequired, ValidationError

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common_passwords.txt"

MESSAGES = {
    "too_short": _l("Use at least %(min)d characters.", min=MIN_LENGTH),
    "too_long": _l("Use at most %(max)d characters.", max=MAX_LENGTH),
    "common": _l("This password is too common and easy to guess. Choose another one."),
    "is_email": _l("Your password must not be your email address."),
}


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, *, email: str | None = None) -> str | None:
    """Why this password may not be used (a code of MESSAGES), or None when it is fine."""
    if len(password) < MIN_LENGTH:
        return "too_short"
    if len(password) > MAX_LENGTH:
        return "too_long"
    folded = password.strip().casefold()
    if folded in common_passwords() or len(set(folded)) <= 2:
        return "common"
    if email:
        address = email.strip().casefold()
        if folded in (address, address.partition("@")[0]):
            return "is_email"
    return None


class StrongPassword:
    """Validator: the password rules above. The email compared against is the form's
    `email_field` when the form has one, else the form's `account_email` attribute (set it on
    forms for a logged-in user or a reset link, which have no email field)."""

    def __init__(self, email_field: str = "email") -> None:
        self.email_field = email_field

    def __call__(self, form, field) -> None:
        email = form[self.email_field].data if self.email_field in form else None
        email = email or getattr(form, "account_email", None)
        problem = password_problem(field.data or "", email=email)
        if problem:
            raise ValidationError(MESSAGES[problem])


class NewPasswordField(PasswordField):
    """A field for choosing a new password, with every rule of the site. Extra validators
    (e.g. EqualTo) may be passed and run after the rules."""

    def __init__(self, label=None, validators=None, *, email_field: str = "email", **kwargs):
        rules = [DataRequired(), StrongPassword(email_field), *(validators or ())]
        super().__init__(label if label is not None else _l("Password"), rules, **kwargs)
