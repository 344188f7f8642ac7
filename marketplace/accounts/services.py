"""Accounts: sign-up, authentication, language preference."""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from marketplace.accounts.models import User
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.transaction import transaction


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def create_user(
    *, email: str, password: str, name: str, phone: str | None = None, locale: str = "id"
) -> User:
    """Add a user to the current transaction; raises ValidationFailed on a taken email."""
    email = email.strip().lower()
    if find_user_by_email(email):
        raise ValidationFailed(_l("This email is already registered."), field="email")
    user = User(
        email=email,
        password_hash=generate_password_hash(password),
        name=name.strip(),
        phone=phone,
        locale=locale,
    )
    db.session.add(user)
    db.session.flush()
    return user


def register_user(*, email: str, password: str, name: str, phone: str | None, locale: str) -> User:
    """Create a buyer account (every user can buy) and commit it."""
    with transaction():
        user = create_user(email=email, password=password, name=name, phone=phone, locale=locale)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        # Spend comparable time so response times do not reveal which emails exist.
        check_password_hash(_DUMMY_HASH, password)
        return None
    return user if check_password_hash(user.password_hash, password) else None


@dataclass(frozen=True)
class LoginAttempt:
    user: User | None
    retry_after: int = 0  # > 0: too many failed attempts, the password was not even checked


def log_in(email: str, password: str, *, address: str, known_browser: bool) -> LoginAttempt:
    """Check a login under the failed-login throttle (accounts/throttle.py): only failures
    count, for the account and for the account from this address."""
    config = current_app.config
    throttle = (
        current_app.extensions["login_throttle"] if config["LOGIN_THROTTLE_ENABLED"] else None
    )
    if throttle is not None:
        verdict = throttle.check(email, address, known_browser=known_browser)
        if not verdict.allowed:
            return LoginAttempt(None, verdict.retry_after)
    user = authenticate(email, password)
    if user is None and throttle is not None:
        throttle.failed(email, address)
    return LoginAttempt(user)


def set_locale(user: User, locale: str) -> None:
    with transaction():
        user.locale = locale


_DUMMY_HASH = generate_password_hash("not-a-real-password")
