"""Contract pages: the cooperative admin's (/kelola/<slug>/kontrak) and the offtaker's
(/kontrak)."""

from flask import Blueprint

bp = Blueprint("offtake", __name__)

from marketplace.offtake.views import admin, offtaker  # noqa: E402, F401  (their routes)
