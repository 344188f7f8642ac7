"""Errors under /api/ as RFC 9457 problem details (application/problem+json), never HTML.

`type` is a URN per code (stable, no page behind it), `title` a short English phrase per
code, `detail` the specific reason: a domain error's message in the token owner's language,
otherwise English. Machines read `code`.
"""

from http import HTTPStatus

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from marketplace.errors import (
    DomainError,
    InsufficientCapacity,
    InvalidTransition,
    NotAllowed,
    ValidationFailed,
)

API_PREFIX = "/api/"
PROBLEM_TYPE = "application/problem+json"

# Domain error -> (HTTP status, code).
DOMAIN_CODES: dict[type[DomainError], tuple[int, str]] = {
    ValidationFailed: (422, "validation_failed"),
    InsufficientCapacity: (409, "insufficient_capacity"),
    InvalidTransition: (409, "invalid_transition"),
    NotAllowed: (403, "not_allowed"),
}

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "rate_limited",
    500: "server_error",
}


class ApiProblem(Exception):
    """An error an API view raises to answer with a problem of its own code."""

    def __init__(self, status: int, code: str, detail: str, **extra) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.extra = extra


def is_api_request() -> bool:
    return request.path.startswith(API_PREFIX)


def problem(status: int, code: str, detail: str, **extra) -> Response:
    body = {
        "type": f"urn:pasar-koperasi:problem:{code}",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
        **extra,
    }
    return Response(json.dumps(body), status=status, mimetype=PROBLEM_TYPE)


def from_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    code = HTTP_CODES.get(status, "error")
    extra = {}
    data = getattr(error, "data", None)  # webargs' validation messages, by location and field
    if status == 422 and isinstance(data, dict) and "messages" in data:
        extra["errors"] = data["messages"]
        detail = "The request does not match the API description."
    else:
        detail = error.description or HTTPStatus(status).description
    response = problem(status, code, detail, **extra)
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if status == 429:
        response.headers["Retry-After"] = str(_retry_after(error))
    return response


def _retry_after(error: HTTPException) -> int:
    limit = getattr(error, "limit", None)
    seconds = getattr(getattr(limit, "limit", None), "get_expiry", lambda: 60)()
    return max(1, int(seconds))


def from_domain_error(error: DomainError) -> Response:
    status, code = getattr(error, "api_status", 422), getattr(error, "api_code", None)
    if code is None:
        kind = next((k for k in type(error).__mro__ if k in DOMAIN_CODES), None)
        status, code = DOMAIN_CODES.get(kind, (422, "domain_error"))
    extra = {"field": error.field} if error.field else {}
    return problem(status, code, str(error.message), **extra)


def register(app: Flask) -> None:
    """Problem answers for API errors no other handler sees: a view's ApiProblem, a domain
    error a view let through, and 405/406/415 (the HTML site has no pages of its own for
    them). The site's 4xx/5xx handlers ask `api_error_response` first."""

    @app.errorhandler(ApiProblem)
    def api_problem(error: ApiProblem):
        response = problem(error.status, error.code, error.detail, **error.extra)
        if error.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        if not is_api_request():
            raise error
        return from_domain_error(error)

    app.after_request(no_store)
    for status in (405, 406, 409, 415, 422):

        def handler(error, status=status):
            return from_http_exception(error) if is_api_request() else error

        app.register_error_handler(status, handler)


def no_store(response: Response) -> Response:
    """after_request: API answers hold private data; no cache keeps them."""
    if is_api_request():
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def api_error_response(error) -> Response | None:
    """The problem answer for `error` when the request is under /api/, else None."""
    if not is_api_request():
        return None
    if isinstance(error, HTTPException):
        return from_http_exception(error)
    return problem(500, "server_error", "Something went wrong on our side.")
