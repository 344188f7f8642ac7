"""`flask offtake run-due` (for cron, daily or more often)."""

import click
from flask import Flask
from flask.cli import AppGroup

offtake_cli = AppGroup("offtake", help="Offtake contract jobs (run from cron).")


@offtake_cli.command("run-due")
def run_due_command() -> None:
    """Order every call-off whose cut-off has come (confirmed, on invoice terms, offered to
    the members) and flag coming call-offs capacity does not cover. Safe to run many times a
    day, and in several processes at once: each call-off is ordered once."""
    from marketplace.offtake.services import run_due

    report = run_due()
    for number in report.ordered:
        click.echo(f"ordered {number}")
    click.echo(
        f"{len(report.ordered)} call-off(s) ordered, {len(report.failed)} not placed, "
        f"{len(report.flagged)} newly short of capacity, {report.made} scheduled, "
        f"{report.ended} contract(s) ended."
    )


def register(app: Flask) -> None:
    app.cli.add_command(offtake_cli)
