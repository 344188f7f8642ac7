from flask import Blueprint

bp = Blueprint("orders", __name__)


@bp.get("/pesanan/")
def my_orders():
    return ""


@bp.get("/pesan/<coop_slug>/<product_slug>")
def new_order(coop_slug, product_slug):
    return ""


@bp.get("/kelola/<slug>/pesanan")
def manage_orders(slug):
    return ""
