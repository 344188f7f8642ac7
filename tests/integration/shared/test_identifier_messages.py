"""Forms say why an identifier was refused, in the user's language."""

import pytest
from flask_babel import force_locale
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import StringField

from marketplace.forms import normalised
from marketplace.identifiers import normalise_nik, normalise_phone


class _IdentityForm(FlaskForm):
    class Meta:
        csrf = False

    nik = StringField(validators=[normalised(normalise_nik, "NIK must be 16 digits.")])
    phone = StringField(validators=[normalised(normalise_phone, "Enter a valid phone number.")])


def _errors(app, locale: str, **data) -> dict:
    with app.test_request_context(), force_locale(locale):
        form = _IdentityForm(formdata=MultiDict(data))
        form.validate()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "is 31-02, a date that does not exist."),
        ("id", "adalah 31-02, tanggal yang tidak ada di kalender."),
    ],
)
def test_a_nik_born_on_31_february_is_refused_with_the_reason(app, locale, expected):
    errors = _errors(app, locale, nik="3275017102900003")
    assert expected in errors["nik"][0]


def test_each_nik_reason_is_given_in_indonesian(app):
    assert "bulan 13" in _errors(app, "id", nik="3275011513900001")["nik"][0]
    assert "tanggal 32" in _errors(app, "id", nik="3275013201900001")["nik"][0]
    assert _errors(app, "id", nik="123")["nik"] == ["NIK terdiri dari 16 angka."]


def test_the_wa_me_form_is_stored_as_the_same_number(app):
    with app.test_request_context():
        form = _IdentityForm(formdata=MultiDict({"phone": "62812345678"}))
        assert form.validate() and form.phone.data == "+62812345678"
