from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_sqlalchemy.pagination import Pagination

from marketplace.accounts.access import public
from marketplace.catalogue import profiles, queries, search, services
from marketplace.catalogue.access import get_product_for_admin, get_public_product
from marketplace.catalogue.blueprint import bp
from marketplace.catalogue.forms import ProductForm, ProductStatusForm
from marketplace.catalogue.models import ProductStatus
from marketplace.catalogue.search_form import (
    CERTIFICATION_LABELS,
    SORT_LABELS,
    CatalogueSearchForm,
)
from marketplace.cooperatives.access import get_cooperative_for_admin, get_public_cooperative
from marketplace.cooperatives.models import Cooperative
from marketplace.cooperatives.services import whatsapp_share_url
from marketplace.url_params import page_number
from marketplace.views import domain_errors, submit


def _product_cards(template: str, page: Pagination, **context: object) -> str:
    """A page of products with what each can still promise (every product list shows it)."""
    availability = services.availability_for(p.id for p in page.items)
    profiles.load_photos(page.items)
    return render_template(template, page=page, availability=availability, **context)


@bp.get("/")
@public
def index() -> ResponseReturnValue:
    """The public catalogue: search, filters with their counts, sorting; all in the URL."""
    form = CatalogueSearchForm(formdata=request.args)
    filters = form.filters()
    result = search.search(filters, page=page_number())
    return _product_cards(
        "catalogue/index.html",
        result.page,
        form=form,
        filters=filters,
        result=result,
        categories=queries.list_categories(),
        active_filters=form.active_filters(request.args),
        certification_labels=CERTIFICATION_LABELS,
        sort_labels=SORT_LABELS,
        today=search.catalogue_today(),
    )


@bp.get("/produk/<coop_slug>/<product_slug>")
@public
def product(coop_slug: str, product_slug: str) -> ResponseReturnValue:
    product = get_public_product(coop_slug, product_slug)
    # The quantity typed before a refused add-to-cart (or a login), shown again, digits only.
    typed = request.args.get("jumlah", "").strip()[:12]
    related = profiles.related_products(product)
    link = url_for(".product", coop_slug=coop_slug, product_slug=product_slug, _external=True)
    message = _(
        "Hello %(cooperative)s, I am interested in %(product)s on Pasar Koperasi: %(link)s",
        cooperative=product.cooperative.name,
        product=product.name,
        link=link,
    )
    return render_template(
        "catalogue/product.html",
        product=product,
        available=services.pooled_availability(product),
        by_date=services.availability_by_week(product),
        typed_quantity=typed if typed.isdigit() else None,
        related=related,
        availability=services.availability_for(p.id for p in related),
        record=profiles.track_record(product.cooperative),
        whatsapp=_whatsapp(product.cooperative, message),
    )


def _whatsapp(coop: Cooperative, message: str) -> str | None:
    """A wa.me link to the cooperative with `message` typed in; None without its phone."""
    return whatsapp_share_url(coop.phone, message) if coop.phone else None


@bp.get("/koperasi/<slug>")
@public
def cooperative(slug: str) -> ResponseReturnValue:
    coop = get_public_cooperative(slug)
    page = queries.published_products_of(coop, page=page_number())
    message = _("Hello %(cooperative)s, I found you on Pasar Koperasi.", cooperative=coop.name)
    return _product_cards(
        "catalogue/cooperative.html",
        page,
        coop=coop,
        record=profiles.track_record(coop),
        whatsapp=_whatsapp(coop, message),
    )


@bp.get("/kelola/<slug>/produk")
def manage_products(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    page = queries.products_for_admin(coop, page=page_number())
    return _product_cards("catalogue/manage_products.html", page, coop=coop, active="products")


@bp.route("/kelola/<slug>/produk/baru", methods=["GET", "POST"])
def new_product(slug: str) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    form = ProductForm()
    if submit(
        form,
        lambda: services.create_product(coop, current_user, form.product_data()),
        done=lambda product: _(
            "%(name)s is saved as a draft. Publish it to show it to buyers.", name=product.name
        ),
    ):
        return redirect(url_for(".manage_products", slug=coop.slug))
    return _product_form_page(coop, form, None)


def _product_form_page(coop, form: ProductForm, product) -> str:
    return render_template(
        "catalogue/product_form.html", form=form, coop=coop, product=product, active="products"
    )


@bp.route("/kelola/<slug>/produk/<int:product_id>/ubah", methods=["GET", "POST"])
def edit_product(slug: str, product_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    product = get_product_for_admin(coop, product_id)
    form = ProductForm() if request.method == "POST" else ProductForm.for_product(product)
    if submit(
        form,
        lambda: services.update_product(product, current_user, form.product_data()),
        done=lambda _result: _("Your changes to %(name)s are saved.", name=product.name),
    ):
        return redirect(url_for(".manage_products", slug=coop.slug))
    return _product_form_page(coop, form, product)


@bp.post("/kelola/<slug>/produk/<int:product_id>/status")
def change_product_status(slug: str, product_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    product = get_product_for_admin(coop, product_id)
    # The archive button (macros.confirm_post) sends its status in the query string.
    form = ProductStatusForm(formdata=request.values)
    if not form.validate_on_submit():
        abort(400)
    with domain_errors() as outcome:
        services.set_product_status(product, current_user, form.status.data)
    if outcome:
        messages = {
            ProductStatus.PUBLISHED: _("%(name)s is now in the catalogue.", name=product.name),
            ProductStatus.DRAFT: _(
                "%(name)s is now a draft, hidden from buyers.", name=product.name
            ),
            ProductStatus.ARCHIVED: _("%(name)s is archived.", name=product.name),
        }
        flash(messages[ProductStatus(product.status)], "success")
    return redirect(url_for(".manage_products", slug=coop.slug))


from marketplace.catalogue import photo_views  # noqa: E402,F401  (routes)
