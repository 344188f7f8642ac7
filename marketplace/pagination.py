"""One page of a list, the same way for every list page (the `page` comes from
url_params.page_number(); a page past the last is empty, never an error)."""

from flask import current_app
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from marketplace.extensions import db


def one_page(stmt: Select, page: int, per_page: int | None = None) -> Pagination:
    """The rows of `stmt` on page `page`: the configured PAGE_SIZE of them unless told."""
    size = per_page or current_app.config["PAGE_SIZE"]
    return db.paginate(stmt, page=page, per_page=size, error_out=False)
