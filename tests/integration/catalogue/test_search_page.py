"""The catalogue page (/): the search form's whole state in the URL, hostile input, the empty
state. Runs on SQLite and on PostgreSQL (TEST_DATABASE_URL)."""

import html
import re
from datetime import timedelta

import pytest

from marketplace.catalogue.search import catalogue_today
from tests.integration.catalogue.search_world import build_world


@pytest.fixture
def english(client):
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.get_data(as_text=True))


def card_names(text: str) -> list[str]:
    return re.findall(r'<h2 class="h5 card-title">\s*<a[^>]*>([^<]+)</a>', text)


def test_kopi_palu_on_the_page(english):
    build_world()
    text = page(english, "/?q=kopi+palu")
    assert card_names(text)[0] == "Kopi Robusta Grade 1"
    assert "2 products found" in text


def test_a_typo_says_what_was_searched_instead(english):
    build_world()
    text = page(english, "/?q=kopi+plau")
    assert "Nothing matches “kopi plau”; showing results for “kopi palu”." in text
    assert card_names(text)[0] == "Kopi Robusta Grade 1"


def test_the_whole_state_is_in_the_url(english):
    build_world()
    url = (
        "/?q=batik&kategori=batik&provinsi=Jawa+Timur&kabupaten=Kabupaten+Probolinggo"
        "&harga_min=100.000&harga_maks=1.000.000&pesan_min_maks=10&urut=termahal"
    )
    text = page(english, url)
    assert card_names(text) == ["Batik Tulis Motif Mangrove"]
    # The form shows what was asked, and every filter is a chip that removes only itself.
    assert 'value="batik" checked' in text
    assert '<option value="Jawa Timur" selected>Jawa Timur (1)</option>' in text
    assert '<option value="Kabupaten Probolinggo" selected>' in text
    assert 'value="100.000"' in text and 'value="10"' in text
    assert '<input type="hidden" name="urut" value="termahal">' in text
    chips = re.findall(r'class="badge[^"]*active-filter" href="([^"]+)"', text)
    assert len(chips) == 7
    province_chip = next(c for c in chips if "provinsi" not in c)
    assert "kabupaten" not in province_chip  # a regency goes with its province
    assert "kategori=batik" in province_chip and "q=batik" in province_chip


def test_sort_links_keep_the_search(english):
    build_world()
    text = page(english, "/?q=kopi&kategori=kuliner&page=2")
    links = re.findall(r'class="sort-link[^"]*"[^>]*href="([^"]+)"', text)
    assert len(links) == 4
    for link in links:
        link = html.unescape(link)
        assert "q=kopi" in link and "kategori=kuliner" in link and "page=" not in link


def test_counts_on_the_page(english):
    build_world()
    text = page(english, "/?q=kopi")
    counts = dict(
        re.findall(
            r'for="sertifikasi-(\w+)">\s*<span>[^<]+</span><span class="facet-count">(\d+)', text
        )
    )
    assert counts == {"halal": "1", "pirt": "1", "bpom": "1", "sni": "0"}


def test_wrong_filter_values_are_shown_and_ignored(english):
    build_world()
    yesterday = (catalogue_today() - timedelta(days=1)).isoformat()
    text = page(
        english,
        f"/?q=batik&harga_min=abc&harga_maks=99999999999999999999999&pesan_min_maks=-5"
        f"&tersedia={yesterday}&urut=nonsense&sertifikasi=fake&kategori=tidak-ada-kategori",
    )
    assert "Enter a whole number." in text
    assert "This number is too large." in text
    assert "Choose today or a later date." in text
    # The unknown category is a filter that finds nothing, not an error.
    assert "No products match your search." in text
    assert card_names(page(english, "/?q=batik&harga_min=abc&urut=nonsense"))


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"kopi',
        "kopi*",
        "*",
        "NEAR(kopi palu)",
        "kopi OR palu",
        "kopi AND NOT palu",
        "-kopi",
        "name:kopi",
        "{name}: kopi",
        "kopi^",
        "kopi & palu | !batik",
        "'; DROP TABLE products; --",
        "%_%",
        "\\",
        "kopi:*",
        "(((",
        "k" * 5000,
        "kopi " * 500,
        "ʕ•ᴥ•ʔ 日本語 café ١٢٣",
        "\u200b\u202e",
    ],
)
def test_hostile_queries_never_fail(english, query):
    build_world()
    response = english.get("/", query_string={"q": query})
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('class="h5 card-title"') <= 20


def test_operators_are_words_not_syntax(english):
    build_world()
    # FTS5 would read OR as "either"; here it is a word no product holds.
    assert card_names(page(english, "/?q=kopi+OR+batik")) == []
    assert card_names(page(english, "/?q=%22kopi+palu%22"))[0] == "Kopi Robusta Grade 1"
    assert card_names(page(english, "/?q=-batik+tulis")) == ["Batik Tulis Motif Mangrove"]


def test_empty_state_suggests_the_way_out(english):
    build_world()
    text = page(english, "/?q=qwxzqq&kategori=batik")
    assert "No products match your search." in text
    assert "Check the spelling" in text
    assert 'href="/?kategori=kuliner"' in text  # browse a category
    assert 'href="/"' in text


def test_a_page_past_the_end(english):
    build_world()
    assert "past the end" in page(english, "/?q=kopi&page=99")
