"""Helpers for login redirects and platform-admin checks."""

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, request
from flask_login import current_user, login_required


def safe_next(target: str | None, default: str) -> str:
    """Only local paths are followed after login: never another host or scheme."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


def platform_admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_platform_admin:
            abort(404)
        return view(*args, **kwargs)

    return wrapped


def public(view):
    """Mark a view as open to anonymous visitors; every other view requires login."""
    view.is_public = True
    return view


def require_login_by_default():
    """before_request hook: anonymous users may only reach views marked @public."""
    if request.endpoint is None or current_user.is_authenticated:
        return None
    if request.endpoint == "static" or request.endpoint.endswith(".static"):
        return None
    view = current_app.view_functions.get(request.endpoint)
    if getattr(view, "is_public", False):
        return None
    return current_app.login_manager.unauthorized()
