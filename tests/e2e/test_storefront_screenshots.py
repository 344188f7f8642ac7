"""Screenshots of the pages a visitor judges the marketplace by (the catalogue, a product, a
cooperative's profile) and of the allocation page and the member's work, at desktop (1280 px)
and phone (360 px) width. Each page must fit its width and show its photos.

`scripts/screenshots.py` runs this module with SAVE_SCREENSHOTS=1, which writes the PNGs to
docs/screenshots/ (committed, shown in the README); otherwise they go to a temporary folder."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from marketplace.cooperatives.models import Cooperative
from marketplace.demo_data import COOPERATIVES
from marketplace.extensions import db
from marketplace.orders.models import Order, OrderStatus
from tests.e2e.support import BEKASI, BEKASI_ADMIN, BEKASI_MEMBER, log_in, use_english

pytestmark = pytest.mark.e2e

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "is_mobile": True,
        "has_touch": True,
        "device_scale_factor": 2,
    },
}
PUBLIC = {
    "catalogue": "/",
    "product": "/produk/ksu-palu/kopi-robusta-grade-1",
    "cooperative": f"/koperasi/{BEKASI}",
}


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("SAVE_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path_factory.mktemp("storefront")


def _confirmed_order(live_server) -> str:
    with live_server.app.app_context():
        number = db.session.scalar(
            select(Order.number)
            .join(Cooperative, Order.cooperative_id == Cooperative.id)
            .where(Cooperative.slug == BEKASI, Order.status == OrderStatus.CONFIRMED)
            .order_by(Order.id)
        )
        db.session.remove()
    assert number, "the demo has a confirmed Bekasi order to allocate"
    return number


# A screenshot shows at most this many CSS pixels of the page's height (the top of a long page).
MOST_HEIGHT = {1280: 1800, 360: 1480}


def _shoot(page: Page, shots: Path, name: str, width: int) -> None:
    """Wait for every image, check nothing is wider than the screen, and take a screenshot of
    the page's top (up to MOST_HEIGHT)."""
    page.wait_for_load_state("networkidle")
    broken = page.evaluate(
        "[...document.images].filter(i => i.loading !== 'lazy' && !i.naturalWidth).length"
    )
    assert broken == 0, f"{page.url}: {broken} images did not load"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # load the lazy images
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    height = min(page.evaluate("document.documentElement.scrollHeight"), MOST_HEIGHT[width])
    clip = {"x": 0, "y": 0, "width": width, "height": height}
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True, clip=clip)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_storefront_pages(new_page, shots, size):
    page = new_page(**SIZES[size])
    page.goto("/")
    use_english(page)
    width = SIZES[size]["viewport"]["width"]
    for name, path in PUBLIC.items():
        page.goto(path)
        expect(page.locator("main img").first).to_be_visible()
        _shoot(page, shots, f"{size}-{name}", width)
    # every demo product's card shows its photo (products other tests add may have none)
    page.goto("/")
    empty = page.locator("main .card:has(.product-thumb-empty)").all_inner_texts()
    demo = [product[0] for coop in COOPERATIVES for product in coop["products"]]
    assert not [card for card in empty if any(f"\n{name}\n" in card for name in demo)]
    expect(page.locator("main .card img.product-thumb").first).to_be_visible()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_allocation_and_member_pages(new_page, live_server, shots, size):
    width = SIZES[size]["viewport"]["width"]
    admin = new_page(**SIZES[size])
    log_in(admin, BEKASI_ADMIN)
    admin.goto(f"/kelola/{BEKASI}/pesanan/{_confirmed_order(live_server)}/alokasi")
    expect(admin.locator("main form").first).to_be_visible()
    _shoot(admin, shots, f"{size}-allocation", width)
    member = new_page(**SIZES[size])
    log_in(member, BEKASI_MEMBER)
    member.goto("/pekerjaan/")
    expect(member.locator("main h1")).to_be_visible()
    _shoot(member, shots, f"{size}-member-work", width)
