"""The signed "known login" cookie: this browser has logged into this account before, so the
account-wide failed-login limit (accounts/throttle.py) does not make it wait."""

import hashlib

from flask import Request, Response, current_app
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE = "known_login"
MAX_AGE = 365 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="known-login")


def _account(email: str) -> str:
    return hashlib.sha256(email.strip().casefold().encode()).hexdigest()[:32]


def is_known(request: Request, email: str) -> bool:
    try:
        return _serializer().loads(request.cookies.get(COOKIE, "")) == _account(email)
    except BadSignature:
        return False


def remember(response: Response, email: str) -> Response:
    response.set_cookie(
        COOKIE,
        _serializer().dumps(_account(email)),
        max_age=MAX_AGE,
        httponly=True,
        secure=current_app.config.get("SESSION_COOKIE_SECURE", False),
        samesite="Lax",
        path="/akun/masuk",
    )
    return response
