"""Forms of the photo pages (product photos, the cooperative's profile page)."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import HiddenField, StringField, SubmitField, TextAreaField
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from marketplace.forms import BaseForm, WholeNumberField, strip
from marketplace.limits import FIRST_FOUNDED_YEAR, MAX_ALT_TEXT_LENGTH, MAX_STORY_LENGTH

# The file chooser offers photos first; the server checks the content whatever it is given.
PHOTO_ACCEPT = {"accept": "image/jpeg,image/png,image/webp"}


class PhotoForm(BaseForm):
    photo = FileField(_l("Photo (JPEG, PNG or WebP, at most 5 MB)"), render_kw=PHOTO_ACCEPT)
    alt_text = StringField(
        _l("What the photo shows (for blind visitors and slow connections)"),
        validators=[Length(max=MAX_ALT_TEXT_LENGTH)],
        filters=[strip],
    )

    def upload(self) -> bytes:
        """The uploaded file's bytes (empty when none was chosen: the service refuses it)."""
        chosen = self.photo.data
        return chosen.read() if chosen and getattr(chosen, "filename", "") else b""


class LogoForm(BaseForm):
    logo = FileField(_l("Logo (JPEG, PNG or WebP, at most 5 MB)"), render_kw=PHOTO_ACCEPT)

    def upload(self) -> bytes:
        chosen = self.logo.data
        return chosen.read() if chosen and getattr(chosen, "filename", "") else b""


class MovePhotoForm(BaseForm):
    """One of the arrows beside a photo: move it earlier or later."""

    direction = HiddenField(validators=[InputRequired(), AnyOf(["up", "down"])])

    @property
    def offset(self) -> int:
        return -1 if self.direction.data == "up" else 1


class StoryForm(BaseForm):
    story = TextAreaField(
        _l("Your story"),
        description=_l("Who you are, what your members make and how: buyers read it first."),
        validators=[Length(max=MAX_STORY_LENGTH)],
        filters=[strip],
        render_kw={"rows": 8},
    )
    founded_year = WholeNumberField(
        _l("Year founded"),
        validators=[Optional(), NumberRange(min=FIRST_FOUNDED_YEAR, max=9999)],
        render_kw={"inputmode": "numeric"},
    )
    submit = SubmitField(_l("Save"))
