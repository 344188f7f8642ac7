"""The demo data: every product has a drawn photo and every verified cooperative a logo, two
photos and a story; seeding again adds nothing."""

from sqlalchemy import func, select

from marketplace.catalogue.models import Product, ProductPhoto
from marketplace.cooperatives.models import CooperativePhoto
from marketplace.demo import seed_demo
from marketplace.extensions import db
from tests.integration.catalogue.test_product_photos import public_files


def _counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(ProductPhoto.id))),
        db.session.scalar(select(func.count(CooperativePhoto.id))),
    )


def test_every_demo_product_and_cooperative_has_its_pictures_once(app):
    with app.test_request_context():
        seed_demo()
    # What the storefront shows: every published product and every cooperative that sells one
    # (the report history's extra cooperatives keep only archived products).
    products = db.session.scalars(select(Product).where(Product.status == "published")).all()
    assert products and all(len(p.photos) == 1 for p in products)
    assert all(p.photos[0].alt_text == p.name for p in products)
    for coop in {p.cooperative for p in products}:
        assert coop.logo_key and len(coop.photos) == 2 and coop.story and coop.founded_year
        assert coop.phone.startswith("+62")
    counts, files = _counts(), public_files(app)
    with app.test_request_context():
        seed_demo()
    assert _counts() == counts and public_files(app) == files
    cover = products[0].photos[0]
    served = app.test_client().get(f"/foto/{cover.key}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
