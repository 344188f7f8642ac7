"""The yearly SHU: policy, draft, the distribution from the database, approval (frozen and
credited to members' ledgers), the RAT report, the member's view, and who may not."""

import io
import zipfile

import pytest
from sqlalchemy import func, select

from marketplace.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db
from marketplace.finance import queries, shu_queries
from marketplace.finance import shu_services as shu
from marketplace.finance.models import LedgerEntry
from marketplace.finance.shu import MemberYear, distribute
from marketplace.finance.shu_models import ShuYear
from marketplace.notifications.models import Notification
from tests.factories import client_for, db_state, english_user, make_cooperative
from tests.fixtures.refusals import assert_refused
from tests.integration.finance.shu_support import build_books, save_last_years_savings

WORKED = [
    ("cadangan", 2500),
    ("jasa_usaha", 3000),
    ("jasa_modal", 2000),
    ("pengurus", 500),
    ("karyawan", 500),
    ("pendidikan", 500),
    ("sosial", 500),
    ("pembangunan_daerah", 500),
]
SHU = 10_000_001  # odd, so that rounding has something to do


@pytest.fixture
def books():
    books = build_books()  # A earned 20 x 45,000 = 900,000; B 15 x 45,000 = 675,000
    save_last_years_savings(books)  # A: 400,000 without sukarela (1,000,000 with); B: 200,000
    return books


def _draft(books, sukarela=False, amount=SHU) -> ShuYear:
    shu.save_policy(books.coop, books.admin, books.year, shu.PolicyInput(WORKED, sukarela))
    return shu.save_draft(books.coop, books.admin, books.year, amount, 2_000_000)


def test_the_years_figures_come_from_the_ledger_and_savings(books):
    years = shu_queries.member_years(books.coop, books.year, sukarela_counts=False)
    assert years == [
        MemberYear(books.a.id, 900_000, 400_000),
        MemberYear(books.b.id, 675_000, 200_000),
    ]
    with_sukarela = shu_queries.member_years(books.coop, books.year, sukarela_counts=True)
    assert with_sukarela[0].savings == 1_000_000
    income = shu_queries.income_in(books.coop, books.year)
    assert income.sales == 35 * 50_000 and income.fees == 35 * 5_000
    # this year's work does not count for last year
    assert shu_queries.member_years(books.coop, books.year - 1, False)[0].transactions == 0


def test_approval_credits_each_member_exactly_the_distribution(books):
    draft = _draft(books)
    expected = distribute(
        SHU,
        draft.policy.fund_list,
        [MemberYear(books.a.id, 900_000, 400_000), MemberYear(books.b.id, 675_000, 200_000)],
    )
    before = {m.id: queries.balance(m.id) for m in (books.a, books.b)}
    shu.approve(draft, books.admin)
    assert sum(expected.funds.values()) == SHU
    # 30% of 10,000,001 is 3,000,000.3: the largest remainder, so the fund gets the rupiah left
    assert expected.funds["jasa_usaha"] == 3_000_001
    # 3,000,001 by 900:675 is 1,714,286.29 / 1,285,714.71: the leftover rupiah goes to B
    assert expected.jua == {books.a.id: 1_714_286, books.b.id: 1_285_715}
    for m in (books.a, books.b):
        assert queries.balance(m.id) == before[m.id] + expected.total[m.id]
    shares = {s.membership_id: s for s in draft.shares}
    assert {k: s.total for k, s in shares.items()} == expected.total
    assert {f.key: f.amount for f in draft.funds} == expected.funds
    credited = db.session.scalars(select(LedgerEntry).where(LedgerEntry.kind == "shu")).all()
    assert sorted(e.amount for e in credited) == sorted(expected.total.values())
    kinds = db.session.scalars(
        select(Notification.kind).where(Notification.user_id == books.a.user_id)
    ).all()
    assert "member.shu" in kinds


def test_sukarela_counts_when_the_policy_says_so(books):
    draft = _draft(books, sukarela=True)
    shu.approve(draft, books.admin)
    shares = {s.membership_id: s for s in draft.shares}
    assert shares[books.a.id].savings == 1_000_000
    # jasa modal 2,000,000 by 1,000,000:200,000
    assert shares[books.a.id].jma == 1_666_667 and shares[books.b.id].jma == 333_333


