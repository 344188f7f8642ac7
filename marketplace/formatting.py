"""Display formatting of money, numbers, times and personal data (pure functions)."""

from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime


def number(n: int, locale: str = "id") -> str:
    """Group thousands: 1.500.000 in Indonesian, 1,500,000 in English."""
    grouped = f"{abs(int(n)):,}"
    if locale != "en":
        grouped = grouped.replace(",", ".")
    return ("-" if n < 0 else "") + grouped


def rupiah(amount: int | None, locale: str = "id") -> str:
    """Whole rupiah as Rp1.500.000 (Indonesian) or Rp1,500,000 (English)."""
    if amount is None:
        return "–"
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp{number(abs(amount), locale)}"


def mask(value: str | None, visible: int = 4) -> str:
    """Show only the last characters of a personal identifier or account number."""
    if not value:
        return ""
    if len(value) <= visible:
        return "•" * len(value)
    return "•" * (len(value) - visible) + value[-visible:]


def local_datetime(moment: datetime | None, tz: str, locale: str, style: str = "datetime") -> str:
    """A UTC moment shown in a cooperative's time zone (WIB, WITA or WIT)."""
    if moment is None:
        return ""
    local = moment.astimezone(ZoneInfo(tz))
    if style == "date":
        return format_date(local.date(), "medium", locale=locale)
    return format_datetime(local, "medium", tzinfo=ZoneInfo(tz), locale=locale) + (
        " " + local.strftime("%Z")
    )
