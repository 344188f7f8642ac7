"""A tiny email sender over SMTP. Without MAIL_SERVER configured it sends nothing."""

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger(__name__)


def send_mail(to: str, subject: str, body: str) -> bool:
    """Send a plain-text email; True when the SMTP server accepted it.

    Returns False, without raising, when no MAIL_SERVER is configured or the server cannot be
    reached: email is a convenience next to the link the user sees on screen, never the only way.
    """
    config = current_app.config
    server = config.get("MAIL_SERVER") or ""
    if not server:
        return False
    message = EmailMessage()
    message["From"] = config.get("MAIL_SENDER", "noreply@localhost")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(server, int(config.get("MAIL_PORT", 25)), timeout=10) as smtp:
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        # The address is personal data: keep it out of the log.
        log.warning("Email %r not sent: %s", subject, exc.__class__.__name__)
        return False
    return True
