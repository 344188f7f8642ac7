"""Flask commands: `flask seed-demo`, `flask fulfilment expire-overdue`."""

import click
from flask import Flask
from flask.cli import AppGroup


def register_cli(app: Flask) -> None:
    @app.cli.command("seed-demo")
    def seed_demo_command() -> None:
        """Load the demo cooperatives, products, members and orders (safe to run twice)."""
        from marketplace.demo import print_logins, seed_demo

        seed_demo()
        click.echo("Demo data is loaded.")
        print_logins()

    register_fulfilment_cli(app)


def register_fulfilment_cli(app: Flask) -> None:
    fulfilment = AppGroup("fulfilment", help="Fulfilment jobs (run from cron).")

    @fulfilment.command("expire-overdue")
    def expire_overdue_command() -> None:
        """Expire assignments not answered before their deadline and offer the units again."""
        from marketplace.fulfilment.services import expire_overdue

        count = expire_overdue()
        click.echo(f"{count} overdue assignment(s) expired.")

    app.cli.add_command(fulfilment)
