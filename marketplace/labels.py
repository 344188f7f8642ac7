"""Translated labels for stored codes (statuses, kinds, units), for templates and forms."""

from collections.abc import Callable

from flask_babel import get_locale, ngettext
from flask_babel import lazy_gettext as _l

from marketplace.formatting import number

STATUS_LABELS = {
    # orders
    "placed": _l("Placed"),
    "confirmed": _l("Confirmed"),
    "allocating": _l("Allocating"),
    "in_production": _l("In production"),
    "ready": _l("Ready"),
    "shipped": _l("Shipped"),
    "delivered": _l("Delivered"),
    "completed": _l("Completed"),
    "cancelled": _l("Cancelled"),
    # orders not paid in time, and assignments not answered in time
    "expired": _l("Expired"),
    "refunded": _l("Refunded"),
    # cooperatives
    "pending": _l("Awaiting verification"),
    "verified": _l("Verified"),
    "rejected": _l("Rejected"),
    "suspended": _l("Suspended"),
    # products
    "draft": _l("Draft"),
    "published": _l("Published"),
    "archived": _l("Archived"),
    # assignments
    "proposed": _l("Proposed"),
    "accepted": _l("Accepted"),
    "declined": _l("Declined"),
    "delivered_to_hub": _l("Delivered to hub"),
    "passed": _l("Passed QC"),
    "partly_rejected": _l("Partly rejected"),
}
# An assignment's statuses say who said no: the member (declined) or quality control (rejected,
# partly rejected), so that "Ditolak" and "Ditolak sebagian" never look like one thing.
ASSIGNMENT_STATUS_LABELS = STATUS_LABELS | {
    "declined": _l("Turned down by the member"),
    "expired": _l("Not answered in time"),
    "partly_rejected": _l("Partly failed QC"),
    "rejected": _l("Failed QC"),
}

PAYMENT_METHOD_LABELS = {
    "bank_transfer": _l("Bank transfer"),
    "card": _l("Card (Stripe)"),
    "invoice_terms": _l("Invoice terms (tempo)"),
}

AUDIT_LABELS = {
    "order.payment_reminded": _l("Payment reminder sent"),
    "allocation.published": _l("Allocation published"),
    "allocation.reallocated": _l("Open units offered again"),
    "allocation.assigned_by_hand": _l("Assigned by hand"),
    "assignment.accepted": _l("Accepted"),
    "assignment.declined": _l("Turned down by the member"),
    "assignment.expired": _l("Not answered in time"),
    "assignment.in_production": _l("In production"),
    "assignment.delivered_to_hub": _l("Delivered to hub"),
    "assignment.checked": _l("Quality control"),
}
CAUSE_LABELS = {
    "declined": _l("after a decline"),
    "expired": _l("after an expired deadline"),
    "rejected": _l("after a rejection at quality control"),
    "admin": _l("asked by the admin"),
}

UNIT_LABELS = {
    "pcs": _l("pcs"),
    "kodi": _l("kodi (20 pcs)"),
    "lusin": _l("dozen (12 pcs)"),
    "gros": _l("gross (144 pcs)"),
    "kg": _l("kg"),
    "ton": _l("ton"),
    "meter": _l("metre"),
    "sesi": _l("session"),
    "jam": _l("hour"),
    "hari": _l("day"),
}

# "11 sessions", "1 session"; Indonesian does not inflect ("11 sesi"). A kodi, dozen or gross
# is named without its size here: "3 kodi (20 pcs)" would read as 20 pieces in all.
_QUANTITY_FORMS: dict[str, Callable[[int, str], str]] = {
    "pcs": lambda n, num: ngettext("%(count)s pc", "%(count)s pcs", n, count=num),
    "kodi": lambda n, num: ngettext("%(count)s kodi", "%(count)s kodi", n, count=num),
    "lusin": lambda n, num: ngettext("%(count)s dozen", "%(count)s dozen", n, count=num),
    "gros": lambda n, num: ngettext("%(count)s gross", "%(count)s gross", n, count=num),
    "kg": lambda n, num: ngettext("%(count)s kg", "%(count)s kg", n, count=num),
    "ton": lambda n, num: ngettext("%(count)s ton", "%(count)s tons", n, count=num),
    "meter": lambda n, num: ngettext("%(count)s metre", "%(count)s metres", n, count=num),
    "sesi": lambda n, num: ngettext("%(count)s session", "%(count)s sessions", n, count=num),
    "jam": lambda n, num: ngettext("%(count)s hour", "%(count)s hours", n, count=num),
    "hari": lambda n, num: ngettext("%(count)s day", "%(count)s days", n, count=num),
}

