"""Where uploaded files (photos of deliveries and complaints) are kept.

One small interface, `save` / `open` / `delete`, so that a shared object store can take the
place of the local folder later (DESIGN.md §9: uploads in shared storage when there are several
web processes). Keys are random and carry no user input, so they are safe as file names; every
upload gets a new key and a key's content never changes, so a key is a versioned name that may
be cached for ever.

Two stores: `storage()` for private files (proof of delivery, complaints: served only to the
parties of an order) and `public_storage()` for what the catalogue shows (product photos,
cooperative logos and photos), served to anyone with long cache headers. An object store would
put the second in a public bucket behind a CDN and return its address from `public_url`.
"""

import os
import re
import secrets
from pathlib import Path

from flask import Response, abort, current_app, request, url_for

_KEY = re.compile(r"^[0-9a-f]{32}\.(jpg|png|pdf)$")


class LocalStorage:
    """Files in a folder (instance/uploads unless UPLOAD_FOLDER says otherwise)."""

    def __init__(self, root: str | os.PathLike) -> None:
        self.root = Path(root)

    def save(self, data: bytes, extension: str) -> str:
        """Store `data` and return its new key."""
        key = f"{secrets.token_hex(16)}.{extension}"
        self.root.mkdir(parents=True, exist_ok=True)
        path = self.root / key
        path.write_bytes(data)
        return key

    def open(self, key: str) -> bytes | None:
        """The bytes stored under `key`, or None when there is no such file."""
        if not is_key(key):
            return None
        path = self.root / key
        return path.read_bytes() if path.is_file() else None

    def delete(self, key: str) -> None:
        if is_key(key):
            (self.root / key).unlink(missing_ok=True)


def is_key(key: str) -> bool:
    return bool(_KEY.match(key or ""))


def _upload_folder() -> str:
    return current_app.config.get("UPLOAD_FOLDER") or os.path.join(
        current_app.instance_path, "uploads"
    )


def storage() -> LocalStorage:
    """The application's storage of private files."""
    return LocalStorage(_upload_folder())


def public_storage() -> LocalStorage:
    """The storage of files anyone may see (catalogue photos), kept apart from private ones."""
    return LocalStorage(os.path.join(_upload_folder(), "public"))


def public_url(key: str) -> str:
    """Where a browser fetches a public file (catalogue.media serves the local folder)."""
    return url_for("catalogue.media", key=key)


# A key never changes its content: browsers and proxies may keep a public file for a year.
PUBLIC_CACHE_CONTROL = "public, max-age=31536000, immutable"


def media_type(key: str) -> str:
    if key.endswith(".pdf"):
        return "application/pdf"  # only keys of files checked by rfq.attachments end so
    return "image/png" if key.endswith(".png") else "image/jpeg"


def private_file(key: str) -> Response:
    """The stored file as a response for the parties who may see it (the caller checked):
    404 when missing; cached privately for good (a key never changes its content); a PDF is
    downloaded rather than shown inside the site."""
    data = storage().open(key)
    if data is None:
        abort(404)
    response = Response(data, mimetype=media_type(key))
    response.headers["Cache-Control"] = "private, max-age=31536000, immutable"
    response.headers["X-Content-Type-Options"] = "nosniff"
    if key.endswith(".pdf"):
        response.headers["Content-Disposition"] = f'attachment; filename="{key}"'
    return response


# The pages that take photos: up to 4 of 5 MB each and the form around them. Every other
# request keeps MAX_CONTENT_LENGTH.
UPLOAD_ENDPOINTS = frozenset(
    {
        "orders.manage_shipment",
        "orders.complain",
        "rfq.new_request",
        "rfq.new_request_for_product",
        "rfq.buyer_thread",
        "rfq.admin_thread",
        "catalogue.product_photos",
        "cooperatives.upload_logo",
        "cooperatives.upload_photo",
    }
)
UPLOAD_LIMIT = 21 * 1024 * 1024


def raise_upload_limit() -> None:
    """A before_request hook, registered before CSRF protection reads the form."""
    if request.endpoint in UPLOAD_ENDPOINTS:
        request.max_content_length = UPLOAD_LIMIT
