"""A product's photos: the cooperative admin uploads, reorders and deletes them; the first is
the product's cover in the catalogue (marketplace.uploads does the work)."""

from marketplace.accounts.models import User
from marketplace.catalogue.locks import lock_product
from marketplace.catalogue.models import Product, ProductPhoto
from marketplace.limits import MAX_PRODUCT_PHOTOS
from marketplace.uploads import Gallery, add_photo, move_photo, remove_photo


def _gallery(product: Product) -> Gallery:
    return Gallery(
        owner=product,
        photo_class=ProductPhoto,
        lock=lambda: lock_product(product),
        limit=MAX_PRODUCT_PHOTOS,
        audit="product",
        cooperative_id=product.cooperative_id,
    )


def add_product_photo(product: Product, actor: User, data: bytes, alt_text: str) -> ProductPhoto:
    """Store an uploaded photo as the product's last (uploads.add_photo says what is refused);
    without an alt text the product's name describes it."""
    return add_photo(_gallery(product), actor, data, (alt_text or "").strip() or product.name)


def move_product_photo(product: Product, photo: ProductPhoto, actor: User, offset: int) -> bool:
    """Move a photo of `product` one place earlier (-1) or later (+1)."""
    return move_photo(_gallery(product), photo, actor, offset)


def remove_product_photo(product: Product, photo: ProductPhoto, actor: User) -> None:
    """Delete a photo of `product` and, after commit, its files."""
    remove_photo(_gallery(product), photo, actor)
