"""Flask commands: seed-demo, fulfilment expire-overdue, orders expire-unpaid / remind-unpaid /
receive-overdue / complete-due."""

import click
from flask import Flask
from flask.cli import AppGroup

from marketplace.offtake.cli import register as register_offtake_cli
from marketplace.webhooks.cli import register as register_webhooks_cli

orders_cli = AppGroup("orders", help="Order housekeeping (for cron).")


@orders_cli.command("expire-unpaid")
def expire_unpaid_command() -> None:
    """Expire placed orders whose payment time has run out, releasing their reservation.

    Safe to run as often as you like (e.g. every 15 minutes from cron).
    """
    from marketplace.orders.services import expire_unpaid

    numbers = expire_unpaid()
    for number in numbers:
        click.echo(f"expired {number}")
    click.echo(f"{len(numbers)} unpaid order(s) expired.")


@orders_cli.command("remind-unpaid")
@click.option(
    "--hours",
    type=click.IntRange(1, 24 * 30),
    default=24,
    show_default=True,
    help="Remind when the payment deadline is at most this many hours away.",
)
def remind_unpaid_command(hours: int) -> None:
    """Remind buyers of placed orders whose payment deadline is near (once per order).

    Safe to run as often as you like (e.g. hourly from cron).
    """
    from marketplace.orders.services import remind_unpaid

    numbers = remind_unpaid(hours)
    for number in numbers:
        click.echo(f"reminded {number}")
    click.echo(f"{len(numbers)} buyer(s) reminded to pay.")


@orders_cli.command("receive-overdue")
def receive_overdue_command() -> None:
    """Take as received the shipments not confirmed within the cooperative's number of days,
    then complete the delivered orders whose complaint window has passed with no complaint
    open. Safe to run as often as you like (e.g. hourly from cron)."""
    from marketplace.orders.services import complete_due, receive_overdue

    received = receive_overdue()
    for number in received:
        click.echo(f"received {number}")
    completed = complete_due()
    for number in completed:
        click.echo(f"completed {number}")
    click.echo(
        f"{len(received)} shipment(s) taken as received, {len(completed)} order(s) completed."
    )


@orders_cli.command("complete-due")
def complete_due_command() -> None:
    """Complete delivered orders whose complaint window has passed with no complaint open."""
    from marketplace.orders.services import complete_due

    completed = complete_due()
    for number in completed:
        click.echo(f"completed {number}")
    click.echo(f"{len(completed)} order(s) completed.")


@click.command("check-config")
def check_config_command() -> None:
    """Check what the site needs before it starts: database (migrated), Redis, settings.
    Exits with status 1 when any check fails."""
    from flask import current_app

    from marketplace.ops.config_check import run_checks, warnings

    checks = run_checks()
    for check in checks:
        click.echo(
            f"{'ok  ' if check.ok else 'FAIL'} {check.name}"
            + ("" if check.ok else f": {check.detail}")
        )
    for note in warnings(current_app.config):
        click.echo(f"note {note}")
    if not all(check.ok for check in checks):
        raise SystemExit(1)


def register_cli(app: Flask) -> None:
    app.cli.add_command(check_config_command)

    @app.cli.command("seed-demo")
    def seed_demo_command() -> None:
        """Load the demo cooperatives, products, members and orders (safe to run twice)."""
        from marketplace.demo import print_logins, seed_demo

        seed_demo()
        click.echo("Demo data is loaded.")
        print_logins()

    app.cli.add_command(orders_cli)
    register_fulfilment_cli(app)
    register_offtake_cli(app)
    register_webhooks_cli(app)


def register_fulfilment_cli(app: Flask) -> None:
    fulfilment = AppGroup("fulfilment", help="Fulfilment jobs (run from cron).")

    @fulfilment.command("expire-overdue")
    def expire_overdue_command() -> None:
        """Expire assignments not answered before their deadline and offer the units again."""
        from marketplace.fulfilment.services import expire_overdue

        count = expire_overdue()
        click.echo(f"{count} overdue assignment(s) expired.")

    app.cli.add_command(fulfilment)
