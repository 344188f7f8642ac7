"""Pasar Koperasi: the application factory."""

import os
from pathlib import Path

from flask import Flask, current_app, has_request_context, render_template, request, session
from flask_babel import get_locale
from flask_login import current_user

from marketplace import jobs, ops, page_cache
from marketplace.accounts import throttle as login_throttle
from marketplace.api import problems
from marketplace.api import setup as api_setup
from marketplace.extensions import babel, bootstrap, csrf, db, limiter, login_manager, migrate
from marketplace.locking import wait_for_write_lock
from marketplace.security import add_security_headers, trust_proxies
from marketplace.storage import raise_upload_limit
from marketplace.url_params import refuse_nul_characters, register_converters

ROOT = Path(__file__).resolve().parent.parent


def select_locale() -> str:
    """The user's saved language, else the one chosen this session, else Indonesian."""
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and background work: the default language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get("lang")
    return chosen if chosen in languages else current_app.config["BABEL_DEFAULT_LOCALE"]


def create_app(config_name: str | None = None, overrides: dict | None = None) -> Flask:
    from config import CONFIGS, check_settings

    # Production unless told otherwise: a server must never fall back to development settings.
    config_name = config_name or os.environ.get("FLASK_CONFIG", "production")
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config_class = CONFIGS[config_name]
    app.config.from_object(config_class())
    app.config["CONFIG_NAME"] = config_name
    app.config.update(overrides or {})
    check_settings(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    trust_proxies(app)
    ops.init_app(app)  # first: every later hook and log line sees the request id

    db.init_app(app)
    with app.app_context():
        wait_for_write_lock(db.engine)
    # render_as_batch: SQLite can only alter a table by copying it
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    app.before_request(raise_upload_limit)  # before CSRF protection parses the body
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    bootstrap.init_app(app)
    limiter.init_app(app)
    login_throttle.init_app(app)

    _import_models()
    register_converters(app.url_map)  # before the blueprints add their <int:...> rules
    app.before_request(refuse_nul_characters)  # first: no hook or view sees such input
    _configure_login(app)
    _register_blueprints(app)
    page_cache.init_app(app)  # after the login check: it serves only public endpoints
    api_setup.init_app(app)
    _connect_receivers(app)
    jobs.init_app(app)
    _register_template_helpers(app)
    _register_error_handlers(app)

    from marketplace.cli import register_cli

    register_cli(app)
    return app


def _import_models() -> None:
    """Import every models module so that metadata and relationships are complete."""
    import marketplace.accounts.models
    import marketplace.addresses.models
    import marketplace.api.models
    import marketplace.audit.models
    import marketplace.catalogue.models
    import marketplace.checkout.models
    import marketplace.cooperatives.models
    import marketplace.finance.models
    import marketplace.finance.savings_models
    import marketplace.finance.shu_models
    import marketplace.fulfilment.models
    import marketplace.notifications.models
    import marketplace.offtake.models
    import marketplace.orders.models
    import marketplace.orders.shipment_models
    import marketplace.outbox
    import marketplace.payments.models
    import marketplace.rfq.models
    import marketplace.webhooks.models  # noqa: F401


def _configure_login(app: Flask) -> None:
    from flask_babel import lazy_gettext as _l

    from marketplace.accounts.access import login_next, redirect_to_login, require_login_by_default
    from marketplace.accounts.models import User

    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        # A deactivated account is logged out at its next request, not only refused at login.
        user = db.session.get(User, int(user_id))
        return user if user is not None and user.is_active else None

    # Never back to a URL that only accepts POST: for a POST, the page the form was on.
    login_manager.unauthorized_handler(lambda: redirect_to_login(login_next()))
    app.before_request(require_login_by_default)


def _register_blueprints(app: Flask) -> None:
    from marketplace.accounts.views import bp as accounts_bp
    from marketplace.addresses.views import bp as addresses_bp
    from marketplace.admin.console import bp as console_bp
    from marketplace.admin.views import bp as admin_bp
    from marketplace.catalogue.views import bp as catalogue_bp
    from marketplace.checkout.views import bp as checkout_bp
    from marketplace.cooperatives.views import bp as cooperatives_bp
    from marketplace.finance.savings_views import bp as savings_bp
    from marketplace.finance.shu_views import bp as shu_bp
    from marketplace.finance.views import bp as finance_bp
    from marketplace.fulfilment.views import bp as fulfilment_bp
    from marketplace.notifications.views import bp as notifications_bp
    from marketplace.offtake.views import bp as offtake_bp
    from marketplace.ops.views import bp as ops_bp
    from marketplace.orders.views import bp as orders_bp
    from marketplace.payments.views import bp as payments_bp
    from marketplace.places.views import bp as places_bp
    from marketplace.reports.views import bp as reports_bp
    from marketplace.rfq.views import bp as rfq_bp
    from marketplace.webhooks.views import bp as webhooks_bp

    for bp in (
        accounts_bp,
        addresses_bp,
        admin_bp,
        catalogue_bp,
        checkout_bp,
        console_bp,
        cooperatives_bp,
        finance_bp,
        fulfilment_bp,
        notifications_bp,
        ops_bp,
        offtake_bp,
        orders_bp,
        payments_bp,
        reports_bp,
        savings_bp,
        shu_bp,
        rfq_bp,
        places_bp,
        webhooks_bp,
    ):
        app.register_blueprint(bp)


def _connect_receivers(app: Flask) -> None:
    """Packages that react to other packages' signals connect their receivers here."""
    from marketplace import finance, notifications, webhooks

    finance.init_app(app)
    notifications.init_app(app)
    webhooks.init_app(app)


def _register_template_helpers(app: Flask) -> None:
    from marketplace import formatting, identifiers, labels
    from marketplace.fulfilment.reasons import reason_text
    from marketplace.payments import documents

    app.jinja_env.filters["rupiah"] = lambda amount: formatting.rupiah(amount, str(get_locale()))
    app.jinja_env.filters["number"] = lambda n: formatting.number(n, str(get_locale()))
    app.jinja_env.filters["mask"] = formatting.mask
    app.jinja_env.filters["phone"] = identifiers.local_phone
    app.jinja_env.filters["wa_number"] = identifiers.whatsapp_number
    app.jinja_env.filters["npwp"] = identifiers.display_npwp
    app.jinja_env.filters["datetime_in"] = lambda moment, tz, style="datetime": (
        formatting.local_datetime(moment, tz, str(get_locale()), style)
    )

    # Globals rather than a context processor, so that imported macros see them too.
    app.jinja_env.globals.update(
        status_label=labels.status_label,
        unit_label=labels.unit_label,
        method_label=labels.payment_method_label,
        delivery_label=labels.delivery_label,
        quantity=labels.quantity,
        kind_labels=labels.KIND_LABELS,
        policy_labels=labels.POLICY_LABELS,
        allocation_reason=reason_text,
        assignment_status_label=labels.assignment_status_label,
        audit_labels=labels.AUDIT_LABELS,
        cause_labels=labels.CAUSE_LABELS,
        has_delivery_note=documents.has_delivery_note,
        receipt_number=documents.receipt_number,
    )

    @app.context_processor
    def inject_locale() -> dict:
        return {"current_locale": str(get_locale())}

    @app.context_processor
    def inject_unread() -> dict:
        def unread() -> int:  # one small query, only on pages that show the navbar
            from marketplace.notifications.services import unread_count

            return unread_count(current_user) if current_user.is_authenticated else 0

        def cart_items() -> int:
            from marketplace.checkout.services import cart_count

            return cart_count(current_user) if current_user.is_authenticated else 0

        return {"unread_notifications": unread, "cart_items": cart_items}


def _register_error_handlers(app: Flask) -> None:
    problems.register(app)
    for code in (400, 401, 403, 404, 413, 429):

        def handler(error, code=code):
            return problems.api_error_response(error) or (
                render_template("errors.html", code=code),
                code,
            )

        app.register_error_handler(code, handler)

    app.register_error_handler(500, _server_error)

    @app.after_request
    def security_headers(response):
        endpoint = request.endpoint or ""
        static = endpoint == "static" or endpoint.endswith(".static")
        return add_security_headers(app, response, static=static)


# Shown when even the error page cannot be rendered (the database is unreachable, say).
PLAIN_SERVER_ERROR = (
    "<!doctype html><html lang=id><meta charset=utf-8><title>500</title>"
    "<h1>Terjadi kesalahan di server</h1><p>Silakan coba lagi sebentar lagi.</p>"
    "<p lang=en>Something went wrong on our side. Please try again shortly.</p></html>"
)


def _server_error(error):
    """The 500 page. The failed request may have left the session in a broken transaction
    (PostgreSQL then refuses every query), and the page's navigation queries the database for
    the logged-in user: roll back first, and fall back to plain text if rendering still fails."""
    db.session.rollback()
    if problems.is_api_request():
        return problems.api_error_response(error)
    try:
        return render_template("errors.html", code=500), 500
    except Exception:
        db.session.rollback()
        current_app.logger.exception("The error page itself failed")
        return PLAIN_SERVER_ERROR, 500, {"Content-Type": "text/html; charset=utf-8"}
