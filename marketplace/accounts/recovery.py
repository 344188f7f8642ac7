"""Password reset and email verification by signed, expiring links.

A reset link signs a digest of the user's current password hash, so it stops working as soon as
the password changes: it is single-use without a table of tokens. Verification links sign the
address they were sent to, so a link for an old address cannot verify a new one.
"""

import hashlib
import logging

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import generate_password_hash

from marketplace.accounts.models import User
from marketplace.accounts.services import find_user_by_email
from marketplace.db import utcnow
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.mail import mail_configured, queue_mail
from marketplace.transaction import transaction

log = logging.getLogger(__name__)

RESET_SALT = "password-reset"
VERIFY_SALT = "email-verification"
RESET_MAX_AGE = 60 * 60  # one hour
VERIFY_MAX_AGE = 7 * 24 * 60 * 60  # a week


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _password_digest(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:32]


def _deliver(to: str, subject: str, body: str, link: str) -> None:
    """Email the link (through the outbox); without mail in development or tests, print it to
    the server log."""
    if mail_configured():
        with transaction():
            queue_mail(to, subject, body)
    elif current_app.debug or current_app.testing:
        log.warning("Mail is not configured; the link for %s is %s", subject, link)
    else:
        log.warning("Email %r could not be sent: MAIL_SERVER is not set", subject)


def reset_token(user: User) -> str:
    return _serializer(RESET_SALT).dumps({"u": user.id, "h": _password_digest(user)})


def request_password_reset(email: str) -> None:
    """Send a reset link to `email` if an active account has it; says nothing either way."""
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    link = url_for("accounts.reset_password", token=reset_token(user), _external=True)
    body = _(
        "Hello %(name)s,\n\nSomeone asked to reset the password of your Pasar Koperasi account. "
        "Open this link within an hour to choose a new password:\n\n%(link)s\n\n"
        "If it was not you, ignore this email: your password stays the same.",
        name=user.name,
        link=link,
    )
    _deliver(user.email, _("Reset your Pasar Koperasi password"), body, link)


def _link_user(token: str, salt: str, max_age: int, bound: str) -> tuple[User | None, str]:
    """The user a signed link names and the value (`bound`) it was made for; (None, "") for a
    forged or mangled link, ValidationFailed for an expired one."""
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
        return db.session.get(User, int(data["u"])), str(data[bound])
    except SignatureExpired:
        raise ValidationFailed(_("This link has expired. Ask for a new one.")) from None
    except (BadSignature, KeyError, TypeError, ValueError, OverflowError):
        return None, ""


def user_for_reset(token: str) -> User:
    """The user a reset link belongs to; ValidationFailed if it is forged, old or used."""
    user, digest = _link_user(token, RESET_SALT, RESET_MAX_AGE, "h")
    if user is None or not user.is_active or digest != _password_digest(user):
        raise ValidationFailed(_("This link is not valid or has already been used."))
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password through a reset link; the link (and every other) stops working."""
    with transaction():
        user = user_for_reset(token)
        user.password_hash = generate_password_hash(new_password)
    return user


def verification_token(user: User) -> str:
    return _serializer(VERIFY_SALT).dumps({"u": user.id, "e": user.email})


def send_verification(user: User) -> None:
    """Mail the user a link that confirms their address (only when mail is configured)."""
    if not mail_configured() or user.email_verified_at is not None:
        return
    link = url_for("accounts.verify_email", token=verification_token(user), _external=True)
    body = _(
        "Hello %(name)s,\n\nPlease confirm your email address for Pasar Koperasi by opening this "
        "link within a week:\n\n%(link)s\n\nYou can place orders once it is confirmed.",
        name=user.name,
        link=link,
    )
    _deliver(user.email, _("Confirm your email address"), body, link)


def verify_email(token: str) -> User:
    """Mark the address a verification link was sent to as confirmed (repeating is harmless)."""
    user, address = _link_user(token, VERIFY_SALT, VERIFY_MAX_AGE, "e")
    if user is None or address != user.email:
        raise ValidationFailed(_("This link is not valid or has already been used."))
    with transaction():
        if user.email_verified_at is None:
            user.email_verified_at = utcnow()
    return user


def ensure_may_place_orders(buyer: User) -> None:
    """Refuse an order from an account whose email is not confirmed, where mail is set up."""
    if not buyer.may_place_orders(mail_configured()):
        raise NotAllowed(
            _(
                "Confirm your email address before placing an order: open the link we sent "
                "to %(email)s, or send it again from your account page.",
                email=buyer.email,
            )
        )
