"""Test fixtures: a real database (SQLite file, or PostgreSQL via TEST_DATABASE_URL) made by
the migrations, emptied after every test."""

import os
import threading

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import settings
from sqlalchemy import text

from marketplace import create_app
from marketplace.extensions import db
from tests.fakes.smtp import FakeSMTP

# Shared scenario fixtures (coop_with_product, placed_order, confirmed_order, outsider).
pytest_plugins = ["tests.fixtures.scenarios"]

# CI replays the same examples every run, so a red build is never a roll of the dice; locally
# hypothesis keeps exploring new ones.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


class FreshContextClient(FlaskClient):
    """Each request gets its own app context, as in production: `g` (language, logged-in user)
    and the database session do not carry over from the test or an earlier request."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
            "UPLOAD_FOLDER": str(tmp_path_factory.mktemp("uploads")),
        },
    )
    app.test_client_class = FreshContextClient
    with app.app_context():
        _drop_everything()
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _drop_everything() -> None:
    """Start from an empty schema, also when a PostgreSQL test database has old tables.
    (A SQLite test database is a new file every run.)"""
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))


@pytest.fixture(autouse=True)
def _app_context(app):
    with app.app_context():
        yield
        db.session.rollback()
        _empty_tables()
        db.session.remove()


def _empty_tables() -> None:
    """Delete every row, children first, and restart the sequences a test used. (PostgreSQL's
    TRUNCATE of every table took 0.3-0.8 s per test, most of the PostgreSQL run; a DELETE of the
    few rows a test wrote takes milliseconds.)"""
    tables = [t.name for t in db.metadata.sorted_tables]
    with db.engine.begin() as conn:
        for name in reversed(tables):
            conn.execute(text(f"DELETE FROM {name}"))
        if conn.dialect.name == "postgresql":
            used = conn.scalars(
                text(
                    "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) "
                    "FROM pg_sequences WHERE schemaname = current_schema() "
                    "AND last_value IS NOT NULL"
                )
            ).all()
            for sequence in used:
                conn.execute(text("SELECT setval(:s, 1, false)"), {"s": sequence})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def smtp_server(app, monkeypatch):
    server = FakeSMTP()  # collects every message sent to it
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.server_address[1])
    monkeypatch.setitem(app.config, "MAIL_SENDER", "Pasar Koperasi <noreply@example.com>")
    yield server
    server.shutdown()
    server.server_close()
    thread.join()
