"""Helpers for login redirects and platform-admin checks."""

from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, flash, redirect, request, url_for
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


def login_next() -> str | None:
    """Where to come back to after logging in, as a local path.

    For a GET, the page asked for. A POST's URL may accept only POST (a 405 after logging in),
    so for anything else the local page the form was sent from, or nothing.
    """
    if request.method in ("GET", "HEAD"):
        return request.full_path if request.query_string else request.path
    referrer = urlsplit(request.referrer or "")
    if not referrer.path or (referrer.netloc and referrer.netloc != request.host):
        return None
    path = referrer.path + (f"?{referrer.query}" if referrer.query else "")
    return safe_next(path, "") or None


def redirect_to_login(next_path: str | None):
    """Send an anonymous visitor to the login page, to come back to `next_path` (a GET page)."""
    manager = current_app.login_manager
    flash(str(manager.login_message), manager.login_message_category)
    return redirect(url_for(manager.login_view, next=next_path or None))


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
