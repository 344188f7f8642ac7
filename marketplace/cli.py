"""Flask commands: `flask seed-demo`, `flask orders expire-unpaid`."""

import click
from flask import Flask
from flask.cli import AppGroup

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


def register_cli(app: Flask) -> None:
    @app.cli.command("seed-demo")
    def seed_demo_command() -> None:
        """Load the demo cooperatives, products, members and orders (safe to run twice)."""
        from marketplace.demo import print_logins, seed_demo

        seed_demo()
        click.echo("Demo data is loaded.")
        print_logins()

    app.cli.add_command(orders_cli)
