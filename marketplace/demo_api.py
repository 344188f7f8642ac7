"""Demo API tokens: the offtakers' purchasing systems have tokens on their account pages
(one used this week, one revoked), so `make run` shows the token list. Their secrets are not
kept anywhere, as for real tokens: to try the API, make a new token on the account page."""

from datetime import timedelta

from marketplace.accounts.models import User
from marketplace.api.access import tokens_of
from marketplace.api.tokens import create_token, revoke_token
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.transaction import transaction


def seed_api_tokens(offtakers: dict[str, User]) -> None:
    for user in offtakers.values():
        if tokens_of(user):  # seeded before: seeding again adds nothing
            continue
        used, _secret = create_token(user, "Sistem pembelian (ERP)", ("read", "write"))
        with transaction():
            used.last_used_at = utcnow() - timedelta(days=2)
        old, _secret = create_token(user, "Uji coba integrasi", ("read",))
        revoke_token(old, user)
    db.session.expire_all()
