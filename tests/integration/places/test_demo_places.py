"""The demo's places: cooperatives with official codes, the buyer's saved addresses."""

from sqlalchemy import func, select

from marketplace.addresses.models import SavedAddress
from marketplace.cooperatives.models import Cooperative
from marketplace.demo import seed_demo
from marketplace.extensions import db
from marketplace.orders.models import Order
from marketplace.places import regions


def test_the_demo_has_codes_and_a_default_address_and_a_second_run_adds_nothing(app):
    seed_demo()
    for coop in db.session.scalars(select(Cooperative)):
        assert regions.check_chain([coop.province_code, coop.regency_code]) is None, coop.slug
        assert regions.get(coop.regency_code).name == coop.regency
    # The hotel's own demo orders carry the Menteng codes; the other demo histories (reports,
    # contracts) may keep names only, but any code given is a valid chain.
    orders = list(db.session.scalars(select(Order)))
    coded = [o for o in orders if o.village_code]
    assert coded and any(o.village_code == "31.71.06.1001" for o in coded)
    for o in coded:
        chain = [o.province_code, o.regency_code, o.district_code, o.village_code]
        assert regions.check_chain(chain) is None, o.number
    saved = list(db.session.scalars(select(SavedAddress).order_by(SavedAddress.id)))
    assert [a.is_default for a in saved] == [True, False]
    assert saved[0].village == "Menteng" and saved[1].village == "Pasirgombong"
    seed_demo()
    assert db.session.scalar(select(func.count()).select_from(SavedAddress)) == 2
