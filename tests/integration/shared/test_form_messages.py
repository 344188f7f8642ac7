"""Every validation message speaks the user's language, WTForms' built-in ones included.

WTForms ships no Indonesian catalogue, so BaseForm takes its messages from ours
(marketplace/form_messages.py marks them for extraction). These tests submit real forms in
Indonesian and check that no English built-in message is left."""

import importlib
import pkgutil
import re
from pathlib import Path

import wtforms
from babel.messages.pofile import read_po
from flask_babel import force_locale
from flask_wtf import FlaskForm
from sqlalchemy import select

import marketplace
from marketplace import form_messages
from marketplace.extensions import db
from marketplace.forms import BaseForm
from marketplace.fulfilment.models import Assignment
from tests.factories import client_for, db_state, make_cooperative, make_user
from tests.integration.fulfilment import test_fulfilment
from tests.integration.fulfilment.test_fulfilment import allocate_url, proposed_form

# Makes the `confirmed` fixture (a paid order, two members with offers) available here.
confirmed = test_fulfilment.confirmed

WTFORMS_POT = Path(wtforms.__file__).parent / "locale" / "wtforms.pot"


def _wtforms_messages() -> list[str]:
    """Every message WTForms can show, singular and plural, in English."""
    with open(WTFORMS_POT, "rb") as pot:
        catalog = read_po(pot)
    found = []
    for message in catalog:
        if message.id:
            found.extend(message.id if isinstance(message.id, tuple) else (message.id,))
    return found


def _english_fragments() -> list[str]:
    """The fixed words of each WTForms message (placeholders cut out), to look for on a page."""
    fragments = []
    for message in _wtforms_messages():
        parts = re.split(r"%\(\w+\)[ds]|%s|'", message)
        fragments.append(max(parts, key=len).strip())
    return [f for f in fragments if len(f) > 8]


def assert_no_english_builtin_message(body: str) -> None:
    left = [fragment for fragment in _english_fragments() if fragment in body]
    assert not left, f"English WTForms messages on an Indonesian page: {left}"


def test_every_wtforms_message_is_marked_for_our_catalogue(app):
    with app.test_request_context(), force_locale("en"):
        marked = {str(m) for m in form_messages.MESSAGES}
    marked |= {text for pair in form_messages.PLURAL_MESSAGES for text in pair}
    missing = sorted(set(_wtforms_messages()) - marked)
    assert not missing, f"Add these to marketplace/form_messages.py and translate them: {missing}"


def _all_form_classes() -> set[type]:
    for module in pkgutil.walk_packages(marketplace.__path__, "marketplace."):
        importlib.import_module(module.name)
    found, todo = set(), [FlaskForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return {cls for cls in found if cls.__module__.startswith("marketplace.")}


def test_every_form_speaks_the_users_language():
    classes = _all_form_classes()
    assert len(classes) > 10
    outside = sorted(cls.__qualname__ for cls in classes if not issubclass(cls, BaseForm))
    assert not outside, f"Derive these from marketplace.forms.BaseForm: {outside}"


def test_builtin_messages_are_translated_with_their_numbers(app):
    with app.test_request_context(), force_locale("id"):
        form = BaseForm()
        assert form.meta.get_translations(form).gettext("This field is required.") == (
            "Kolom ini wajib diisi."
        )
        text = form.meta.get_translations(form).ngettext(
            "Field cannot be longer than %(max)d character.",
            "Field cannot be longer than %(max)d characters.",
            2,
        )
        assert text % {"max": 2} == "Isian tidak boleh lebih dari 2 karakter."


def test_sign_up_in_indonesian(client):
    before = db_state()
    response = client.post(
        "/akun/daftar",
        data={"name": "", "email": "bukan-email", "password": "pendek", "confirm": "pendek"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kolom ini wajib diisi." in body
    assert "Alamat email tidak valid." in body
    assert "Gunakan paling sedikit 8 karakter." in body  # our password rule, in Indonesian
    assert_no_english_builtin_message(body)
    assert db_state() == before


def test_cooperative_registration_in_indonesian(app):
    client = client_for(app, make_user("Pendiri"))
    before = db_state()
    response = client.post(
        "/koperasi/daftar", data={"kind": "bukan-jenis", "time_zone": "Asia/Tokyo"}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kolom ini wajib diisi." in body and "Pilihan tidak valid." in body
    assert_no_english_builtin_message(body)
    assert db_state() == before


def test_member_invitation_in_indonesian(app):
    admin = make_user("Ketua")
    coop = make_cooperative(admin=admin)
    client = client_for(app, admin)
    before = db_state()
    response = client.post(
        f"/kelola/{coop.slug}/anggota/undang",
        data={"name": "", "role": "pemilik", "email": "x" * 250 + "@a.id"},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kolom ini wajib diisi." in body and "Pilihan tidak valid." in body
    assert "Isian tidak boleh lebih dari 254 karakter." in body
    assert_no_english_builtin_message(body)
    assert db_state() == before


def test_quality_control_in_indonesian(app, confirmed):
    coop, order, admin, *_ = confirmed
    client = client_for(app, admin)
    client.post(allocate_url(coop, order), data=proposed_form(order))
    assignment = db.session.scalars(select(Assignment)).first()
    before = db_state()
    response = client.post(
        f"/kelola/{coop.slug}/pesanan/{order.number}/penugasan/{assignment.id}/qc",
        data={"accepted_quantity": "-1", "rejected_quantity": ""},
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Angka harus antara 0 dan 10000000." in body
    assert "Kolom ini wajib diisi." in body
    assert_no_english_builtin_message(body)
    assert db_state() == before
