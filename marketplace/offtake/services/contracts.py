"""Proposing a contract, answering it, and new versions of its terms."""

from dataclasses import asdict, dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from marketplace import signals
from marketplace.accounts.models import User
from marketplace.audit.services import record
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.cooperatives.models import Cooperative, Membership
from marketplace.db import utcnow
from marketplace.errors import InvalidTransition, NotAllowed, ValidationFailed
from marketplace.extensions import db
from marketplace.limits import MAX_PRICE, MAX_QUANTITY, MAX_REASON_LENGTH
from marketplace.offtake.locks import lock_contract
from marketplace.offtake.models import (
    BelowGrade,
    Contract,
    ContractStatus,
    ContractVersion,
    VersionStatus,
    schedule_terms,
)
from marketplace.offtake.schedule import Frequency, Terms, terms_problems
from marketplace.offtake.services.call_offs import sync_call_offs
from marketplace.offtake.words import terms_message
from marketplace.payments.invoicing import ensure_terms
from marketplace.payments.models import TERMS_DAYS
from marketplace.transaction import transaction


@dataclass(frozen=True)
class ContractAddress:
    recipient_name: str
    recipient_phone: str  # E.164
    province: str
    regency: str
    district: str
    village: str
    delivery_address: str
    postal_code: str


@dataclass(frozen=True)
class ContractTerms:
    """The terms of one version, as the admin enters them (shape checked by the form)."""

    grade: str
    unit_price: int
    total_volume: int
    call_off_quantity: int
    frequency: str
    start_date: date
    end_date: date
    tolerance_pct: int
    cutoff_days: int
    allow_skip: bool
    below_grade: str
    below_grade_price: int | None
    terms_days: int
    address: ContractAddress
    dates: tuple[date, ...] = field(default=())

    def schedule(self) -> Terms:
        return schedule_terms(self, self.dates)


def check_terms(terms: ContractTerms) -> None:
    """Raise ValidationFailed (on its field) for the first rule the terms break."""
    if terms.frequency not in set(Frequency):
        raise ValidationFailed(_("Choose a schedule."), field="frequency")
    if terms.below_grade not in set(BelowGrade):
        raise ValidationFailed(_("Choose what happens below grade."), field="below_grade")
    if terms.terms_days not in TERMS_DAYS:
        raise ValidationFailed(_("Choose 14 or 30 days."), field="terms_days")
    if not (terms.unit_price <= MAX_PRICE and terms.total_volume <= MAX_QUANTITY):
        raise ValidationFailed(_("This number is too large."), field="total_volume")
    problems = terms_problems(terms.schedule())
    if problems:
        message, name = terms_message(problems[0])
        raise ValidationFailed(message, field=name)


def _check_lead_time(product: Product, terms: ContractTerms) -> None:
    if terms.cutoff_days < product.lead_time_days:
        raise ValidationFailed(
            _(
                "The cut-off must leave the product's lead time: at least %(days)s days.",
                days=product.lead_time_days,
            ),
            field="cutoff_days",
        )


def _version(contract: Contract, number: int, terms: ContractTerms, actor: User):
    columns = asdict(terms)
    address = columns.pop("address")
    dates = columns.pop("dates")
    if terms.below_grade != BelowGrade.DISCOUNT:
        columns["below_grade_price"] = None
    version = ContractVersion(
        contract=contract,
        number=number,
        status=VersionStatus.PROPOSED,
        dates=",".join(d.isoformat() for d in sorted(set(dates)))
        if terms.frequency == Frequency.DATES
        else "",
        proposed_by_id=actor.id,
        **columns,
        **address,
    )
    db.session.add(version)
    return version


def _snapshot(version: ContractVersion) -> dict:
    return {
        "version": version.number,
        "unit_price": version.unit_price,
        "total_volume": version.total_volume,
        "call_off_quantity": version.call_off_quantity,
        "frequency": version.frequency,
        "start": version.start_date.isoformat(),
        "end": version.end_date.isoformat(),
        "tolerance_pct": version.tolerance_pct,
        "cutoff_days": version.cutoff_days,
    }


def _offtaker(coop: Cooperative, email: str) -> User:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise ValidationFailed(
            _("No buyer account has this email address. Ask the offtaker to sign up first."),
            field="offtaker_email",
        )
    in_coop = db.session.scalar(
        select(Membership.id).where(
            Membership.user_id == user.id, Membership.cooperative_id == coop.id
        )
    )
    if in_coop is not None:
        raise ValidationFailed(
            _("This account belongs to the cooperative itself: choose an outside buyer."),
            field="offtaker_email",
        )
    return user


