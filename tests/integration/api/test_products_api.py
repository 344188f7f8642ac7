"""A cooperative admin's products through the API: create a draft, replace it, publish it;
the rules are the product form's (the same service)."""

import pytest
from sqlalchemy import select

from marketplace.catalogue.models import Product
from marketplace.catalogue.services import ensure_categories
from marketplace.extensions import db
from tests.api_support import assert_problem, bearer, state_without_token_use, token_for
from tests.fixtures.scenarios import make_outsider


def product_body(**overrides) -> dict:
    body = {
        "name": "Tas anyaman pandan",
        "category": "kriya",
        "kind": "goods",
        "unit": "pcs",
        "order_step": 5,
        "min_order_quantity": 10,
        "lead_time_days": 7,
        "description": "Woven by members.",
        "price_tiers": [
            {"min_quantity": 10, "unit_price": 85_000},
            {"min_quantity": 50, "unit_price": 80_000},
        ],
    }
    return body | overrides


@pytest.fixture
def admin_api(app, coop_with_product):
    ensure_categories()
    headers = bearer(token_for(coop_with_product.admin))
    base = f"/api/v1/cooperatives/{coop_with_product.coop.slug}/products"

    def call(method: str, path: str = "", **kwargs):
        return app.test_client().open(base + path, method=method, headers=headers, **kwargs)

    return call


def test_create_replace_and_publish_a_product(admin_api):
    created = admin_api("POST", json=product_body())
    assert created.status_code == 201, created.get_data(as_text=True)
    product = created.get_json()
    assert product["status"] == "draft" and product["category"] == "kriya"
    path = f"/{product['id']}"
    replaced = admin_api("PUT", path, json=product_body(name="Tas pandan besar"))
    assert replaced.status_code == 200 and replaced.get_json()["name"] == "Tas pandan besar"
    published = admin_api("POST", path + "/status", json={"status": "published"})
    assert published.status_code == 200 and published.get_json()["status"] == "published"
    listed = admin_api("GET").get_json()
    assert product["id"] in [item["id"] for item in listed["items"]]
    assert admin_api("GET", path).get_json()["status"] == "published"


@pytest.mark.parametrize(
    ("case", "overrides", "code"),
    [
        ("minimum not a multiple", {"min_order_quantity": 12}, "validation_failed"),
        ("no such category", {"category": "nope"}, "validation_failed"),
        ("member price too high", {"member_price": 90_000}, "validation_failed"),
        ("bad P-IRT", {"pirt_number": "12"}, "validation_failed"),
        ("bad unit", {"unit": "tonne"}, "invalid_input"),
    ],
)
def test_a_product_that_breaks_a_rule_is_a_problem(admin_api, case, overrides, code):
    before = state_without_token_use()
    response = admin_api("POST", json=product_body(**overrides))
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    if code:
        assert response.get_json()["code"] == code, case
    assert state_without_token_use() == before


def test_publishing_an_archived_product_is_an_invalid_transition(admin_api, coop_with_product):
    path = f"/{coop_with_product.product.id}/status"
    assert admin_api("POST", path, json={"status": "archived"}).status_code == 200
    before = state_without_token_use()
    assert_problem(admin_api("POST", path, json={"status": "published"}), 409, "invalid_transition")
    assert state_without_token_use() == before


@pytest.mark.parametrize("kind", ["buyer", "member", "inactive_admin", "other_admin"])
def test_refusal_nobody_else_changes_the_cooperatives_products(app, coop_with_product, kind):
    ensure_categories()
    headers = bearer(token_for(make_outsider(kind, coop_with_product.coop)))
    base = f"/api/v1/cooperatives/{coop_with_product.coop.slug}/products"
    product_id = coop_with_product.product.id
    client = app.test_client()
    before = state_without_token_use()
    for method, path, body in (
        ("GET", "", None),
        ("POST", "", product_body()),
        ("GET", f"/{product_id}", None),
        ("PUT", f"/{product_id}", product_body()),
        ("POST", f"/{product_id}/status", {"status": "archived"}),
    ):
        response = client.open(base + path, method=method, json=body, headers=headers)
        assert_problem(response, 404, "not_found")
    assert state_without_token_use() == before
    assert db.session.scalar(select(Product.status).where(Product.id == product_id)) == (
        "published"
    )
