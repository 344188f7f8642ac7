from datetime import date, timedelta

import phonenumbers
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from marketplace.identifiers import (
    IdentifierError,
    display_npwp,
    local_phone,
    nik_birth_date,
    normalise_nib,
    normalise_nik,
    normalise_npwp,
    normalise_phone,
    normalise_postal_code,
    whatsapp_number,
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


@pytest.mark.parametrize("typed", ["62812345678", "0812345678", "+62 812345678", "+62812345678"])
def test_the_three_ways_of_typing_a_mobile_give_one_number(typed):
    # 62812... is the wa.me form; it used to become +6262812345678, another number.
    assert normalise_phone(typed) == "+62812345678"


def test_numbers_are_shown_locally_and_linked_in_e164():
    assert local_phone("+6281234567890") == "0812-3456-7890"
    assert local_phone("+622152908000") == "(021) 52908000"
    assert local_phone("+442079460958") == "+44 20 7946 0958"
    assert local_phone(None) == "" and local_phone("not a number") == "not a number"
    assert whatsapp_number("+6281234567890") == "6281234567890"


@given(st.from_regex(r"8[1-9][0-9]{7,10}", fullmatch=True))
def test_every_indonesian_mobile_round_trips_through_all_typed_forms(national):
    e164 = "+62" + national
    assume(phonenumbers.is_valid_number(phonenumbers.parse(e164)))
    for typed in ("0" + national, "+62 " + national, "62" + national, local_phone(e164)):
        assert normalise_phone(typed) == e164, typed
    assert local_phone(e164).startswith("08")
    assert whatsapp_number(e164) == "62" + national


def test_a_woman_born_on_31_february_is_refused_with_the_reason():
    with pytest.raises(IdentifierError) as refused:
        normalise_nik("3275017102900003")
    assert refused.value.code == "nik.no_such_date"
    assert refused.value.params == {"day": "31", "month": "02"}


@pytest.mark.parametrize(
    ("raw", "code"),
    [("3275010013900001", "nik.month"), ("3275013201900001", "nik.day")],
)
def test_nik_refusals_carry_a_code(raw, code):
    with pytest.raises(IdentifierError) as refused:
        normalise_nik(raw)
    assert refused.value.code == code


def test_29_february_00_is_real_in_2000_but_01_is_not():
    assert normalise_nik("3275012902000003") == "3275012902000003"
    assert normalise_nik("3275016902000003") == "3275016902000003"  # a woman
    with pytest.raises(ValueError, match="29-02"):
        normalise_nik("3275012902010003")


def _nik(born: date, woman: bool) -> str:
    day = born.day + 40 if woman else born.day
    return f"327501{day:02d}{born.month:02d}{born.year % 100:02d}0001"


@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)), st.booleans())
def test_every_real_birth_date_is_accepted(born, woman):
    nik = _nik(born, woman)
    assert normalise_nik(nik) == nik
    assert nik_birth_date(nik) == (born.day, born.month, born.year % 100)


def _real_in_either_century(day: int, month: int, year: int) -> bool:
    for century in (1900, 2000):
        try:
            date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


_NO_SUCH_DATES = [
    (day, month, year)
    for month in range(1, 13)
    for day in range(28, 32)
    for year in range(100)
    if not _real_in_either_century(day, month, year)
]


@given(st.sampled_from(_NO_SUCH_DATES), st.booleans())
def test_a_date_that_no_century_has_is_refused(no_such_date, woman):
    day, month, year = no_such_date
    with pytest.raises(IdentifierError, match="does not exist"):
        normalise_nik(f"327501{day + 40 * woman:02d}{month:02d}{year:02d}0001")


def test_the_list_of_impossible_dates_is_what_the_calendar_says():
    assert (31, 2, 90) in _NO_SUCH_DATES and (29, 2, 1) in _NO_SUCH_DATES
    assert (29, 2, 0) not in _NO_SUCH_DATES and (31, 12, 99) not in _NO_SUCH_DATES
    assert len({(d, m) for d, m, _y in _NO_SUCH_DATES}) == 7  # 29-31 Feb, 31 Apr/Jun/Sep/Nov


def test_npwp_display_adds_the_old_form_for_a_number_that_came_from_one():
    assert display_npwp("0012345678901000") == "0012345678901000 (01.234.567.8-901.000)"
    assert display_npwp(normalise_npwp("99.999.999.9-999.999")) == (
        "0999999999999999 (99.999.999.9-999.999)"
    )
    # An individual's NPWP is their NIK: 16 digits, no old form.
    assert display_npwp("3275011501900001") == "3275011501900001"
    assert display_npwp(None) == ""


def test_dates_one_day_apart_give_different_niks():
    born = date(1990, 2, 28)
    assert _nik(born, False) != _nik(born + timedelta(days=1), False)
