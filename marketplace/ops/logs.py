"""Request ids and JSON log lines.

Every request gets an id: the proxy's `X-Request-ID` when it looks like one (nginx sends
`$request_id`), otherwise a new one; it is sent back in the response and written on every log
line of the request. The access line names the route pattern (`/pesanan/<int:order_id>`), never
the path or query string, which can carry tokens or an email address; no IP address, user or
form data is logged. `LOG_FORMAT=json` (the production default) writes one JSON object per line
to standard error.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
access_log = logging.getLogger("marketplace.access")


def request_id() -> str | None:
    return g.get("request_id") if has_request_context() else None


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    FIELDS = ("method", "route", "endpoint", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        line.update({k: getattr(record, k) for k in self.FIELDS if hasattr(record, k)})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def _start() -> None:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = incoming if _VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    response.headers[REQUEST_ID_HEADER] = g.get("request_id", "")
    started = g.get("request_started")
    rule = request.url_rule
    access_log.info(
        "%s %s %s",
        request.method,
        rule.rule if rule is not None else "(no route)",
        response.status_code,
        extra={
            "request_id": g.get("request_id"),
            "method": request.method,
            "route": rule.rule if rule is not None else None,
            "endpoint": request.endpoint,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )
    return response


def configure_json_logging(level: str = "INFO") -> None:
    """One JSON handler on the root logger, to standard error (where gunicorn and systemd
    collect it)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_finish)
    if app.config.get("LOG_FORMAT") == "json":
        configure_json_logging(app.config.get("LOG_LEVEL", "INFO"))
        app.logger.handlers.clear()  # let records reach the root handler
        app.logger.propagate = True
