"""The menu shows each person what their roles use; the account page shows a buyer's orders."""

import re

import pytest

from marketplace.cooperatives.models import Membership
from marketplace.extensions import db
from tests.factories import (
    client_for,
    english_user,
    make_cooperative,
    make_member,
    make_offer,
    make_product,
    order_of,
)


def nav_of(client) -> str:
    page = client.get("/").get_data(as_text=True)
    return page.split('id="mainNav"', 1)[1].split("</nav>", 1)[0]


def menu_links(client) -> set[str]:
    return set(re.findall(r'id="(nav-[a-z-]+)"', nav_of(client)))


@pytest.fixture
def people():
    admin = english_user("Admin")
    coop = make_cooperative(admin=admin)
    member = make_member(coop, english_user("Member")).user
    inactive = make_member(coop, english_user("Former member"), status="inactive").user
    return {
        "buyer": english_user("Buyer"),
        "member": member,
        "admin": admin,
        "inactive": inactive,
        "platform": english_user("Operator", is_platform_admin=True),
    }


@pytest.mark.parametrize(
    ("who", "shown", "hidden"),
    [
        ("buyer", set(), {"nav-my-work", "nav-my-cooperatives"}),
        ("inactive", set(), {"nav-my-work", "nav-my-cooperatives"}),
        ("member", {"nav-my-work", "nav-my-cooperatives"}, set()),
        ("admin", {"nav-my-cooperatives"}, {"nav-my-work"}),
        ("platform", set(), {"nav-my-work", "nav-my-cooperatives"}),
    ],
)
def test_the_menu_follows_the_roles(app, people, who, shown, hidden):
    links = menu_links(client_for(app, people[who]))
    assert {"nav-notifications", "nav-account", "nav-my-account"} <= links
    assert shown <= links
    assert not hidden & links


def test_only_the_platform_admin_sees_platform_admin(app, people):
    assert 'href="/admin/koperasi"' in nav_of(client_for(app, people["platform"]))
    for who in ("buyer", "member", "admin"):
        assert 'href="/admin/koperasi"' not in nav_of(client_for(app, people[who]))


def test_anonymous_sees_log_in_and_sign_up_only(client):
    nav = nav_of(client)
    assert 'href="/akun/masuk"' in nav and 'href="/akun/daftar"' in nav
    assert "nav-account" not in nav and "nav-notifications" not in nav


def test_a_buyers_account_page_shows_orders_not_a_missing_cooperative(app, people):
    coop = make_cooperative(admin=english_user())
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    order = order_of(people["buyer"], product, 20)
    page = client_for(app, people["buyer"]).get("/akun/").get_data(as_text=True)
    assert "not in a cooperative" not in page
    assert 'id="my-cooperatives"' not in page
    assert order.number in page
    assert f'href="/pesanan/{order.number}"' in page
    assert people["buyer"].email in page


def test_a_buyer_without_orders_is_pointed_to_the_catalogue(app, people):
    page = client_for(app, people["buyer"]).get("/akun/").get_data(as_text=True)
    assert "You have no orders yet." in page
    assert "not in a cooperative" not in page


def test_the_account_page_shows_only_ones_own_orders(app, people):
    coop = make_cooperative(admin=english_user())
    product = make_product(coop)
    make_offer(make_member(coop), product, 100)
    theirs = order_of(english_user("Someone else"), product, 20)
    page = client_for(app, people["buyer"]).get("/akun/").get_data(as_text=True)
    assert theirs.number not in page


def test_a_members_account_page_lists_the_cooperative_and_its_work(app, people):
    page = client_for(app, people["member"]).get("/akun/").get_data(as_text=True)
    assert 'id="my-cooperatives"' in page
    membership = db.session.query(Membership).filter_by(user_id=people["member"].id).one()
    assert membership.cooperative.name in page
    assert 'href="/pekerjaan/"' in page.split('id="my-cooperatives"', 1)[1]
