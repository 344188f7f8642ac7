"""What a request carries, checked before any view reads it: path ids and the `?page=` of
every list are bounded so that no URL holds an integer the database cannot compare, and no
value holds a NUL character (PostgreSQL refuses those in text): 404 or 400, never a 500."""

from flask import abort, request
from werkzeug.routing import IntegerConverter, Map

from marketplace.db import MAX_ID

# Far beyond any real list (2 million rows at 20 a page); keeps OFFSET well inside 64 bits.
MAX_PAGE = 100_000


class BoundedIntConverter(IntegerConverter):
    """`<int:...>` for every route: an id beyond MAX_ID names no row and does not match (404)."""

    def __init__(self, map: Map, *args, max: int | None = None, **kwargs) -> None:
        super().__init__(map, *args, max=MAX_ID if max is None else min(max, MAX_ID), **kwargs)


def register_converters(url_map: Map) -> None:
    """Replace the built-in `int` converter; call before any blueprint adds its rules."""
    url_map.converters["int"] = BoundedIntConverter


def refuse_nul_characters() -> None:
    """before_request hook: a NUL in the path, the query or a form is never real input."""
    if any(
        "\x00" in value for value in (request.view_args or {}).values() if isinstance(value, str)
    ):
        abort(404)
    for values in (request.args, request.form):
        if any("\x00" in key or "\x00" in value for key, value in values.items(multi=True)):
            abort(400)


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