KIND_LABELS = {
    "producer": _l("Producer cooperative"),
    "marketing": _l("Marketing cooperative"),
    "consumer": _l("Consumer cooperative"),
    "service": _l("Service cooperative"),
    "multi_business": _l("Multi-business cooperative (KSU)"),
    "goods": _l("Goods"),
    # product kind "service" shares the code with the cooperative kind; context tells them apart
}

TIME_ZONE_LABELS = {
    "Asia/Jakarta": _l("WIB (Asia/Jakarta, UTC+7)"),
    "Asia/Makassar": _l("WITA (Asia/Makassar, UTC+8)"),
    "Asia/Jayapura": _l("WIT (Asia/Jayapura, UTC+9)"),
}

POLICY_LABELS = {
    "proportional": _l("Proportional to capacity"),
    "equal": _l("Equal shares (merata)"),
    "rotation": _l("Rotation (evens out work over time)"),
}


COMPLAINT_PROBLEM_LABELS = {
    "short": _l("Fewer units than shipped"),
    "damaged": _l("Damaged"),
    "wrong_grade": _l("Wrong grade or quality"),
}
COMPLAINT_STATUS_LABELS = {
    "open": _l("Waiting for the cooperative"),
    "refunded": _l("Partly refunded"),
    "replaced": _l("Replacement sent"),
    "rejected": _l("Not accepted"),
}


def complaint_problem_label(code: str) -> str:
    return str(COMPLAINT_PROBLEM_LABELS.get(code, code))


def complaint_status_label(code: str) -> str:
    return str(COMPLAINT_STATUS_LABELS.get(code, code))


def payment_method_label(code: str) -> str:
    return str(PAYMENT_METHOD_LABELS.get(code, code))


DELIVERY_METHOD_LABELS = {
    "pickup": _l("Pickup at the cooperative's hub"),
    "own_delivery": _l("Delivery by the cooperative"),
    "courier": _l("Courier"),
}

COURIER_LABELS = {
    "jne": "JNE",
    "jnt": "J&T Express",
    "sicepat": "SiCepat",
    "pos": "Pos Indonesia",
    "cargo": _l("Cargo"),
    "other": _l("Other courier"),
}


def courier_label(code: str) -> str:
    return str(COURIER_LABELS.get(code, code))


def delivery_label(method: str, courier: str | None = None) -> str:
    """How the goods travel: "Pickup at the cooperative's hub", "Courier: JNE"."""
    label = str(DELIVERY_METHOD_LABELS.get(method, method))
    return f"{label}: {courier_label(courier)}" if courier else label


# Columns of the cooperative admin's order export (orders/export.py), in the user's language.
ORDER_EXPORT_HEADERS = (
    _l("Order number"),
    _l("Placed at"),
    _l("Status"),
    _l("Buyer"),
    _l("Buyer email"),
    _l("Products"),
    _l("Subtotal"),
    _l("Delivery"),
    _l("Delivery fee"),
    _l("VAT (PPN)"),
    _l("Total"),
    _l("Paid"),
    _l("Payment method"),
    _l("Delivery date"),
    _l("Recipient"),
    _l("Phone"),
    _l("Address"),
    _l("PO number"),
)


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def assignment_status_label(code: str) -> str:
    return str(ASSIGNMENT_STATUS_LABELS.get(code, code))


def unit_label(code: str) -> str:
    return str(UNIT_LABELS.get(code, code))


def quantity(n: int, unit: str) -> str:
    """A number of units in the current language: "1 session", "11 sessions", "11 sesi"."""
    num = number(n, str(get_locale()))
    form = _QUANTITY_FORMS.get(unit)
    return form(int(n), num) if form else f"{num} {unit_label(unit)}"