def test_an_approved_year_cannot_change(books):
    draft = _draft(books)
    shu.approve(draft, books.admin)
    before = db_state()
    with pytest.raises(InvalidTransition):
        shu.approve(draft, books.admin)
    with pytest.raises(InvalidTransition):
        shu.save_draft(books.coop, books.admin, books.year, 1, 0)
    with pytest.raises(InvalidTransition):
        shu.save_policy(books.coop, books.admin, books.year, shu.PolicyInput(WORKED, True))
    assert db_state() == before


@pytest.mark.parametrize(
    "funds",
    [
        WORKED[:-1],  # 95%
        [("jasa_usaha", 5000), ("cadangan", 5000)],  # no jasa modal
        [*WORKED[:-1], ("pembangunan_daerah", 600)],  # 101%
    ],
)
def test_a_policy_that_does_not_add_up_is_refused(books, funds):
    before = db_state()
    with pytest.raises(ValidationFailed, match="100%"):
        shu.save_policy(books.coop, books.admin, books.year, shu.PolicyInput(funds, False))
    assert db_state() == before


def test_policies_are_versioned_and_a_draft_follows_the_latest(books):
    draft = _draft(books)
    newer = shu.save_policy(books.coop, books.admin, books.year, shu.PolicyInput(WORKED, True))
    assert newer.version == 2
    db.session.refresh(draft)
    assert draft.policy_id == newer.id


def test_the_current_year_cannot_be_shared_yet(books):
    this_year = books.coop.local_date().year
    with pytest.raises(ValidationFailed):
        shu.save_policy(books.coop, books.admin, this_year, shu.PolicyInput(WORKED, False))


def test_the_treasurer_runs_the_year_in_the_browser(app, books):
    client = client_for(app, books.admin)
    base = f"/kelola/{books.coop.slug}/keuangan/shu/{books.year}"
    assert client.get(f"/kelola/{books.coop.slug}/keuangan/shu").headers["Location"].endswith(base)
    policy = {f"fund_{key}": str(points / 100) for key, points in WORKED}
    assert client.post(f"{base}/kebijakan", data={**policy, "fund_sosial": "6"}).status_code == 422
    assert client.post(f"{base}/kebijakan", data=policy).status_code == 302
    draft = {"amount": "10.000.001", "expenses": "2.000.000"}
    assert client.post(f"{base}/jumlah", data=draft).status_code == 302
    page = client.get(base).get_data(as_text=True)
    assert "Rp1,714,286" in page  # A's JUA, shown before approval
    assert client.post(f"{base}/setujui", data={}).status_code == 302
    assert db.session.scalar(select(ShuYear.status)) == "approved"
    page = client.get(base).get_data(as_text=True)
    assert 'id="shu-approved"' in page and 'id="approve-form"' not in page
    pdf = client.get(f"{base}/rat.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    sheet = client.get(f"{base}/rat.xlsx")
    with zipfile.ZipFile(io.BytesIO(sheet.data)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "Boneka Ani" in strings and "Boneka Budi" in strings


@pytest.mark.parametrize("year", [1999, 0, 10**12])
def test_years_out_of_range_are_404(app, books, year):
    client = client_for(app, books.admin)
    assert client.get(f"/kelola/{books.coop.slug}/keuangan/shu/{year}").status_code == 404
    this_year = books.coop.local_date().year
    assert client.get(f"/kelola/{books.coop.slug}/keuangan/shu/{this_year}").status_code == 404


def test_the_member_sees_their_shu_and_turnover_only(app, books):
    shu.approve(_draft(books), books.admin)
    page = client_for(app, books.a.user).get(f"/anggota/{books.coop.slug}/keuangan/simpanan")
    text = page.get_data(as_text=True)
    share_a = db.session.scalar(
        select(func.sum(LedgerEntry.amount)).where(
            LedgerEntry.kind == "shu", LedgerEntry.membership_id == books.a.id
        )
    )
    assert f"Rp{share_a:,}" in text
    assert "Rp900,000" in text and "Rp4,500" in text  # turnover and its 0.5% tax
    assert "Rp675,000" not in text  # B's turnover


def test_another_cooperatives_admin_cannot_approve_and_nothing_changes(app, books):
    _draft(books)
    other_admin = english_user("Other chair")
    make_cooperative(admin=other_admin)
    assert_refused(
        app,
        "post",
        f"/kelola/{books.coop.slug}/keuangan/shu/{books.year}/setujui",
        coop=books.coop,
        users={"other_admin_with_a_coop": other_admin, "member_a": books.a.user},
        data={},
    )
    assert db.session.scalar(select(ShuYear.status)) == "draft"
