"""Contract forms: the admin's terms (a new contract or a new version), the offtaker's answer
and a call-off's change."""

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from marketplace.checkout.forms import DeliveryForm
from marketplace.forms import (
    BaseForm,
    BoundedDateField,
    WholeNumberField,
    choices,
    reason_field,
    rupiah_field,
    strip,
    text_field,
)
from marketplace.limits import FIRST_DATE, LAST_DATE, MAX_QUANTITY
from marketplace.offtake.models import BelowGrade
from marketplace.offtake.schedule import MAX_CUTOFF_DAYS, MAX_DATES, Frequency
from marketplace.offtake.services import ContractAddress, ContractTerms
from marketplace.offtake.words import BELOW_GRADE_LABELS, FREQUENCY_LABELS
from marketplace.payments.models import TERMS_DAYS
from marketplace.places import regions

DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_dates(text: str) -> tuple[date, ...]:
    """Dates written YYYY-MM-DD, separated by commas, spaces or new lines."""
    found = []
    for word in re.split(r"[\s,;]+", (text or "").strip()):
        if not word:
            continue
        if not DATE_TEXT.fullmatch(word):
            raise ValueError(word)
        day = date.fromisoformat(word)
        if not FIRST_DATE <= day <= LAST_DATE:
            raise ValueError(word)
        found.append(day)
    return tuple(sorted(set(found)))


def _dates_valid(form, field) -> None:
    if len(field.data or "") > 20 * MAX_DATES:
        raise ValidationError(_l("Too many dates."))
    try:
        parse_dates(field.data)
    except ValueError as exc:
        raise ValidationError(
            _l("%(word)s is not a date: write dates as 2026-12-31.", word=str(exc)[:20])
        ) from exc
    if form.frequency.data == Frequency.DATES and not parse_dates(field.data):
        raise ValidationError(_l("Enter the delivery dates."))


def _number(label, low: int, high: int, message, **kwargs) -> WholeNumberField:
    return WholeNumberField(
        label,
        validators=[InputRequired(message), NumberRange(low, high, message)],
        render_kw={"inputmode": "numeric"},
        **kwargs,
    )


