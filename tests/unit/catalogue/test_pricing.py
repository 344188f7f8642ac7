import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.catalogue.pricing import (
    QuantityProblem,
    Tier,
    TierProblem,
    line_total,
    lowest_unit_price,
    quantity_problem,
    tier_problems,
    unit_price_for,
)

DOLLS = [Tier(20, 50_000), Tier(100, 45_000), Tier(500, 40_000)]


# --- quantity_problem ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        (-10, QuantityProblem.NOT_POSITIVE),
        (0, QuantityProblem.NOT_POSITIVE),
        (10, QuantityProblem.BELOW_MINIMUM),
        (19, QuantityProblem.BELOW_MINIMUM),
        (25, QuantityProblem.OFF_STEP),
        (31, QuantityProblem.OFF_STEP),
        (20, None),
        (30, None),
        (200, None),
        (210, QuantityProblem.ABOVE_AVAILABLE),
        (1_000, QuantityProblem.ABOVE_AVAILABLE),
    ],
)
def test_quantity_rules(quantity, expected):
    assert quantity_problem(quantity, minimum=20, step=10, available=200) is expected


def test_quantity_rules_are_checked_in_order():
    # 5 breaks the minimum, the step and the availability: the minimum is reported.
    assert quantity_problem(5, minimum=20, step=10, available=0) is QuantityProblem.BELOW_MINIMUM
    # 25 is off-step and above availability: off-step first.
    assert quantity_problem(25, minimum=20, step=10, available=0) is QuantityProblem.OFF_STEP
    assert quantity_problem(-5, minimum=20, step=10, available=0) is QuantityProblem.NOT_POSITIVE


def test_nothing_available_refuses_every_positive_quantity():
    assert quantity_problem(1, minimum=1, step=1, available=0) is QuantityProblem.ABOVE_AVAILABLE


def test_exactly_the_available_quantity_is_allowed():
    assert quantity_problem(40, minimum=20, step=20, available=40) is None


@pytest.mark.parametrize(("minimum", "step"), [(1, 0), (1, -1), (0, 1), (-3, 1)])
def test_invalid_rules_raise(minimum, step):
    with pytest.raises(ValueError):
        quantity_problem(10, minimum=minimum, step=step, available=100)


def test_quantity_problem_codes_are_strings():
    assert QuantityProblem.OFF_STEP == "off_step"
    assert {p.value for p in QuantityProblem} == {
        "not_positive",
        "below_minimum",
        "off_step",
        "above_available",
    }


@given(
    quantity=st.integers(-1_000, 100_000),
    minimum=st.integers(1, 1_000),
    step=st.integers(1, 100),
    available=st.integers(0, 100_000),
)
def test_quantity_problem_is_none_exactly_when_every_rule_holds(quantity, minimum, step, available):
    allowed = quantity > 0 and quantity >= minimum and quantity % step == 0
    allowed = allowed and quantity <= available
    assert (
        quantity_problem(quantity, minimum=minimum, step=step, available=available) is None
    ) is (allowed)


# --- unit_price_for -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quantity", "price"),
    [(20, 50_000), (99, 50_000), (100, 45_000), (499, 45_000), (500, 40_000), (10**6, 40_000)],
)
def test_unit_price_follows_the_highest_applicable_tier(quantity, price):
    assert unit_price_for(DOLLS, quantity) == price


def test_unit_price_ignores_tier_order():
    assert unit_price_for(list(reversed(DOLLS)), 150) == 45_000


def test_single_tier():
    assert unit_price_for([Tier(1, 7_500)], 1) == 7_500
    assert unit_price_for([Tier(1, 7_500)], 9_999) == 7_500


@pytest.mark.parametrize("quantity", [0, 19, -1])
def test_unit_price_below_every_tier_raises(quantity):
    with pytest.raises(ValueError):
        unit_price_for(DOLLS, quantity)


def test_unit_price_without_tiers_raises():
    with pytest.raises(ValueError):
        unit_price_for([], 10)


@given(
    st.lists(
        st.tuples(st.integers(1, 10_000), st.integers(1, 10**9)),
        min_size=1,
        max_size=8,
        unique_by=lambda t: t[0],
    ),
    st.integers(1, 20_000),
)
def test_unit_price_is_the_step_function(rows, quantity):
    tiers = [Tier(q, p) for q, p in rows]
    applicable = [t for t in tiers if t.min_quantity <= quantity]
    if not applicable:
        with pytest.raises(ValueError):
            unit_price_for(tiers, quantity)
    else:
        best = max(applicable, key=lambda t: t.min_quantity)
        assert unit_price_for(tiers, quantity) == best.unit_price


# --- line_total and lowest_unit_price -----------------------------------------------------


def test_line_total_is_exact_integer_rupiah():
    assert line_total(120, 45_000) == 5_400_000
    assert line_total(0, 45_000) == 0
    # Beyond float precision: integers stay exact.
    assert line_total(10_000_000, 10_000_000_001) == 100_000_000_010_000_000


