"""Cursors: opaque, round-trip, and anything not made by the API is refused (never a crash)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marketplace.api import pagination
from marketplace.api.scopes import READ, WRITE, scope_for


@given(st.integers(1, 2**31 - 1))
def test_a_cursor_round_trips(value):
    cursor = pagination.encode("order", value)
    assert str(value) not in cursor or len(cursor) > len(str(value))
    assert pagination.decode("order", cursor) == value


def test_no_cursor_is_the_first_page():
    assert pagination.decode("order", None) is None


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!",
        "bm9wZQ",  # "nope"
        pagination.encode("product", 5),  # another list's cursor
        pagination.encode("order", 0),
        pagination.encode("order", 2**31),
        "b3JkZXI6LTE",  # "order:-1"
    ],
)
def test_a_foreign_cursor_is_refused(cursor):
    with pytest.raises(pagination.BadCursor):
        pagination.decode("order", cursor)


@given(st.text(max_size=40))
def test_any_text_is_a_number_or_refused(text):
    try:
        value = pagination.decode("order", text)
    except pagination.BadCursor:
        return
    assert value is None or 0 < value <= 2**31 - 1


@pytest.mark.parametrize(
    ("method", "scope"),
    [("GET", READ), ("HEAD", READ), ("OPTIONS", READ), ("POST", WRITE), ("PUT", WRITE)],
)
def test_the_scope_a_method_needs(method, scope):
    assert scope_for(method) == scope