class TermsForm(DeliveryForm):
    """The terms of a contract version; the delivery address comes from the checkout form."""

    delivery_date = po_number = buyer_company = buyer_npwp = notes = idempotency_key = None

    grade = text_field(
        _l("Quality grade"),
        80,
        required=_l("This field is required."),
        description=_l("For example: grade A, fresh, 300-500 g a fish."),
    )
    unit_price = rupiah_field(
        _l("Unit price (Rp)"),
        _l("Enter the unit price in whole rupiah."),
        required=_l("Enter the unit price in whole rupiah."),
        render_kw={"inputmode": "numeric"},
    )
    total_volume = _number(
        _l("Total volume"), 1, MAX_QUANTITY, _l("Enter a total volume of at least 1.")
    )
    call_off_quantity = _number(
        _l("Quantity per call-off"),
        1,
        MAX_QUANTITY,
        _l("Enter a quantity per call-off of at least 1."),
    )
    frequency = SelectField(
        _l("Schedule"),
        choices=choices(FREQUENCY_LABELS.items()),
        validators=[InputRequired(_l("Choose a schedule."))],
    )
    dates = TextAreaField(
        _l("Delivery dates (for a list of dates)"),
        validators=[Optional(), _dates_valid],
        description=_l("One date a line, or separated by commas: 2026-12-31."),
    )
    start_date = BoundedDateField(
        _l("First delivery"), validators=[DataRequired(_l("Choose a date."))]
    )
    end_date = BoundedDateField(
        _l("Last delivery by"), validators=[DataRequired(_l("Choose a date."))]
    )
    tolerance_pct = _number(
        _l("Tolerance (±%)"),
        0,
        100,
        _l("The tolerance is a percentage from 0 to 100."),
        description=_l("How far the offtaker may change one call-off's quantity."),
    )
    cutoff_days = _number(
        _l("Cut-off (days before delivery)"),
        0,
        MAX_CUTOFF_DAYS,
        _l("Enter whole days from 0 to %(days)s.", days=MAX_CUTOFF_DAYS),
        description=_l(
            "Changes close, and the call-off is ordered, this many days before delivery."
        ),
    )
    allow_skip = BooleanField(_l("The offtaker may skip a call-off before the cut-off"))
    below_grade = SelectField(
        _l("Goods below grade are"), choices=choices(BELOW_GRADE_LABELS.items())
    )
    below_grade_price = rupiah_field(
        _l("Price below grade (Rp)"), _l("Enter whole rupiah."), render_kw={"inputmode": "numeric"}
    )
    terms_days = SelectField(
        _l("Payment terms"),
        choices=choices((str(d), _l("Invoice, net %(days)s days", days=d)) for d in TERMS_DAYS),
        default="30",
    )

    def validate_below_grade_price(self, field) -> None:
        if self.below_grade.data == BelowGrade.DISCOUNT and not field.data:
            raise ValidationError(_l("Enter the price paid for goods below grade."))

    def terms(self) -> ContractTerms:
        return self.values_for(
            ContractTerms,
            allow_skip=bool(self.allow_skip.data),
            terms_days=int(self.terms_days.data),
            address=self._address(),
            dates=parse_dates(self.dates.data) if self.frequency.data == Frequency.DATES else (),
        )

    def _address(self) -> ContractAddress:
        """The delivery address, its regions chosen from the official lists (by name)."""
        names = self.region_names()
        return self.values_for(
            ContractAddress,
            **{level: names[level] for level in ("province", "regency", "district", "village")},
        )

    def fill_regions_by_name(self, version) -> None:
        """Preselect the regions a contract version names (it keeps the official names)."""
        parent = None
        for field, level in zip(
            self.region_fields, ("province", "regency", "district", "village"), strict=True
        ):
            region = (
                regions.find(getattr(version, level) or "", parent)
                if (parent or level == "province")
                else None
            )
            field.data = region.code if region else None
            parent = region.code if region else None
        self.fill_region_choices()


class ProposalForm(TermsForm):
    offtaker_email = StringField(
        _l("Offtaker's email address"),
        validators=[DataRequired(_l("This field is required.")), Email(), Length(max=254)],
        filters=[strip],
        description=_l("The email of the offtaker's buyer account on Pasar Koperasi."),
        render_kw={"autocomplete": "off", "inputmode": "email"},
    )
    product_id = SelectField(_l("Product"), coerce=int, validators=[InputRequired()])


def proposal_form(products, **kwargs) -> ProposalForm:
    form = ProposalForm(**kwargs)
    form.product_id.choices = choices((p.id, p.name) for p in products)
    return form


def version_form(version) -> TermsForm:
    """The form for a new version, filled in with `version`'s terms on first display."""
    form = TermsForm()
    if not form.is_submitted():
        for name in (
            "grade", "unit_price", "total_volume", "call_off_quantity", "frequency",
            "start_date", "end_date", "tolerance_pct", "cutoff_days", "allow_skip",
            "below_grade", "below_grade_price", "recipient_name", "recipient_phone",
            "delivery_address", "postal_code",
        ):  # fmt: skip
            form[name].data = getattr(version, name)
        form.fill_regions_by_name(version)
        form.terms_days.data = str(version.terms_days)
        form.dates.data = "\n".join(d.isoformat() for d in version.date_list)
    return form


class AnswerForm(BaseForm):
    """Accept the proposal (the button only)."""


class ChangesForm(BaseForm):
    message = reason_field(_l("What should change?"), _l("Say what should change."))


class CallOffForm(BaseForm):
    quantity = WholeNumberField(
        _l("Quantity"),
        validators=[
            Optional(),
            NumberRange(1, MAX_QUANTITY, _l("Enter a quantity of at least 1.")),
        ],
        render_kw={"inputmode": "numeric"},
    )
    action = SelectField(
        choices=choices((("change", "change"), ("skip", "skip"))), default="change"
    )
