"""Public photos (of products, of cooperatives) from upload to storage, for the services.

A photo is checked by its content (marketplace.images), re-encoded and stored with a thumbnail
in the public storage before the service's transaction; if the file is refused nothing is
stored, and if the transaction fails the stored files are deleted again, so a refused upload
leaves neither a row nor an orphan file. Files of a deleted photo go once the deletion is
committed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from flask_babel import lazy_gettext as _l

from marketplace.audit.services import record
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.images import THUMB_SIDE, ImageRejected, clean_image, thumbnail
from marketplace.limits import MAX_ALT_TEXT_LENGTH
from marketplace.storage import public_storage
from marketplace.transaction import transaction

if TYPE_CHECKING:
    from marketplace.accounts.models import User

REJECTIONS = {
    "empty": _l("Choose a photo to upload."),
    "too_large": _l("A photo may be at most 5 MB."),
    "too_many_pixels": _l("The photo has too many pixels; send a smaller one."),
    "not_image": _l(
        "Only photos (JPEG, PNG, WebP) can be uploaded; SVG, HTML and other files are refused."
    ),
}

LOGO_SIDE = 512


@dataclass(frozen=True)
class StoredPhoto:
    key: str  # the photo, at most images.MAX_SIDE pixels each way
    thumb_key: str  # its thumbnail


class GalleryPhoto(Protocol):
    id: int
    key: str
    thumb_key: str
    alt_text: str
    position: int


@dataclass(frozen=True)
class Gallery:
    """The photos of one owner (a product or a cooperative), for the functions below.

    `lock` locks the owner and reloads its `photos` (ordered by position); `audit` is the
    prefix of the audit actions ("product", "cooperative")."""

    owner: Any
    photo_class: type
    lock: Callable[[], None]
    limit: int
    audit: str
    cooperative_id: int

    def _record(self, action: str, actor: User, **changes: dict) -> None:
        record(
            f"{self.audit}.{action}",
            self.owner,
            actor=actor,
            cooperative_id=self.cooperative_id,
            **changes,
        )


def _facts(photo: GalleryPhoto) -> dict:
    return {"photo_id": photo.id, "key": photo.key, "alt_text": photo.alt_text}


def add_photo(gallery: Gallery, actor: User, data: bytes, alt_text: str) -> GalleryPhoto:
    """Check, re-encode and store an uploaded photo as the gallery's last one.

    Raises ValidationFailed for a file that is not a photo we take (SVG, HTML, anything not an
    image, too large), for an alt text that is too long, or when the gallery is full; then
    nothing is stored.
    """
    alt_text = check_alt_text(alt_text)
    with stored_photo(data) as stored, transaction():
        gallery.lock()
        photos = gallery.owner.photos
        if len(photos) >= gallery.limit:
            raise ValidationFailed(
                _l("There can be at most %(count)s photos.", count=gallery.limit), field="photo"
            )
        photo = gallery.photo_class(
            key=stored.key, thumb_key=stored.thumb_key, alt_text=alt_text, position=len(photos)
        )
        photos.append(photo)
        db.session.flush()
        gallery._record("photo_added", actor, after=_facts(photo))
    return photo


def move_photo(gallery: Gallery, photo: GalleryPhoto, actor: User, offset: int) -> bool:
    """Move the photo one place earlier (offset -1) or later (+1). False (nothing changed)
    when it cannot move that way."""
    with transaction():
        gallery.lock()
        order = list(gallery.owner.photos)
        before = [p.id for p in order]
        index = next(i for i, p in enumerate(order) if p.id == photo.id)
        target = index + offset
        if not 0 <= target < len(order):
            return False
        order[index], order[target] = order[target], order[index]
        for position, each in enumerate(order):
            each.position = position
        gallery._record(
            "photos_reordered",
            actor,
            before={"order": before},
            after={"order": [p.id for p in order]},
        )
    return True


def remove_photo(gallery: Gallery, photo: GalleryPhoto, actor: User) -> None:
    """Delete the photo; its files go once the deletion is committed."""
    keys = (photo.key, photo.thumb_key)
    with transaction():
        gallery.lock()
        gallery._record("photo_removed", actor, before=_facts(photo))
        gallery.owner.photos.remove(photo)
        for position, rest in enumerate(gallery.owner.photos):
            rest.position = position
    discard(*keys)


@contextmanager
def stored_photo(
    data: bytes, *, field: str = "photo", thumb_side: int = THUMB_SIDE
) -> Iterator[StoredPhoto]:
    """Check and store `data` with its thumbnail, then run the block; should the block raise,
    delete both files again. Raises ValidationFailed (on `field`) for a refused file."""
    try:
        photo = clean_image(data)
    except ImageRejected as exc:
        raise ValidationFailed(str(REJECTIONS[exc.code]), field=field) from exc
    small = thumbnail(photo, thumb_side)
    store = public_storage()
    stored = StoredPhoto(store.save(photo.data, photo.extension), "")
    try:
        stored = StoredPhoto(stored.key, store.save(small.data, small.extension))
        yield stored
    except BaseException:
        discard(stored.key, stored.thumb_key)
        raise


def discard(*keys: str | None) -> None:
    """Delete these public files (after the rows that named them are gone)."""
    store = public_storage()
    for key in keys:
        if key:
            store.delete(key)


def check_alt_text(alt_text: str) -> str:
    alt_text = " ".join((alt_text or "").split())
    if len(alt_text) > MAX_ALT_TEXT_LENGTH:
        raise ValidationFailed(
            _l("Describe the photo in at most 160 characters."), field="alt_text"
        )
    return alt_text
