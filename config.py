"""Configuration classes. Everything secret or site-specific comes from the environment.

tests/integration/security/test_security.py checks the rules below (keys, Redis, Stripe,
headers)."""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
MIN_SECRET_KEY_BYTES = 32
MIN_WEBHOOK_SECRET_CHARS = 20  # Stripe's signing secrets are "whsec_" and 32+ characters
DEVELOPMENT_KEY_FILE = "secret_key"


class ConfigurationError(RuntimeError):
    """A setting required by this configuration is missing or too weak: refuse to start."""


def _database_url(default: str) -> str:
    url = os.environ.get("DATABASE_URL", default)
    # Heroku-style URLs name the old driver; we use psycopg 3.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    try:
        return int(raw) if raw else default
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a whole number, not {raw!r}") from exc


def development_secret_key(instance_dir: Path) -> str:
    """A random key made once per instance folder and kept there (instance/ is git-ignored),
    so that development sessions survive a restart and no key is ever written in the code."""
    path = instance_dir / DEVELOPMENT_KEY_FILE
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if len(key) < MIN_SECRET_KEY_BYTES:
        instance_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_hex(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
    return key


class Config:
    SECRET_KEY = ""  # set per configuration: never a value written here
    SQLALCHEMY_DATABASE_URI = _database_url(f"sqlite:///{INSTANCE_DIR / 'pasar.sqlite3'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "marketplace" / "translations")
    LANGUAGES = ("id", "en")
    BOOTSTRAP_SERVE_LOCAL = True
    WTF_CSRF_TIME_LIMIT = None
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "pasar")
    RATELIMIT_ENABLED = True
    # Requests one API token may make (flask-limiter notation), in the same storage.
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120 per minute")
    LOGIN_THROTTLE_ENABLED = True
    # Failed logins allowed per account (any address) and per account from one address.
    LOGIN_ACCOUNT_LIMIT = os.environ.get("LOGIN_ACCOUNT_LIMIT", "20 per hour")
    LOGIN_ACCOUNT_ADDRESS_LIMIT = os.environ.get("LOGIN_ACCOUNT_ADDRESS_LIMIT", "5 per 15 minutes")
    # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted (0: none).
    PROXY_COUNT = _int_env("PROXY_COUNT", 0)
    # Largest request body in bytes; the photo pages allow more (storage.UPLOAD_LIMIT).
    MAX_CONTENT_LENGTH = _int_env("MAX_CONTENT_LENGTH", 1024 * 1024)
    # Uploaded files (marketplace/storage.py); unset: instance/uploads.
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", "")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = _int_env("MAIL_PORT", 25)
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Pasar Koperasi <noreply@localhost>")
    INVITATION_DAYS = 14
    # Card payment through Stripe Checkout; without both keys card payment is not offered
    # and the webhook answers 404.
    STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
    STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
    STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")  # a local fake Stripe, for tests
    PAGE_SIZE = 20
    # ROTATION policy: work assigned in this many past days counts as a member's recent load
    ROTATION_WINDOW_DAYS = _int_env("ROTATION_WINDOW_DAYS", 90)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    HSTS = False
    # `json`: one JSON object per log line with the request id (marketplace/ops/logs.py).
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    SENTRY_DSN = os.environ.get("SENTRY_DSN", "")  # errors reported to Sentry when set
    # The job queue's broker (Redis); unset: jobs run in-process at once (marketplace/queue.py).
    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
    CELERY_QUEUE = os.environ.get("CELERY_QUEUE", "pasar")
    # Webhooks may be sent to private and loopback addresses (never in production: SSRF).
    WEBHOOKS_ALLOW_PRIVATE = os.environ.get("WEBHOOKS_ALLOW_PRIVATE", "") == "1"
    # Seconds before Redis hands a job whose worker died (no ack) to another worker; longer
    # than any job runs (a shorter one would start a slow job twice while it still runs).
    CELERY_VISIBILITY_TIMEOUT = _int_env("CELERY_VISIBILITY_TIMEOUT", 3600)
    # Public pages for anonymous visitors (marketplace/page_cache.py): a Redis URL, "memory://"
    # (one bounded dict per process) or empty (off: development, where templates change, and
    # the tests). Production falls back to the limiter's Redis.
    PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", "")
    PAGE_CACHE_PREFIX = os.environ.get("PAGE_CACHE_PREFIX", "pasar-pages")


class Development(Config):
    DEBUG = True

    def __init__(self) -> None:
        self.SECRET_KEY = os.environ.get("SECRET_KEY") or development_secret_key(INSTANCE_DIR)


class Testing(Config):
    TESTING = True
    SECRET_KEY = secrets.token_hex(32)  # a new one per test run
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "sqlite://")
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    LOGIN_THROTTLE_ENABLED = False  # tests/integration/security/test_security.py turns it on
    WTF_CSRF_ENABLED = False  # tests/integration/security/test_security.py turns it back on
    MAIL_SERVER = ""
    STRIPE_SECRET_KEY = ""
    STRIPE_WEBHOOK_SECRET = ""
    STRIPE_API_BASE = ""
    SENTRY_DSN = ""
    CELERY_BROKER_URL = ""
    WEBHOOKS_ALLOW_PRIVATE = True  # the tests' receivers listen on 127.0.0.1
    PAGE_CACHE_URL = ""  # tests/integration/shared/test_page_cache.py installs a store


