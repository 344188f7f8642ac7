"""Catalogue endpoints: search the published catalogue, one product with its availability."""

from flask.views import MethodView

from marketplace.api import pagination
from marketplace.api.access import get_orderable_product
from marketplace.api.blueprint import bp
from marketplace.api.problems import ApiProblem
from marketplace.api.schemas import (
    ProductArgs,
    ProductDetailSchema,
    ProductPageSchema,
    SearchArgs,
)
from marketplace.catalogue.search import SearchFilters, available_on, catalogue_today, search
from marketplace.checkout.services import earliest_delivery_date
from marketplace.limits import MAX_SEARCH_LENGTH
from marketplace.url_params import MAX_PAGE

BAD_CURSOR = "This cursor was not made by this list."


def bad_cursor() -> ApiProblem:
    return ApiProblem(400, "invalid_cursor", BAD_CURSOR)


@bp.route("/products")
class Products(MethodView):
    @bp.arguments(SearchArgs, location="query")
    @bp.response(200, ProductPageSchema)
    def get(self, args: dict) -> dict:
        """Search the catalogue

        Published products of verified cooperatives whose texts hold every word of `q`,
        optionally only those that can be delivered by `available_by`. Page with `cursor`.
        """
        try:
            page = pagination.decode("page", args.get("cursor"), MAX_PAGE) or 1
        except pagination.BadCursor:
            raise bad_cursor() from None
        filters = SearchFilters(
            query=args["q"][:MAX_SEARCH_LENGTH], available_by=args.get("available_by")
        )
        found = search(filters, page).page
        more = found.has_next and page < MAX_PAGE
        return {
            "items": found.items,
            "next_cursor": pagination.encode("page", page + 1) if more else None,
        }


@bp.route("/products/<int:product_id>")
class ProductDetail(MethodView):
    @bp.arguments(ProductArgs, location="query")
    @bp.response(200, ProductDetailSchema)
    def get(self, args: dict, product_id: int):
        """Get a product with its availability by a date

        `availability.units` is what the cooperative's members can deliver by `date` (ready
        units plus production until then, less what open orders hold); 0 when the lead time
        does not fit before that date.
        """
        product = get_orderable_product(product_id)
        day = args.get("date") or catalogue_today()
        product.availability = {
            "date": day,
            "units": available_on([product.id], day)[product.id],
            "earliest_delivery_date": earliest_delivery_date(product),
        }
        return product
