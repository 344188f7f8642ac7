"""Scenario fixtures shared by the integration tests."""

import pytest

from tests.factories import make_cooperative, make_member, make_offer, make_product, make_user


@pytest.fixture
def two_shops():
    dolls_admin, batik_admin = make_user("Admin dolls"), make_user("Admin batik")
    dolls = make_cooperative(admin=dolls_admin, name="Koperasi Boneka")
    batik = make_cooperative(admin=batik_admin, name="Koperasi Batik", is_pkp=True)
    bear = make_product(dolls)  # MOQ 20, step 10, 20 @ 50.000, 100 @ 45.000, lead 14 days
    cloth = make_product(
        batik,
        name="Batik Tulis",
        tiers=((1, 1_000_000),),
        order_step=1,
        min_order_quantity=1,
        lead_time_days=30,
        category_slug="batik",
    )
    make_offer(make_member(dolls), bear, 200)
    make_offer(make_member(batik), cloth, 5)
    return dolls, batik, bear, cloth, dolls_admin, batik_admin
