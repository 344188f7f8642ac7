"""The engine's reasons in the admin's language.

The allocation engine (allocation.py) stays pure and explains each share in fixed English
phrases with numbers in them; assignments store those words. Here each phrase has a pattern
and a translatable template with the same numbers, so translation happens where the language
is known (templates), and the engine's interface, speed and tests stay as they are.
tests/unit/test_reasons.py runs the engine on many random inputs and fails when it says
something that no pattern here covers.
"""

import re

from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

from marketplace.formatting import decimal

N = r"(?P<%s>\d+)"
# prefix of the reason of a share given again after a decline, an expiry or a rejection
REOFFERED = "re-offered: "


def _p(text: str) -> re.Pattern:
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: N % m.group(1), text))


PATTERNS = [
    (_p("nothing to allocate"), _l("nothing to allocate")),
    (
        _p("full: capacity {cap}, in whole steps of {step}"),
        _l("full: capacity %(cap)s, in whole steps of %(step)s"),
    ),
    (_p("full: capacity {cap}"), _l("full: capacity %(cap)s")),
    (
        _p("minimum lot {lot}: given its minimum lot so that the order is filled"),
        _l("minimum lot %(lot)s: given its minimum lot so that the order is filled"),
    ),
    (
        _p("the order is smaller than one step of {step} units"),
        _l("the order is smaller than one step of %(step)s units"),
    ),
    (
        re.compile(
            r"capacity (?P<cap>\d+) of (?P<total>\d+) total: (?P<percent>[\d.]+)% of the order"
        ),
        _l("capacity %(cap)s of %(total)s total: %(percent)s%% of the order"),
    ),
    (_p("equal share"), _l("equal share")),
    (
        _p("order too small for everyone: lower ids first"),
        _l("order too small for everyone: members who joined earlier first"),
    ),
    (
        _p("recent load {load} units: members with less go first, no units this time"),
        _l("recent load %(load)s units: members with less go first, no units this time"),
    ),
    (
        _p("recent load {load} units: fewer units this time, {total} in total"),
        _l("recent load %(load)s units: fewer units this time, %(total)s in total"),
    ),
    (
        _p("no recent load: {units} units, level with the others"),
        _l("no recent load: %(units)s units, level with the others"),
    ),
    (_p("no capacity"), _l("no capacity")),
    (
        _p("capacity {cap} is less than one step of {step} units"),
        _l("capacity %(cap)s is less than one step of %(step)s units"),
    ),
    (
        _p("minimum lot {lot} is more than its capacity {cap}"),
        _l("minimum lot %(lot)s is more than its capacity %(cap)s"),
    ),
    (
        _p("minimum lot {lot} and capacity {cap} leave no whole step of {step}"),
        _l("minimum lot %(lot)s and capacity %(cap)s leave no whole step of %(step)s"),
    ),
    (
        _p("minimum lot {lot} could not be met: only {units} units can be placed"),
        _l("minimum lot %(lot)s could not be met: only %(units)s units can be placed"),
    ),
    (
        _p("minimum lot {lot} could not be met: it does not fit with the other members' lots"),
        _l("minimum lot %(lot)s could not be met: it does not fit with the other members' lots"),
    ),
    (
        _p("minimum lot {lot} could not be met: the other members' lots leave too few units"),
        _l("minimum lot %(lot)s could not be met: the other members' lots leave too few units"),
    ),
    (
        _p("minimum lot {lot} could not be met: its fair share is smaller"),
        _l("minimum lot %(lot)s could not be met: its fair share is smaller"),
    ),
    # written by the workflow, not the engine
    (
        _p("set by the admin (the engine proposed {units})"),
        _l("set by the admin (the engine proposed %(units)s)"),
    ),
]


def translate_reason(text: str) -> str:
    """The reason in the current language; unknown text is shown as it is."""
    if text.startswith(REOFFERED):
        return gettext("offered again: %(why)s", why=translate_reason(text[len(REOFFERED) :]))
    for pattern, template in PATTERNS:
        found = pattern.fullmatch(text)
        if found:
            params = found.groupdict()
            if "percent" in params:  # the engine writes 14.2; Indonesian reads 14,2
                params["percent"] = decimal(params["percent"], str(get_locale()))
            return str(template) % params if params else str(template)
    return text


def is_known(text: str) -> bool:
    text = text.removeprefix(REOFFERED)
    return any(pattern.fullmatch(text) for pattern, _ in PATTERNS)
