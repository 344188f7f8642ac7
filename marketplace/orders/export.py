"""The cooperative admin's order list as CSV (pure: rows in, text lines out)."""

import csv
import functools
import io
from collections.abc import Iterable, Iterator, Sequence

import phonenumbers

# A spreadsheet runs a cell that starts with one of these as a formula or a command (CSV
# injection): the ASCII signs, their full-width forms (Excel and LibreOffice read ＝ as =),
# the DDE pipe and the control characters a spreadsheet skips before looking.
FORMULA_STARTS = frozenset("=+-@|\t\r\n\uff1d\uff0b\uff0d\uff20\uff5c")
# Leading characters a spreadsheet may skip before it sees the formula sign.
SKIPPED = " \u00a0\u3000"
# Excel reads a CSV file as UTF-8 only when it starts with a byte order mark.
BOM = "\ufeff"


def safe_cell(value) -> str:
    """A cell's text, with a quote in front when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.lstrip(SKIPPED)[:1] in FORMULA_STARTS:
        return "'" + text
    return text


@functools.lru_cache(maxsize=4096)  # an export repeats the same buyers' numbers
def phone_cell(e164: str | None) -> str:
    """A phone number a spreadsheet shows as it is: Indonesian numbers in the national form
    (0812-3456-7890, no '+' to be taken for a formula nor a leading zero lost to a number)."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, "ID")
    except phonenumbers.NumberParseException:
        return safe_cell(e164)
    if phonenumbers.region_code_for_number(parsed) == "ID":
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return safe_cell(
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    )


def csv_line(cells: Sequence) -> str:
    """One CSV record (RFC 4180 quoting, CRLF), every cell formula-safe."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(cell) for cell in cells])
    return buffer.getvalue()


def csv_lines(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[str]:
    """The header then one line per row, produced lazily (for a streamed response)."""
    yield BOM + csv_line(header)
    for row in rows:
        yield csv_line(row)
