"""Flask commands: `flask seed-demo`."""

import click
from flask import Flask


def register_cli(app: Flask) -> None:
    @app.cli.command("seed-demo")
    def seed_demo_command() -> None:
        """Load the demo cooperatives, products, members and orders (safe to run twice)."""
        from marketplace.demo import print_logins, seed_demo

        seed_demo()
        click.echo("Demo data is loaded.")
        print_logins()
