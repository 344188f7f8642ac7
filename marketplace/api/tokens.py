"""API tokens: create (the secret is returned once), revoke, and authenticate a request.

Secrets are 32 random bytes, so a plain SHA-256 digest is enough to store them (no password
stretching is needed against guessing); a lookup by digest is compared once more in constant
time. Every change is audited.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace.accounts.models import User
from marketplace.api.models import ApiToken
from marketplace.api.scopes import (
    MAX_ACTIVE_TOKENS,
    MAX_NAME_LENGTH,
    SCOPES,
    SECRET_PREFIX,
    SHOWN_PREFIX_LENGTH,
)
from marketplace.audit.services import record
from marketplace.db import utcnow
from marketplace.errors import NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.transaction import transaction

# last_used_at is written at most this often per token: a busy integration must not turn
# every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _check(user: User, name: str, scopes: Iterable[str]) -> tuple[str, str]:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(_("Give the token a name."), field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed(_("Keep the name under 80 characters."), field="name")
    chosen = [scope for scope in SCOPES if scope in set(scopes)]
    if not chosen:
        raise ValidationFailed(_("Choose at least one permission."), field="scopes")
    active = db.session.scalar(
        select(func.count(ApiToken.id)).where(
            ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
        )
    )
    if active >= MAX_ACTIVE_TOKENS:
        raise NotAllowed(_("You have 20 active tokens. Revoke one first."))
    return name, " ".join(chosen)


def create_token(user: User, name: str, scopes: Iterable[str]) -> tuple[ApiToken, str]:
    """A new token of `user` with these scopes; returns it with its secret, which is stored
    nowhere and cannot be shown again."""
    name, scope_text = _check(user, name, scopes)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    with transaction():
        token = ApiToken(
            user=user,
            name=name,
            prefix=secret[:SHOWN_PREFIX_LENGTH],
            secret_hash=digest(secret),
            scopes=scope_text,
        )
        db.session.add(token)
        record(
            "api_token.created",
            token,
            actor=user,
            after={"name": name, "scopes": scope_text, "prefix": token.prefix},
        )
    return token, secret


def revoke_token(token: ApiToken, user: User) -> None:
    """Revoke `user`'s own token; it stops working at once. Revoking twice changes nothing."""
    if token.user_id != user.id:
        raise NotAllowed(_("This is not your token."))
    if token.revoked_at is not None:
        return
    with transaction():
        token.revoked_at = utcnow()
        record("api_token.revoked", token, actor=user)


def authenticate(secret: str) -> ApiToken | None:
    """The active token whose secret this is, of an active user; None for anything else."""
    if not secret.startswith(SECRET_PREFIX) or len(secret) > 200:
        return None
    wanted = digest(secret)
    token = db.session.scalar(select(ApiToken).where(ApiToken.secret_hash == wanted))
    if token is None or not hmac.compare_digest(token.secret_hash, wanted):
        return None
    if not token.is_active or not token.user.is_active:
        return None
    return token


def note_use(token: ApiToken) -> None:
    """Remember when the token was last used (to the minute)."""
    now = utcnow()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    with transaction():
        token.last_used_at = now
