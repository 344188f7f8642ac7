"""The cooperative admin's dashboard and reports, and the operator's console, in Chromium on
the demo data at 1280 px and 360 px: charts drawn, tables beside them, nothing wider than the
screen, a period chosen, an export downloaded. Screenshots go to a temporary folder (or
docs/screenshots/ with SAVE_SCREENSHOTS=1)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BEKASI, BEKASI_ADMIN, BEKASI_MEMBER, PLATFORM_ADMIN, log_in

pytestmark = pytest.mark.e2e

SIZES = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    if os.environ.get("SAVE_SCREENSHOTS"):
        DOCS.mkdir(parents=True, exist_ok=True)
        return DOCS
    return tmp_path_factory.mktemp("report-screenshots")


def _fits(page: Page, width: int, shots: Path, name: str) -> None:
    page.wait_for_load_state()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} is {scroll}px wide at {width}px"
    page.screenshot(path=str(shots / f"reports-{name}-{width}.png"), full_page=True)


def _chart_fits(page: Page, width: int) -> None:
    chart = page.locator("svg.chart").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert chart.get_attribute("role") == "img"


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_dashboard_and_a_report_on_the_demo_data(new_page, shots, size):
    page = new_page(**SIZES[size])
    width = SIZES[size]["viewport"]["width"]
    log_in(page, BEKASI_ADMIN)
    page.goto(f"/kelola/{BEKASI}/")
    expect(page.locator("#to-do")).to_contain_text("Needs doing now")
    expect(page.locator("#revenue-this-month")).to_contain_text("Rp")
    expect(page.locator("#sales .report-table tbody tr")).to_have_count(12)
    _chart_fits(page, width)
    _fits(page, width, shots, "dashboard")

    page.goto(f"/kelola/{BEKASI}/laporan/kinerja-anggota")
    expect(page.locator("h2")).to_contain_text("Fulfilment and quality per member")
    expect(page.locator(".report-table tbody tr").first).to_contain_text("%")
    _chart_fits(page, width)
    _fits(page, width, shots, "member-performance")

    # choose a period: the months chosen come back in the form and the export links
    page.fill("#period-from", "2026-03")
    page.fill("#period-to", "2026-05")
    with page.expect_navigation():
        page.locator("#period-form button[type=submit]").click()
    assert "dari=2026-03" in page.url and "sampai=2026-05" in page.url
    assert "dari=2026-03" in page.locator("#export-csv").get_attribute("href")
    with page.expect_download() as download:
        page.locator("#export-xlsx").click()
    assert download.value.suggested_filename.endswith("2026-03-2026-05.xlsx")


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_operator_console_on_the_demo_data(new_page, shots, size):
    page = new_page(**SIZES[size])
    width = SIZES[size]["viewport"]["width"]
    log_in(page, PLATFORM_ADMIN)
    page.goto("/admin/aktivitas")
    expect(page.locator("#by-province .report-table")).to_contain_text("Jawa Barat")
    expect(page.locator("#trend svg.chart polyline")).to_have_count(3)
    expect(page.locator("#regency-table")).to_contain_text("Kota Bekasi")
    _fits(page, width, shots, "activity")
    page.goto("/admin/statistik")
    page.select_option("#province", "Bengkulu")
    with page.expect_navigation():
        page.locator("#platform-filters button[type=submit]").click()
    assert "provinsi=Bengkulu" in page.url
    _chart_fits(page, width)
    _fits(page, width, shots, "platform")


def test_a_member_sees_their_own_figures(new_page):
    page = new_page(**SIZES["phone"])
    log_in(page, BEKASI_MEMBER)
    page.goto(f"/anggota/{BEKASI}/laporan")
    expect(page.locator("#my-figures")).to_contain_text("Fulfilment rate")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.goto(f"/kelola/{BEKASI}/laporan").status == 404  # not the admin's reports
