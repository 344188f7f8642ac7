"""A cooperative admin's products: list, create (a draft), replace, publish or archive; and
the categories products belong to."""

from flask.views import MethodView

from marketplace.api import queries
from marketplace.api.blueprint import api_user, bp
from marketplace.api.cooperative_views import SLUG
from marketplace.api.order_views import before_id, cursor_page
from marketplace.api.products import product_data
from marketplace.api.schemas import (
    CategoryListSchema,
    PageArgs,
    ProductInputSchema,
    ProductPageSchema,
    ProductSchema,
    ProductStatusSchema,
)
from marketplace.catalogue import services
from marketplace.catalogue.access import get_product_for_admin
from marketplace.catalogue.queries import list_categories
from marketplace.cooperatives.access import get_cooperative_for_admin


@bp.route("/categories")
class Categories(MethodView):
    @bp.response(200, CategoryListSchema)
    def get(self) -> dict:
        """List the product categories"""
        return {"items": list_categories()}


@bp.route(f"/cooperatives/{SLUG}/products")
class CooperativeProducts(MethodView):
    @bp.arguments(PageArgs, location="query")
    @bp.response(200, ProductPageSchema)
    def get(self, args: dict, slug: str) -> dict:
        """List the products of a cooperative I administer (every status), newest first"""
        coop = get_cooperative_for_admin(slug, api_user())
        return cursor_page(
            "product", queries.products_of(coop, before_id(args, "product"), args["limit"])
        )

    @bp.arguments(ProductInputSchema)
    @bp.response(201, ProductSchema)
    def post(self, body: dict, slug: str):
        """Add a product (as a draft)

        The same rules as the product form: order step and minimum, price tiers from the
        minimum up, certificates. Publish it with the status endpoint.
        """
        coop = get_cooperative_for_admin(slug, api_user())
        return services.create_product(coop, api_user(), product_data(body))


@bp.route(f"/cooperatives/{SLUG}/products/<int:product_id>")
class CooperativeProduct(MethodView):
    @bp.response(200, ProductSchema)
    def get(self, slug: str, product_id: int):
        """Get a product of a cooperative I administer"""
        coop = get_cooperative_for_admin(slug, api_user())
        return get_product_for_admin(coop, product_id)

    @bp.arguments(ProductInputSchema)
    @bp.response(200, ProductSchema)
    def put(self, body: dict, slug: str, product_id: int):
        """Replace a product's details and price tiers"""
        coop = get_cooperative_for_admin(slug, api_user())
        product = get_product_for_admin(coop, product_id)
        return services.update_product(product, api_user(), product_data(body))


@bp.route(f"/cooperatives/{SLUG}/products/<int:product_id>/status")
class CooperativeProductStatus(MethodView):
    @bp.arguments(ProductStatusSchema)
    @bp.response(200, ProductSchema)
    def post(self, body: dict, slug: str, product_id: int):
        """Publish, unpublish (draft), archive or restore a product"""
        coop = get_cooperative_for_admin(slug, api_user())
        product = get_product_for_admin(coop, product_id)
        return services.set_product_status(product, api_user(), body["status"])
