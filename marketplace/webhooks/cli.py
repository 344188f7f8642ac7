"""`flask webhooks retry` (for cron, every minute or few, where no scheduler runs)."""

import click
from flask import Flask
from flask.cli import AppGroup

from marketplace.webhooks.delivery import due_ids, retry_due

webhooks_cli = AppGroup("webhooks", help="Webhook deliveries (run from cron).")


@webhooks_cli.command("retry")
def retry_command() -> None:
    """Send again every failed webhook delivery whose backoff has passed. Safe to run often
    and in several processes at once: a delivered event is never sent again."""
    due = len(due_ids())
    click.echo(f"{retry_due()} of {due} due webhook deliveries delivered.")


def register(app: Flask) -> None:
    app.cli.add_command(webhooks_cli)
