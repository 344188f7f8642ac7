"""Reads for the account pages."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.accounts.models import User
from marketplace.cooperatives.models import Membership
from marketplace.extensions import db


def memberships_with_cooperatives(user: User) -> list[Membership]:
    """The user's memberships with their cooperatives, in two queries however many there are
    (a joined load as the relationship's default broke PostgreSQL's GROUP BY in finance)."""
    return list(
        db.session.scalars(
            select(Membership)
            .where(Membership.user_id == user.id)
            .options(selectinload(Membership.cooperative))
            .order_by(Membership.id)
        )
    )
