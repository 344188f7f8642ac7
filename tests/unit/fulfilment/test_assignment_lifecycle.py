"""The assignment state machine (fulfilment/lifecycle.py, DESIGN.md §5)."""

import pytest
from flask_babel import force_locale

from marketplace.errors import InvalidTransition
from marketplace.fulfilment.lifecycle import ALLOWED, check_transition, may_move
from marketplace.fulfilment.models import AssignmentStatus as S

FINAL = {S.DECLINED, S.EXPIRED, S.PASSED, S.PARTLY_REJECTED, S.REJECTED}


def test_every_status_has_a_row_and_only_known_targets():
    assert set(ALLOWED) == set(S)
    assert all(targets <= set(S) for targets in ALLOWED.values())


def test_the_paths_of_design_section_5():
    assert ALLOWED[S.PROPOSED] == {S.ACCEPTED, S.DECLINED, S.EXPIRED}
    assert may_move(S.ACCEPTED, S.IN_PRODUCTION) and may_move(S.IN_PRODUCTION, S.DELIVERED_TO_HUB)
    assert may_move(S.ACCEPTED, S.DELIVERED_TO_HUB)  # delivery without reporting production
    assert ALLOWED[S.DELIVERED_TO_HUB] == {S.PASSED, S.PARTLY_REJECTED, S.REJECTED}
    assert all(not ALLOWED[status] for status in FINAL)


@pytest.mark.parametrize("current", list(S))
def test_nothing_goes_back_to_proposed_or_skips_quality_control(current):
    assert not may_move(current, S.PROPOSED)
    if current != S.DELIVERED_TO_HUB:
        assert not may_move(current, S.PASSED)


def test_refusals_say_why(app):
    with app.test_request_context(), force_locale("en"):
        with pytest.raises(InvalidTransition, match="already been answered"):
            check_transition(S.ACCEPTED, S.DECLINED, "This work has already been answered.")
        with pytest.raises(InvalidTransition, match="Work that is Passed QC cannot become Failed"):
            check_transition(S.PASSED, S.REJECTED)
        check_transition(S.PROPOSED, S.ACCEPTED)  # allowed: no error
    assert not may_move("unknown", S.ACCEPTED)
