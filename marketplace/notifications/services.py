"""In-app notifications (and an email copy when MAIL_SERVER is set).

notify() adds to the caller's transaction and never commits; the email goes out only after that
transaction commits, so a rolled-back use case never mails anybody.
"""

from datetime import datetime

from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from marketplace.accounts.models import User
from marketplace.cooperatives.models import TimeZone
from marketplace.db import utcnow
from marketplace.extensions import db
from marketplace.formatting import local_datetime, rupiah
from marketplace.labels import courier_label, unit_label
from marketplace.mail import queue_mail
from marketplace.notifications.models import Notification
from marketplace.transaction import transaction

MESSAGES = {
    # buyers
    "order.paid": _l("We received %(amount)s for order %(order)s."),
    "order.confirmed": _l(
        "Order %(order)s is confirmed: %(cooperative)s now plans the work with its members."
    ),
    "order.allocated": _l(
        "Order %(order)s: %(cooperative)s has shared the work out among its members."
    ),
    "order.in_production": _l("Order %(order)s is in production at %(cooperative)s."),
    "order.ready": _l("Order %(order)s is ready: everything passed quality control."),
    "order.shipped": _l("Order %(order)s is on its way."),
    "order.delivered": _l("Order %(order)s is delivered."),
    "order.completed": _l("Order %(order)s is completed. Thank you!"),
    "order.cancelled": _l("Order %(order)s is cancelled."),
    "order.cancelled_by_coop": _l("%(cooperative)s cancelled order %(order)s: %(reason)s"),
    "order.expired": _l(
        "Order %(order)s expired: it was not paid in time and the reserved goods were released."
    ),
    "order.refunded": _l("%(amount)s of order %(order)s was refunded to you."),
    "order.payment_due": _l(
        "Order %(order)s is not paid yet: please pay %(amount)s before %(deadline)s, or the "
        "order expires."
    ),
    "shipment.sent": _l(
        "Shipment %(shipment)s of order %(order)s is on its way with %(courier)s "
        "(tracking number %(resi)s)."
    ),
    "shipment.received": _l("Shipment %(shipment)s of order %(order)s is recorded as received."),
    "complaint.refunded": _l(
        "Your complaint about %(product)s (order %(order)s) is answered: %(amount)s is refunded."
    ),
    "complaint.replaced": _l(
        "Your complaint about %(product)s (order %(order)s) is answered: a replacement is on "
        "its way."
    ),
    "complaint.rejected": _l(
        "Your complaint about %(product)s (order %(order)s) was not accepted: %(note)s"
    ),
    "order.delivery_quoted": _l(
        "%(cooperative)s quoted the delivery fee of order %(order)s: the total is now "
        "%(amount)s. You can pay it now."
    ),
    "rfq.quoted": _l("%(cooperative)s quoted %(amount)s per unit for %(title)s."),
    "rfq.declined": _l("%(cooperative)s declined your request for %(title)s: %(reason)s"),
    "rfq.message_to_buyer": _l("%(cooperative)s wrote about your request for %(title)s."),
    # members and cooperative admins
    "admin.quote_delivery": _l(
        "Order %(order)s is to go by %(courier)s: quote the delivery fee so the buyer can pay."
    ),
    "work.offered": _l(
        "New work for you: %(quantity)s %(unit)s of %(product)s for order %(order)s. "
        "Accept or decline it before the deadline."
    ),
    "work.expired": _l(
        "You did not answer in time for %(quantity)s %(unit)s of %(product)s (order %(order)s); "
        "the work was offered to other members."
    ),
    "work.checked": _l(
        "Quality control for order %(order)s (%(product)s): %(accepted)s accepted, "
        "%(rejected)s rejected."
    ),
    "admin.accepted": _l(
        "%(member)s accepted %(quantity)s %(unit)s of %(product)s (order %(order)s)."
    ),
    "admin.declined": _l(
        "%(member)s declined %(quantity)s %(unit)s of %(product)s (order %(order)s)."
    ),
    "admin.expired": _l(
        "%(member)s did not answer in time for %(quantity)s %(unit)s of %(product)s "
        "(order %(order)s)."
    ),
    "admin.reallocated": _l(
        "%(quantity)s %(unit)s of %(product)s (order %(order)s) were offered again to "
        "other members."
    ),
    "admin.shortfall": _l(
        "%(quantity)s %(unit)s of %(product)s (order %(order)s) could not be placed: no "
        "remaining member has capacity. Ask members to raise their offers, then offer it again."
    ),
    "admin.in_production": _l("Members accepted all the work of order %(order)s."),
    "admin.ready": _l("Order %(order)s is ready: every line passed quality control."),
    "admin.received": _l("The buyer confirmed receipt of shipment %(shipment)s (order %(order)s)."),
    "admin.complaint": _l(
        "The buyer reported a problem with %(product)s in shipment %(shipment)s (order "
        "%(order)s). Answer it from the order page."
    ),
    "rfq.received": _l(
        "%(buyer)s asks for a quote: %(quantity)s %(unit)s of %(title)s. Answer with a quote "
        "or decline."
    ),
    "rfq.accepted": _l("The buyer accepted your quote for %(title)s: order %(order)s is placed."),
    "rfq.closed": _l("The buyer chose another quote for %(title)s; this request is closed."),
    "rfq.message_to_coop": _l("%(buyer)s wrote about the request for %(title)s."),
    "member.paid": _l(
        "%(cooperative)s transferred %(amount)s to you (reference %(reference)s). Your "
        "statement shows it."
    ),
    "member.shu": _l(
        "%(cooperative)s approved the SHU of %(year)s: %(amount)s is credited to your balance."
    ),
    "cooperative.suspended": _l(
        "The platform admin suspended %(cooperative)s. Reason: %(reason)s. It no longer appears "
        "in the catalogue and takes no new orders; finish your open orders as usual."
    ),
    "cooperative.reinstated": _l(
        "The platform admin reinstated %(cooperative)s. Reason: %(reason)s. Its published "
        "products are back in the catalogue and it takes orders again."
    ),
    # offtake contracts
    "contract.proposed": _l(
        "%(cooperative)s proposes contract %(contract)s (version %(version)s) for "
        "%(product)s. Read the terms and accept them or ask for changes."
    ),
    "contract.changes_requested": _l(
        "%(offtaker)s asked for changes to version %(version)s of contract %(contract)s."
    ),
    "contract.accepted": _l(
        "%(offtaker)s accepted version %(version)s of contract %(contract)s: it is in force."
    ),
    "contract.call_off_changed": _l(
        "%(offtaker)s changed the call-off of %(date)s (contract %(contract)s) to "
        "%(quantity)s %(unit)s."
    ),
    "contract.call_off_skipped": _l(
        "%(offtaker)s skipped the call-off of %(date)s (contract %(contract)s)."
    ),
    "contract.call_off_ordered": _l(
        "Call-off of %(date)s under contract %(contract)s: order %(order)s of %(quantity)s "
        "%(unit)s of %(product)s is placed and confirmed on invoice terms."
    ),
    "contract.call_off_failed": _l(
        "The call-off of %(date)s (contract %(contract)s, %(quantity)s %(unit)s) could not be "
        "ordered: %(problem)s"
    ),
    "contract.call_off_short": _l(
        "Capacity falls %(short)s %(unit)s short for the call-off of %(date)s (contract "
        "%(contract)s). Ask members to raise their offers."
    ),
}


