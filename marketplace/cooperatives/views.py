from flask import Blueprint

bp = Blueprint("cooperatives", __name__)


@bp.get("/kelola/<slug>/")
def manage(slug):
    return slug


@bp.get("/anggota/<slug>/penawaran")
def my_offers(slug):
    return slug


@bp.get("/koperasi/daftar")
def register():
    return ""
