"""The official region lists (data/) and their lookups."""

import pytest

from marketplace.places import regions
from marketplace.places.regions import ChainProblem, Level


def _all_villages() -> list[regions.Region]:
    return [
        v for r in regions.children() for g in regions.children(r.code)
        for d in regions.children(g.code) for v in regions.children(d.code)
    ]  # fmt: skip


def test_counts_are_those_of_the_decree():
    provinces = regions.children()
    regencies = [g for p in provinces for g in regions.children(p.code)]
    districts = [d for g in regencies for d in regions.children(g.code)]
    assert (len(provinces), len(regencies), len(districts)) == (38, 514, 7285)
    assert len(_all_villages()) == 83762


def test_every_code_has_its_level_shape_and_a_name():
    for region in [*regions.children(), *regions.children("35"), *_all_villages()[:5000]]:
        assert regions.level_of(region.code) is region.level
        assert region.name and region.name == region.name.strip()


@pytest.mark.parametrize(
    ("code", "name", "level"),
    [
        ("72", "Sulawesi Tengah", Level.PROVINCE),
        ("72.71", "Kota Palu", Level.REGENCY),
        ("35.13", "Kabupaten Probolinggo", Level.REGENCY),
        ("36.74", "Kota Tangerang Selatan", Level.REGENCY),
        ("31.71.06", "Menteng", Level.DISTRICT),
        ("31.71.06.1001", "Menteng", Level.VILLAGE),
    ],
)
def test_get_by_code(code, name, level):
    region = regions.get(code)
    assert (region.name, region.level) == (name, level)


@pytest.mark.parametrize(
    "code", ["", "7", "99", "72.99", "72.71.99", "72.71.01.9999", "72-71", "x" * 5000, "72.71 "]
)
def test_unknown_or_shapeless_codes_are_none(code):
    assert regions.get(code) is None
    assert regions.children(code) == [] or code == ""


def test_children_are_in_code_order_and_under_their_parent():
    villages = regions.children("72.71.01")
    assert villages and all(v.parent_code == "72.71.01" for v in villages)
    assert [v.code for v in villages] == sorted(v.code for v in villages)
    assert regions.children("72.71.01.1001") == []  # a village has no children


def test_path_runs_from_the_province():
    assert [r.name for r in regions.path("31.71.06.1001")] == [
        "Daerah Khusus Ibukota Jakarta",
        "Kota Administrasi Jakarta Pusat",
        "Menteng",
        "Menteng",
    ]
    assert regions.path("31.71.06.9999") == []


def test_find_by_name_ignores_case_and_spaces():
    assert regions.find("kota  PALU", "72").code == "72.71"
    assert regions.find("Kota Palu", "31") is None  # not in that province
    assert regions.find("jawa barat").code == "32"


def test_matching_needs_every_word_and_puts_prefixes_first():
    found = regions.matching("jakarta")
    assert found[0].code == "31"
    assert [r.name for r in regions.matching("kota bekasi", "32")] == ["Kota Bekasi"]
    assert regions.matching("tidak ada", "32") == []
    assert len(regions.matching("", "32")) == len(regions.children("32"))


@pytest.mark.parametrize(
    ("codes", "problem"),
    [
        (["72", "72.71", "72.71.01", "72.71.01.1004"], None),
        (["72", "72.71"], None),
        (["", "72.71"], ChainProblem(Level.PROVINCE, "missing")),
        (["72", ""], ChainProblem(Level.REGENCY, "missing")),
        (["99"], ChainProblem(Level.PROVINCE, "unknown")),
        (["72", "72.71.01"], ChainProblem(Level.REGENCY, "unknown")),  # a district's code
        (["72", "35.13"], ChainProblem(Level.REGENCY, "not_in_parent")),
        (["72", "72.71", "35.13.15"], ChainProblem(Level.DISTRICT, "not_in_parent")),
        (
            ["72", "72.71", "72.71.01", "72.71.02.1002"],
            ChainProblem(Level.VILLAGE, "not_in_parent"),
        ),
        (["72", "72.71", "72.71.01", "72.71.01.9999"], ChainProblem(Level.VILLAGE, "unknown")),
    ],
)
def test_check_chain(codes, problem):
    assert regions.check_chain(codes) == problem
