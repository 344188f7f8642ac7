"""`flask offtake run-due` over many active contracts: how long the day's run takes when every
contract has a call-off to order, and how long a repeated run (nothing to order) takes.

    python benchmarks/offtake_run_due.py                 # 50 contracts, a fresh SQLite file
    BENCH_DATABASE_URL=postgresql+psycopg://... python benchmarks/offtake_run_due.py --contracts 200

A PostgreSQL database's schema is DROPPED and migrated afresh. Prints call-offs ordered per
second on the first run, the seconds of the second run, and exits 1 unless the second run
ordered nothing and every contract has exactly one order.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402


def make_app():
    from marketplace import create_app

    url = os.environ.get("BENCH_DATABASE_URL") or (f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    return create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})


def fresh_schema(app) -> None:
    from marketplace.extensions import db

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contracts", type=int, default=50)
    args = parser.parse_args()
    app = make_app()
    fresh_schema(app)
    from marketplace.extensions import db
    from marketplace.offtake.services import run_due
    from marketplace.orders.models import Order
    from tests.fixtures.scenarios import build_shop
    from tests.offtake_support import active_deal

    with app.test_request_context():
        shop = build_shop(units=1_000_000)
        for _ in range(args.contracts):
            active_deal(shop)
        started = time.perf_counter()
        first = run_due()
        first_s = time.perf_counter() - started
        started = time.perf_counter()
        second = run_due()
        second_s = time.perf_counter() - started
        orders = db.session.scalar(select(func.count()).select_from(Order))
        print(f"backend: {db.engine.dialect.name}, contracts: {args.contracts}")
        print(
            f"first run: {len(first.ordered)} call-offs ordered in {first_s:.2f} s "
            f"({len(first.ordered) / first_s:.1f}/s)"
        )
        print(f"second run: {len(second.ordered)} ordered in {second_s:.2f} s")
        print(f"orders: {orders}")
        return 0 if not second.ordered and orders == args.contracts else 1


if __name__ == "__main__":
    sys.exit(main())
