"""What the two photo pages (a product's photos, the cooperative's profile page) do alike: add,
move and delete a photo, each through the page's own service."""

from collections.abc import Callable

from flask_babel import gettext as _
from werkzeug.wrappers import Response

from marketplace.forms import BaseForm
from marketplace.photo_forms import MovePhotoForm, PhotoForm
from marketplace.views import Outcome, act, submit


def add_photo(form: PhotoForm, add: Callable[[object, str], object]) -> Outcome:
    """Add the sent photo with its description: `add(upload, alt_text)`; true when it is in."""
    return submit(
        form, lambda: add(form.upload(), form.alt_text.data or ""), done=_("The photo is added.")
    )


def move_photo(move: Callable[[int], object], back: str) -> Response:
    """Move a photo by the sent offset: `move(offset)`, then go back to the page."""
    form = MovePhotoForm()
    return act(
        form, lambda: move(form.offset), done=_("The order of the photos is saved."), back=back
    )


def remove_photo(remove: Callable[[], object], back: str) -> Response:
    """Delete a photo (a button with nothing but the CSRF token), then go back to the page."""
    return act(BaseForm(), remove, done=_("The photo is deleted."), back=back)
