"""Real-browser end-to-end fixtures: a live server on its own SQLite file with the demo data,
and a headless Debian Chromium driven by Playwright (sync API).

The live server's app and database are separate from the `app` fixture of tests/conftest.py
(whose autouse `_app_context` empties the *testing* database after each test): nothing here
touches that database, and every database operation on the live app runs inside
`with live_app.app_context()`.
"""

import os
import re
import threading
import traceback
from pathlib import Path

import pytest
from flask import got_request_exception
from flask_migrate import upgrade
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.extensions import db

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 10_000
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
E2E_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (install Debian's chromium package)")
    for item in items:
        if E2E_DIR in Path(str(item.path)).parents:
            item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


class LiveServer:
    """The running server: its base URL, its app, and the exceptions its views raised."""

    def __init__(self, app, base_url: str):
        self.app = app
        self.url = base_url
        self.errors: list[str] = []


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing (install Debian's chromium package)")
    from marketplace.demo import seed_demo

    tmp = tmp_path_factory.mktemp("e2e")
    live_app = create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/e2e.sqlite3",
            "WTF_CSRF_ENABLED": True,
            "SERVER_NAME": None,
            "UPLOAD_FOLDER": str(tmp / "uploads"),
        },
    )
    with live_app.app_context():
        upgrade()
        seed_demo()
        db.session.remove()

    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    live = LiveServer(live_app, f"http://127.0.0.1:{server.server_port}")

    def remember_exception(sender, exception, **extra):
        live.errors.append("".join(traceback.format_exception(exception)))

    got_request_exception.connect(remember_exception, live_app)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield live
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        got_request_exception.disconnect(remember_exception, live_app)
        with live_app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def base_url(live_server) -> str:
    return live_server.url


@pytest.fixture(scope="session")
def browser(live_server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def server_errors(live_server):
    """Fails the test when a view raised an exception (a 500) while it ran, with the
    server's traceback in the message."""
    start = len(live_server.errors)
    yield
    new = live_server.errors[start:]
    assert not new, "The live server raised during this test:\n" + "\n".join(new)


def _artifact_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid)[-150:]


@pytest.fixture
def new_page(browser, live_server, server_errors, request):
    """Opens pages in fresh browser contexts (no shared cookies); every page opened is
    screenshotted into tests/e2e/artifacts/ when the test fails."""
    contexts = []
    errors_before = len(live_server.errors)

    def open_page(**context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page

    report = getattr(request.node, "rep_call", None)
    failed = report is None or report.failed
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = _artifact_name(request.node.nodeid)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                try:
                    page.screenshot(path=str(ARTIFACTS / f"{name}-{i}-{j}.png"), full_page=True)
                except Exception as exc:  # a crashed page must not hide the real failure
                    print(f"screenshot failed: {exc}")
        errors = live_server.errors[errors_before:]
        if errors:
            (ARTIFACTS / f"{name}-server-errors.txt").write_text("\n".join(errors))
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """One page in a new browser context (desktop size), per test."""
    return new_page()
