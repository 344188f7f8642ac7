"""Property-based tests nobody here wrote the cases for: schemathesis reads the API's OpenAPI
document and sends generated requests (valid and invalid) with the tokens of a buyer, an
offtaker and a cooperative admin. No response may be a server error or break the document
(status code, content type, headers and body schema)."""

from dataclasses import dataclass

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

from marketplace.rfq.services import send_rfq, submit_quote
from marketplace.webhooks.services import EndpointData, register
from tests.api_support import bearer, token_for
from tests.factories import order_of
from tests.fixtures.scenarios import build_placed, build_shop
from tests.offtake_support import active_deal
from tests.rfq_support import Seller, quote_input, rfq_input

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ROLES = ("buyer", "offtaker", "cooperative_admin")
# nothing listens there: a test event fails at once
HOOK = EndpointData(url="http://127.0.0.1:9/hook", events=("order.shipped",))


def _description() -> dict:
    """The OpenAPI document, read once at collection from an app of its own (it depends on
    the code only; the requests go to the test's app and database)."""
    from marketplace import create_app

    reader = create_app("testing", {"SQLALCHEMY_DATABASE_URI": "sqlite://"})
    return reader.test_client().get("/api/v1/openapi.json").get_json()


schema = schemathesis.openapi.from_dict(_description())


@dataclass
class World:
    tokens: dict[str, str]  # role -> token
    ids: dict[str, object]  # path parameter -> a value that names a real row


@pytest.fixture
def world() -> World:
    """A cooperative with its product, a buyer's order, an offtaker's contract, order and
    quoted RFQ, and a token per role."""
    placed = build_placed(build_shop(units=1000))
    deal = active_deal(placed)
    order = order_of(deal.offtaker, placed.product, 30)
    rfq = send_rfq(deal.offtaker, rfq_input(placed.product.id), [placed.coop.id], [])
    recipient = rfq.recipients[0]
    offer = submit_quote(
        recipient, placed.admin, quote_input(Seller(placed.coop, placed.admin, placed.product))
    )
    return World(
        tokens={
            "buyer": token_for(placed.buyer),
            "offtaker": token_for(deal.offtaker),
            "cooperative_admin": token_for(placed.admin),
        },
        ids={
            "slug": placed.coop.slug,
            "number": order.number,
            "product_id": placed.product.id,
            "contract_id": deal.contract.id,
            "call_off_id": deal.contract.call_offs[-1].id,
            "rfq_id": rfq.id,
            "quote_id": offer.id,
            "recipient_id": recipient.id,
            "endpoint_id": register(placed.buyer, HOOK).id,
        },
    )


@schema.parametrize()
@settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_its_description(app, case, world):
    # Every generated request with each role's token, as generated (ids that mostly name
    # nothing) and with its path naming real rows (the generated body and query kept).
    for role in ROLES:
        case.call_and_validate(app=app, headers=bearer(world.tokens[role]), checks=CHECKS)
    if case.path_parameters:
        real = {name: world.ids.get(name, value) for name, value in case.path_parameters.items()}
        case.path_parameters = real
        for role in ROLES:
            case.call_and_validate(app=app, headers=bearer(world.tokens[role]), checks=CHECKS)
