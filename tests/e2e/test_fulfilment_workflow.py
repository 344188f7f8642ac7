"""The fulfilment workflow in the browser on the demo data: the admin edits shares (with an
error first) and publishes, one member accepts, another declines and the units are offered
again, the hub rejects some units at quality control, and the order becomes ready."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import BEKASI, BEKASI_ADMIN, BEKASI_MEMBER, log_in, log_out, submit_form
from tests.e2e.test_first_journey import (
    BEKASI_MEMBERS,
    admin_records_full_transfer,
    buyer_places_order,
)

pytestmark = pytest.mark.e2e


def _email_of(row_text: str) -> str:
    return next(e for name, e in BEKASI_MEMBERS.items() if row_text.startswith(name))


def _rows(admin: Page, number: str, status: str) -> list[tuple[str, str]]:
    """(assignment id, member name) of the order's assignments in this status."""
    admin.goto(f"/kelola/{BEKASI}/pesanan/{number}")
    found = []
    for row in admin.locator("main table#assignments tbody tr").all():
        if row.locator(".badge").inner_text().strip() == status:
            name = row.locator("td").first.inner_text().splitlines()[0].strip()
            found.append((row.get_attribute("data-assignment"), name))
    return found


def _as_member(new_page, email: str, steps) -> None:
    page = new_page()
    log_in(page, email)
    for assignment_id, action in steps:
        page.goto(f"/pekerjaan/{assignment_id}")
        if action == "accept":
            submit_form(page, "main form#accept-form", "The accept form")
            expect(page.locator(".alert-success")).to_contain_text("You accepted the work")
        else:
            submit_form(page, f"main form:has(input[value={action}])", "The progress form")
            expect(page.locator(".alert-success")).to_contain_text("Progress saved.")
    page.context.close()


def test_admin_edits_members_answer_hub_rejects_and_order_becomes_ready(new_page):
    number = buyer_places_order(new_page, 40)
    admin = new_page()
    log_in(admin, BEKASI_ADMIN)
    admin_records_full_transfer(admin, number)
    admin.locator(f"main a[href='/kelola/{BEKASI}/pesanan/{number}/alokasi']").click()

    # Edit: too much for the first member; the page says so as the admin types.
    rows = admin.locator("main tr.allocation-row")
    first = rows.first
    capacity = int(first.get_attribute("data-capacity"))
    first.locator("input").fill(str(capacity + 5))
    expect(first.locator(".share-problem")).to_have_text(
        f"More than this member can take: capacity {capacity}."
    )
    expect(admin.locator("main .allocation-total")).to_contain_text("more than the 40 ordered")
    with admin.expect_navigation():
        admin.locator("main input[name=publish]").click()
    expect(admin.locator(".alert-danger")).to_contain_text("Some shares need a change")
    expect(
        admin.locator("main tr.allocation-row").first.locator(".invalid-feedback")
    ).to_contain_text(f"capacity {capacity}")
    # Siti (the demo member) takes 20, Joko 20, nobody else.
    for row in admin.locator("main tr.allocation-row").all():
        name = row.locator("td").first.inner_text()
        share = 20 if name.startswith(("Bengkel Boneka Siti", "Joko Toys")) else 0
        row.locator("input").fill(str(share))
    expect(admin.locator("main .allocation-total")).to_have_text(
        "The shares add up to the 40 ordered."
    )
    with admin.expect_navigation():
        admin.locator("main input[name=publish]").click()
    expect(admin.locator("main h2 .badge")).to_have_text("Allocating")

    # Siti is notified and accepts.
    siti = new_page()
    log_in(siti, BEKASI_MEMBER)
    expect(siti.locator("#nav-notifications .badge")).to_be_visible()
    siti.locator("#nav-notifications").click()
    siti.locator("main .list-group-item", has_text=number).first.click()
    submit_form(siti, "main form#accept-form", "The accept form")
    expect(siti.locator("main h1 .badge")).to_have_text("Accepted")
    siti.context.close()

    # Joko declines (after confirming); his 20 units are offered to the others.
    joko_id = next(i for i, name in _rows(admin, number, "Proposed") if name.startswith("Joko"))
    joko = new_page()
    log_in(joko, BEKASI_MEMBERS["Joko Toys"])
    joko.goto(f"/pekerjaan/{joko_id}")
    joko.fill("main textarea[name=reason]", "Mesin jahit rusak")
    joko.once("dialog", lambda dialog: dialog.accept())
    with joko.expect_navigation():
        joko.locator("main form#decline-form button[type=submit]").click()
    expect(joko.locator("main h1 .badge")).to_have_text("Turned down by the member")
    joko.context.close()
    admin.goto(f"/kelola/{BEKASI}/pesanan/{number}")
    history = admin.locator("#allocation-history")
    expect(history).to_contain_text("Turned down by the member: Joko Toys (20)")
    expect(history).to_contain_text("Open units offered again after a decline")

    rejected_once = False
    for _ in range(6):
        admin.goto(f"/kelola/{BEKASI}/pesanan/{number}")
        if admin.locator("main h2 .badge").inner_text().strip() == "Ready":
            break
        for status in ("Proposed", "Accepted"):
            for assignment_id, name in _rows(admin, number, status):
                steps = [(assignment_id, "accept")] if status == "Proposed" else []
                _as_member(new_page, _email_of(name), [*steps, (assignment_id, "delivered_to_hub")])
        for assignment_id, _name in _rows(admin, number, "Delivered to hub"):
            admin.goto(f"/kelola/{BEKASI}/pesanan/{number}/penugasan/{assignment_id}/qc")
            delivered = int(
                re.sub(
                    r"\D",
                    "",
                    admin.locator("main form input[name=accepted_quantity]").input_value(),
                )
            )
            rejected = 5 if not rejected_once and delivered >= 10 else 0
            admin.fill("main input[name=accepted_quantity]", str(delivered - rejected))
            admin.fill("main input[name=rejected_quantity]", str(rejected))
            admin.fill("main textarea[name=qc_reason]", "Jahitan lepas" if rejected else "")
            submit_form(admin, "main form#qc-form", "The quality control form")
            expect(admin.locator(".alert-success")).to_contain_text("Quality control recorded.")
            rejected_once = rejected_once or bool(rejected)
    assert rejected_once
    expect(admin.locator("main h2 .badge")).to_have_text("Ready")
    expect(admin.locator("#allocation-history")).to_contain_text(
        "after a rejection at quality control"
    )
    log_out(admin)
