"""Property-based tests nobody here wrote the cases for: schemathesis reads the API's OpenAPI
document and sends generated requests (valid and invalid) with the tokens of a buyer, an
offtaker and a cooperative admin. No response may be a server error or break the document
(status code, content type, headers and body schema)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api_support import bearer, token_for
from tests.factories import english_user, order_of
from tests.fixtures.scenarios import build_placed, build_shop

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ROLES = ("buyer", "offtaker", "cooperative_admin")


def _description() -> dict:
    """The OpenAPI document, read once at collection from an app of its own (it depends on
    the code only; the requests go to the test's app and database)."""
    from marketplace import create_app

    reader = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return reader.test_client().get("/api/v1/openapi.json").get_json()


schema = schemathesis.openapi.from_dict(_description())


@pytest.fixture
def tokens():
    """A world with a cooperative, its product and orders, and a token per role."""
    placed = build_placed(build_shop())
    offtaker = english_user("Offtaker")
    order_of(offtaker, placed.product, 30)
    return {
        "buyer": token_for(placed.buyer),
        "offtaker": token_for(offtaker),
        "cooperative_admin": token_for(placed.admin),
    }


@schema.parametrize()
@settings(
    max_examples=12,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_description(app, case, tokens):
    for role in ROLES:  # every generated request with each role's token
        case.call_and_validate(app=app, headers=bearer(tokens[role]), checks=CHECKS)
