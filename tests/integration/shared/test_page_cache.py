"""Public pages for anonymous visitors come from the page cache (marketplace/page_cache.py)
until something they show changes; nothing personal is ever kept or handed out."""

import os
import time
import uuid

import pytest
from sqlalchemy import update

from marketplace import page_cache
from marketplace.catalogue import services
from marketplace.catalogue.models import Product, ProductStatus
from marketplace.extensions import db
from tests.factories import client_for, make_cooperative, make_product, make_user

REDIS_URL = os.environ.get("PAGE_CACHE_TEST_REDIS", "redis://127.0.0.1:6379/12")


def _redis_store():
    store = page_cache.RedisStore(REDIS_URL, f"test-pages-{uuid.uuid4().hex}")
    try:
        store.client.ping()
    except Exception:  # noqa: BLE001
        pytest.skip("no Redis at " + REDIS_URL)
    return store


@pytest.fixture(params=["memory", "redis"])
def cache(app, request):
    store = page_cache.MemoryStore() if request.param == "memory" else _redis_store()
    app.extensions["page_cache"] = store
    yield store
    del app.extensions["page_cache"]
    if request.param == "redis":
        for key in store.client.scan_iter(f"{store.prefix}:*"):
            store.client.delete(key)


@pytest.fixture
def shop():
    admin = make_user("Pengurus")
    coop = make_cooperative(admin)
    product = make_product(coop, name="Boneka Kelinci Rajut")
    return admin, coop, product


def test_an_anonymous_visitor_gets_the_kept_page_without_a_cookie(app, cache, shop):
    _, coop, _ = shop
    for path in ("/", "/?q=kelinci", "/?kategori=boneka", f"/koperasi/{coop.slug}"):
        first = app.test_client().get(path)
        second = app.test_client().get(path)
        assert first.headers[page_cache.HEADER] == "miss", path
        assert second.headers[page_cache.HEADER] == "hit", path
        assert second.get_data() == first.get_data()
        assert "Set-Cookie" not in first.headers and "Set-Cookie" not in second.headers
        assert "Cookie" in second.headers["Vary"]
        assert "csrf_token" not in first.get_data(as_text=True)


def test_the_query_string_is_part_of_the_key_in_any_order(app, cache, shop):
    client = app.test_client()
    client.get("/?q=kelinci&kategori=boneka")
    assert client.get("/?kategori=boneka&q=kelinci").headers[page_cache.HEADER] == "hit"
    assert client.get("/?q=beruang").headers[page_cache.HEADER] == "miss"


def test_a_changed_product_shows_at_once(app, cache, shop):
    admin, _, product = shop
    client = app.test_client()
    assert "Boneka Kelinci Rajut" in client.get("/").get_data(as_text=True)
    assert client.get("/").headers[page_cache.HEADER] == "hit"
    services.set_product_status(product, admin, ProductStatus.DRAFT)
    response = client.get("/")
    assert response.headers[page_cache.HEADER] == "miss"
    assert "Boneka Kelinci Rajut" not in response.get_data(as_text=True)


def test_any_committed_write_to_a_shown_table_starts_a_new_generation(app, cache, shop):
    _, _, product = shop
    client = app.test_client()
    client.get("/")
    product.name = "Boneka Kucing Flanel"
    db.session.commit()
    assert "Boneka Kucing Flanel" in client.get("/").get_data(as_text=True)


def test_a_logged_in_user_neither_gets_nor_leaves_a_kept_page(app, cache, shop):
    anonymous = app.test_client()
    anonymous.get("/")  # kept
    buyer = client_for(app, make_user("Ibu Pembeli Setia"))
    response = buyer.get("/")
    assert page_cache.HEADER not in response.headers
    assert "Ibu Pembeli Setia" in response.get_data(as_text=True)
    buyer.get("/?q=boneka")  # not kept for anyone
    assert anonymous.get("/?q=boneka").headers[page_cache.HEADER] == "miss"
    assert "Ibu Pembeli Setia" not in anonymous.get("/?q=boneka").get_data(as_text=True)


