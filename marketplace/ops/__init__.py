"""Running the site: health checks, request ids and JSON logs, error reporting, the
configuration check a deployment runs before it starts."""

from flask import Flask

from marketplace.ops import logs, reporting


def init_app(app: Flask) -> None:
    logs.init_app(app)
    reporting.init_app(app)
