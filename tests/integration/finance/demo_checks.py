"""What the demo's SHU of 2025 (marketplace/demo_shu.py) must show, checked after seeding."""

from sqlalchemy import select

from marketplace.cooperatives.models import Cooperative
from marketplace.extensions import db
from marketplace.finance import shu_queries
from marketplace.finance.models import LedgerEntry
from marketplace.finance.savings_models import SavingsEntry
from marketplace.finance.shu import distribute


def assert_demo_shu_follows_the_method(coop: Cooperative) -> None:
    """Approved, computed from the ledger by the pure module to the rupiah, credited once."""
    year = shu_queries.shu_year(coop, 2025)
    assert year is not None and year.is_approved and year.amount > 0
    members = shu_queries.member_years(coop, 2025, year.policy.sukarela_counts)
    assert all(m.transactions > 0 for m in members)
    expected = distribute(year.amount, year.policy.fund_list, members)
    assert {f.key: f.amount for f in year.funds} == expected.funds
    assert {s.membership_id: s.total for s in year.shares} == expected.total
    credited = db.session.scalars(
        select(LedgerEntry.amount).where(
            LedgerEntry.cooperative_id == coop.id, LedgerEntry.kind == "shu"
        )
    ).all()
    assert sorted(credited) == sorted(t for t in expected.total.values() if t)
    kinds = set(
        db.session.scalars(select(SavingsEntry.kind).where(SavingsEntry.cooperative_id == coop.id))
    )
    assert kinds == {"pokok", "wajib", "sukarela"}
