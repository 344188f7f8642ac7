"""The API blueprint (/api/v1), its OpenAPI generator and who is calling.

flask-smorest generates the OpenAPI 3.1 document from the views' marshmallow schemas. A
request authenticates with `Authorization: Bearer <token>` only: a session cookie never
counts under /api/ (so CSRF does not apply), and the token's scopes decide its methods.
"""

import http

from flask import current_app, g, request
from flask_smorest import Api, Blueprint
from flask_smorest.utils import prepare_response

from marketplace.api import scopes
from marketplace.api.problems import PROBLEM_TYPE, ApiProblem
from marketplace.api.schemas import ProblemSchema
from marketplace.api.tokens import authenticate, digest, note_use
from marketplace.extensions import limiter


class MarketplaceApi(Api):
    """flask-smorest's Api, with errors as problem+json documented and answered by
    api/problems.py (its own handler would answer every HTTP error of the HTML site too)."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        pass

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            if status < 400:
                continue
            response = {"description": status.phrase, "schema": self.ERROR_SCHEMA}
            prepare_response(response, self.spec, PROBLEM_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An error (RFC 9457 problem)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM_TYPE)
        self.spec.components.response(self.DEFAULT_ERROR_RESPONSE_NAME, response, lazy=True)


bp = Blueprint(
    "api",
    __name__,
    url_prefix="/api/v1",
    description="Pasar Koperasi JSON API for buyers', offtakers' and cooperatives' systems.",
)


def bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    kind, _, secret = header.partition(" ")
    if kind.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def rate_limit_key() -> str:
    """Per token (its digest; an unknown token is limited as itself), else per address."""
    secret = bearer_secret()
    if secret:
        return "api-token:" + digest(secret)[:32]
    return "api-address:" + (request.remote_addr or "unknown")


limiter.limit(lambda: current_app.config["API_RATE_LIMIT"], key_func=rate_limit_key)(bp)


@bp.before_request
def authenticate_request() -> None:
    # Whatever session cookie came along, the request is anonymous until its token says who.
    g._login_user = current_app.login_manager.anonymous_user()
    secret = bearer_secret()
    token = authenticate(secret) if secret else None
    if token is None:
        raise ApiProblem(
            401,
            "unauthorized",
            "Send an active API token: Authorization: Bearer pk_live_...",
        )
    needed = scopes.scope_for(request.method)
    if needed not in token.scope_set:
        raise ApiProblem(
            403, "insufficient_scope", f"This token lacks the '{needed}' scope.", scope=needed
        )
    g._login_user = token.user
    g.api_token = token
    note_use(token)


def api_user():
    """The owner of the request's token (set by authenticate_request)."""
    return g.api_token.user
