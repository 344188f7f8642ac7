"""The cooperative's public profile page: its story, founding year, logo and photos."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.locks import lock_cooperative
from marketplace.cooperatives.models import Cooperative, CooperativePhoto
from marketplace.db import utcnow
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.limits import FIRST_FOUNDED_YEAR, MAX_COOPERATIVE_PHOTOS, MAX_STORY_LENGTH
from marketplace.transaction import transaction
from marketplace.uploads import (
    LOGO_SIDE,
    Gallery,
    add_photo,
    discard,
    move_photo,
    remove_photo,
    stored_photo,
)


@dataclass(frozen=True)
class ProfileStory:
    story: str = ""
    founded_year: int | None = None


def _gallery(coop: Cooperative) -> Gallery:
    def lock() -> None:
        lock_cooperative(coop)
        db.session.expire(coop, ["photos"])

    return Gallery(
        owner=coop,
        photo_class=CooperativePhoto,
        lock=lock,
        limit=MAX_COOPERATIVE_PHOTOS,
        audit="cooperative",
        cooperative_id=coop.id,
    )


def update_story(coop: Cooperative, actor: User, data: ProfileStory) -> None:
    """Save the story and the founding year shown on the profile page (a year from
    FIRST_FOUNDED_YEAR to this year, or none)."""
    story = (data.story or "").strip()
    if len(story) > MAX_STORY_LENGTH:
        raise ValidationFailed(_l("The story may be at most 4000 characters."), field="story")
    year = data.founded_year
    if year is not None and not FIRST_FOUNDED_YEAR <= year <= utcnow().year:
        raise ValidationFailed(
            _l("Enter a year from %(first)s to this year.", first=FIRST_FOUNDED_YEAR),
            field="founded_year",
        )
    with transaction():
        lock_cooperative(coop)
        before = {"story": coop.story, "founded_year": coop.founded_year}
        after = {"story": story, "founded_year": year}
        if before == after:
            return
        coop.story, coop.founded_year = story, year
        record(
            "cooperative.story_updated",
            coop,
            actor=actor,
            cooperative_id=coop.id,
            before=before,
            after=after,
        )


def set_logo(coop: Cooperative, actor: User, data: bytes) -> None:
    """Check and store an uploaded logo (scaled to LOGO_SIDE) in place of the old one."""
    with stored_photo(data, field="logo", thumb_side=LOGO_SIDE) as stored, transaction():
        lock_cooperative(coop)
        old = _replace_logo(coop, actor, stored.thumb_key)
    discard(stored.key, old)


def remove_logo(coop: Cooperative, actor: User) -> None:
    with transaction():
        lock_cooperative(coop)
        if coop.logo_key is None:
            return
        old = _replace_logo(coop, actor, None)
    discard(old)


def _replace_logo(coop: Cooperative, actor: User, key: str | None) -> str | None:
    """Put the logo stored at `key` (None: no logo) in the locked cooperative's, audited;
    the old logo's key."""
    old, coop.logo_key = coop.logo_key, key
    record(
        "cooperative.logo_changed" if key else "cooperative.logo_removed",
        coop,
        actor=actor,
        cooperative_id=coop.id,
        before={"logo": old},
        after={"logo": key} if key else None,
    )
    return old


def add_cooperative_photo(
    coop: Cooperative, actor: User, data: bytes, alt_text: str
) -> CooperativePhoto:
    """Store an uploaded photo as the profile's last (uploads.add_photo says what is refused)."""
    return add_photo(_gallery(coop), actor, data, (alt_text or "").strip() or coop.name)


def move_cooperative_photo(
    coop: Cooperative, photo: CooperativePhoto, actor: User, offset: int
) -> bool:
    return move_photo(_gallery(coop), photo, actor, offset)


def remove_cooperative_photo(coop: Cooperative, photo: CooperativePhoto, actor: User) -> None:
    remove_photo(_gallery(coop), photo, actor)
