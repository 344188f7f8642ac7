from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.get("/pesanan/")
def my_orders():
    return ""
