"""Email over SMTP, sent through the outbox. Without MAIL_SERVER configured it sends nothing."""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

from marketplace import outbox

log = logging.getLogger(__name__)


def mail_configured() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def queue_mail(to: str, subject: str, body: str) -> bool:
    """Add a plain-text email to the current transaction's outbox; it is sent by the job queue
    once the transaction commits. False, with nothing queued, when no MAIL_SERVER is set: email
    is a convenience next to what the user sees on screen, never the only way."""
    if not mail_configured():
        return False
    outbox.enqueue("mail", {"to": to, "subject": subject, "body": body})
    return True


@outbox.handles("mail")
def _send(payload: dict) -> None:
    """Deliver one queued email; raises when the SMTP server refuses or cannot be reached, so
    that the job is tried again later."""
    config = current_app.config
    server = config.get("MAIL_SERVER") or ""
    if not server:
        return  # mail was switched off since: nothing to send
    message = EmailMessage()
    message["From"] = config.get("MAIL_SENDER", "noreply@localhost")
    message["To"] = payload["to"]
    message["Subject"] = payload["subject"]
    message.set_content(payload["body"])
    try:
        with smtplib.SMTP(server, int(config.get("MAIL_PORT", 25)), timeout=10) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        # The address is personal data: keep it out of the log.
        log.warning("Email %r not sent: %s", payload["subject"], exc.__class__.__name__)
        raise
