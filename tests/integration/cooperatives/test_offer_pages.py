"""A member's supply offers come a page at a time (a cooperative may have thousands of
products), each page with the member's own offers and the pooled availability."""

from tests.factories import (
    client_for,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
)


def test_the_supply_offers_page_shows_20_products_a_page(app):
    coop = make_cooperative(admin=english_user("Ketua"))
    member = make_member(coop, user=english_user("Siti"))
    products = [make_product(coop, name=f"Produk {n:02d}") for n in range(25)]
    make_offer(member, products[22], 37)
    client = client_for(app, member.user)
    first = client.get(f"/anggota/{coop.slug}/penawaran").get_data(as_text=True)
    assert "Produk 00" in first and "Produk 19" in first and "Produk 20" not in first
    assert "1 / 2" in first
    second = client.get(f"/anggota/{coop.slug}/penawaran?page=2").get_data(as_text=True)
    assert "Produk 20" in second and "Produk 24" in second and "Produk 19" not in second
    assert "37" in second  # the member's offer of Produk 22
    past = client.get(f"/anggota/{coop.slug}/penawaran?page=9")
    assert past.status_code == 200
    assert client.get(f"/anggota/{coop.slug}/penawaran?page=x").status_code in (200, 400, 404)
