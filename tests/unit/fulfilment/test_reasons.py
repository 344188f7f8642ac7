"""Every reason code has a text in both languages, and the text uses exactly its numbers."""

import re

import pytest
from flask_babel import force_locale

from marketplace.fulfilment.allocation import PARAMS, Reason, ReasonCode
from marketplace.fulfilment.reasons import (
    ASSIGNED_BY_ADMIN,
    SET_BY_ADMIN,
    TEXTS,
    WORKFLOW_PARAMS,
    reason_text,
)

ALL_PARAMS = {str(code): names for code, names in PARAMS.items()} | WORKFLOW_PARAMS


def test_every_code_has_a_text_with_exactly_its_numbers():
    assert set(map(str, TEXTS)) == set(ALL_PARAMS)
    for code, template in TEXTS.items():
        used = set(re.findall(r"%\((\w+)\)s", template._args[0])) - {"percent"}
        expected = set(ALL_PARAMS[str(code)])
        if code == ReasonCode.PROPORTIONAL_SHARE:
            assert "percent" in template._args[0]
        assert used == expected, code


@pytest.mark.parametrize("locale", ["id", "en"])
def test_every_code_reads_as_words_in_both_languages(app, locale):
    with app.test_request_context(), force_locale(locale):
        for code, names in ALL_PARAMS.items():
            text = reason_text(Reason(code, dict.fromkeys(names, 7)))
            assert text and text != code and "%(" not in text


def test_reasons_are_translated(app):
    with app.test_request_context(), force_locale("id"):
        share = Reason(ReasonCode.PROPORTIONAL_SHARE, {"cap": 40, "total": 400})
        assert reason_text(share) == "kapasitas 40 dari total 400: 10% pesanan"
        odd = Reason(ReasonCode.PROPORTIONAL_SHARE, {"cap": 1, "total": 8})
        assert reason_text(odd) == "kapasitas 1 dari total 8: 12,5% pesanan"
        big = Reason(ReasonCode.FULL, {"cap": 12_000})
        assert reason_text(big, reoffered=True) == "ditawarkan lagi: penuh: kapasitas 12.000"
        assert reason_text(Reason(SET_BY_ADMIN, {"units": 40})) == (
            "diatur oleh pengurus (usulan sistem 40)"
        )
        assert reason_text(Reason(ASSIGNED_BY_ADMIN)) == "diberikan langsung oleh pengurus"
    with app.test_request_context(), force_locale("en"):
        assert reason_text(share) == "capacity 40 of 400 total: 10% of the order"


def test_unknown_or_damaged_reasons_show_their_code(app):
    with app.test_request_context(), force_locale("en"):
        assert reason_text(Reason("something_new")) == "something_new"
        assert reason_text(Reason(ReasonCode.FULL, {})) == "full"
        assert reason_text(None) == "" and reason_text(Reason("")) == ""
