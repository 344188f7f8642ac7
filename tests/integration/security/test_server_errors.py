"""The server-error page itself must not fail: it rolls back the request's broken transaction
before its navigation bar queries the database, and falls back to plain text when even that
is impossible. (Run against PostgreSQL too: there a failed statement aborts the transaction and
every later query is refused until it is rolled back.)"""

import pytest
from flask_login import current_user
from sqlalchemy import text

from marketplace import create_app
from marketplace.extensions import db
from tests.factories import english_user, login


def _app_with_a_failing_page(database_uri: str):
    """The real application plus one page whose query fails, as a bug in a view would; errors
    are handled as in production instead of being raised into the test."""
    app = create_app(
        "testing", {"SQLALCHEMY_DATABASE_URI": database_uri, "PROPAGATE_EXCEPTIONS": False}
    )

    @app.get("/uji/galat")
    def failing_page():
        assert current_user.is_authenticated  # the page has loaded the user, as pages do
        db.session.execute(text("SELECT no_such_column FROM users"))
        return "unreachable"

    return app


@pytest.fixture
def failing_app(app):
    failing = _app_with_a_failing_page(app.config["SQLALCHEMY_DATABASE_URI"])
    yield failing
    with failing.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_logged_in_user_gets_the_error_page_after_a_failed_query(failing_app):
    user = english_user("Siti Rahayu")
    browser = failing_app.test_client()
    login(browser, user)
    response = browser.get("/uji/galat")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side. Please try again." in page
    assert "Siti Rahayu" in page  # the full page with its navigation, not a bare fallback
    # The connection went back to the pool clean: the next request works.
    assert browser.get("/pesanan/").status_code == 200


def test_the_error_page_falls_back_to_plain_text_when_the_database_is_gone(app, tmp_path):
    user = english_user("Budi")
    browser = app.test_client()
    login(browser, user)
    unreachable = _app_with_a_failing_page(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite3'}")
    stranded = unreachable.test_client()
    stranded.set_cookie("session", browser.get_cookie("session").value)
    response = stranded.get("/pesanan/")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Terjadi kesalahan di server" in page and "Something went wrong" in page
    with unreachable.app_context():
        db.engine.dispose()
