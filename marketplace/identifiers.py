"""Shape checks for Indonesian identifiers and phone numbers (pure; see DOMAIN.md).

Identifiers are strings: we check their shape and never do arithmetic on them.
"""

import re

import phonenumbers

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
    """NIK: 16 digits whose birth date part (DDMMYY, women day + 40) is plausible."""
    digits = _digits_only(value)
    if not (_DIGITS.fullmatch(digits) and len(digits) == 16):
        raise ValueError("NIK must be 16 digits.")
    day, month = int(digits[6:8]), int(digits[8:10])
    if day > 40:
        day -= 40
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise ValueError("NIK birth date part is not a valid date.")
    return digits


def normalise_phone(value: str) -> str:
    """An Indonesian or international phone number in E.164 (+6281234567890)."""
    try:
        parsed = phonenumbers.parse(value or "", "ID")
    except phonenumbers.NumberParseException as exc:
        raise ValueError("Not a phone number.") from exc
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("Not a valid phone number.")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


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