def propose_contract(
    coop: Cooperative, actor: User, offtaker_email: str, product_id: int, terms: ContractTerms
) -> Contract:
    """Propose a contract to the buyer account with this email address: version 1 of its
    terms awaits the offtaker, who is notified. Nothing is written on a refusal."""
    if not coop.takes_orders:
        raise NotAllowed(_("Contracts can be proposed once the cooperative is verified."))
    product = db.session.scalar(
        select(Product).where(
            Product.id == product_id,
            Product.cooperative_id == coop.id,
            Product.status == ProductStatus.PUBLISHED,
        )
    )
    if product is None:
        raise ValidationFailed(_("Choose one of your published products."), field="product_id")
    check_terms(terms)
    _check_lead_time(product, terms)
    offtaker = _offtaker(coop, offtaker_email)
    with transaction():
        contract = Contract(
            cooperative=coop, offtaker=offtaker, product=product, created_by_id=actor.id
        )
        db.session.add(contract)
        version = _version(contract, 1, terms, actor)
        db.session.flush()
        record(
            "contract.proposed",
            contract,
            actor=actor,
            after={"offtaker": offtaker.email, "product": product.id, **_snapshot(version)},
        )
        signals.contract_proposed.send(contract, actor=actor)
    return contract


def revise_contract(contract: Contract, actor: User, terms: ContractTerms) -> ContractVersion:
    """Propose new terms: after the offtaker asked for changes, or as a change of an active
    contract. The terms in force stay in force until the offtaker accepts the new version."""
    check_terms(terms)
    _check_lead_time(contract.product, terms)
    with transaction():
        lock_contract(contract)
        if contract.status == ContractStatus.ENDED:
            raise InvalidTransition(_("This contract has ended."))
        if contract.pending is not None:
            raise InvalidTransition(
                _(
                    "Version %(number)s still awaits the offtaker's answer.",
                    number=contract.latest.number,
                )
            )
        version = _version(contract, contract.latest.number + 1, terms, actor)
        db.session.flush()
        record("contract.revised", contract, actor=actor, after=_snapshot(version))
        signals.contract_proposed.send(contract, actor=actor)
    return version


def _pending_for(contract: Contract, actor: User) -> ContractVersion:
    lock_contract(contract)
    if contract.offtaker_id != actor.id:
        raise NotAllowed(_("Only the offtaker can answer a proposal."))
    pending = contract.pending
    if pending is None:
        raise InvalidTransition(_("There is no proposal awaiting your answer."))
    return pending


def request_changes(contract: Contract, actor: User, message: str) -> ContractVersion:
    """The offtaker asks for changes to the proposed version (with what to change)."""
    message = (message or "").strip()
    if not message or len(message) > MAX_REASON_LENGTH:
        raise ValidationFailed(_("Say what should change."), field="message")
    with transaction():
        pending = _pending_for(contract, actor)
        pending.status = VersionStatus.CHANGES_REQUESTED
        pending.message = message
        pending.answered_by_id, pending.answered_at = actor.id, utcnow()
        record(
            "contract.changes_requested",
            contract,
            actor=actor,
            after={"version": pending.number, "message": message},
        )
        signals.contract_changes_requested.send(contract, actor=actor)
    return pending


def accept_version(contract: Contract, actor: User) -> ContractVersion:
    """The offtaker accepts the proposed version: it is in force from now (the one before is
    kept as replaced), the contract is active, the offtaker pays its call-offs on the agreed
    invoice terms and the coming call-offs follow the new schedule."""
    with transaction():
        pending = _pending_for(contract, actor)
        previous = contract.terms
        if pending.end_date < contract.cooperative.local_date():
            raise InvalidTransition(_("This proposal's end date has passed."))
        if previous is not None:
            previous.status = VersionStatus.SUPERSEDED
        pending.status = VersionStatus.ACCEPTED
        pending.answered_by_id, pending.answered_at = actor.id, utcnow()
        contract.status = ContractStatus.ACTIVE
        db.session.flush()
        ensure_terms(contract.cooperative, contract.offtaker, pending.terms_days, actor)
        record(
            "contract.accepted",
            contract,
            actor=actor,
            before=_snapshot(previous) if previous else None,
            after=_snapshot(pending),
        )
        sync_call_offs(contract, pending)
        signals.contract_accepted.send(contract, actor=actor)
    return pending