def notify(
    user: User, kind: str, link: str, *, time_zone: str = TimeZone.WIB, **params
) -> Notification:
    """Add a notification for `user` to the current transaction; `time_zone` is that of the
    cooperative it concerns, in which its time is shown."""
    note = Notification(
        user_id=user.id,
        kind=kind,
        params=params,
        link=link,
        created_at=utcnow(),
        time_zone=time_zone,
    )
    db.session.add(note)
    if user.email:
        with force_locale(user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            queue_mail(user.email, str(_l("Pasar Koperasi: new notification")), message(note))
    return note


def message(note: Notification) -> str:
    """The notification's text in the current language."""
    params = dict(note.params or {})
    locale = str(get_locale() or "id")
    if "unit" in params:
        params["unit"] = unit_label(params["unit"])
    if "courier" in params:
        params["courier"] = courier_label(params["courier"])
    if "amount" in params:
        params["amount"] = rupiah(params["amount"], locale)
    if "deadline" in params:
        moment = datetime.fromisoformat(params["deadline"])
        params["deadline"] = local_datetime(moment, params.get("tz", TimeZone.WIB), locale)
    template = MESSAGES.get(note.kind)
    return str(template) % params if template is not None else note.kind


def unread_count(user: User) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    )


def mark_all_read(user: User) -> int:
    """Mark the user's unread notifications read; how many there were."""
    with transaction():
        result = db.session.execute(
            update(Notification)
            .where(Notification.user_id == user.id, Notification.read_at.is_(None))
            .values(read_at=utcnow())
        )
    return result.rowcount
