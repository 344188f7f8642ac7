"""Translated labels for stored codes (statuses, kinds, units), for templates and forms."""

from flask_babel import lazy_gettext as _l

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
    "passed": _l("Passed QC"),
    "partly_rejected": _l("Partly failed QC"),
    "rejected": _l("Failed QC"),
}

AUDIT_LABELS = {
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

KIND_LABELS = {
    "producer": _l("Producer cooperative"),
    "marketing": _l("Marketing cooperative"),
    "consumer": _l("Consumer cooperative"),
    "service": _l("Service cooperative"),
    "multi_business": _l("Multi-business cooperative (KSU)"),
    "goods": _l("Goods"),
    # product kind "service" shares the code with the cooperative kind; context tells them apart
}

POLICY_LABELS = {
    "proportional": _l("Proportional to capacity"),
    "equal": _l("Equal shares (merata)"),
    "rotation": _l("Rotation (evens out work over time)"),
}


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


def assignment_status_label(code: str) -> str:
    return str(ASSIGNMENT_STATUS_LABELS.get(code, code))


def unit_label(code: str) -> str:
    return str(UNIT_LABELS.get(code, code))
