"""A cooperative admin's products: list, create (a draft), replace, publish or archive; and
the categories products belong to."""

from flask.views import MethodView
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from marketplace.api import pagination
from marketplace.api.blueprint import api_user, bp
from marketplace.api.catalogue_views import bad_cursor
from marketplace.api.cooperative_views import SLUG
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
from marketplace.catalogue.models import Product
from marketplace.catalogue.queries import list_categories
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.extensions import db


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
        try:
            before = pagination.decode("product", args.get("cursor"))
        except pagination.BadCursor:
            raise bad_cursor() from None
        stmt = select(Product).where(Product.cooperative_id == coop.id)
        if before is not None:
            stmt = stmt.where(Product.id < before)
        rows = list(
            db.session.scalars(
                stmt.options(selectinload(Product.price_tiers), selectinload(Product.category))
                .order_by(Product.id.desc())
                .limit(args["limit"] + 1)
            )
        )
        more = len(rows) > args["limit"]
        rows = rows[: args["limit"]]
        return {
            "items": rows,
            "next_cursor": pagination.encode("product", rows[-1].id) if more else None,
        }

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
