"""Tables as spreadsheets: XLSX files written with XlsxWriter (pure: rows in, bytes out).

Cells are written as their kind: text as strings (never formulas), whole numbers and rupiah as
numbers with thousands grouped, rates (tenths of a percent) as percentages. The workbook is
built in constant memory, so a long table streams row by row into a temporary file.
"""

import tempfile
from collections.abc import Iterable, Sequence

import xlsxwriter

TEXT, NUMBER, MONEY, RATE = "text", "number", "money", "rate"
MAX_ROWS = 1_048_575  # a worksheet's rows, less the header


def xlsx(
    sheet_name: str, header: Sequence[str], rows: Iterable[Sequence], kinds: Sequence[str] = ()
) -> bytes:
    """One worksheet: the header in bold, then the rows; `kinds` per column (default text)."""
    with tempfile.TemporaryFile() as out:
        workbook = xlsxwriter.Workbook(
            out, {"constant_memory": True, "in_memory": False, "strings_to_formulas": False}
        )
        sheet = workbook.add_worksheet(sheet_name[:31] or "Sheet1")
        formats = {
            "bold": workbook.add_format({"bold": True}),
            NUMBER: workbook.add_format({"num_format": "#,##0"}),
            MONEY: workbook.add_format({"num_format": '"Rp"#,##0'}),
            RATE: workbook.add_format({"num_format": "0.0%"}),
        }
        for col, label in enumerate(header):
            sheet.write_string(0, col, str(label), formats["bold"])
            sheet.set_column(col, col, max(12, min(len(str(label)) + 2, 40)))
        for number, row in enumerate(rows, start=1):
            if number > MAX_ROWS:
                break
            for col, value in enumerate(row):
                _write(sheet, number, col, value, kinds[col] if col < len(kinds) else TEXT, formats)
        workbook.close()
        out.seek(0)
        return out.read()


def _write(sheet, row: int, col: int, value, kind: str, formats: dict) -> None:
    if value is None:
        return
    if kind == RATE:
        sheet.write_number(row, col, value / 1000, formats[RATE])
    elif kind in (NUMBER, MONEY) and isinstance(value, int) and not isinstance(value, bool):
        sheet.write_number(row, col, value, formats[kind])
    else:
        sheet.write_string(row, col, str(value))
