"""catalogue/search.py on the test database (SQLite, or PostgreSQL with TEST_DATABASE_URL):
words, ranking, typos, filters and their counts. The same tests run on both."""

from datetime import timedelta

import pytest

from marketplace.catalogue.search import SearchFilters, Sort, available_on, catalogue_today, search
from marketplace.extensions import db
from tests.factories import make_cooperative, make_product
from tests.integration.catalogue.search_world import World, build_world


@pytest.fixture
def world() -> World:
    return build_world()


def names(query: str = "", **filters) -> list[str]:
    result = search(SearchFilters(query=query, **filters))
    return [p.name for p in result.page.items]


def test_kopi_palu_finds_palus_robusta_first(world):
    found = names("kopi palu")
    assert found[0] == "Kopi Robusta Grade 1"
    # Palu's shallots mention coffee in their description: found, below the coffee itself;
    # Bekasi's coffee is not in Palu.
    assert found == ["Kopi Robusta Grade 1", "Bawang Goreng"]


@pytest.mark.parametrize("query", ["batik tulis", "batik tulis probolinggo", "Batik TULIS"])
def test_batik_tulis_finds_the_probolinggo_batik(world, query):
    assert names(query) == ["Batik Tulis Motif Mangrove"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("perkebunan", {"Kopi Robusta Grade 1"}),  # category
        ("sulawesi", {"Kopi Robusta Grade 1", "Bawang Goreng"}),  # province
        ("kabupaten probolinggo", {"Batik Tulis Motif Mangrove", "Batik Cap Motif Anggur"}),
        ("nelayan", {"Kopi Robusta Grade 1", "Bawang Goreng"}),  # cooperative name
        ("pewarna", {"Batik Tulis Motif Mangrove"}),  # description
        ("robus", {"Kopi Robusta Grade 1"}),  # the beginning of a word
        ("kuliner", {"Bawang Goreng", "Kopi Arabika Bubuk"}),
    ],
)
def test_every_part_of_a_product_is_searched(world, query, expected):
    assert set(names(query)) == expected


def test_every_word_must_match(world):
    assert names("kopi probolinggo") == []
    assert names("boneka palu") == []


@pytest.mark.parametrize(
    ("query", "corrected", "first"),
    [
        ("kopi plau", "kopi palu", "Kopi Robusta Grade 1"),
        ("batk tulis", "batik tulis", "Batik Tulis Motif Mangrove"),
        ("batik tuils probolingo", "batik tulis probolinggo", "Batik Tulis Motif Mangrove"),
        ("robsuta", "robusta", "Kopi Robusta Grade 1"),
    ],
)
def test_a_typo_still_finds(world, query, corrected, first):
    result = search(SearchFilters(query=query))
    assert result.corrected_query == corrected
    assert result.page.items[0].name == first


def test_a_query_that_matches_needs_no_correction(world):
    assert search(SearchFilters(query="batik")).corrected_query is None


def test_nothing_near_is_an_empty_result_without_correction(world):
    result = search(SearchFilters(query="qwxzqq"))
    assert result.page.total == 0
    assert result.corrected_query is None


def test_hidden_products_are_never_found(world):
    make_product(world.palu, name="Kopi Draf Rahasia", status="draft")
    pending = make_cooperative(status="pending", name="Koperasi Kopi Tertunda")
    make_product(pending, name="Kopi Tertunda")
    assert "Kopi Draf Rahasia" not in names("kopi")
    assert names("rahasia") == names("tertunda") == []


def test_the_index_follows_every_change(world):
    world.probolinggo.name = "Koperasi Tenun Lumajang"
    world.probolinggo.regency = "Kabupaten Lumajang"
    world.tulis.name = "Batik Tulis Sekar Jagad"
    db.session.commit()
    assert set(names("lumajang")) == {"Batik Tulis Sekar Jagad", "Batik Cap Motif Anggur"}
    assert names("mangrove") == []
    world.tulis.category.name_en = "Woven goods"
    db.session.commit()
    assert "Batik Tulis Sekar Jagad" in names("woven")
    db.session.delete(world.boneka)
    db.session.commit()
    assert names("beruang") == []


# --- filters ------------------------------------------------------------------------------


def test_filters(world):
    assert set(names(category="batik")) == {"Batik Tulis Motif Mangrove", "Batik Cap Motif Anggur"}
    assert set(names(province="Sulawesi Tengah")) == {"Kopi Robusta Grade 1", "Bawang Goreng"}
    assert names(province="Jawa Timur", regency="Kota Palu") == []
    assert names("kopi", regency="Kota Bekasi") == ["Kopi Arabika Bubuk"]
    assert names(certifications=frozenset({"halal"})) == ["Bawang Goreng"]
    assert names(certifications=frozenset({"halal", "bpom"})) == []
    assert set(names(certifications=frozenset({"bpom"}))) == {"Kopi Arabika Bubuk"}
    assert names(certifications=frozenset({"sni"})) == ["Boneka Beruang"]