def test_each_language_has_its_own_copy(app, cache, shop):
    indonesian = app.test_client()
    indonesian.get("/")
    english = app.test_client()
    switched = english.get("/akun/bahasa?lang=en&next=/")
    assert switched.status_code == 302
    english.get("/")  # flask-login marks the session not fresh once: that page is not kept
    response = english.get("/")
    assert response.headers[page_cache.HEADER] == "miss"
    assert 'lang="en"' in response.get_data(as_text=True)
    assert english.get("/").headers[page_cache.HEADER] == "hit"
    assert 'lang="id"' in indonesian.get("/").get_data(as_text=True)


def test_a_visitor_with_a_flashed_message_gets_a_fresh_page(app, cache, shop):
    client = app.test_client()
    client.get("/")
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Pesan khusus untuk Anda")]
    response = client.get("/")
    assert page_cache.HEADER not in response.headers
    assert "Pesan khusus untuk Anda" in response.get_data(as_text=True)
    assert "Pesan khusus untuk Anda" not in app.test_client().get("/").get_data(as_text=True)


def test_a_page_with_a_csrf_token_is_never_kept(app, cache, shop, monkeypatch):
    _, coop, product = shop
    path = f"/produk/{coop.slug}/{product.slug}"  # its order form carries a token
    monkeypatch.setattr(page_cache, "CACHED_ENDPOINTS", {"catalogue.product"})
    app.test_client().get(path)
    response = app.test_client().get(path)
    assert response.headers[page_cache.HEADER] == "miss"


def test_anonymous_catalogue_pages_set_no_cookie_without_the_cache(app, shop):
    _, coop, _ = shop
    for path in ("/", "/?q=kelinci", "/?kategori=boneka", "/?page=2", f"/koperasi/{coop.slug}"):
        response = app.test_client().get(path)
        assert response.status_code == 200, path
        assert "Set-Cookie" not in response.headers, path


def test_the_language_switch_by_get_changes_only_this_browsers_language(app, shop):
    user = make_user("Pembeli", locale="id")
    client = client_for(app, user)
    client.get("/akun/bahasa?lang=en&next=/")
    db.session.refresh(user)
    assert user.locale == "id"  # a saved choice changes only by the POST form
    assert app.test_client().get("/akun/bahasa?lang=xx").status_code == 302


def test_a_bulk_update_statement_starts_a_new_generation_too(app, cache, shop):
    _, _, product = shop
    client = app.test_client()
    client.get("/")
    db.session.execute(update(Product).where(Product.id == product.id).values(name="Boneka Baru"))
    db.session.commit()
    assert "Boneka Baru" in client.get("/").get_data(as_text=True)


def test_a_page_rendered_before_a_change_is_not_kept_after_it(app, cache):
    generation, value = cache.fetch("id|/?")
    assert value is None
    cache.bump()  # a change committed while the page was rendering
    cache.store("id|/?", b"<p>old</p>", 60, generation)
    assert cache.fetch("id|/?")[1] is None


def test_the_memory_store_keeps_at_most_its_entries():
    store = page_cache.MemoryStore(entries=3)
    for n in range(5):
        store.store(f"k{n}", b"x", 60, store.generation)
    assert [store.fetch(f"k{n}")[1] for n in range(5)] == [None, None, b"x", b"x", b"x"]


def test_another_process_sees_a_change_within_the_local_seconds(monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_SECONDS", 0.2)
    here = _redis_store()
    there = page_cache.RedisStore(REDIS_URL, here.prefix)  # another web process
    try:
        generation, _ = there.fetch("k")
        there.store("k", b"<p>old</p>", 60, generation)
        assert there.fetch("k")[1] == b"<p>old</p>"
        here.bump()  # a change committed through the other process
        time.sleep(0.25)
        assert there.fetch("k")[1] is None
    finally:
        for key in here.client.scan_iter(f"{here.prefix}:*"):
            here.client.delete(key)
