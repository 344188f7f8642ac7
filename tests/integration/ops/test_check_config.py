"""`flask check-config`: exit 0 on a migrated database with reachable Redis, 1 otherwise."""

import sys

from alembic.runtime.migration import MigrationContext
from flask_migrate import stamp

from marketplace.extensions import db


def test_passes_on_a_migrated_database(app):
    result = app.test_cli_runner().invoke(args=["check-config"])
    assert result.exit_code == 0, result.output
    assert "ok   database" in result.output
    assert "ok   migrations" in result.output
    assert "FAIL" not in result.output


def test_fails_when_redis_is_unreachable(app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6399/0")
    result = app.test_cli_runner().invoke(args=["check-config"])
    assert result.exit_code == 1
    assert "FAIL redis" in result.output


def test_fails_on_a_database_behind_the_newest_migration(app):
    with db.engine.connect() as connection:
        (head,) = MigrationContext.configure(connection).get_current_heads()
    stamp(revision="0011_finance")
    try:
        result = app.test_cli_runner().invoke(args=["check-config"])
        assert result.exit_code == 1
        assert "FAIL migrations: run `flask db upgrade` first" in result.output
    finally:
        stamp(revision=head)


def test_refuses_threaded_workers_on_python_before_3_12(app, monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKER_CLASS", "gthread")
    result = app.test_cli_runner().invoke(args=["check-config"])
    expected = 1 if sys.version_info < (3, 12) else 0
    assert result.exit_code == expected, result.output
