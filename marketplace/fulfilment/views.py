from flask import Blueprint

bp = Blueprint("fulfilment", __name__)


@bp.get("/pekerjaan/")
def my_work():
    return ""
