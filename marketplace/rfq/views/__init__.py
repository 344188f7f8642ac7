"""The RFQ blueprint: buyer pages under /permintaan/, cooperative admin pages under
/kelola/<slug>/permintaan/. Shared here: status labels, saving checked files, serving them."""

from flask import Blueprint, flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from marketplace.errors import ValidationFailed
from marketplace.rfq import services
from marketplace.rfq.attachments import MAX_ATTACHMENTS, AttachmentRejected, check_attachment
from marketplace.rfq.services import StoredFile
from marketplace.storage import storage
from marketplace.views import domain_errors, undone_if_refused

bp = Blueprint("rfq", __name__)

RECIPIENT_STATUS_LABELS = {
    "awaiting": _l("Waiting for an answer"),
    "quoted": _l("Quoted"),
    "declined": _l("Declined"),
    "accepted": _l("Accepted"),
    "closed": _l("Closed"),
}
RFQ_STATUS_LABELS = {"open": _l("Open"), "accepted": _l("Ordered")}
ATTACHMENT_REJECTIONS = {
    "empty": _l("The file is empty."),
    "too_large": _l("A file may be at most 5 MB."),
    "too_many_pixels": _l("The photo has too many pixels; send a smaller one."),
    "not_image": _l("Only photos (JPEG, PNG, WebP) or PDF files can be attached."),
    "bad_pdf": _l("This file says it is a PDF but cannot be read as one."),
}


@bp.app_template_global()
def rfq_recipient_status(code: str) -> str:
    return str(RECIPIENT_STATUS_LABELS.get(code, code))


@bp.app_template_global()
def rfq_status(code: str) -> str:
    return str(RFQ_STATUS_LABELS.get(code, code))


def save_files(files: list[FileStorage]) -> list[StoredFile]:
    """Check and store the uploaded files; raises ValidationFailed (nothing stored then)."""
    chosen = [f for f in files if f and f.filename]
    if len(chosen) > MAX_ATTACHMENTS:
        raise ValidationFailed(_("Attach at most 4 files."), field="attachments")
    checked = []
    for f in chosen:
        try:
            checked.append((f.filename, check_attachment(f.read())))
        except AttachmentRejected as exc:
            raise ValidationFailed(
                f"{f.filename[:60]}: {ATTACHMENT_REJECTIONS[exc.code]}", field="attachments"
            ) from exc
    return [
        StoredFile(storage().save(c.data, c.extension), name, len(c.data)) for name, c in checked
    ]


def forget(files: list[StoredFile]) -> None:
    for f in files:
        storage().delete(f.key)


def post_from(form, recipient, *, from_buyer: bool) -> bool:
    """Post the message form on a thread; True when it went through (flashed)."""
    with domain_errors(form) as outcome:
        files = save_files(form.attachments.data or [])
        with undone_if_refused(lambda: forget(files)):
            services.post_message(
                recipient, current_user, form.body.data or "", files, from_buyer=from_buyer
            )
    if outcome:
        flash(_("Your message is sent."), "success")
    return bool(outcome)


from marketplace.rfq.views import admin, buyer  # noqa: E402, F401  (routes on bp)
