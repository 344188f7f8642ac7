"""Around the cart, as a person meets it: logging in from a POST never lands on a POST-only
URL, a refused quantity is shown as typed, the navigation counts the cart, checkout and the
placed-orders page add up the total and list each transfer, and a catalogue page past the last
says so instead of "no products yet"."""

from urllib.parse import parse_qs, urlsplit

import pytest

from marketplace.checkout.models import CartItem
from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.factories import (
    PASSWORD,
    client_for,
    db_state,
    english_user,
    make_product,
    order_of,
)
from tests.integration.checkout.test_cart_checkout import add, checkout_data


def next_of(response) -> str | None:
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/akun/masuk"
    return parse_qs(location.query).get("next", [None])[0]


def test_logged_out_add_to_cart_logs_in_back_to_the_product_with_the_quantity(
    app,
    client,
    two_shops,
):
    _dolls, _batik, bear, _cloth, _, _ = two_shops
    product_page = f"/produk/{bear.cooperative.slug}/{bear.slug}"
    before = db_state()
    response = add(client, bear, 60)
    target = next_of(response)
    assert target == f"{product_page}?jumlah=60"  # never /keranjang/tambah/... (POST only)
    assert db_state() == before

    buyer = english_user("Dewi")
    login = client.post(
        f"/akun/masuk?next={target}", data={"email": buyer.email, "password": PASSWORD}
    )
    assert login.headers["Location"] == target
    page = client.get(target).get_data(as_text=True)
    assert 'name="quantity"\n                   value="60"' in page


@pytest.mark.parametrize(
    ("referrer", "expected"),
    [
        ("http://localhost/keranjang/", "/keranjang/"),
        ("http://localhost/produk/a/b?x=1", "/produk/a/b?x=1"),
        ("https://evil.example/phish", None),
        (None, None),
    ],
)
def test_a_post_that_needs_login_never_puts_its_own_url_in_next(
    app,
    client,
    two_shops,
    referrer,
    expected,
):
    """The general rule, for any POST-only URL behind login: the referring local page or
    nothing."""
    _dolls, _batik, bear, _cloth, _, _ = two_shops
    buyer = english_user("Dewi")
    order = order_of(buyer, bear, 20)
    headers = {"Referer": referrer} if referrer else {}
    before = db_state()
    for url in (f"/pesanan/{order.number}/batal", "/keranjang/1/hapus", "/notifikasi/baca"):
        assert next_of(client.post(url, headers=headers)) == expected
    assert db_state() == before
    # A GET keeps its own address, with its query.
    assert next_of(client.get("/pesanan/?page=2")) == "/pesanan/?page=2"


def test_a_refused_quantity_is_shown_again_as_typed(app, two_shops):
    _dolls, _batik, bear, _cloth, _, _ = two_shops
    client = client_for(app, english_user("Dewi"))
    before = db_state()
    response = add(client, bear, 25)  # step 10
    assert response.headers["Location"].endswith(f"/{bear.slug}?jumlah=25")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Order in multiples of 10 pcs." in page
    assert 'value="25"' in page
    assert db_state() == before
    # Only digits come back into the form.
    hostile = client.get(f"/produk/{bear.cooperative.slug}/{bear.slug}?jumlah=%22%3E%3Cb%3E")
    assert hostile.status_code == 200 and '"><b>' not in hostile.get_data(as_text=True)
    assert 'value="20"' in hostile.get_data(as_text=True)  # the minimum

    add(client, bear, 20)
    item = db.session.query(CartItem).one()
    refused = client.post(f"/keranjang/{item.id}", data={"quantity": "33"})
    assert refused.headers["Location"].endswith(f"/keranjang/?baris={item.id}&jumlah=33")
    cart = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert 'value="33"' in cart and "Order in multiples of 10 pcs." in cart
    db.session.expire_all()
    assert db.session.get(CartItem, item.id).quantity == 20


def test_navigation_counts_the_products_in_the_cart(app, client, two_shops):
    _dolls, _batik, bear, cloth, _, _ = two_shops
    buyer, other = english_user("Dewi"), english_user("Other")
    buyer_client, other_client = client_for(app, buyer), client_for(app, other)
    add(buyer_client, bear, 20)
    add(buyer_client, cloth, 1)
    add(buyer_client, cloth, 1)  # the same product again: still two products
    page = buyer_client.get("/").get_data(as_text=True)
    assert 'id="nav-cart">Cart <span class="badge text-bg-light" title="2 products in the' in page
    assert 'id="nav-cart">Cart</a>' in other_client.get("/").get_data(as_text=True)
    assert 'id="nav-cart"' not in client.get("/").get_data(as_text=True)


def test_checkout_and_placed_pages_show_the_grand_total_and_each_transfer(
    app,
    two_shops,
):
    dolls, batik, bear, cloth, _, _ = two_shops
    buyer = english_user("Dewi")
    client = client_for(app, buyer)
    add(client, bear, 100)  # 4,500,000
    add(client, cloth, 2)  # 2,220,000 with PPN
    assert "Grand total of 2 orders: <strong>Rp6,720,000</strong>" in client.get(
        "/keranjang/"
    ).get_data(as_text=True)
    form = client.get("/keranjang/checkout").get_data(as_text=True)
    assert "Grand total: <strong>Rp6,720,000</strong>" in form
    response = client.post("/keranjang/checkout", data=checkout_data(dolls, batik))
    placed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Grand total: <strong>Rp6,720,000</strong>" in placed
    assert "2 bank transfers to make" in placed
    assert 'class="text-end transfer-total">Rp6,720,000<' in placed
    for order in db.session.query(Order):
        account = order.cooperative.bank_account_number
        assert f'data-copy="{account}"' in placed and f'data-copy="{order.number}"' in placed
        assert f'data-copy="{order.total}"' in placed
    assert "js/copy.js" in placed and "<script>" not in placed  # no inline script (CSP)

    # Another buyer may not see them; nothing changes.
    other = client_for(app, english_user("Other"))
    before = db_state()
    assert other.get(response.headers["Location"]).status_code == 404
    assert db_state() == before


@pytest.mark.parametrize("path", ["/?page=7", "/koperasi/{slug}?page=7"])
def test_a_page_past_the_last_says_so_and_links_to_the_last(app, client, two_shops, path):
    dolls, _batik, _bear, _cloth, _, _ = two_shops
    for n in range(25):  # two pages of 20
        make_product(dolls, name=f"Boneka {n}", slug=f"boneka-{n}")
    url = path.format(slug=dolls.slug)
    client.post("/akun/bahasa", data={"lang": "en"})
    page = client.get(url).get_data(as_text=True)
    assert "This page is past the end of the list: there are only 2 pages." in page
    assert "page=2" in page and "Go to the last page" in page
    assert "no products on offer yet" not in page and "No products are on offer yet" not in page
