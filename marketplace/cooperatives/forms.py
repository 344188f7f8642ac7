from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
)
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.cooperatives.delivery import Courier
from marketplace.cooperatives.models import CooperativeKind, MembershipRole, TimeZone
from marketplace.cooperatives.services import (
    CooperativeProfile,
    CooperativeSettings,
    DeliveryOptions,
    InvitationData,
    LegalIdentity,
    SupplyOfferData,
)
from marketplace.forms import (
    BaseForm,
    WholeNumberField,
    checked_field,
    choices,
    phone_field,
    strip,
    text_area,
    text_field,
)
from marketplace.identifiers import normalise_nib, normalise_npwp
from marketplace.labels import KIND_LABELS, POLICY_LABELS, TIME_ZONE_LABELS, courier_label
from marketplace.limits import MAX_EXPIRY_HOURS, MAX_PRICE, MAX_QUANTITY
from marketplace.places.forms import RegencyForm, RegionSelect
from marketplace.places.regions import Level

KIND_CHOICES = choices((kind, KIND_LABELS[kind]) for kind in CooperativeKind)
TIME_ZONE_CHOICES = choices((zone, TIME_ZONE_LABELS[zone]) for zone in TimeZone)
ROLE_CHOICES = choices(
    [
        (MembershipRole.MEMBER, _l("Member (producer)")),
        (MembershipRole.ADMIN, _l("Admin (board or staff)")),
    ]
)


def _bank_digits(value):
    return value.replace(" ", "").replace(".", "").replace("-", "") if value else value


