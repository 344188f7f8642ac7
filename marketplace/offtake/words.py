"""Words for the codes of the pure offtake modules, in the user's language."""

from flask_babel import lazy_gettext as _l

from marketplace.offtake import schedule
from marketplace.offtake.models import BelowGrade, CallOffStatus, ContractStatus, VersionStatus
from marketplace.offtake.schedule import ChangeProblem, Frequency, TermsProblem

# problem -> (message, form field it belongs to)
TERMS_MESSAGES = {
    TermsProblem.END_BEFORE_START: (_l("The end date is before the start date."), "end_date"),
    TermsProblem.TOO_LONG: (
        _l("A contract runs at most %(max_days)s days."),
        "end_date",
    ),
    TermsProblem.VOLUME_NOT_POSITIVE: (_l("Enter a total volume of at least 1."), "total_volume"),
    TermsProblem.QUANTITY_NOT_POSITIVE: (
        _l("Enter a quantity per call-off of at least 1."),
        "call_off_quantity",
    ),
    TermsProblem.QUANTITY_ABOVE_VOLUME: (
        _l("The quantity per call-off is more than the total volume."),
        "call_off_quantity",
    ),
    TermsProblem.TOLERANCE_RANGE: (
        _l("The tolerance is a percentage from 0 to 100."),
        "tolerance_pct",
    ),
    TermsProblem.CUTOFF_RANGE: (
        _l("The cut-off is from 0 to %(max_cutoff)s days before delivery."),
        "cutoff_days",
    ),
    TermsProblem.NO_DATES: (
        _l("The schedule has no delivery date between the start and the end."),
        "dates",
    ),
    TermsProblem.TOO_MANY_DATES: (
        _l("The schedule has more than %(max_dates)s delivery dates."),
        "dates",
    ),
    TermsProblem.DATE_OUTSIDE: (
        _l("Every delivery date must lie between the start and the end."),
        "dates",
    ),
    TermsProblem.PRICE_NOT_POSITIVE: (_l("Enter a unit price of at least Rp1."), "unit_price"),
    TermsProblem.BELOW_GRADE_PRICE: (
        _l("The price below grade must be more than 0 and less than the unit price."),
        "below_grade_price",
    ),
}

TERMS_PARAMS = {
    "max_days": schedule.MAX_CONTRACT_DAYS,
    "max_cutoff": schedule.MAX_CUTOFF_DAYS,
    "max_dates": schedule.MAX_DATES,
}


def terms_message(problem: TermsProblem) -> tuple[str, str]:
    """The problem's sentence in the current language, and its form field."""
    message, field = TERMS_MESSAGES[problem]
    return str(message) % TERMS_PARAMS, field


CHANGE_MESSAGES = {
    ChangeProblem.AFTER_CUTOFF: _l(
        "The cut-off for this call-off has passed: it can no longer be changed."
    ),
    ChangeProblem.OUTSIDE_TOLERANCE: _l(
        "Outside the contract's tolerance: enter from %(low)s to %(high)s."
    ),
    ChangeProblem.SKIP_NOT_ALLOWED: _l("This contract does not allow skipping a call-off."),
    ChangeProblem.NOT_OPEN: _l("This call-off is no longer open to changes."),
}

FREQUENCY_LABELS = {
    Frequency.WEEKLY: _l("Weekly"),
    Frequency.BIWEEKLY: _l("Every two weeks"),
    Frequency.MONTHLY: _l("Monthly"),
    Frequency.DATES: _l("On a list of dates"),
}

BELOW_GRADE_LABELS = {
    BelowGrade.REJECT: _l("Rejected"),
    BelowGrade.DISCOUNT: _l("Accepted at a lower price"),
}

CONTRACT_STATUS_LABELS = {
    ContractStatus.PROPOSED: _l("Proposed"),
    ContractStatus.ACTIVE: _l("Active"),
    ContractStatus.ENDED: _l("Ended"),
}

VERSION_STATUS_LABELS = {
    VersionStatus.PROPOSED: _l("Awaits the offtaker"),
    VersionStatus.CHANGES_REQUESTED: _l("Changes requested"),
    VersionStatus.ACCEPTED: _l("In force"),
    VersionStatus.SUPERSEDED: _l("Replaced"),
}

CALL_OFF_STATUS_LABELS = {
    CallOffStatus.SCHEDULED: _l("Scheduled"),
    CallOffStatus.SKIPPED: _l("Skipped"),
    CallOffStatus.ORDERED: _l("Ordered"),
    CallOffStatus.FAILED: _l("Not placed"),
}
