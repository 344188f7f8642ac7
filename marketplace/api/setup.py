"""Wire the API into the app: the OpenAPI generator, the blueprint and its views."""

from flask import Flask

from marketplace.accounts.access import public
from marketplace.api import (
    catalogue_views,
    contract_views,
    cooperative_views,
    order_views,
    product_views,
    rfq_views,
    token_views,
    webhook_views,
)
from marketplace.api.blueprint import MarketplaceApi, bp
from marketplace.db import MAX_ID
from marketplace.extensions import csrf
from marketplace.url_params import BoundedIntConverter

# Importing them adds their routes to bp.
VIEW_MODULES = (
    catalogue_views,
    order_views,
    cooperative_views,
    product_views,
    rfq_views,
    contract_views,
    webhook_views,
)

SETTINGS = {
    "API_TITLE": "Pasar Koperasi API",
    "API_VERSION": "1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "security": [{"bearerAuth": []}],
        "components": {
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A token made on the account page (pk_live_...).",
                }
            }
        },
        "info": {
            "description": (
                "Orders, catalogue and shipments for buyers', offtakers' and cooperatives' "
                "own systems. Errors are RFC 9457 problems (application/problem+json) with a "
                "`code`; lists page with `next_cursor`."
            )
        },
    },
}


def init_app(app: Flask) -> None:
    for key, value in SETTINGS.items():
        app.config.setdefault(key, value)
    api = MarketplaceApi(app)  # one per app: it holds the app's OpenAPI document
    api.register_converter(BoundedIntConverter, _id_parameter)
    csrf.exempt(bp)  # bearer tokens only; no cookie is accepted under /api/
    api.register_blueprint(bp)
    app.register_blueprint(token_views.bp)
    # Tokens are checked by the blueprint itself; the description is public.
    for endpoint, view in list(app.view_functions.items()):
        if endpoint.startswith("api."):
            view.is_public = True
    openapi = app.view_functions["api-docs.openapi_json"]
    app.view_functions["api-docs.openapi_json"] = public(_plain(openapi))


def _id_parameter(_converter) -> dict:
    return {"type": "integer", "minimum": 0, "maximum": MAX_ID}


def _plain(view):
    """A function standing for a bound method (which takes no attributes such as is_public)."""

    def openapi_json():
        return view()

    return openapi_json
