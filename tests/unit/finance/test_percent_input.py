"""The SHU policy form reads per cent as basis points, and nothing else (finance/shu_forms.py)."""

import pytest

from marketplace.finance.shu_forms import _basis_points


@pytest.mark.parametrize(
    ("text", "points"),
    [("25", 2500), ("2,5", 250), ("2.55", 255), ("100%", 10_000), (" 7 ", 700), ("0", 0)],
)
def test_per_cent_with_up_to_two_decimals(text, points):
    assert _basis_points(text) == points


@pytest.mark.parametrize(
    "text", ["2.555", "sNaN", "NaN", "Infinity", "-1", "101", "", "abc", "1" * 9, "１２"]
)
def test_anything_else_is_not_read(text):
    assert _basis_points(text) is None
