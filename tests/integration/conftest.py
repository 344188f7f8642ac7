"""Fixtures shared by the integration tests."""

from tests.mail_support import smtp_server  # noqa: F401  (a fixture: a local SMTP server)