class Production(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    HSTS = True
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")

    def __init__(self) -> None:
        for name in ("SECRET_KEY", "DATABASE_URL", "RATELIMIT_STORAGE_URI"):
            if not os.environ.get(name):
                raise ConfigurationError(f"{name} must be set in production")
        self.SECRET_KEY = os.environ["SECRET_KEY"]
        self.SQLALCHEMY_DATABASE_URI = _database_url(os.environ["DATABASE_URL"])
        self.RATELIMIT_STORAGE_URI = os.environ["RATELIMIT_STORAGE_URI"]
        limits = self.RATELIMIT_STORAGE_URI  # unset: one cache for every web process there
        shared = limits if limits.startswith(("redis://", "rediss://")) else ""
        self.PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", shared)


CONFIGS = {"development": Development, "testing": Testing, "production": Production}


def check_settings(config: dict) -> None:
    """Refuse to start on settings that would make the site unsafe. Runs after overrides, so
    that what is finally used is what is checked."""
    production = config.get("CONFIG_NAME") == "production"
    key = config.get("SECRET_KEY") or ""
    if len(key.encode()) < MIN_SECRET_KEY_BYTES:
        raise ConfigurationError(
            f"SECRET_KEY must be at least {MIN_SECRET_KEY_BYTES} bytes (random, e.g. "
            "`python -c 'import secrets; print(secrets.token_hex(32))'`)"
        )
    if production and not str(config.get("RATELIMIT_STORAGE_URI", "")).startswith(
        ("redis://", "rediss://", "redis+sentinel://", "redis+cluster://")
    ):
        raise ConfigurationError("RATELIMIT_STORAGE_URI must be a Redis URL in production")
    if production and config.get("PAGE_CACHE_URL") == "memory://":
        # One dict per process: a change seen by one web process leaves the others' copies.
        raise ConfigurationError("PAGE_CACHE_URL must be a Redis URL (or empty) in production")
    stripe_key, webhook_secret = (
        config.get("STRIPE_SECRET_KEY"),
        config.get("STRIPE_WEBHOOK_SECRET"),
    )
    if (stripe_key or webhook_secret) and len(webhook_secret or "") < MIN_WEBHOOK_SECRET_CHARS:
        raise ConfigurationError(
            "STRIPE_WEBHOOK_SECRET must be Stripe's signing secret (whsec_…) when Stripe is set"
        )
