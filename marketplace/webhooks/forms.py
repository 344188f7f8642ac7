"""The endpoint form: a URL and the events it receives (checkboxes)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.forms import BaseForm, choices, strip
from marketplace.webhooks.models import EventType
from marketplace.webhooks.services import EndpointData
from marketplace.webhooks.urls import MAX_URL_LENGTH

EVENT_LABELS = {
    EventType.ORDER_CONFIRMED: _l("An order is confirmed (paid or on invoice terms)"),
    EventType.ORDER_SHIPPED: _l("An order is shipped in full"),
    EventType.ORDER_DELIVERED: _l("An order is delivered"),
    EventType.QUOTE_RECEIVED: _l("A quote is received for one of my requests"),
    EventType.CALLOFF_CREATED: _l("A call-off of one of my contracts is ordered"),
    EventType.PAYOUT_PAID: _l("A member payout of my cooperative is paid"),
}


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        """Unknown values are the service's to refuse, with its message (never a 500)."""


class EndpointForm(BaseForm):
    url = StringField(
        _l("Endpoint URL"),
        validators=[
            DataRequired(_l("Enter the URL that receives the events.")),
            Length(
                max=MAX_URL_LENGTH,
                message=_l("A URL may be at most %(count)s characters.", count=MAX_URL_LENGTH),
            ),
        ],
        filters=[strip],
        description=_l("For example https://erp.example.co.id/webhooks/pasar"),
        render_kw={"inputmode": "url", "autocomplete": "url"},
    )
    events = CheckboxesField(
        _l("Events"),
        choices=choices((event.value, label) for event, label in EVENT_LABELS.items()),
    )

    def endpoint(self) -> EndpointData:
        return EndpointData(url=self.url.data or "", events=tuple(self.events.data or ()))

    def fill_from(self, endpoint) -> None:
        self.url.data = endpoint.url
        self.events.data = list(endpoint.events)
