"""Reasons for a share, in the reader's language.

The allocation engine returns `Reason(code, params)` values (allocation/types.py); the workflow
adds codes of its own (WORKFLOW_CODES); assignments store the code and its numbers. Words are
made only here, when the language is known. tests/unit/fulfilment/test_reasons.py checks that
every code has a text and that each text uses exactly the numbers its code carries.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask_babel import format_decimal, gettext
from flask_babel import lazy_gettext as _l

from marketplace.fulfilment.allocation import Reason, ReasonCode

R = ReasonCode
# Codes written by the workflow rather than the engine.
SET_BY_ADMIN = "set_by_admin"  # params: units (what the engine proposed)
ASSIGNED_BY_ADMIN = "assigned_by_admin"  # no params: the admin gave rejected units by hand
WORKFLOW_PARAMS: dict[str, frozenset[str]] = {
    SET_BY_ADMIN: frozenset({"units"}),
    ASSIGNED_BY_ADMIN: frozenset(),
}

TEXTS = {
    R.NOTHING_TO_ALLOCATE: _l("nothing to allocate"),
    R.FULL: _l("full: capacity %(cap)s"),
    R.FULL_IN_STEPS: _l("full: capacity %(cap)s, in whole steps of %(step)s"),
    R.LOT_GIVEN: _l("minimum lot %(lot)s: given its minimum lot so that the order is filled"),
    R.ORDER_BELOW_STEP: _l("the order is smaller than one step of %(step)s units"),
    R.PROPORTIONAL_SHARE: _l("capacity %(cap)s of %(total)s total: %(percent)s%% of the order"),
    R.EQUAL_SHARE: _l("equal share"),
    R.EQUAL_TOO_SMALL: _l("order too small for everyone: members who joined earlier first"),
    R.ROTATION_NO_UNITS: _l(
        "recent load %(load)s units: members with less go first, no units this time"
    ),
    R.ROTATION_FEWER: _l("recent load %(load)s units: fewer units this time, %(total)s in total"),
    R.ROTATION_LEVEL: _l("no recent load: %(units)s units, level with the others"),
    R.NO_CAPACITY: _l("no capacity"),
    R.CAPACITY_BELOW_STEP: _l("capacity %(cap)s is less than one step of %(step)s units"),
    R.LOT_OVER_CAPACITY: _l("minimum lot %(lot)s is more than its capacity %(cap)s"),
    R.LOT_NO_STEP: _l("minimum lot %(lot)s and capacity %(cap)s leave no whole step of %(step)s"),
    R.LOT_UNMET_TOTAL: _l(
        "minimum lot %(lot)s could not be met: only %(units)s units can be placed"
    ),
    R.LOT_UNMET_FIT: _l(
        "minimum lot %(lot)s could not be met: it does not fit with the other members' lots"
    ),
    R.LOT_UNMET_OTHERS: _l(
        "minimum lot %(lot)s could not be met: the other members' lots leave too few units"
    ),
    R.LOT_UNMET_FAIR: _l("minimum lot %(lot)s could not be met: its fair share is smaller"),
    SET_BY_ADMIN: _l("set by the admin (the engine proposed %(units)s)"),
    ASSIGNED_BY_ADMIN: _l("assigned by hand by the admin"),
}


def _words(params: Mapping[str, int], code: str) -> dict[str, str]:
    words = {name: format_decimal(value) for name, value in params.items()}
    if code == R.PROPORTIONAL_SHARE and params.get("total"):
        # one decimal, none when it is whole: 10%, 12,5% (in Indonesian)
        words["percent"] = format_decimal(
            round(100 * params["cap"] / params["total"], 1), format="#,##0.#"
        )
    return words


def reason_text(reason: Reason | None, reoffered: bool = False) -> str:
    """The reason in the current language; an unknown code is shown as it is."""
    if reason is None or not reason.code:
        return ""
    template = TEXTS.get(reason.code)
    if template is None:
        text = reason.code
    else:
        try:
            text = str(template) % _words(reason.params, reason.code)
        except (KeyError, TypeError, ValueError):  # a stored row with other numbers
            text = reason.code
    if reoffered:
        return gettext("offered again: %(why)s", why=text)
    return text
