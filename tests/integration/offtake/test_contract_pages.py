"""The contract pages: the admin proposes through the form, the offtaker accepts and changes
call-offs, both see history and performance; refusals change nothing."""

import pytest
from sqlalchemy import select

from marketplace.extensions import db
from marketplace.offtake.models import CallOff, Contract, ContractStatus
from marketplace.offtake.services import run_due
from tests.factories import client_for, db_state, english_user
from tests.fixtures.scenarios import build_shop
from tests.offtake_support import active_deal, proposal_data, proposed_deal


def test_propose_accept_run_due_and_see_the_order(app):
    shop = build_shop(units=1000)
    offtaker = english_user("Hotel group")
    admin = client_for(app, shop.admin)
    url = f"/kelola/{shop.coop.slug}/kontrak/baru"
    assert admin.get(url).status_code == 200
    response = admin.post(url, data=proposal_data(shop, offtaker.email))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    contract = db.session.scalars(select(Contract)).one()
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert contract.number in page and "capacity covers every coming call-off" in page
    buyer = client_for(app, offtaker)
    assert contract.number in buyer.get("/kontrak").get_data(as_text=True)
    assert buyer.post(f"/kontrak/{contract.id}/terima").status_code == 302
    db.session.expire_all()
    assert db.session.get(Contract, contract.id).status == ContractStatus.ACTIVE
    run_due()
    call_off = db.session.scalars(select(CallOff).order_by(CallOff.due_date)).first()
    page = buyer.get(f"/kontrak/{contract.id}").get_data(as_text=True)
    assert call_off.order.number in page
    assert buyer.get(f"/pesanan/{call_off.order.number}").status_code == 200
    for path in ("kinerja", "kinerja.csv", "kinerja.pdf"):
        assert buyer.get(f"/kontrak/{contract.id}/{path}").status_code == 200
        assert (
            admin.get(f"/kelola/{shop.coop.slug}/kontrak/{contract.id}/{path}").status_code == 200
        )
    svg = buyer.get(f"/kontrak/{contract.id}/kinerja").get_data(as_text=True)
    assert "<svg" in svg and "<title>" in svg and 'style="' not in svg


@pytest.mark.parametrize(
    ("case", "changes", "message"),
    [
        ("dates out of order", {"end_date": "2026-01-01"}, "end date is before the start"),
        ("zero volume", {"total_volume": "0"}, "total volume of at least 1"),
        ("negative quantity", {"call_off_quantity": "-5"}, "quantity per call-off of at least 1"),
        ("tolerance above 100%", {"tolerance_pct": "150"}, "percentage from 0 to 100"),
        ("cut-off inside the lead time", {"cutoff_days": "3"}, "at least 14 days"),
        ("no such buyer", {"offtaker_email": "nobody@example.com"}, "No buyer account"),
        ("a bad date", {"frequency": "dates", "dates": "31-12-2026"}, "is not a date"),
    ],
)
def test_bad_terms_are_refused_with_a_clear_message_and_change_nothing(app, case, changes, message):
    shop = build_shop(units=1000)
    offtaker = english_user("Hotel group")
    admin = client_for(app, shop.admin)
    before = db_state()
    response = admin.post(
        f"/kelola/{shop.coop.slug}/kontrak/baru",
        data=proposal_data(shop, offtaker.email, **changes),
    )
    assert response.status_code == 422, case
    assert message in response.get_data(as_text=True), case
    assert db_state() == before, case


def test_a_call_off_change_within_tolerance_is_kept_outside_or_after_cutoff_refused(app):
    deal = active_deal(tolerance_pct=50)  # 10 to 30; the product's step is 10, MOQ 20
    buyer = client_for(app, deal.offtaker)
    call_offs = db.session.scalars(select(CallOff).order_by(CallOff.due_date)).all()
    first, coming = call_offs[0], call_offs[3]
    url = f"/kontrak/{deal.contract.id}/panggilan/{{}}"
    before = db_state()
    page = buyer.post(url.format(coming.id), data={"quantity": "40"}, follow_redirects=True)
    assert "Outside the contract" in page.get_data(as_text=True)
    page = buyer.post(url.format(coming.id), data={"quantity": "25"}, follow_redirects=True)
    assert "multiples of 10" in page.get_data(as_text=True)
    page = buyer.post(url.format(first.id), data={"quantity": "20"}, follow_redirects=True)
    assert "cut-off for this call-off has passed" in page.get_data(as_text=True)
    assert db_state() == before
    assert buyer.post(url.format(coming.id), data={"quantity": "30"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(CallOff, coming.id).quantity == 30
    buyer.post(url.format(call_offs[4].id), data={"action": "skip"})
    db.session.expire_all()
    assert db.session.get(CallOff, call_offs[4].id).status == "skipped"


def test_a_new_version_both_accept_keeps_the_history(app):
    deal = active_deal()
    shop, contract = deal.shop, deal.contract
    admin = client_for(app, shop.admin)
    url = f"/kelola/{shop.coop.slug}/kontrak/{contract.id}/ubah"
    assert admin.get(url).status_code == 200
    data = proposal_data(shop, deal.offtaker.email, call_off_quantity="30")
    assert admin.post(url, data=data).status_code == 302
    buyer = client_for(app, deal.offtaker)
    page = buyer.get(f"/kontrak/{contract.id}").get_data(as_text=True)
    assert "Version 2 awaits your answer" in page and "Version 1" in page
    buyer.post(f"/kontrak/{contract.id}/terima")
    db.session.expire_all()
    contract = db.session.get(Contract, contract.id)
    assert [v.status for v in contract.versions] == ["superseded", "accepted"]
    assert {c.quantity for c in contract.call_offs if c.status == "scheduled"} == {30}


def test_offtaker_asks_for_changes(app):
    deal = proposed_deal()
    buyer = client_for(app, deal.offtaker)
    response = buyer.post(
        f"/kontrak/{deal.contract.id}/minta-perubahan", data={"message": "Net 14, please"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    version = db.session.get(Contract, deal.contract.id).latest
    assert version.status == "changes_requested" and version.message == "Net 14, please"


@pytest.mark.parametrize("kind", ["anonymous", "buyer", "member", "other_admin", "other_member"])
def test_only_the_two_parties_see_or_answer_a_contract(app, outsider, kind):
    deal = proposed_deal()
    someone = outsider(kind, deal.shop.coop)
    client = app.test_client() if someone is None else client_for(app, someone)
    call_off_id = 1
    before = db_state()
    for method, path, data in (
        ("get", f"/kontrak/{deal.contract.id}", None),
        ("post", f"/kontrak/{deal.contract.id}/terima", {}),
        ("post", f"/kontrak/{deal.contract.id}/minta-perubahan", {"message": "x"}),
        ("post", f"/kontrak/{deal.contract.id}/panggilan/{call_off_id}", {"quantity": "20"}),
        ("get", f"/kontrak/{deal.contract.id}/kinerja", None),
        ("get", f"/kontrak/{deal.contract.id}/kinerja.csv", None),
        ("get", f"/kontrak/{deal.contract.id}/kinerja.pdf", None),
    ):
        response = client.open(path, method=method.upper(), data=data)
        assert response.status_code == (302 if someone is None else 404), (kind, path)
    assert db_state() == before
    # the cooperative's own admin is not the offtaker either
    admin = client_for(app, deal.shop.admin)
    assert admin.post(f"/kontrak/{deal.contract.id}/terima").status_code == 404
