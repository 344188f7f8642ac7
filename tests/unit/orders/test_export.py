"""The CSV export's cells: formula guard on every cell, readable phone numbers."""

import pytest

from marketplace.orders.export import csv_lines, phone_cell, safe_cell


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+62812", "'+62812"),
        ("-5", "'-5"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\r=1", "'\r=1"),
        ("\n=1", "'\n=1"),
        ("|calc", "'|calc"),
        ("\uff1d1+1", "'\uff1d1+1"),  # full-width equals sign
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        (" =1+1", "' =1+1"),  # a spreadsheet skips the leading space
        ("\u3000=1", "'\u3000=1"),
        ("Rp1.000", "Rp1.000"),
        ("Toko = Jaya", "Toko = Jaya"),
        ("", ""),
        (None, ""),
        (1_000_000, "1000000"),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("+6281311112222", "0813-1111-2222"),
        ("+62215551234", "(021) 5551234"),
        ("+16502530000", "'+1 650-253-0000"),  # a foreign number keeps its guard
        ("", ""),
        (None, ""),
        ("=cmd", "'=cmd"),  # not a phone number at all: still guarded
    ],
)
def test_phone_cell(stored, shown):
    assert phone_cell(stored) == shown


def test_every_cell_of_every_line_is_guarded_and_the_file_starts_with_a_bom():
    lines = list(csv_lines(["=Header"], [["=1", "@2"]]))
    assert lines[0] == "\ufeff'=Header\r\n"
    assert lines[1] == "'=1,'@2\r\n"
