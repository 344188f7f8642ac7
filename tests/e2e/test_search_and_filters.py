"""Catalogue search and filters in Chromium, on a desktop screen and on a 360 px phone (also
with JavaScript off): the demo's "kopi palu" and "batik tulis", a typo, filters with counts,
chips that remove a filter, sorting, and the filters folded away on the phone."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import use_english

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 360, "height": 780}, "is_mobile": True, "has_touch": True}
SEARCH_FORM = "main form[role=search]"
SHOTS = Path(__file__).resolve().parent / "artifacts"


def card_titles(page: Page) -> list[str]:
    return [t.strip() for t in page.locator("main .card-title a").all_inner_texts()]


def params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def search_for(page: Page, query: str) -> None:
    page.fill(f"{SEARCH_FORM} input[name=q]", query)
    with page.expect_navigation():
        page.locator(f"{SEARCH_FORM} .input-group button[type=submit]").click()


def apply_filters(page: Page) -> None:
    with page.expect_navigation():
        page.locator(f"{SEARCH_FORM} .search-filters button[type=submit]").click()


def fits_the_screen(page: Page) -> None:
    width, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width <= client, f"{page.url}: {width} px wide on a {client} px screen"


def test_search_and_filters_on_a_desktop(page: Page):
    page.goto("/")
    use_english(page)
    expect(page.locator("details#filters")).to_have_attribute("open", "")  # opened: wide screen

    search_for(page, "kopi palu")
    assert params(page)["q"] == ["kopi palu"]
    assert card_titles(page)[0] == "Kopi Robusta Grade 1"

    search_for(page, "batik tulis")
    assert card_titles(page)[0] == "Batik Tulis Motif Mangrove"

    search_for(page, "batk tuls")
    expect(page.locator("main .corrected-query")).to_contain_text("batik tulis")
    assert card_titles(page)[0] == "Batik Tulis Motif Mangrove"

    # Filters: the province list counts its products; choosing one offers its regencies.
    search_for(page, "batik")
    province = page.locator("main select[name=provinsi]")
    expect(province.locator("option", has_text="Jawa Timur")).to_have_text(
        re.compile(r"Jawa Timur \(\d+\)")
    )
    province.select_option("Jawa Timur")
    apply_filters(page)
    assert params(page)["provinsi"] == ["Jawa Timur"] and params(page)["q"] == ["batik"]
    expect(page.locator("main select[name=kabupaten]")).to_be_visible()
    found = len(card_titles(page))
    assert found and all(
        "Jawa Timur" in t
        for t in page.locator("main .card-body .text-muted").all_inner_texts()
        if "," in t
    )

    # Sorting keeps the search; the lowest price comes first.
    with page.expect_navigation():
        page.locator("main .sort-links a", has_text="Lowest price").click()
    assert params(page)["urut"] == ["termurah"] and params(page)["provinsi"] == ["Jawa Timur"]
    prices = [
        int(re.sub(r"\D", "", m))
        for m in re.findall(
            r"Rp[\d,]+", " ".join(page.locator("main .card .fw-semibold").all_inner_texts())
        )
    ]
    assert prices == sorted(prices), prices

    # A chip removes its filter and keeps the rest.
    with page.expect_navigation():
        page.locator("main .active-filter", has_text="Jawa Timur").click()
    assert "provinsi" not in params(page) and params(page)["q"] == ["batik"]
    assert len(card_titles(page)) >= found

    # Nothing found: the empty state offers a way out.
    search_for(page, "qwxzqq")
    expect(page.locator("main .search-empty")).to_contain_text("No products match your search.")
    expect(page.locator("main .search-empty a", has_text="Show all products")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.goto("/?q=batik&provinsi=Jawa+Timur")
    page.screenshot(path=str(SHOTS / "search-desktop.png"), full_page=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_filters_fold_away_on_a_phone(new_page, javascript):
    page = new_page(**PHONE, java_script_enabled=javascript)
    page.goto("/?q=kopi")
    filters = page.locator("details#filters")
    expect(filters).not_to_have_attribute("open", "")
    expect(page.locator("main input[name=kategori]").first).to_be_hidden()
    assert card_titles(page), "no results above the folded filters"
    fits_the_screen(page)

    filters.locator("summary").click()
    expect(page.locator("main label[for=sertifikasi-halal]")).to_be_visible()
    fits_the_screen(page)
    page.locator("main label[for=sertifikasi-halal]").click()
    apply_filters(page)
    assert params(page)["sertifikasi"] == ["halal"] and params(page)["q"] == ["kopi"]
    expect(page.locator("main .active-filter", has_text="Halal")).to_be_visible()
    expect(page.locator("details#filters summary .badge")).to_have_text("1")
    fits_the_screen(page)
    if javascript:
        SHOTS.mkdir(exist_ok=True)
        page.locator("details#filters summary").click()
        page.screenshot(path=str(SHOTS / "search-phone.png"), full_page=True)
