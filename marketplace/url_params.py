"""Numbers read from URLs: path ids and the `?page=` of every list, bounded so that no URL can
carry an integer the database cannot hold (which would be a server error, not a 404)."""

from flask import request
from werkzeug.routing import IntegerConverter, Map

# The largest integer PostgreSQL (BIGINT) and SQLite store; a bigger id cannot name a row.
MAX_ID = 2**63 - 1
# Far beyond any real list (2 million rows at 20 a page); keeps OFFSET well inside 64 bits.
MAX_PAGE = 100_000


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` for every route: ids beyond the 64-bit range do not match (404)."""

    def __init__(self, map: Map, *args, max: int | None = None, **kwargs) -> None:
        super().__init__(map, *args, max=MAX_ID if max is None else min(max, MAX_ID), **kwargs)


def register_converters(url_map: Map) -> None:
    """Replace the built-in `int` converter; call before any blueprint adds its rules."""
    url_map.converters["int"] = BoundedIntConverter


def page_number(name: str = "page") -> int:
    """The page a list is asked for: 1 unless the parameter is a whole number from 1, at most
    MAX_PAGE (a page past the last is an empty page, as with any page past the last)."""
    raw = request.args.get(name, "").strip()
    if not raw.isascii() or not raw.isdigit():
        return 1
    digits = raw.lstrip("0") or "0"
    # Compare lengths before converting, so that a million-digit value costs nothing.
    if len(digits) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return min(max(int(digits), 1), MAX_PAGE)
