"""Issue 8's smaller things: number formats, unit plurals, the favicon, one history list on
the admin's order page, member counts that agree, Indonesian demo texts, all demo logins."""

import pytest
from flask_babel import force_locale

from marketplace.demo import demo_logins
from marketplace.demo_data import COOPERATIVES, PENDING_COOPERATIVE
from marketplace.fulfilment.allocation import Reason, ReasonCode
from marketplace.fulfilment.reasons import reason_text
from marketplace.labels import quantity
from tests.factories import (
    client_for,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)


def test_percentages_in_allocation_reasons_use_a_decimal_comma_in_indonesian(app):
    reason = Reason(ReasonCode.PROPORTIONAL_SHARE, {"cap": 71, "total": 500})
    with app.test_request_context(), force_locale("id"):
        assert "14,2%" in reason_text(reason)
    with app.test_request_context(), force_locale("en"):
        assert "14.2%" in reason_text(reason)


@pytest.mark.parametrize(
    ("locale", "n", "unit", "expected"),
    [
        ("en", 1, "sesi", "1 session"),
        ("en", 11, "sesi", "11 sessions"),
        ("en", 2, "jam", "2 hours"),
        ("en", 1, "jam", "1 hour"),
        ("en", 1500, "pcs", "1,500 pcs"),
        ("en", 3, "hari", "3 days"),
        ("en", 2, "meter", "2 metres"),
        ("id", 11, "sesi", "11 sesi"),
        ("id", 2, "jam", "2 jam"),
        ("id", 1500, "pcs", "1.500 pcs"),
        ("id", 14, "hari", "14 hari"),
        ("id", 3, "lusin", "3 lusin"),
        ("en", 4, "unknown-unit", "4 unknown-unit"),
    ],
)
def test_quantities_have_the_right_plural(app, locale, n, unit, expected):
    with app.test_request_context(), force_locale(locale):
        assert quantity(n, unit) == expected


def test_a_service_product_page_says_sessions_in_english(app):
    coop = make_cooperative(admin=english_user())
    product = make_product(coop, kind="service", unit="sesi", min_order_quantity=11, order_step=1)
    client = app.test_client()
    client.post("/akun/bahasa", data={"lang": "en"})
    page = client.get(f"/produk/{coop.slug}/{product.slug}").get_data(as_text=True)
    assert "11 sessions" in page
    assert "11 session<" not in page and "11 session " not in page


def test_every_page_links_a_favicon_that_is_served(client):
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg"' in page
    with client.get("/static/favicon.svg") as icon:
        assert icon.status_code == 200
        assert icon.mimetype == "image/svg+xml"
        assert b"<svg" in icon.get_data()


def test_the_admin_order_page_has_one_history_list(app):
    admin = english_user()
    coop = make_cooperative(admin=admin)
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    order = order_of(english_user(), product, 20)
    page = client_for(app, admin).get(f"/kelola/{coop.slug}/pesanan/{order.number}")
    body = page.get_data(as_text=True)
    assert body.count(">History</h3>") == 1
    assert "order-timeline" not in body
    title = body.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "History" not in title and "<li" not in title


def test_the_dashboard_and_the_members_tab_count_the_same_members(app):
    admin = english_user()
    coop = make_cooperative(admin=admin)
    for _ in range(4):
        make_member(coop)
    make_member(coop, status="inactive")
    client = client_for(app, admin)
    dashboard = client.get(f"/kelola/{coop.slug}/").get_data(as_text=True)
    members = client.get(f"/kelola/{coop.slug}/anggota").get_data(as_text=True)
    assert "Needs doing now" in dashboard
    assert "5 active members" in members
    assert "6 in the list" in members


def test_the_demo_cooperatives_describe_themselves_in_indonesian():
    english_words = {" the ", " of ", " and ", " for ", "selling", "makers"}
    for spec in [*COOPERATIVES, PENDING_COOPERATIVE]:
        text = f" {spec['description'].lower()} "
        assert not [w for w in english_words if w in text], spec["description"]


def test_all_nine_demo_logins_are_printed_with_the_slugs():
    rows = demo_logins()
    assert len(rows) == 9
    assert len({email for _, email in rows}) == 9
    for spec in [*COOPERATIVES, PENDING_COOPERATIVE]:
        assert any(spec["slug"] in role for role, _ in rows)
