"""Worked examples for the allocation engine (DESIGN.md section 6)."""

import pytest

from marketplace.fulfilment.allocation import Allocation, Candidate, Policy, Reason, allocate
from marketplace.fulfilment.allocation import ReasonCode as R


def shares(result: Allocation) -> dict[int, int]:
    return dict(result.shares)


# -- nothing to do ---------------------------------------------------------------------------


@pytest.mark.parametrize("policy", list(Policy))
def test_zero_quantity_gives_nothing_and_no_shortfall(policy):
    result = allocate(0, [Candidate(1, 10), Candidate(2, 0)], policy)
    nothing = Reason(R.NOTHING_TO_ALLOCATE)
    assert result == Allocation({}, 0, {1: nothing, 2: nothing})


@pytest.mark.parametrize("policy", list(Policy))
def test_no_candidates_leaves_everything_short(policy):
    assert allocate(25, [], policy) == Allocation({}, 25, {})


def test_members_who_cannot_take_anything_are_explained():
    result = allocate(
        30,
        [Candidate(1, 0), Candidate(2, 4, 5), Candidate(3, 2), Candidate(4, 5, 4), Candidate(5, 9)],
        Policy.EQUAL,
        step=3,
    )
    assert shares(result) == {5: 9}
    assert result.shortfall == 21
    assert result.reasons[1] == Reason(R.NO_CAPACITY)
    assert result.reasons[2] == Reason(R.LOT_OVER_CAPACITY, {"lot": 5, "cap": 4})
    assert result.reasons[3] == Reason(R.CAPACITY_BELOW_STEP, {"cap": 2, "step": 3})
    assert result.reasons[4] == Reason(R.LOT_NO_STEP, {"lot": 4, "cap": 5, "step": 3})
    assert result.reasons[5] == Reason(R.FULL, {"cap": 9})


def test_an_order_smaller_than_one_step():
    result = allocate(4, [Candidate(1, 10)], Policy.PROPORTIONAL, step=5)
    assert result.shares == {}
    assert result.shortfall == 4
    assert result.reasons[1] == Reason(R.ORDER_BELOW_STEP, {"step": 5})


# -- proportional ----------------------------------------------------------------------------


def test_proportional_follows_capacity():
    result = allocate(
        100, [Candidate(1, 40), Candidate(2, 160), Candidate(3, 200)], Policy.PROPORTIONAL
    )
    assert shares(result) == {1: 10, 2: 40, 3: 50}
    assert result.shortfall == 0
    assert result.reasons[1] == Reason(R.PROPORTIONAL_SHARE, {"cap": 40, "total": 400})
    assert result.reasons[3] == Reason(R.PROPORTIONAL_SHARE, {"cap": 200, "total": 400})


def test_proportional_rounds_by_largest_remainder_with_ties_to_the_lower_id():
    # quotas 3.33.. each: one unit left over goes to the lowest id
    result = allocate(10, [Candidate(7, 5), Candidate(3, 5), Candidate(5, 5)], Policy.PROPORTIONAL)
    assert shares(result) == {3: 4, 5: 3, 7: 3}
    # quotas 1.5, 4.5, 4.0 (capacities 3, 9, 8 for 10 units): the .5s win the spare unit,
    # the lower id first
    result = allocate(10, [Candidate(1, 3), Candidate(2, 9), Candidate(3, 8)], Policy.PROPORTIONAL)
    assert shares(result) == {1: 2, 2: 4, 3: 4}


def test_proportional_hands_what_a_full_member_cannot_take_to_the_others():
    result = allocate(
        90, [Candidate(1, 10), Candidate(2, 100), Candidate(3, 100)], Policy.PROPORTIONAL, step=5
    )
    # quotas 4.3 / 42.9 / 42.9: member 1 rounds to one step, the rest share what is left
    assert sum(result.shares.values()) == 90
    assert shares(result) == {1: 5, 2: 45, 3: 40}


def test_proportional_when_supply_is_short_everyone_is_full():
    result = allocate(500, [Candidate(1, 100), Candidate(2, 250)], Policy.PROPORTIONAL)
    assert shares(result) == {1: 100, 2: 250}
    assert result.shortfall == 150
    assert result.reasons == {
        1: Reason(R.FULL, {"cap": 100}),
        2: Reason(R.FULL, {"cap": 250}),
    }


