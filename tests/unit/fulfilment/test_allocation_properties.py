"""Property tests for the allocation engine: every rule of DESIGN.md section 6 on generated input,
and the minimum shortfall against a brute-force solver."""

import itertools
import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from marketplace.fulfilment.allocation import (
    PARAMS,
    Allocation,
    Candidate,
    Policy,
    Reason,
    allocate,
)

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def ceil_to(value: int, step: int) -> int:
    return -(-value // step) * step


def floor_to(value: int, step: int) -> int:
    return value // step * step


def options(candidate: Candidate, step: int) -> list[int]:
    """Every share the member may get: 0, or a multiple of step between its lot and capacity."""
    low = max(step, ceil_to(candidate.min_lot, step))
    return [0, *range(low, floor_to(candidate.capacity, step) + 1, step)]


def brute_force_shortfall(quantity: int, candidates: list[Candidate], step: int) -> int:
    """Try every combination of feasible shares."""
    best = 0
    for combo in itertools.product(*(options(c, step) for c in candidates)):
        placed = sum(combo)
        if best < placed <= quantity:
            best = placed
    return quantity - best


def active_floor(candidate: Candidate, share: int, step: int) -> int | None:
    """The share below which this member cannot go while taking part; None if it takes no part
    (a lot-bound member without a share)."""
    lot = ceil_to(candidate.min_lot, step)
    if lot <= step:
        return 0
    return lot if share else None


def check_rules(
    quantity: int, candidates: list[Candidate], policy: Policy, step: int, result: Allocation
) -> None:
    """Rules 1 and 4-5 (water-filling above the floors) and the proportional common factor, for
    any input."""
    by_id = {c.member_id: c for c in candidates}
    assert sum(result.shares.values()) + result.shortfall == quantity
    assert 0 <= result.shortfall <= quantity
    assert set(result.shares) <= set(by_id)
    assert set(result.reasons) == set(by_id)
    for reason in result.reasons.values():
        assert isinstance(reason, Reason) and reason.code in PARAMS
        assert set(reason.params) == PARAMS[reason.code]
        assert all(isinstance(value, int) for value in reason.params.values())
    for member, share in result.shares.items():
        c = by_id[member]
        assert share > 0
        assert share % step == 0
        assert c.min_lot <= share <= c.capacity

    share = {c.member_id: result.shares.get(c.member_id, 0) for c in candidates}
    taking_part = [
        c
        for c in candidates
        if len(options(c, step)) > 1 and active_floor(c, share[c.member_id], step) is not None
    ]
    # members who could take one more step, and members who could give one away
    spare = [c for c in taking_part if share[c.member_id] + step <= c.capacity]
    above_floor = [
        c
        for c in taking_part
        if share[c.member_id] - step >= active_floor(c, share[c.member_id], step)
    ]
    if policy is Policy.EQUAL:
        for i in spare:
            for j in above_floor:
                assert share[i.member_id] >= share[j.member_id] - step, (i, j)
    elif policy is Policy.ROTATION:
        for i in spare:
            for j in above_floor:
                assert (
                    i.recent_load + share[i.member_id] >= j.recent_load + share[j.member_id] - step
                ), (i, j)
    else:
        # one factor f for all: f * capacity within a step of every share that is neither at
        # its capacity (may be less) nor held up at its lot (may be more)
        lower = [
            Fraction(share[c.member_id] - step, c.capacity)
            for c in taking_part
            if share[c.member_id] != ceil_to(c.min_lot, step) or c.min_lot <= step
        ]
        upper = [Fraction(share[c.member_id] + step, c.capacity) for c in spare]
        if lower and upper:
            assert max(lower) < min(upper)


# -- strategies ------------------------------------------------------------------------------


@st.composite
def candidate_lists(draw, max_size=12, max_capacity=60, lots=True, loads=True):
    ids = draw(st.lists(st.integers(0, 10_000), unique=True, max_size=max_size))
    result = []
    for member_id in ids:
        capacity = draw(st.integers(0, max_capacity))
        min_lot = draw(st.integers(1, max_capacity)) if lots and draw(st.booleans()) else 1
        load = draw(st.integers(0, 3 * max_capacity)) if loads else 0
        result.append(Candidate(member_id, capacity, min_lot, load))
    return result


policies = st.sampled_from(list(Policy))
steps = st.integers(1, 6)


@SETTINGS
@given(st.integers(0, 400), candidate_lists(), policies, steps)
def test_every_rule_holds_for_any_input(quantity, candidates, policy, step):
    result = allocate(quantity, candidates, policy, step=step)
    check_rules(quantity, candidates, policy, step, result)


@SETTINGS
@given(st.integers(0, 400), candidate_lists(), policies, steps, st.randoms(use_true_random=False))
def test_order_of_candidates_does_not_matter(quantity, candidates, policy, step, rnd):
    first = allocate(quantity, candidates, policy, step=step)
    shuffled = list(candidates)
    rnd.shuffle(shuffled)
    again = allocate(quantity, shuffled, policy, step=step)
    assert again == first
    assert list(again.reasons) == list(first.reasons)
    assert allocate(quantity, candidates, policy.value, step=step) == first


@SETTINGS
@given(st.integers(1, 400), candidate_lists(max_size=6), policies, steps, st.data())
def test_ties_go_to_the_lower_member_id(quantity, candidates, policy, step, data):
    assume(candidates)
    twin = data.draw(st.sampled_from(candidates))
    fresh_id = max(c.member_id for c in candidates) + 1
    higher = Candidate(fresh_id, twin.capacity, twin.min_lot, twin.recent_load)
    result = allocate(quantity, [*candidates, higher], policy, step=step)
    assert result.shares.get(twin.member_id, 0) >= result.shares.get(fresh_id, 0)


@SETTINGS
@given(
    st.integers(0, 5_000),
    st.lists(st.integers(0, 300), max_size=15),
    st.integers(1, 5),
    st.data(),
)
def test_proportional_shares_follow_capacity(quantity, capacities, step, data):
    """Rule 3 with no lot binding: within one step of quantity * capacity / total capacity."""
    capacities = [floor_to(c, step) for c in capacities]
    assume(sum(capacities) > 0 and quantity <= sum(capacities))
    candidates = [
        Candidate(member_id, capacity, data.draw(st.integers(1, step)))
        for member_id, capacity in enumerate(capacities)
    ]
    result = allocate(quantity, candidates, Policy.PROPORTIONAL, step=step)
    total = sum(capacities)
    assert result.shortfall == quantity % step
    for c in candidates:
        share = result.shares.get(c.member_id, 0)
        # |share - quantity * capacity / total| < step, in integers
        assert abs(share * total - quantity * c.capacity) < step * total


@SETTINGS
@given(st.integers(0, 2_000), candidate_lists(lots=False), policies, steps)
def test_without_lots_nobody_with_spare_capacity_is_a_step_behind(
    quantity, candidates, policy, step
):
    """Rules 4 and 5 as stated, when every lot is at most one step."""
    result = allocate(quantity, candidates, policy, step=step)
    share = {c.member_id: result.shares.get(c.member_id, 0) for c in candidates}
    spare = [c for c in candidates if share[c.member_id] + step <= c.capacity]
    for i in spare:
        for j in candidates:
            if policy is Policy.EQUAL:
                assert share[i.member_id] >= share[j.member_id] - step
            elif policy is Policy.ROTATION and share[j.member_id]:
                assert (
                    i.recent_load + share[i.member_id] >= j.recent_load + share[j.member_id] - step
                )
    # without lots only the part below one step and a lack of capacity are lost
    room = sum(floor_to(c.capacity, step) for c in candidates)
    assert result.shortfall == quantity - min(floor_to(quantity, step), room)


def random_instance(rnd: random.Random) -> tuple[int, list[Candidate], int]:
    step = rnd.randint(1, 3)
    candidates = []
    for member_id in rnd.sample(range(100), rnd.randint(0, 5)):
        capacity = rnd.randint(0, 12)
        min_lot = rnd.randint(1, 12) if rnd.random() < 0.7 else 1
        candidates.append(Candidate(member_id, capacity, min_lot, rnd.randint(0, 20)))
    return rnd.randint(0, 50), candidates, step


def test_shortfall_is_the_smallest_possible_brute_force():
    """4,000 seeded random small instances, every policy, against trying every combination."""
    rnd = random.Random(20240601)
    for _ in range(4_000):
        quantity, candidates, step = random_instance(rnd)
        best = brute_force_shortfall(quantity, candidates, step)
        for policy in Policy:
            result = allocate(quantity, candidates, policy, step=step)
            assert result.shortfall == best, (quantity, candidates, step, policy)
            check_rules(quantity, candidates, policy, step, result)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 60),
    st.lists(st.tuples(st.integers(0, 12), st.integers(1, 12)), min_size=0, max_size=5),
    st.integers(1, 3),
    policies,
)
def test_shortfall_is_the_smallest_possible_generated(quantity, members, step, policy):
    candidates = [Candidate(k, cap, lot) for k, (cap, lot) in enumerate(members)]
    result = allocate(quantity, candidates, policy, step=step)
    assert result.shortfall == brute_force_shortfall(quantity, candidates, step)


