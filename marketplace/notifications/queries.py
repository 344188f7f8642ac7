"""What the notifications page reads."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.notifications.models import Notification
from marketplace.pagination import one_page


def notifications_page(user: User, page: int, per_page: int | None = None) -> Pagination:
    query = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return one_page(query, page, per_page)
