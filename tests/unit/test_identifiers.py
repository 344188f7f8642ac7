import pytest

from marketplace.identifiers import (
    normalise_nib,
    normalise_nik,
    normalise_npwp,
    normalise_phone,
    normalise_postal_code,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1234567890123", "1234567890123"),
        (" 1234 5678 90123 ", "1234567890123"),
        ("1234.5678.9012-3", "1234567890123"),
    ],
)
def test_nib_is_thirteen_digits(raw, expected):
    assert normalise_nib(raw) == expected


@pytest.mark.parametrize("raw", ["", "123456789012", "12345678901234", "12345678901a3", "abc"])
def test_nib_of_another_shape_is_refused(raw):
    with pytest.raises(ValueError, match="13 digits"):
        normalise_nib(raw)


def test_npwp_of_sixteen_digits_is_kept():
    assert normalise_npwp("0123456789012345") == "0123456789012345"


def test_old_fifteen_digit_npwp_gets_the_leading_zero():
    assert normalise_npwp("01.234.567.8-901.000") == "0012345678901000"
    assert normalise_npwp("012345678901000") == "0012345678901000"


@pytest.mark.parametrize("raw", ["", "12345678901234", "12345678901234567", "01.234.567.8-901.00x"])
def test_npwp_of_another_shape_is_refused(raw):
    with pytest.raises(ValueError):
        normalise_npwp(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "3275011501900001",  # man born 15-01-1990
        "3275015501900001",  # woman born 15-01-1990: day + 40
        "3275017112990001",  # woman born 31-12-1999
        "3275010101000001",  # 01-01-2000
        "32.75.01 150190 0001",
    ],
)
def test_nik_with_a_plausible_birth_date_is_accepted(raw):
    assert normalise_nik(raw) == raw.replace(".", "").replace(" ", "")


@pytest.mark.parametrize(
    ("raw", "why"),
    [
        ("327501150190000", "16 digits"),  # 15 digits
        ("32750115019000011", "16 digits"),  # 17 digits
        ("32750115019O0001", "16 digits"),  # a letter O
        ("3275010001900001", "birth date"),  # day 00
        ("3275013201900001", "birth date"),  # day 32
        ("3275014001900001", "birth date"),  # day 40: neither a man's nor a woman's day
        ("3275017201900001", "birth date"),  # day 72 = woman's 32
        ("3275011513900001", "birth date"),  # month 13
        ("3275011500900001", "birth date"),  # month 00
    ],
)
def test_nik_of_another_shape_is_refused(raw, why):
    with pytest.raises(ValueError, match=why):
        normalise_nik(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0812 3456 7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("(021) 5550 1234", "+622155501234"),  # Jakarta landline
        ("+44 20 7946 0958", "+442079460958"),  # a foreign buyer
    ],
)
def test_phone_numbers_become_e164(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "12", "abc", "0812", "+62 000 0000"])
def test_impossible_phone_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        normalise_phone(raw)


def test_postal_code_is_five_digits():
    assert normalise_postal_code("17113") == "17113"
    assert normalise_postal_code(" 94111 ") == "94111"


@pytest.mark.parametrize("raw", ["", "1711", "171130", "17a13", "17 113"])
def test_postal_code_of_another_shape_is_refused(raw):
    with pytest.raises(ValueError, match="5 digits"):
        normalise_postal_code(raw)
