"""The cooperative admin's order list as CSV (pure: rows in, text lines out)."""

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = (
    "number",
    "placed_at",
    "status",
    "buyer_name",
    "buyer_email",
    "products",
    "subtotal",
    "vat",
    "total",
    "paid",
    "payment_method",
    "delivery_date",
    "recipient",
    "phone",
    "address",
    "po_number",
)


def safe_cell(value) -> str:
    """A cell's text, with a quote in front when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_line(cells: Sequence) -> str:
    """One CSV record (RFC 4180 quoting, CRLF), every cell formula-safe."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow([safe_cell(cell) for cell in cells])
    return buffer.getvalue()


def csv_lines(rows: Iterable[Sequence]) -> Iterator[str]:
    """The header then one line per row, produced lazily (for a streamed response)."""
    yield csv_line(HEADER)
    for row in rows:
        yield csv_line(row)
