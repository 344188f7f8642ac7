"""/wilayah/: the official region lists as JSON, for the address picker's JavaScript."""

from flask import Blueprint, abort, jsonify, request
from flask.typing import ResponseReturnValue

from marketplace.accounts.access import public
from marketplace.places import regions

bp = Blueprint("places", __name__)

MAX_QUERY = 80  # characters of a type-ahead query
ONE_DAY = 86_400  # the lists change only with a decree: browsers may keep them a day


def _listing(parent: str | None) -> ResponseReturnValue:
    query = request.args.get("q", "")[:MAX_QUERY]
    found = regions.matching(query, parent, limit=len(regions.children(parent)) or 1)
    response = jsonify([{"code": r.code, "name": r.name} for r in found])
    response.cache_control.public = True
    response.cache_control.max_age = ONE_DAY
    return response


@bp.get("/wilayah/")
@public
def provinces() -> ResponseReturnValue:
    return _listing(None)


@bp.get("/wilayah/<code>")
@public
def children(code: str) -> ResponseReturnValue:
    """The regions under a province, regency or district; 404 for a village or an unknown code."""
    region = regions.get(code)
    if region is None or region.level is regions.Level.VILLAGE:
        abort(404)
    return _listing(region.code)