@pytest.mark.parametrize(("quantity", "price"), [(-1, 100), (1, -100)])
def test_line_total_refuses_negative_input(quantity, price):
    with pytest.raises(ValueError):
        line_total(quantity, price)


def test_lowest_unit_price():
    assert lowest_unit_price(DOLLS) == 40_000
    assert lowest_unit_price([]) is None


# --- tier_problems ------------------------------------------------------------------------


def test_a_good_table_has_no_problems():
    assert tier_problems(DOLLS, minimum=20) == []
    assert tier_problems(DOLLS, minimum=40) == []  # first tier below the MOQ is fine
    assert tier_problems([Tier(1, 1)], minimum=1) == []


def test_an_empty_table_breaks_no_rule():
    assert tier_problems([], minimum=20) == []


def test_equal_prices_are_allowed():
    assert tier_problems([Tier(1, 5_000), Tier(10, 5_000)], minimum=1) == []


@pytest.mark.parametrize(
    ("tiers", "minimum", "expected"),
    [
        ([Tier(0, 5_000)], 1, [TierProblem.QUANTITY_NOT_POSITIVE]),
        ([Tier(-5, 5_000), Tier(10, 4_000)], 1, [TierProblem.QUANTITY_NOT_POSITIVE]),
        ([Tier(100, 4_000), Tier(20, 5_000)], 20, [TierProblem.NOT_INCREASING]),
        ([Tier(20, 5_000), Tier(20, 4_000)], 20, [TierProblem.NOT_INCREASING]),
        ([Tier(50, 5_000)], 20, [TierProblem.FIRST_ABOVE_MINIMUM]),
        ([Tier(21, 5_000), Tier(100, 4_000)], 20, [TierProblem.FIRST_ABOVE_MINIMUM]),
        ([Tier(20, 0)], 20, [TierProblem.PRICE_NOT_POSITIVE]),
        ([Tier(20, 5_000), Tier(100, -1)], 20, [TierProblem.PRICE_NOT_POSITIVE]),
        ([Tier(20, 5_000), Tier(100, 5_001)], 20, [TierProblem.PRICE_RISES]),
        (
            [Tier(1, 5_000), Tier(10, 4_000), Tier(100, 4_500)],
            1,
            [TierProblem.PRICE_RISES],
        ),
    ],
)
def test_each_rule(tiers, minimum, expected):
    assert tier_problems(tiers, minimum=minimum) == expected


def test_every_broken_rule_is_reported_once_in_a_fixed_order():
    tiers = [Tier(50, 0), Tier(30, 10), Tier(30, 20), Tier(0, 30), Tier(60, 25)]
    assert tier_problems(tiers, minimum=20) == [
        TierProblem.QUANTITY_NOT_POSITIVE,
        TierProblem.NOT_INCREASING,
        TierProblem.PRICE_NOT_POSITIVE,
        TierProblem.PRICE_RISES,
    ]
    assert tier_problems([Tier(50, 0), Tier(40, 10), Tier(60, 20)], minimum=20) == [
        TierProblem.NOT_INCREASING,
        TierProblem.FIRST_ABOVE_MINIMUM,
        TierProblem.PRICE_NOT_POSITIVE,
        TierProblem.PRICE_RISES,
    ]


def test_a_misordered_table_is_not_also_called_rising():
    # Listed largest first, but the prices do fall as the quantity grows.
    assert tier_problems([Tier(100, 4_000), Tier(20, 5_000)], minimum=20) == [
        TierProblem.NOT_INCREASING
    ]


def test_a_rise_is_found_between_tiers_that_are_not_neighbours():
    tiers = [Tier(1, 5_000), Tier(10, 4_000), Tier(100, 4_500)]
    assert TierProblem.PRICE_RISES in tier_problems(tiers, minimum=1)


@given(
    st.lists(st.integers(1, 1_000), min_size=1, max_size=6, unique=True),
    st.lists(st.integers(1, 10**9), min_size=6, max_size=6),
)
def test_a_valid_table_prices_every_allowed_quantity_without_rising(quantities, prices):
    quantities = sorted(quantities)
    prices = sorted(prices, reverse=True)[: len(quantities)]
    tiers = [Tier(q, p) for q, p in zip(quantities, prices, strict=True)]
    minimum = quantities[0]
    assert tier_problems(tiers, minimum=minimum) == []
    previous = None
    for quantity in range(minimum, quantities[-1] + 2):
        price = unit_price_for(tiers, quantity)
        assert previous is None or price <= previous
        previous = price


@given(
    st.lists(st.tuples(st.integers(-5, 200), st.integers(-5, 10**6)), min_size=0, max_size=6),
    st.integers(1, 200),
)
def test_no_problems_means_every_quantity_from_the_minimum_has_a_non_rising_positive_price(
    rows, minimum
):
    tiers = [Tier(q, p) for q, p in rows]
    if tier_problems(tiers, minimum=minimum) or not tiers:
        return
    previous = None
    for quantity in range(minimum, 210):
        price = unit_price_for(tiers, quantity)
        assert price > 0
        assert previous is None or price <= previous
        previous = price
