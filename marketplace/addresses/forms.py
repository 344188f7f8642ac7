"""The saved-address form: a label, the recipient, the regions from the official lists."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired, Length

from marketplace.addresses.services import AddressData
from marketplace.forms import strip
from marketplace.places.fields import (
    postal_code_field,
    recipient_name_field,
    recipient_phone_field,
    street_field,
)
from marketplace.places.forms import AddressRegionForm


class SavedAddressForm(AddressRegionForm):
    label = StringField(
        _l("Name of this address"),
        validators=[DataRequired(_l("This field is required.")), Length(max=60)],
        filters=[strip],
        description=_l("For example Office, Warehouse Cikarang"),
    )
    recipient_name = recipient_name_field()
    recipient_phone = recipient_phone_field()
    street_address = street_field()
    postal_code = postal_code_field()
    make_default = BooleanField(_l("Use this address first at checkout"))

    def address(self) -> AddressData:
        return AddressData(
            label=self.label.data,
            recipient_name=self.recipient_name.data,
            recipient_phone=self.recipient_phone.data,
            province_code=self.province_code.data or "",
            regency_code=self.regency_code.data or "",
            district_code=self.district_code.data or "",
            village_code=self.village_code.data or "",
            street_address=self.street_address.data,
            postal_code=self.postal_code.data,
            make_default=bool(self.make_default.data),
        )

    def fill_from(self, address) -> None:
        for name in ("label", "recipient_name", "recipient_phone", "street_address"):
            getattr(self, name).data = getattr(address, name)
        self.postal_code.data = address.postal_code
        self.make_default.data = address.is_default
        self.fill_regions_from(address)
