"""The account page's form for a new API token."""

import secrets

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, StringField
from wtforms.validators import DataRequired, Length, Optional

from marketplace.api.scopes import MAX_NAME_LENGTH
from marketplace.forms import BaseForm, strip


class TokenForm(BaseForm):
    name = StringField(
        _l("Name (what the token is for)"),
        validators=[
            DataRequired(_l("Give the token a name.")),
            Length(max=MAX_NAME_LENGTH, message=_l("Keep the name under 80 characters.")),
        ],
        filters=[strip],
        render_kw={"placeholder": _l("e.g. Purchasing system")},
    )
    scope_read = BooleanField(_l("Read (see orders, products, the catalogue)"), default=True)
    scope_write = BooleanField(_l("Write (place and cancel orders, record shipments)"))
    # One value per rendered form: the same form sent again (a reload of the page that showed
    # the secret, a double click) makes no second token.
    nonce = HiddenField(
        default=lambda: secrets.token_urlsafe(16), validators=[Optional(), Length(max=64)]
    )

    def scopes(self) -> list[str]:
        return [
            scope
            for scope, field in (("read", self.scope_read), ("write", self.scope_write))
            if field.data
        ]
