"""The saved-address form: a label, the recipient, the regions from the official lists."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from marketplace.addresses.services import AddressData
from marketplace.forms import text_field
from marketplace.places.fields import (
    postal_code_field,
    recipient_name_field,
    recipient_phone_field,
    street_field,
)
from marketplace.places.forms import AddressRegionForm


class SavedAddressForm(AddressRegionForm):
    label = text_field(
        _l("Name of this address"),
        60,
        required=_l("This field is required."),
        description=_l("For example Office, Warehouse Cikarang"),
    )
    recipient_name = recipient_name_field()
    recipient_phone = recipient_phone_field()
    street_address = street_field()
    postal_code = postal_code_field()
    make_default = BooleanField(_l("Use this address first at checkout"))

    def address(self) -> AddressData:
        return self.values_for(
            AddressData, **self.region_codes(), make_default=bool(self.make_default.data)
        )

    def fill_from(self, address) -> None:
        for name in ("label", "recipient_name", "recipient_phone", "street_address"):
            getattr(self, name).data = getattr(address, name)
        self.postal_code.data = address.postal_code
        self.make_default.data = address.is_default
        self.fill_regions_from(address)
