"""A year's SHU distribution computed from the database: 1,000 members, 100,000 ledger entries.

    python benchmarks/shu.py                                        # a fresh SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://.../db python benchmarks/shu.py

With BENCH_DATABASE_URL on PostgreSQL, that database's schema is DROPPED and migrated afresh
(never point it at a database you need). The members' earnings (100,000 entries, over three
years) and savings (13 entries each: pokok, twelve wajib, and sukarela for every other one)
are bulk-inserted; then the year's figures are read with SQL aggregates
(finance.shu_queries.member_years) and split by finance.shu.distribute. Prints the median of
five runs of that computation and of its parts, and the time to approve (freeze and credit
all 1,000 shares). Goal: the computation under 1 second.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

MEMBERS, ENTRIES, YEAR, REPEATS = 1_000, 100_000, 2025, 5


def make_app():
    from marketplace import create_app

    url = os.environ.get("BENCH_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tempfile.mkdtemp(prefix='shu-bench-')}/bench.sqlite3"
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    from marketplace.extensions import db

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
    return app


def seed() -> tuple[int, int]:
    """A cooperative, its admin, MEMBERS members with earnings and savings. Returns ids."""
    from marketplace.accounts.models import User
    from marketplace.cooperatives.models import Cooperative, Membership
    from marketplace.extensions import db
    from marketplace.finance.models import LedgerEntry

    now = datetime.now(UTC)
    rnd = random.Random(12)
    stamp = {"created_at": now, "updated_at": now}
    db.session.execute(
        insert(User),
        [
            {"email": f"m{i}@bench.test", "password_hash": "x", "name": f"Member {i}", **stamp}
            for i in range(MEMBERS + 1)
        ],
    )
    coop = Cooperative(
        slug="bench", name="Koperasi Bench", kind="producer", legal_entity_number="AHU-1",
        nib="1234567890123", province="Jawa Barat", regency="Kota Bekasi", bank_name="BRI",
        bank_account_number="1", bank_account_holder="Bench", status="verified",
    )  # fmt: skip
    db.session.add(coop)
    db.session.flush()
    users = db.session.scalars(db.select(User.id).order_by(User.id)).all()
    db.session.execute(
        insert(Membership),
        [
            {"user_id": uid, "cooperative_id": coop.id, "member_number": f"B-{n:05d}",
             "role": "admin" if n == 0 else "member", "status": "active", **stamp}
            for n, uid in enumerate(users)
        ],
    )  # fmt: skip
    rows = db.session.execute(
        db.select(Membership.id, Membership.role).where(Membership.cooperative_id == coop.id)
    ).all()
    members = [mid for mid, role in rows if role == "member"]
    admin_user = users[0]
    start = datetime(YEAR - 1, 1, 1, tzinfo=UTC)
    db.session.execute(
        insert(LedgerEntry),
        [
            {"cooperative_id": coop.id, "membership_id": rnd.choice(members), "kind": "earning",
             "amount": rnd.randint(1, 400) * 1_000, "memo": "",
             "created_at": start + timedelta(minutes=rnd.randint(0, 3 * 365 * 24 * 60)),
             "updated_at": now}
            for _ in range(ENTRIES)
        ],
    )  # fmt: skip
    save(coop.id, members, rnd, stamp)
    db.session.commit()
    return coop.id, admin_user


def save(coop_id: int, members: list[int], rnd: random.Random, stamp: dict) -> None:
    """Pokok, twelve months of wajib, and sukarela for every other member."""
    from marketplace.extensions import db
    from marketplace.finance.savings_models import SavingsEntry

    savings = []
    for n, mid in enumerate(members):
        base = {"cooperative_id": coop_id, "membership_id": mid, "memo": "", **stamp}
        savings.append({**base, "kind": "pokok", "amount": 100_000, "booked_on": date(YEAR, 1, 6)})
        for month in range(1, 13):
            savings.append(
                {**base, "kind": "wajib", "amount": 25_000, "booked_on": date(YEAR, month, 5)}
            )
        if n % 2:
            amount = rnd.randint(1, 50) * 10_000
            savings.append(
                {**base, "kind": "sukarela", "amount": amount, "booked_on": date(YEAR, 4, 1)}
            )
    db.session.execute(insert(SavingsEntry), savings)


def timed(run, repeats: int = REPEATS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    app = make_app()
    from marketplace.accounts.models import User
    from marketplace.cooperatives.models import Cooperative
    from marketplace.extensions import db
    from marketplace.finance import shu_queries, shu_services
    from marketplace.finance.shu import Fund, distribute

    with app.app_context(), app.test_request_context():
        dialect = db.engine.dialect.name
        started = time.perf_counter()
        coop_id, admin_id = seed()
        print(f"{dialect}: seeded {MEMBERS:,} members, {ENTRIES:,} ledger entries "
              f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
        coop, admin = db.session.get(Cooperative, coop_id), db.session.get(User, admin_id)
        funds = [Fund(k, v) for k, v in shu_queries.DEFAULT_FUNDS]

        def compute():
            db.session.expire_all()
            years = shu_queries.member_years(coop, YEAR, sukarela_counts=True)
            return distribute(100_000_000, funds, years)

        query_s, years = timed(lambda: shu_queries.member_years(coop, YEAR, True))
        split_s, _ = timed(lambda: distribute(100_000_000, funds, years))
        total_s, result = timed(compute)
        assert sum(result.total.values()) == result.funds["jasa_usaha"] + result.funds["jasa_modal"]
        print(f"{dialect}: SQL aggregates for the year {query_s * 1000:8.1f} ms "
              f"(median of {REPEATS})")  # fmt: skip
        print(f"{dialect}: distribute() for {len(years):,} members {split_s * 1000:8.1f} ms")
        print(f"{dialect}: a year's distribution from the DB {total_s * 1000:8.1f} ms"
              f"  {'OK' if total_s < 1 else 'OVER'} (goal < 1000 ms)")  # fmt: skip
        policy = shu_services.PolicyInput(shu_queries.DEFAULT_FUNDS, True)
        shu_services.save_policy(coop, admin, YEAR, policy)
        draft = shu_services.save_draft(coop, admin, YEAR, 100_000_000, 0)
        started = time.perf_counter()
        shu_services.approve(draft, admin)
        print(f"{dialect}: approve (freeze + credit {MEMBERS:,} shares) "
              f"{(time.perf_counter() - started) * 1000:8.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