# -- equal -----------------------------------------------------------------------------------


def test_equal_fills_like_water():
    result = allocate(
        100, [Candidate(1, 10), Candidate(2, 50), Candidate(3, 50), Candidate(4, 50)], Policy.EQUAL
    )
    assert shares(result) == {1: 10, 2: 30, 3: 30, 4: 30}
    assert result.reasons[1] == Reason(R.FULL, {"cap": 10})
    assert result.reasons[2] == Reason(R.EQUAL_SHARE)


def test_equal_extra_steps_go_to_the_lower_ids():
    result = allocate(
        50, [Candidate(9, 100), Candidate(4, 100), Candidate(6, 100)], Policy.EQUAL, step=5
    )
    assert shares(result) == {4: 20, 6: 15, 9: 15}


def test_equal_with_fewer_steps_than_members():
    result = allocate(2, [Candidate(3, 5), Candidate(1, 5), Candidate(2, 5)], Policy.EQUAL)
    assert shares(result) == {1: 1, 2: 1}
    assert result.reasons[3] == Reason(R.EQUAL_TOO_SMALL)


# -- rotation --------------------------------------------------------------------------------


def test_rotation_gives_work_to_those_with_the_least_recent_load():
    result = allocate(
        60,
        [
            Candidate(1, 100, recent_load=30),
            Candidate(2, 100, recent_load=0),
            Candidate(3, 100, recent_load=10),
            Candidate(4, 100, recent_load=200),
        ],
        Policy.ROTATION,
    )
    # loads plus shares level out at 33 and 34: 30 + 4, 0 + 33, 10 + 23
    assert shares(result) == {1: 4, 2: 33, 3: 23}
    assert result.reasons[1] == Reason(R.ROTATION_FEWER, {"load": 30, "total": 34})
    assert result.reasons[2] == Reason(R.ROTATION_LEVEL, {"units": 33})
    assert result.reasons[4] == Reason(R.ROTATION_NO_UNITS, {"load": 200})


def test_rotation_without_load_is_equal():
    candidates = [Candidate(k, cap) for k, cap in enumerate([5, 40, 40, 12, 0, 33])]
    for quantity in (0, 7, 50, 99, 200):
        rotation = allocate(quantity, candidates, Policy.ROTATION)
        assert rotation.shares == allocate(quantity, candidates, Policy.EQUAL).shares


# -- minimum lots and the smallest shortfall -------------------------------------------------


@pytest.mark.parametrize("policy", list(Policy))
def test_minimum_lots_can_make_totals_unreachable(policy):
    result = allocate(5, [Candidate(k, 3, min_lot=3) for k in (1, 2, 3)], policy)
    assert shares(result) == {1: 3}
    assert result.shortfall == 2
    assert result.reasons[2] == Reason(R.LOT_UNMET_OTHERS, {"lot": 3})


@pytest.mark.parametrize("policy", list(Policy))
def test_the_best_total_may_need_members_out_of_order(policy):
    # 7 = 4 + 3 is the only way to place everything; taking the two 3s first would not do
    candidates = [Candidate(1, 3, 3), Candidate(2, 3, 3), Candidate(3, 4, 4)]
    result = allocate(7, candidates, policy)
    assert result.shortfall == 0
    assert shares(result) == {1: 3, 3: 4}
    assert result.reasons[2] == Reason(R.LOT_UNMET_FIT, {"lot": 3})


def test_a_lot_above_the_fair_share_is_left_out():
    candidates = [Candidate(k, 100) for k in range(1, 51)] + [Candidate(99, 100, min_lot=20)]
    result = allocate(100, candidates, Policy.EQUAL)
    assert 99 not in result.shares
    assert set(result.shares.values()) == {2}
    assert result.reasons[99] == Reason(R.LOT_UNMET_FAIR, {"lot": 20})


def test_a_lot_within_the_fair_share_is_met():
    candidates = [Candidate(1, 100), Candidate(2, 100, min_lot=20), Candidate(3, 100)]
    result = allocate(90, candidates, Policy.EQUAL)
    assert shares(result) == {1: 30, 2: 30, 3: 30}


def test_a_member_is_raised_to_its_lot_when_the_order_needs_it():
    # the two small members cannot carry 30 units: member 3 must take part, at its lot of 20
    candidates = [Candidate(1, 5), Candidate(2, 5), Candidate(3, 100, min_lot=20)]
    result = allocate(30, candidates, Policy.EQUAL)
    assert result.shortfall == 0
    assert shares(result) == {1: 5, 2: 5, 3: 20}


