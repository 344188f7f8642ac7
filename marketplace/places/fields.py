"""The fields every Indonesian address form has besides its regions (checkout, saved
addresses): recipient, phone, street and postal code, declared once."""

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from marketplace.forms import PhoneField, normalised, strip
from marketplace.identifiers import normalise_phone, normalise_postal_code

REQUIRED = _l("This field is required.")


def recipient_name_field() -> StringField:
    return StringField(
        _l("Recipient"), validators=[DataRequired(REQUIRED), Length(max=120)], filters=[strip]
    )


def _normalised_field(
    field_class: type[StringField], label: str, normalise: Callable, message: str, render_kw: dict
) -> StringField:
    """A required field whose input `normalise` makes canonical (`message` when it cannot)."""
    validators = [DataRequired(REQUIRED), normalised(normalise, message)]
    return field_class(label, validators=validators, render_kw=render_kw)


def recipient_phone_field() -> PhoneField:
    """Typed as people write it (0812 3456 7890), kept as E.164, shown again locally."""
    label, message = _l("Recipient phone"), _l("Enter a valid phone number.")
    render_kw = {"inputmode": "tel", "autocomplete": "tel"}
    return _normalised_field(PhoneField, label, normalise_phone, message, render_kw)


def street_field() -> TextAreaField:
    return TextAreaField(
        _l("Street address"),
        validators=[DataRequired(REQUIRED), Length(max=1000)],
        filters=[strip],
        description=_l("Street, number, RT/RW, building"),
    )


def postal_code_field() -> StringField:
    label, message = _l("Postal code"), _l("A postal code has 5 digits.")
    render_kw = {"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": 5}
    return _normalised_field(StringField, label, normalise_postal_code, message, render_kw)
