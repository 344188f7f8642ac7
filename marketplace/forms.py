"""Form helpers shared by every package's forms."""

import dataclasses
from collections.abc import Callable

from flask_babel import get_translations
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    IntegerField,
    SelectChoice,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import HiddenInput

from marketplace.db import MAX_ID
from marketplace.identifiers import IdentifierError, local_phone, normalise_phone
from marketplace.limits import (
    FIRST_DATE,
    LAST_DATE,
    MAX_PRICE,
    MAX_QUANTITY,
    MAX_REASON_LENGTH,
    MAX_WHOLE_NUMBER,
)

# Why an identifier was refused (identifiers.IdentifierError codes), in the user's language.
# A code missing here falls back to the field's own message.
IDENTIFIER_MESSAGES = {
    "nik.length": _l("A NIK has 16 digits."),
    "nik.month": _l(
        "The birth date in this NIK (digits 7 to 12) has month %(month)s; months run from 01 to 12."
    ),
    "nik.day": _l(
        "The birth date in this NIK (digits 7 to 12) has day %(day)s: a man's day runs from "
        "01 to 31, a woman's from 41 to 71."
    ),
    "nik.no_such_date": _l(
        "The birth date in this NIK (digits 7 to 12) is %(day)s-%(month)s, a date that does "
        "not exist."
    ),
}


class _CatalogueTranslations:
    """Gives WTForms its built-in messages ("This field is required.", ...) from our catalogue,
    in the request's language: WTForms ships no Indonesian catalogue (see form_messages.py).

    The translation objects are used directly, not flask_babel.gettext/ngettext, because WTForms
    fills in the placeholders itself (ngettext would apply %(num)s first and fail)."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


class BaseForm(FlaskForm):
    """The base of every form: Flask-WTF (CSRF) with every message in the user's language."""

    class Meta:
        def get_translations(self, form) -> _CatalogueTranslations:
            return _CatalogueTranslations()

    def show_error(self, field: str | None, message: str) -> bool:
        """Put a service's error next to the field it names; False when no field of this form
        fits (the view then shows it at the top of the page)."""
        found = self._fields.get(field) if field else None
        if found is None:
            return False
        found.errors = [*found.errors, str(message)]
        return True

    def values_for(self, cls, /, **given):
        """A `cls` (the dataclass a service takes) holding the data of this form's fields of
        the same names; `given` supplies the rest (values worked out, fields named otherwise)."""
        names = {f.name for f in dataclasses.fields(cls) if f.init} - given.keys()
        found = {name: self._fields[name].data for name in names if name in self._fields}
        return cls(**found, **given)

    def filled(self, *names: str, blank=None) -> dict:
        """The data of these optional fields by name, with `blank` for each one left empty."""
        return {name: self._fields[name].data or blank for name in names}


def normalised(normalise: Callable[[str], str], message: str) -> Callable:
    """A WTForms validator that checks a value with a pure normaliser and stores its result."""

    def validator(form, field) -> None:
        if not field.data:
            return
        try:
            field.data = normalise(field.data)
        except IdentifierError as exc:
            reason = IDENTIFIER_MESSAGES.get(exc.code)
            raise ValidationError(str(reason) % exc.params if reason else message) from exc
        except ValueError as exc:
            raise ValidationError(message) from exc

    return validator


class PhoneField(StringField):
    """A phone number field that shows a stored E.164 number as people write it
    (0812-3456-7890); what is typed is kept as typed until it validates."""

    def _value(self) -> str:
        if self.raw_data:
            return super()._value()
        return local_phone(self.data) if self.data else ""


def strip(value):
    """A WTForms filter: text without surrounding white space (other values as they are)."""
    return value.strip() if isinstance(value, str) else value


def choices(pairs) -> list[SelectChoice]:
    """Select options from (value, label) pairs (WTForms 3.3 deprecates plain tuples)."""
    return [SelectChoice(value, label) for value, label in pairs]