def test_price_range_uses_the_lowest_unit_price(world):
    # Robusta costs 72.000 from 50 kg and 66.000 from 500 kg: its lowest price is 66.000.
    assert set(names(price_min=60_000, price_max=70_000)) == {"Kopi Robusta Grade 1"}
    assert set(names(price_max=50_000)) == {"Kopi Arabika Bubuk", "Boneka Beruang"}
    assert set(names(price_min=700_000)) == {"Batik Tulis Motif Mangrove"}


def test_largest_minimum_order(world):
    assert set(names(max_minimum_order=10)) == {"Batik Tulis Motif Mangrove", "Bawang Goreng"}


def test_available_by_a_date(world):
    today = catalogue_today()
    # In three days: the coffee's 14-day lead time does not fit, the shallots have too few
    # units offered, only Bekasi's coffee (2 days, 100 offered) can come.
    assert names(available_by=today + timedelta(days=3)) == ["Kopi Arabika Bubuk"]
    in_a_month = set(names(available_by=today + timedelta(days=30)))
    assert in_a_month == {"Kopi Arabika Bubuk", "Kopi Robusta Grade 1"}


def test_available_on_is_zero_when_the_lead_time_does_not_fit(world):
    today = catalogue_today()
    ids = [world.robusta.id, world.arabika.id]
    assert available_on(ids, today + timedelta(days=3), today) == {
        world.robusta.id: 0,
        world.arabika.id: 100,
    }
    assert available_on(ids, today + timedelta(days=14), today)[world.robusta.id] == 400


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (Sort.PRICE_LOW, ["Kopi Arabika Bubuk", "Kopi Robusta Grade 1", "Bawang Goreng"]),
        (Sort.PRICE_HIGH, ["Bawang Goreng", "Kopi Robusta Grade 1", "Kopi Arabika Bubuk"]),
        (Sort.NEWEST, ["Kopi Arabika Bubuk", "Bawang Goreng", "Kopi Robusta Grade 1"]),
        (Sort.RELEVANCE, ["Kopi Arabika Bubuk", "Kopi Robusta Grade 1", "Bawang Goreng"]),
    ],
)
def test_sorting(world, sort, expected):
    found = names("kopi", sort=sort)
    if sort == Sort.RELEVANCE:  # both coffees have "kopi" in the name, the shallots do not
        assert set(found[:2]) == set(expected[:2]) and found[2] == expected[2]
    else:
        assert found == expected


def test_counts_per_filter_value(world):
    counts = search(SearchFilters(query="kopi", category="kuliner")).counts
    # Each facet counts under the other filters but not its own: the categories of all
    # "kopi" products, the rest within Kuliner.
    assert counts.categories == {"perkebunan": 1, "kuliner": 2}
    assert counts.provinces == [("Jawa Barat", 1), ("Sulawesi Tengah", 1)]
    assert counts.regencies == []  # no province chosen
    assert counts.certifications == {"halal": 1, "pirt": 1, "bpom": 1, "sni": 0}


def test_regency_counts_within_the_chosen_province(world):
    counts = search(SearchFilters(province="Jawa Timur", regency="Kabupaten Probolinggo")).counts
    assert counts.regencies == [("Kabupaten Probolinggo", 2)]
    assert ("Sulawesi Tengah", 2) in counts.provinces  # provinces ignore province and regency


def test_a_page_of_results(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    first = search(SearchFilters(sort=Sort.PRICE_LOW), page=1).page
    third = search(SearchFilters(sort=Sort.PRICE_LOW), page=3).page
    assert first.total == 6 and first.pages == 3
    assert [p.name for p in first.items] == ["Kopi Arabika Bubuk", "Boneka Beruang"]
    assert [p.name for p in third.items] == ["Batik Cap Motif Anggur", "Batik Tulis Motif Mangrove"]


def test_available_on_asks_in_chunks(world, monkeypatch):
    today = catalogue_today()
    ids = [world.robusta.id, world.arabika.id, world.bawang.id]
    whole = available_on(ids, today + timedelta(days=30), today)
    monkeypatch.setattr("marketplace.catalogue.search.AVAILABILITY_CHUNK", 1)
    assert available_on(ids, today + timedelta(days=30), today) == whole
    found = set(names(available_by=today + timedelta(days=30)))
    assert found == {"Kopi Arabika Bubuk", "Kopi Robusta Grade 1"}