def test_a_member_held_at_its_lot_says_so():
    # capacity short without member 3; with it, the fair level (10) is below its lot of 25
    candidates = [Candidate(1, 10), Candidate(2, 10), Candidate(3, 100, min_lot=25)]
    result = allocate(35, candidates, Policy.EQUAL)
    assert shares(result) == {1: 5, 2: 5, 3: 25}
    assert result.reasons[3] == Reason(R.LOT_GIVEN, {"lot": 25})


def test_lots_round_up_to_whole_steps():
    result = allocate(17, [Candidate(1, 10, 3), Candidate(2, 10, 5)], Policy.PROPORTIONAL, step=2)
    assert shares(result) == {1: 8, 2: 8}
    assert result.shortfall == 1


def test_a_large_subset_sum_is_solved_exactly():
    # lots equal to capacities: only sums of 6, 9 and 20 work, and 43 is the largest that is
    # not one (the McNugget number)
    candidates = [Candidate(k, (6, 9, 20)[k % 3], (6, 9, 20)[k % 3]) for k in range(300)]
    for quantity, shortfall in ((43, 1), (44, 0), (1, 1), (7, 1), (17, 2), (2011, 0), (3600, 100)):
        assert allocate(quantity, candidates, Policy.EQUAL).shortfall == shortfall


# -- determinism -----------------------------------------------------------------------------


@pytest.mark.parametrize("policy", list(Policy))
def test_the_order_of_candidates_does_not_matter(policy):
    candidates = [
        Candidate(5, 30, 4, 7),
        Candidate(2, 18, 1, 0),
        Candidate(9, 30, 4, 7),
        Candidate(1, 7, 7, 3),
        Candidate(4, 55, 10, 40),
    ]
    first = allocate(71, candidates, policy, step=2)
    assert allocate(71, candidates[::-1], policy, step=2) == first
    assert allocate(71, sorted(candidates, key=lambda c: c.capacity), policy, step=2) == first


def test_policy_may_be_given_by_its_stored_value():
    candidates = [Candidate(1, 10), Candidate(2, 30)]
    assert allocate(20, candidates, "equal") == allocate(20, candidates, Policy.EQUAL)


def test_a_hundred_thousand_members():
    candidates = [
        Candidate(k, 5 + k % 40, 1 if k % 10 else 2 + k % 30, k % 97) for k in range(100_000)
    ]
    for policy in Policy:
        result = allocate(1_000_000, candidates, policy)
        assert result.shortfall == 0
        assert sum(result.shares.values()) == 1_000_000
        assert len(result.reasons) == 100_000


# -- invalid input ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"quantity": -1}, "quantity must be at least 0"),
        ({"quantity": 2.0}, "quantity must be a whole number"),
        ({"quantity": True}, "quantity must be a whole number"),
        ({"step": 0}, "step must be at least 1"),
        ({"step": 1.5}, "step must be a whole number"),
        ({"policy": "fastest"}, "unknown policy 'fastest'"),
        ({"candidates": [Candidate(1, 5), Candidate(1, 6)]}, "member 1 is a candidate more than"),
        ({"candidates": [(1, 5)]}, "candidates must be Candidate objects"),
    ],
)
def test_invalid_input_is_refused(kwargs, message):
    arguments = {"quantity": 10, "candidates": [Candidate(1, 5)], "policy": Policy.EQUAL}
    step = kwargs.pop("step", 1)
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        allocate(arguments["quantity"], arguments["candidates"], arguments["policy"], step=step)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"capacity": -1}, "capacity of member 1 must be at least 0"),
        ({"min_lot": 0}, "min_lot of member 1 must be at least 1"),
        ({"recent_load": -5}, "recent_load of member 1 must be at least 0"),
        ({"capacity": 2.5}, "capacity of member 1 must be a whole number"),
        ({"min_lot": False}, "min_lot of member 1 must be a whole number"),
        ({"member_id": "1"}, "member_id must be a whole number"),
    ],
)
def test_invalid_candidates_are_refused(fields, message):
    with pytest.raises(ValueError, match=message):
        Candidate(**{"member_id": 1, "capacity": 5, **fields})