class CooperativeProfileForm(RegencyForm):
    """Fields shared by registration and settings."""

    name = text_field(
        _l("Name of the cooperative"),
        160,
        required=True,
        description=_l("For example Koperasi Produsen Boneka Bekasi"),
    )
    kind = SelectField(_l("Kind"), choices=KIND_CHOICES)
    legal_entity_number = text_field(
        _l("Legal entity number"),
        120,
        required=True,
        description=_l("As on the deed, e.g. AHU-0001234.AH.01.26.TAHUN 2021"),
    )
    nib = checked_field(
        _l("NIB (business ID from OSS)"),
        normalise_nib,
        _l("NIB must be 13 digits."),
        required=True,
        filters=[strip],
    )
    npwp = checked_field(
        _l("NPWP (optional)"),
        normalise_npwp,
        _l("NPWP must be 15 or 16 digits."),
        filters=[strip],
    )
    # Declared again here (see places.forms.RegencyForm) so that they come in this place.
    province_code = RegionSelect(_l("Province"))
    regency_code = RegionSelect(_l("Regency or city"))
    address = TextAreaField(
        _l("Address"), validators=[Optional(), Length(max=500)], render_kw={"rows": 2}
    )
    time_zone = SelectField(_l("Time zone"), choices=TIME_ZONE_CHOICES)
    phone = phone_field(_l("Phone (WhatsApp)"), description=_l("For example 0812 3456 7890"))
    description = TextAreaField(
        _l("About the cooperative"),
        validators=[Optional(), Length(max=4000)],
        render_kw={"rows": 4},
        description=_l("What your members make, where, and for whom."),
    )
    bank_name = text_field(_l("Bank"), 80, required=True)
    bank_account_number = StringField(
        _l("Bank account number"),
        validators=[
            DataRequired(),
            Regexp(r"^\d{5,20}$", message=_l("A bank account number has 5 to 20 digits.")),
        ],
        filters=[strip, _bank_digits],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    bank_account_holder = text_field(_l("Account holder"), 160, required=True)

    def profile(self) -> CooperativeProfile:
        return self.values_for(
            CooperativeProfile,
            **self.region_names(),
            address=(self.address.data or "").strip(),
            phone=self.phone.data or None,
            description=(self.description.data or "").strip(),
        )

    def legal_identity(self) -> LegalIdentity | None:
        """None when the settings page left the legal identity out (it is locked)."""
        if "nib" not in self._fields:
            return None
        return LegalIdentity(
            legal_entity_number=self.legal_entity_number.data,
            nib=self.nib.data,
            npwp=self.npwp.data or None,
        )


class RegisterCooperativeForm(CooperativeProfileForm):
    submit = SubmitField(_l("Register the cooperative"))


class SettingsForm(CooperativeProfileForm):
    default_allocation_policy = SelectField(
        _l("Default allocation policy"),
        choices=choices(POLICY_LABELS.items()),
        description=_l("How new orders are split among members by default."),
    )
    answer_deadline_hours = WholeNumberField(
        _l("Hours members have to answer"),
        validators=[InputRequired(), NumberRange(1, MAX_EXPIRY_HOURS, _l("Enter 1 to 720 hours."))],
        description=_l("Work not accepted or declined in time is offered to other members."),
        render_kw={"inputmode": "numeric"},
    )
    fee_rate_bp = WholeNumberField(
        _l("Cooperative fee, in hundredths of a per cent"),
        validators=[Optional(), NumberRange(0, 10_000, _l("Enter a number from 0 to 10,000."))],
        description=_l(
            "Kept from the unit price of work assigned from now on: 1,000 is 10%. Work already "
            "assigned keeps the payout it was given."
        ),
        render_kw={"inputmode": "numeric"},
    )
    is_pkp = BooleanField(
        _l("Registered VAT business (PKP)"),
        description=_l("Orders then carry PPN: 12 per cent on a tax base of 11/12 of the price."),
    )
    unpaid_expiry_hours = WholeNumberField(
        _l("Hours a buyer has to pay"),
        validators=[
            Optional(),
            NumberRange(1, MAX_EXPIRY_HOURS, _l("Enter 1 to 720 hours.")),
        ],
        description=_l("Unpaid orders expire after this and their units become available again."),
    )
    auto_receive_days = WholeNumberField(
        _l("Days until a shipment counts as received"),
        validators=[Optional(), NumberRange(1, 60, _l("Enter 1 to 60 days."))],
        description=_l("A shipment the buyer has not confirmed is taken as received after this."),
    )
    complaint_window_days = WholeNumberField(
        _l("Days to report a problem after delivery"),
        validators=[Optional(), NumberRange(1, 60, _l("Enter 1 to 60 days."))],
        description=_l("After this, with no complaint open, the order is completed."),
    )
    submit = SubmitField(_l("Save"))

    def settings(self) -> CooperativeSettings:
        return self.values_for(
            CooperativeSettings,
            profile=self.profile(),
            legal=self.legal_identity(),
            is_pkp=bool(self.is_pkp.data),
        )


class InvitationForm(BaseForm):
    name = text_field(_l("Name of the person"), 120, required=True)
    business_name = text_field(
        _l("Business name (optional)"), 160, description=_l("For example Boneka Sari Jaya")
    )
    phone = phone_field(
        _l("Phone (WhatsApp, optional)"), description=_l("To send the link by WhatsApp")
    )
    email = EmailField(
        _l("Email (optional)"),
        validators=[Optional(), Email(message=_l("Enter a valid email address.")), Length(max=254)],
        filters=[strip],
        description=_l(
            "Required for an admin: only the account with this address can accept the invitation."
        ),
    )
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, default=MembershipRole.MEMBER)
    submit = SubmitField(_l("Create invitation link"))

    def invitation_data(self) -> InvitationData:
        return InvitationData(
            name=self.name.data,
            role=self.role.data,
            business_name=self.business_name.data or "",
            phone=self.phone.data or None,
            email=self.email.data or None,
        )


