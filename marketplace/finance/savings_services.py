"""The treasurer's savings use cases: the settings, deposits and withdrawals.

Each commits once through transaction(), locks the member's Membership row (finance.locks)
before it reads a balance, and writes an AuditEvent. Promises: a withdrawal never takes a
balance of a kind below zero; a current member withdraws only sukarela; pokok is paid once.
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.cooperatives.models import (
    Cooperative,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from marketplace.errors import ValidationFailed
from marketplace.extensions import db
from marketplace.finance import savings_queries as queries
from marketplace.finance.locks import lock_members
from marketplace.finance.savings_models import SavingsEntry, SavingsKind, SavingsSettings
from marketplace.limits import FIRST_DATE, MAX_PRICE
from marketplace.locking import lock_rows
from marketplace.transaction import transaction

PERIODS = (1, 3, 6, 12)


@dataclass(frozen=True)
class SettingsInput:
    pokok_amount: int
    wajib_amount: int
    wajib_period_months: int
    wajib_since: date


@dataclass(frozen=True)
class SavingsMovement:
    kind: str  # a SavingsKind
    amount: int  # positive rupiah
    withdrawal: bool
    booked_on: date
    memo: str = ""


def save_settings(coop: Cooperative, actor: User, data: SettingsInput) -> SavingsSettings:
    """Set the pokok amount and the wajib amount and period (from `wajib_since`)."""
    if not (0 <= data.pokok_amount <= MAX_PRICE and 0 <= data.wajib_amount <= MAX_PRICE):
        raise ValidationFailed(_l("Enter the amount in whole rupiah."))
    if data.wajib_period_months not in PERIODS:
        raise ValidationFailed(_l("Choose a period."), field="wajib_period_months")
    if data.wajib_since < FIRST_DATE:
        raise ValidationFailed(_l("Enter a later date."), field="wajib_since")
    with transaction():
        settings = queries.settings_of(coop)
        before = _settings_dict(settings) if settings else None
        if settings is None:
            settings = SavingsSettings(cooperative_id=coop.id)
            db.session.add(settings)
        else:
            lock_rows(SavingsSettings, [settings.id])
        settings.pokok_amount, settings.wajib_amount = data.pokok_amount, data.wajib_amount
        settings.wajib_period_months, settings.wajib_since = (
            data.wajib_period_months,
            data.wajib_since,
        )
        db.session.flush()
        record(
            "savings.settings", settings, actor=actor, before=before, after=_settings_dict(settings)
        )
    return settings


def _settings_dict(settings: SavingsSettings) -> dict:
    return {
        "pokok": settings.pokok_amount,
        "wajib": settings.wajib_amount,
        "period_months": settings.wajib_period_months,
        "since": settings.wajib_since.isoformat(),
    }


def _check_movement(membership: Membership, move: SavingsMovement) -> None:
    if move.kind not in set(SavingsKind):
        raise ValidationFailed(_l("Choose a kind of savings."), field="kind")
    if not 0 < move.amount <= MAX_PRICE:
        raise ValidationFailed(_l("Enter the amount in whole rupiah."), field="amount")
    if not FIRST_DATE <= move.booked_on <= membership.cooperative.local_date():
        raise ValidationFailed(_l("The date cannot be in the future."), field="booked_on")
    if membership.role != MembershipRole.MEMBER:
        raise ValidationFailed(_l("Only producing members have savings."))
    current = membership.status == MembershipStatus.ACTIVE
    if move.withdrawal and current and move.kind != SavingsKind.SUKARELA:
        raise ValidationFailed(
            _l("A current member may withdraw only voluntary savings (sukarela)."), field="kind"
        )


def _check_balance(membership: Membership, move: SavingsMovement) -> None:
    """Read after the member's row is locked: what the movement may do to the balance."""
    held = queries.kind_balance(membership.id, move.kind)
    if move.withdrawal and move.amount > held:
        raise ValidationFailed(
            _l("A withdrawal cannot take the balance below zero."), field="amount"
        )
    if not move.withdrawal and move.kind == SavingsKind.POKOK:
        if held > 0:
            raise ValidationFailed(_l("This member has paid pokok already."), field="kind")
        settings = queries.settings_of(membership.cooperative)
        if settings and settings.pokok_amount and move.amount != settings.pokok_amount:
            raise ValidationFailed(
                _l("Pokok is the same for every member: enter the amount in the settings."),
                field="amount",
            )


def record_movement(membership: Membership, actor: User, move: SavingsMovement) -> SavingsEntry:
    """A deposit or withdrawal of one kind for the member, on the date the money changed
    hands. Refused (ValidationFailed, nothing written) by the rules in the module doc."""
    _check_movement(membership, move)
    with transaction():
        lock_members([membership.id])
        _check_balance(membership, move)
        entry = SavingsEntry(
            cooperative_id=membership.cooperative_id,
            membership_id=membership.id,
            kind=move.kind,
            amount=-move.amount if move.withdrawal else move.amount,
            booked_on=move.booked_on,
            created_by_id=actor.id,
            memo=(move.memo or "").strip()[:500],
        )
        db.session.add(entry)
        db.session.flush()
        record(
            "savings.withdrawal" if move.withdrawal else "savings.deposit",
            entry,
            actor=actor,
            after={
                "member": membership.id,
                "kind": entry.kind,
                "amount": entry.amount,
                "booked_on": entry.booked_on.isoformat(),
            },
        )
    return entry