@pytest.mark.parametrize("size", [40, 200])
def test_shortfall_is_exact_when_lots_make_it_a_subset_sum(size):
    """Many lot-bound members whose lot equals capacity: the engine must solve a subset sum."""
    rnd = random.Random(size)
    for _ in range(20):
        sizes = [rnd.choice([6, 10, 15, 35, 77, 91]) for _ in range(size)]
        quantity = rnd.randint(1, sum(sizes))
        candidates = [Candidate(k, s, s) for k, s in enumerate(sizes)]
        reachable = {0}
        for s in sizes:
            reachable |= {r + s for r in reachable if r + s <= quantity}
        expected = quantity - max(reachable)
        for policy in Policy:
            result = allocate(quantity, candidates, policy)
            assert result.shortfall == expected
            check_rules(quantity, candidates, policy, 1, result)


# -- invalid input ---------------------------------------------------------------------------

not_whole = st.one_of(st.booleans(), st.floats(allow_nan=False), st.text(max_size=3), st.none())


@SETTINGS
@given(st.one_of(st.integers(max_value=-1), not_whole))
def test_bad_quantity_is_refused(quantity):
    with pytest.raises(ValueError):
        allocate(quantity, [Candidate(1, 10)], Policy.EQUAL)


@SETTINGS
@given(st.one_of(st.integers(max_value=0), not_whole))
def test_bad_step_is_refused(step):
    with pytest.raises(ValueError):
        allocate(10, [Candidate(1, 10)], Policy.EQUAL, step=step)


@SETTINGS
@given(
    st.sampled_from(["capacity", "min_lot", "recent_load"]),
    st.one_of(st.integers(max_value=-1), not_whole),
)
def test_bad_candidate_numbers_are_refused(field, value):
    with pytest.raises(ValueError):
        allocate(10, [Candidate(**{"member_id": 1, "capacity": 10, field: value})], Policy.EQUAL)


@SETTINGS
@given(not_whole)
def test_bad_member_id_is_refused(member_id):
    with pytest.raises(ValueError):
        Candidate(member_id, 10)


@SETTINGS
@given(candidate_lists(max_size=6), policies)
def test_duplicate_members_are_refused(candidates, policy):
    assume(candidates)
    with pytest.raises(ValueError, match="more than once"):
        allocate(10, [*candidates, candidates[0]], policy)