def _quantity(minimum: int, too_small):
    """Whole number from `minimum` to MAX_QUANTITY; a missing or non-number value is reported
    by InputRequired / WholeNumberField, not twice."""

    def validator(form, field) -> None:
        if field.data is None:
            return
        if field.data < minimum:
            raise ValidationError(too_small)
        if field.data > MAX_QUANTITY:
            raise ValidationError(_l("This number is too large."))

    return validator


def _units(label, too_small, *, minimum: int, required: bool = True, **kwargs):
    """A number of units from `minimum` up to MAX_QUANTITY, typed in a numeric box."""
    given = InputRequired(message=_l("Enter a number.")) if required else Optional()
    return WholeNumberField(
        label,
        validators=[given, _quantity(minimum, too_small)],
        render_kw={"inputmode": "numeric", "min": minimum},
        **kwargs,
    )


class SupplyOfferForm(BaseForm):
    units_available = _units(
        _l("Units you can supply within the lead time"),
        _l("Units cannot be negative."),
        minimum=0,
        description=_l("0 means you cannot take work for this product now."),
    )
    rate_per_week = _units(
        _l("Units you can make per week after that"),
        _l("Units cannot be negative."),
        minimum=0,
        required=False,
        default=0,
        description=_l(
            "Sessions per week for a service. Counted for later delivery dates: "
            "0 means only the units above."
        ),
    )
    min_lot = _units(
        _l("Minimum lot"),
        _l("The minimum lot is at least 1."),
        minimum=1,
        default=1,
        description=_l("The smallest share of an order you will take."),
    )
    quality_grade = text_field(
        _l("Quality grade (optional)"), 20, description=_l("For example A, B, or grade 1")
    )
    active = BooleanField(_l("Offer active"), default=True)
    submit = SubmitField(_l("Save offer"))

    def offer_data(self) -> SupplyOfferData:
        return SupplyOfferData(
            units_available=self.units_available.data,
            min_lot=self.min_lot.data,
            rate_per_week=self.rate_per_week.data or 0,
            quality_grade=self.quality_grade.data or "",
            active=bool(self.active.data),
        )

    def validate_min_lot(self, field) -> None:
        units = self.units_available.data
        rate = self.rate_per_week.data or 0
        if units and field.data is not None and field.data > max(units, rate):
            raise ValidationError(
                _l("The minimum lot cannot be more than the units you can supply.")
            )


class ConfirmForm(BaseForm):
    """A POST button with nothing but the CSRF token."""


class DeliveryOptionsForm(BaseForm):
    """Which delivery options the cooperative offers."""

    offers_pickup = BooleanField(_l("Pickup at our hub (no fee)"))
    hub_address = text_area(
        _l("Hub address for pickup"),
        1000,
        description=_l("Left empty, the cooperative's address is used."),
    )
    offers_own_delivery = BooleanField(_l("Our own delivery, at the fees in the table below"))
    couriers = SelectMultipleField(
        _l("Couriers (the fee is quoted on each order before it is paid)"),
        choices=choices((c.value, courier_label(c.value)) for c in Courier),
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validate_choice=True,
    )

    def options(self) -> DeliveryOptions:
        return DeliveryOptions(
            pickup=self.offers_pickup.data,
            hub_address=self.hub_address.data or "",
            own_delivery=self.offers_own_delivery.data,
            couriers=tuple(self.couriers.data or ()),
        )


class DeliveryFeeForm(RegencyForm):
    """A row of the own-delivery fee table: a province, or one of its regencies."""

    province_code = RegionSelect(_l("Province"))
    regency_code = RegionSelect(
        _l("Regency / city (optional)"),
        description=_l("Empty: the whole province. A regency's row wins over its province's."),
    )
    required_levels = 1
    prompts = {Level.REGENCY: _l("Whole province")}
    fee = WholeNumberField(
        _l("Fee (Rp)"),
        validators=[
            InputRequired(_l("Enter the fee in whole rupiah.")),
            NumberRange(0, MAX_PRICE, _l("Enter the fee in whole rupiah.")),
        ],
    )
