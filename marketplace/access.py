"""Loaders shared by every package's access module: one row, or 404, scoped to its owner."""

from flask import abort
from sqlalchemy import select

from marketplace.extensions import db


def get_scoped_or_404(model, row_id: int, *where, **scope):
    """The `model` row with this id that meets the conditions `where` and whose columns hold
    the values in `scope` (for example `cooperative_id=coop.id`); else 404, so that nobody
    reaches another owner's row by changing the id in the URL."""
    columns = [getattr(model, column) == value for column, value in scope.items()]
    return db.one_or_404(select(model).where(model.id == row_id, *where, *columns))


def get_of_cooperative(model, coop, row_id: int):
    """The `model` row with this id if it belongs to `coop` (its `cooperative_id`); else 404."""
    return get_scoped_or_404(model, row_id, cooperative_id=coop.id)


def get_owned_or_404(model, row_id: int, user):
    """The `model` row with this id if `user` owns it (its `user_id`); else 404, also for an
    anonymous visitor."""
    if not user.is_authenticated:
        abort(404)
    return get_scoped_or_404(model, row_id, user_id=user.id)


def owned_rows(model, user, *order_by) -> list:
    """Every `model` row `user` owns (its `user_id`), in this order; none for an anonymous
    visitor."""
    if not user.is_authenticated:
        return []
    return list(
        db.session.scalars(select(model).where(model.user_id == user.id).order_by(*order_by))
    )