class WholeNumberField(IntegerField):
    """An integer field that says plainly when the input is not a whole number.

    With thousands=True it accepts amounts written as 1.500.000 or 1,500,000. Input of only
    spaces counts as not given (InputRequired then asks for it), and no value beyond the 64-bit
    range gets through, so that ids and quantities can always be compared in the database.
    """

    def __init__(self, *args, thousands: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.thousands = thousands

    def process_formdata(self, valuelist):
        raw = str(valuelist[0]).strip() if valuelist else ""
        if self.thousands:
            raw = raw.removeprefix("Rp").strip().replace(".", "").replace(",", "")
        self.data = None
        if raw == "":
            self.raw_data = []  # blank: not an input at all, for InputRequired
            return
        # ASCII digits only: int() would also read "١٢" or "1_000"; the length check first
        # keeps a megabyte of digits from costing a conversion.
        unsigned = raw.removeprefix("-")
        if not (unsigned.isascii() and unsigned.isdigit()):
            raise ValueError(_l("Enter a whole number."))
        if len(unsigned) > len(str(MAX_WHOLE_NUMBER)) or abs(int(raw)) > MAX_WHOLE_NUMBER:
            raise ValueError(_l("This number is too large."))
        self.data = int(raw)


class IdField(WholeNumberField):
    """The id of a row, sent back by a form (hidden by default): from 1 up to MAX_ID, the
    largest id a database key holds, so that any value can be looked up safely."""

    widget = HiddenInput()

    def pre_validate(self, form) -> None:
        if self.data is not None and not 1 <= self.data <= MAX_ID:
            raise ValidationError(_l("This item does not exist. Reload the page and try again."))


def quantity_field() -> WholeNumberField:
    """How many units: required, from 1 up to MAX_QUANTITY."""
    return WholeNumberField(
        _l("Quantity"),
        validators=[
            InputRequired(_l("Enter a quantity.")),
            NumberRange(1, MAX_QUANTITY, _l("Enter a quantity between 1 and 10.000.000.")),
        ],
    )


def _presence(required, check):
    """`check` (InputRequired or DataRequired) with the message `required` gives (True: its
    own message); Optional() when `required` is false."""
    if not required:
        return Optional()
    return check(None if required is True else required)


def text_field(label, max_length: int, *, required=False, field=StringField, **kwargs):
    """A text of up to `max_length` characters, without surrounding white space; `required`
    is True, or the message for an empty field (by default it may stay empty)."""
    given = _presence(required, DataRequired)
    return field(label, validators=[given, Length(max=max_length)], filters=[strip], **kwargs)


def text_area(label, max_length: int, **kwargs) -> TextAreaField:
    """A text_field of several lines."""
    return text_field(label, max_length, field=TextAreaField, **kwargs)


def checked_field(label, normalise, message, *, required=False, field=StringField, **kwargs):
    """An identifier checked and stored by a pure normaliser (identifiers.normalise_*), with
    `message` when that refuses it; `required` as for text_field."""
    given = _presence(required, DataRequired)
    return field(label, validators=[given, normalised(normalise, message)], **kwargs)


def phone_field(label, **kwargs) -> PhoneField:
    """An optional phone number: typed as people write it, kept as E.164, shown again locally."""
    message = _l("Enter a valid phone number.")
    return checked_field(
        label, normalise_phone, message, field=PhoneField, filters=[strip], **kwargs
    )


def reason_field(label, missing, **kwargs) -> TextAreaField:
    """The text of why something is done (a cancellation, a refusal): required, with `missing`
    as the message when it is left empty."""
    return text_area(label, MAX_REASON_LENGTH, required=missing, **kwargs)


def rupiah_field(label, message, *, required=False, minimum: int = 1, **kwargs) -> WholeNumberField:
    """An amount in whole rupiah (typed as 1.500.000 or 1,500,000) from `minimum` up to
    MAX_PRICE, `message` otherwise; `required` as for text_field."""
    given = _presence(required, InputRequired)
    return WholeNumberField(
        label,
        thousands=True,
        validators=[given, NumberRange(minimum, MAX_PRICE, message)],
        **kwargs,
    )


class BoundedDateField(DateField):
    """A date field that refuses dates outside FIRST_DATE..LAST_DATE with a clear message."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not FIRST_DATE <= self.data <= LAST_DATE:
            self.data = None
            raise ValueError(
                _l(
                    "Enter a date between %(first)s and %(last)s.",
                    first=FIRST_DATE.year,
                    last=LAST_DATE.year,
                )
            )
