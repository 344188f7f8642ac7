"""Forms of the savings and SHU pages: shape only; the services enforce the rules."""

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from marketplace.finance.savings_models import SavingsKind
from marketplace.finance.savings_services import PERIODS
from marketplace.finance.shu_queries import FUND_KEYS
from marketplace.forms import (
    BaseForm,
    BoundedDateField,
    WholeNumberField,
    choices,
    strip,
    text_field,
)
from marketplace.limits import MAX_PRICE

KIND_LABELS = {
    SavingsKind.POKOK: _l("Principal (pokok)"),
    SavingsKind.WAJIB: _l("Compulsory (wajib)"),
    SavingsKind.SUKARELA: _l("Voluntary (sukarela)"),
}
FUND_LABELS = {
    "cadangan": _l("Reserve (cadangan)"),
    "jasa_usaha": _l("Member services (jasa usaha)"),
    "jasa_modal": _l("Member capital (jasa modal)"),
    "pengurus": _l("Board (pengurus)"),
    "karyawan": _l("Staff (karyawan)"),
    "pendidikan": _l("Education (pendidikan)"),
    "sosial": _l("Social (sosial)"),
    "pembangunan_daerah": _l("Regional development"),
}
PERIOD_LABELS = {1: _l("Monthly"), 3: _l("Quarterly"), 6: _l("Every six months"), 12: _l("Yearly")}


def _rupiah(label, *, required: bool = True, low: int = 0) -> WholeNumberField:
    first = InputRequired() if required else Optional()
    return WholeNumberField(
        label,
        thousands=True,
        validators=[first, NumberRange(low, MAX_PRICE, _l("Enter the amount in whole rupiah."))],
        render_kw={"inputmode": "numeric"},
    )


class SavingsSettingsForm(BaseForm):
    pokok_amount = _rupiah(_l("Principal savings (pokok), once on joining (Rp)"))
    wajib_amount = _rupiah(_l("Compulsory savings (wajib) per period (Rp)"))
    wajib_period_months = SelectField(
        _l("Wajib period"), coerce=int, choices=choices(PERIOD_LABELS.items())
    )
    wajib_since = BoundedDateField(_l("Wajib is owed from"), validators=[InputRequired()])
    submit = SubmitField(_l("Save the settings"))


class SavingsEntryForm(BaseForm):
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS.items()), default="wajib")
    direction = RadioField(
        _l("Movement"),
        choices=choices([("deposit", _l("Deposit")), ("withdrawal", _l("Withdrawal"))]),
        default="deposit",
    )
    amount = _rupiah(_l("Amount (Rp)"), low=1)
    booked_on = BoundedDateField(_l("Date"), validators=[InputRequired()])
    memo = text_field(_l("Note"), 200)
    submit = SubmitField(_l("Record"))


def _basis_points(text: str) -> int | None:
    """'25', '2,5' or '2.5' (per cent, at most two decimals) as basis points; else None."""
    raw = (text or "").strip().replace(",", ".").removesuffix("%").strip()
    if raw == "" or len(raw) > 8 or not raw.isascii():
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return None
    if not value.is_finite() or not 0 <= value <= 100:  # also NaN, sNaN and Infinity
        return None
    points = value * 100
    return int(points) if points == points.to_integral_value() else None


class _PolicyForm(BaseForm):
    sukarela_counts = BooleanField(_l("Voluntary savings (sukarela) count for jasa modal"))
    submit = SubmitField(_l("Save the policy"))

    def funds(self) -> list[tuple[str, int]] | None:
        """(key, basis points) per fund, or None with an error on each unreadable field."""
        result, ok = [], True
        for key in FUND_KEYS:
            field = self[f"fund_{key}"]
            points = _basis_points(field.data)
            if points is None:
                field.errors = [*field.errors, str(_l("Enter a percentage from 0 to 100."))]
                ok = False
            else:
                result.append((key, points))
        return result if ok else None


def policy_form(**kwargs) -> _PolicyForm:
    class PolicyForm(_PolicyForm):
        pass

    for key in FUND_KEYS:
        field = StringField(
            FUND_LABELS[key],
            validators=[Length(max=8)],
            filters=[strip],
            render_kw={"inputmode": "decimal"},
        )
        setattr(PolicyForm, f"fund_{key}", field)
    return PolicyForm(**kwargs)


class ShuDraftForm(BaseForm):
    amount = _rupiah(_l("SHU to share (Rp)"))
    expenses = _rupiah(_l("Expenses of the year (Rp)"))
    submit = SubmitField(_l("Save the amount"))


class ApproveForm(BaseForm):
    submit = SubmitField(_l("Approve and credit members"))


assert set(PERIODS) == set(PERIOD_LABELS)
