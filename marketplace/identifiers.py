"""Shape checks for Indonesian identifiers and phone numbers (pure; see DOMAIN.md).

Identifiers are strings: we check their shape and never do arithmetic on them. A refusal is
an IdentifierError (a ValueError) carrying a code and values, so that forms can say why in the
user's language (marketplace/forms.py IDENTIFIER_MESSAGES).
"""

import re
from datetime import date

import phonenumbers


class IdentifierError(ValueError):
    """Why an identifier was refused: a code (e.g. "nik.no_such_date") and its values."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


_DIGITS = re.compile(r"\d+")


def _digits_only(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "")


def normalise_nib(value: str) -> str:
    """NIB (business ID from OSS): 13 digits. Returns the digits or raises ValueError."""
    digits = _digits_only(value)
    if not (_DIGITS.fullmatch(digits) and len(digits) == 13):
        raise ValueError("NIB must be 13 digits.")
    return digits


def normalise_npwp(value: str) -> str:
    """NPWP: 16 digits since 2024; the old 15-digit form gets the leading 0 organisations use."""
    digits = _digits_only(value)
    if not _DIGITS.fullmatch(digits) or len(digits) not in (15, 16):
        raise ValueError("NPWP must be 16 digits (or the old 15-digit number).")
    return digits if len(digits) == 16 else "0" + digits


def normalise_nik(value: str) -> str:
    """NIK: 16 digits whose birth date part (DDMMYY, women day + 40) is a real calendar date.

    The two-digit year may be in either century (29 February 00 is real: 2000 was a leap year).
    """
    digits = _digits_only(value)
    if not (_DIGITS.fullmatch(digits) and len(digits) == 16):
        raise IdentifierError("nik.length", "NIK must be 16 digits.")
    nik_birth_date(digits)
    return digits


def nik_birth_date(digits: str) -> tuple[int, int, int]:
    """(day, month, two-digit year) of a 16-digit NIK, or IdentifierError saying what is wrong."""
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if day > 40:
        day -= 40  # women's NIK: day + 40
    if not 1 <= month <= 12:
        raise IdentifierError(
            "nik.month", f"NIK birth date part has month {month:02d}.", month=f"{month:02d}"
        )
    if not 1 <= day <= 31:
        raise IdentifierError(
            "nik.day", f"NIK birth date part has day {int(digits[6:8]):02d}.", day=digits[6:8]
        )
    if not any(_is_date(century + year, month, day) for century in (1900, 2000)):
        raise IdentifierError(
            "nik.no_such_date",
            f"NIK birth date part is {day:02d}-{month:02d}, a date that does not exist.",
            day=f"{day:02d}",
            month=f"{month:02d}",
        )
    return day, month, year


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


_WHATSAPP_FORM = re.compile(r"62[1-9]\d{6,12}")


def normalise_phone(value: str) -> str:
    """An Indonesian or international phone number in E.164 (+6281234567890).

    Indonesians type a number three ways: 0812..., +62 812... and 62812... (the wa.me form,
    without the plus). No local number starts with 62 without its leading 0, so the third is
    read as international, not as 0-less national digits.
    """
    text = (value or "").strip()
    if _WHATSAPP_FORM.fullmatch(re.sub(r"[\s().\-]", "", text)):
        text = "+" + text
    try:
        parsed = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException as exc:
        raise IdentifierError("phone.unparsable", "Not a phone number.") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise IdentifierError("phone.invalid", "Not a valid phone number.")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def local_phone(e164: str | None) -> str:
    """A stored E.164 number as people read it: 0812-3456-7890 for Indonesian numbers, the
    international form for others. Anything unparsable is shown as it is."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, "ID")
    except phonenumbers.NumberParseException:
        return e164
    if parsed.country_code == 62:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def whatsapp_number(e164: str | None) -> str:
    """The digits wa.me links take: E.164 without the plus (6281234567890)."""
    return re.sub(r"\D", "", e164 or "")


def display_npwp(digits: str | None) -> str:
    """The NPWP as printed on documents: the 16 digits, followed by the old 15-digit display
    (99.999.999.9-999.999) when the number came from an old one (an organisation's leading 0;
    an individual's NPWP is their NIK, which never starts with 0)."""
    if not digits:
        return ""
    if len(digits) != 16 or not digits.isdigit() or not digits.startswith("0"):
        return digits
    old = digits[1:]
    return f"{digits} ({old[:2]}.{old[2:5]}.{old[5:8]}.{old[8]}-{old[9:12]}.{old[12:]})"


def normalise_postal_code(value: str) -> str:
    digits = (value or "").strip()
    if not (_DIGITS.fullmatch(digits) and len(digits) == 5):
        raise ValueError("Postal code must be 5 digits.")
    return digits


def normalise_pirt(value: str) -> str:
    """P-IRT (home-industry food permit): 15 or more digits, written with or without
    separators or a "P-IRT No." prefix. Returns the digits or raises ValueError."""
    text = re.sub(r"^\s*P-?IRT\s*(NO\.?)?\s*", "", (value or "").upper())
    digits = re.sub(r"[\s.\-]", "", text)
    if not (digits.isascii() and digits.isdigit() and 15 <= len(digits) <= 20):
        raise ValueError("P-IRT must be 15 or more digits.")
    return digits


def normalise_bpom(value: str) -> str:
    """BPOM registration: MD (domestic) or ML (imported) followed by 12 digits, optionally
    written as "BPOM RI MD 1234 5678 9012". Returns e.g. "MD123456789012" or raises ValueError."""
    text = re.sub(r"^\s*BPOM\s*(RI)?\s*", "", (value or "").upper())
    compact = re.sub(r"[\s.\-]", "", text)
    if not re.fullmatch(r"M[DL][0-9]{12}", compact):
        raise ValueError("BPOM number must be MD or ML followed by 12 digits.")
    return compact
