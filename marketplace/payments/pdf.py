"""The page layout shared by the order documents (faktur, surat jalan, kuitansi).

Made with fpdf2 and its built-in core fonts (nothing is downloaded); text outside Latin-1 is
transliterated, since the core fonts cannot draw it. A4, 15 mm margins, 180 mm of width.
"""

import unicodedata
from collections.abc import Sequence

from flask_babel import get_locale
from flask_babel import gettext as _
from fpdf import FPDF

from marketplace.cooperatives.models import Cooperative
from marketplace.db import utcnow
from marketplace.formatting import local_datetime
from marketplace.identifiers import display_npwp, local_phone

WIDTH = 180
_ACCENT = (22, 101, 52)  # a deep green, the cooperative movement's colour
_LIGHT = (236, 245, 238)
_GREY = (90, 90, 90)


def latin1(text: object) -> str:
    text = unicodedata.normalize("NFKC", str(text)).replace("\u2013", "-").replace("\u2014", "-")
    text = text.replace("\u00b7", "-").replace("\u2022", "*")
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed.encode("latin-1", "ignore").decode("latin-1")


def document_locale() -> str:
    """The language a document is written in: the request's, else Indonesian."""
    return str(get_locale() or "id")


class Document(FPDF):
    def __init__(self, title: str, footer_text: str) -> None:
        super().__init__(format="A4")
        self.footer_text = footer_text
        self.set_title(latin1(title))
        self.set_creator("Pasar Koperasi")
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.add_page()

    @classmethod
    def of_cooperative(
        cls, coop: Cooperative, title: str, heading: str, facts: list[tuple[str, str]], loc: str
    ) -> "Document":
        """A cooperative's own report (its name in the footer): the letterhead's facts end with
        today's date there."""
        document = cls(title, coop.name)
        today = local_datetime(utcnow(), coop.time_zone, loc, "date")
        document.letterhead(coop, heading, [*facts, (_("Date"), today)])
        return document

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(*_GREY)
        self.cell(WIDTH / 2, 5, latin1(self.footer_text))
        self.cell(WIDTH / 2, 5, f"{self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0)

    def text_line(self, text: str, size: float = 9.5, style: str = "", h: float = 4.8) -> None:
        self.set_font("Helvetica", style, size)
        self.multi_cell(0, h, latin1(text), new_x="LMARGIN", new_y="NEXT")

    def letterhead(self, coop: Cooperative, title: str, meta: Sequence[tuple[str, str]]) -> None:
        """The cooperative on the left, the document's title and key facts on the right."""
        top = self.get_y()
        self.set_font("Helvetica", "B", 14)
        self.set_text_color(*_ACCENT)
        self.multi_cell(105, 6.5, latin1(coop.name), align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        self.set_font("Helvetica", "", 8.5)
        for line in _identity_lines(coop):
            self.multi_cell(105, 4.2, latin1(line), new_x="LMARGIN", new_y="NEXT")
        left_bottom = self.get_y()
        self.set_xy(125, top)
        self.set_font("Helvetica", "B", 17)
        self.set_text_color(*_ACCENT)
        self.cell(70, 9, latin1(title), align="R", new_x="LEFT", new_y="NEXT")
        self.set_text_color(0)
        for label, value in meta:
            self.set_x(110)
            self.set_font("Helvetica", "", 8.5)
            self.cell(38, 4.8, latin1(label), align="R")
            self.set_font("Helvetica", "B", 8.5)
            self.cell(47, 4.8, latin1(value), align="R", new_x="LMARGIN", new_y="NEXT")
        self.set_y(max(left_bottom, self.get_y()) + 2)
        self.rule()

    def rule(self) -> None:
        self.set_draw_color(*_ACCENT)
        self.set_line_width(0.6)
        self.line(15, self.get_y(), 15 + WIDTH, self.get_y())
        self.set_line_width(0.2)
        self.set_draw_color(0)
        self.ln(4)

    def parties(self, *boxes: tuple[str, Sequence[str]], plain: Sequence[int] = ()) -> None:
        """Side-by-side blocks (bill to, ship to, ...), each a title and its lines; the first
        line (a name) in bold, except in the boxes whose index is in `plain`."""
        top, width = self.get_y(), WIDTH / len(boxes)
        bottom = top
        for index, (title, lines) in enumerate(boxes):
            x = 15 + index * width
            self.set_xy(x, top)
            self.set_font("Helvetica", "B", 8)
            self.set_text_color(*_ACCENT)
            self.cell(width - 4, 5, latin1(title.upper()), new_x="LEFT", new_y="NEXT")
            self.set_text_color(0)
            for number, line in enumerate(line for line in lines if line):
                self.set_x(x)
                self.set_font("Helvetica", "B" if number == 0 and index not in plain else "", 9)
                self.multi_cell(width - 4, 4.6, latin1(line), new_x="LEFT", new_y="NEXT")
            bottom = max(bottom, self.get_y())
        self.set_xy(15, bottom + 4)

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        """A table whose first column is text and whose other columns are right-aligned; the
        header row is repeated on every page the table runs onto."""
        aligns = ["L", *["R"] * (len(widths) - 1)]
        self._table_header(headers, widths, aligns)
        for number, row in enumerate(rows):
            if self.will_page_break(6.5):
                self.add_page()
                self._table_header(headers, widths, aligns)
            for value, width, align in zip(row, widths, aligns, strict=True):
                text = self.fit(latin1(value), width - 2)
                self.cell(width, 6.5, text, fill=number % 2 == 1, align=align)
            self.ln()
        self.set_draw_color(*_ACCENT)
        self.line(15, self.get_y(), 15 + WIDTH, self.get_y())
        self.set_draw_color(0)
        self.ln(2)

    def _table_header(self, headers, widths, aligns) -> None:
        self.set_font("Helvetica", "B", 8.5)
        self.set_fill_color(*_ACCENT)
        self.set_text_color(255)
        for header, width, align in zip(headers, widths, aligns, strict=True):
            self.cell(width, 7, latin1(header), fill=True, align=align)
        self.ln()
        self.set_text_color(0)
        self.set_font("Helvetica", "", 9)
        self.set_fill_color(*_LIGHT)

    def fit(self, text: str, width: float) -> str:
        """`text` cut (with "...") to what fits in `width` mm in the current font."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "...") > width:
            text = text[:-1]
        return text + "..."

    def totals(self, rows: Sequence[tuple[str, str]], strong: Sequence[int] = ()) -> None:
        """Label and amount pairs aligned under the table's last column."""
        for index, (label, value) in enumerate(rows):
            bold = index in strong
            self.set_x(15 + WIDTH - 110)
            self.set_font("Helvetica", "B" if bold else "", 10 if bold else 9)
            if bold:
                self.set_fill_color(*_LIGHT)
            self.cell(75, 6 if bold else 5.2, latin1(label), align="R", fill=bold)
            self.cell(35, 6 if bold else 5.2, latin1(value), align="R", fill=bold)
            self.ln()
        self.ln(1)

    def in_words(self, label: str, words: str) -> None:
        """The amount in words (terbilang) in a shaded band, as Indonesian documents carry it."""
        self.set_fill_color(*_LIGHT)
        self.set_font("Helvetica", "B", 9)
        self.cell(22, 7, latin1(label), fill=True)
        self.set_font("Helvetica", "I", 9)
        self.multi_cell(
            WIDTH - 22, 7, latin1(words[:1].upper() + words[1:]), fill=True, new_x="LMARGIN"
        )
        self.ln(3)

    def section(self, title: str, lines: Sequence[str]) -> None:
        self.set_font("Helvetica", "B", 9)
        self.set_text_color(*_ACCENT)
        self.cell(0, 5.5, latin1(title), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0)
        for line in lines:
            self.text_line(line, 9, h=4.6)
        self.ln(2)

    def signatures(
        self, blocks: Sequence[tuple[str, str]], *, place_date: str = "", stamp: str = ""
    ) -> None:
        """Signature blocks: a heading above the space, a name (or a line to write it on)
        below. place_date ("Kota Bekasi, 1 Desember 2026") goes above the last block, and
        `stamp` marks where the bea meterai is stuck, in the last block's space."""
        if self.get_y() > 225:
            self.add_page()
        self.ln(4)
        width = WIDTH / len(blocks)
        if place_date:
            self.set_font("Helvetica", "", 9)
            self.cell(WIDTH - width, 5)
            self.cell(width, 5, latin1(place_date), align="C", new_x="LMARGIN", new_y="NEXT")
        self.set_font("Helvetica", "", 9)
        for heading, _name in blocks:
            self.cell(width, 5, latin1(heading), align="C")
        self.ln(7)
        if stamp:
            left = 15 + WIDTH - width / 2 - 14
            self.set_draw_color(*_GREY)
            self.set_dash_pattern(dash=1, gap=1)
            self.rect(left, self.get_y(), 28, 16)
            self.set_dash_pattern()
            self.set_draw_color(0)
            self.set_xy(left, self.get_y() + 5.5)
            self.set_font("Helvetica", "I", 7)
            self.set_text_color(*_GREY)
            self.cell(28, 5, latin1(stamp), align="C")
            self.set_text_color(0)
        self.set_xy(15, self.get_y() + 16)
        self.set_font("Helvetica", "B", 9)
        for heading, name in blocks:
            text = f"( {name} )" if name else "(" + "_" * 26 + ")" if heading else ""
            self.cell(width, 5, latin1(text), align="C")
        self.ln()

    def output_bytes(self) -> bytes:
        return bytes(self.output())


def _identity_lines(coop: Cooperative) -> list[str]:
    place = ", ".join(p for p in (coop.address, coop.regency, coop.province) if p)
    lines = [place, f"NIB: {coop.nib}"]
    if coop.npwp:
        lines.append(f"NPWP: {display_npwp(coop.npwp)}")
    return [*lines, local_phone(coop.phone)]
