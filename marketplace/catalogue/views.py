from flask import Blueprint

from marketplace.accounts.access import public

bp = Blueprint("catalogue", __name__)


@bp.get("/")
@public
def index():
    return "catalogue"
