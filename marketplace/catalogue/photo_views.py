"""Product photos: the cooperative admin's photo page, and every public photo's file."""

from collections.abc import Callable
from functools import partial

from flask import Response, abort, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from marketplace import photo_pages
from marketplace.accounts.access import public
from marketplace.catalogue import photos
from marketplace.catalogue.access import get_photo_of, get_product_for_admin
from marketplace.catalogue.blueprint import bp
from marketplace.cooperatives.access import get_cooperative_for_admin
from marketplace.limits import MAX_PRODUCT_PHOTOS
from marketplace.photo_forms import PhotoForm
from marketplace.storage import PUBLIC_CACHE_CONTROL, media_type, public_storage, public_url
from marketplace.views import form_status, post_route


@bp.get("/foto/<key>")
@public
def media(key: str) -> Response:
    """A public photo (of a product or a cooperative) by its key; a key never changes its
    content, so browsers keep it for a year."""
    data = public_storage().open(key)
    if data is None:
        abort(404)
    response = Response(data, mimetype=media_type(key))
    response.headers["Cache-Control"] = PUBLIC_CACHE_CONTROL
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@bp.route("/kelola/<slug>/produk/<int:product_id>/foto", methods=["GET", "POST"])
def product_photos(slug: str, product_id: int) -> ResponseReturnValue:
    coop = get_cooperative_for_admin(slug, current_user)
    product = get_product_for_admin(coop, product_id)
    form = PhotoForm()
    if photo_pages.add_photo(form, partial(photos.add_product_photo, product, current_user)):
        return redirect(url_for(".product_photos", slug=slug, product_id=product.id))
    return render_template(
        "catalogue/product_photos.html",
        coop=coop,
        product=product,
        form=form,
        limit=MAX_PRODUCT_PHOTOS,
        active="products",
    ), form_status()


def _photo_button(name: str, path: str, button: Callable, service: Callable) -> None:
    """A button on one photo of a product's photo page: POST .../foto/<photo_id>/<path> (the
    endpoint `catalogue.<name>`); `button` (photo_pages.move_photo or remove_photo) runs
    `service(product, photo, admin, ...)` and goes back to the page."""

    def view(slug: str, product_id: int, photo_id: int) -> ResponseReturnValue:
        coop = get_cooperative_for_admin(slug, current_user)
        product = get_product_for_admin(coop, product_id)
        photo = get_photo_of(product, photo_id)
        back = url_for(".product_photos", slug=slug, product_id=product.id)
        return button(partial(service, product, photo, current_user), back)

    rule = f"/kelola/<slug>/produk/<int:product_id>/foto/<int:photo_id>/{path}"
    post_route(bp, rule, name, view)


_photo_button("move_product_photo", "geser", photo_pages.move_photo, photos.move_product_photo)
_photo_button(
    "remove_product_photo", "hapus", photo_pages.remove_photo, photos.remove_product_photo
)


bp.add_app_template_global(public_url, "photo_url")
