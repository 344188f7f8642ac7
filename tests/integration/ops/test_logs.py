"""Request ids and JSON log lines without personal data."""

import json
import logging
import sys

from marketplace.ops.logs import JsonFormatter, RequestIdFilter

HEX32 = set("0123456789abcdef")


def test_a_proxys_request_id_is_kept_and_returned(client):
    response = client.get("/healthz", headers={"X-Request-ID": "nginx-4f2a9c1d"})
    assert response.headers["X-Request-ID"] == "nginx-4f2a9c1d"


def test_a_missing_or_malformed_request_id_is_replaced(client):
    for headers in ({}, {"X-Request-ID": "bad id; x=y"}, {"X-Request-ID": "x" * 200}):
        given = client.get("/healthz", headers=headers).headers["X-Request-ID"]
        assert len(given) == 32 and set(given) <= HEX32


def test_the_access_line_names_the_route_not_the_path_or_query(client, caplog, coop_with_product):
    coop = coop_with_product.coop
    with caplog.at_level(logging.INFO, logger="marketplace.access"):
        response = client.get(f"/koperasi/{coop.slug}?email=siti@example.com&token=s3cret")
    (line,) = [r for r in caplog.records if r.name == "marketplace.access"]
    assert line.route == "/koperasi/<slug>"
    assert line.status == response.status_code
    assert line.request_id == response.headers["X-Request-ID"]
    formatted = JsonFormatter().format(line)
    assert "siti@example.com" not in formatted and "s3cret" not in formatted
    assert coop.slug not in formatted


def test_json_lines_carry_the_request_id(app):
    record = logging.LogRecord(
        "marketplace", logging.WARNING, __file__, 1, "Email %r not sent", ("Undangan",), None
    )
    with app.test_request_context("/"):
        from flask import g

        g.request_id = "abcdef123456"
        RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "abcdef123456"
    assert line["level"] == "WARNING"
    assert line["message"] == "Email 'Undangan' not sent"


def test_an_exception_is_one_json_line(app):
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    RequestIdFilter().filter(record)
    text = JsonFormatter().format(record)
    assert "\n" not in text
    assert "ZeroDivisionError" in json.loads(text)["exception"]
