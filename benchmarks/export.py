"""Time the cooperative admin's CSV export of its orders on the data set of benchmarks/web.py.

    python benchmarks/web.py --seconds 1     # once, to build `bench_speed` (10x data)
    python benchmarks/export.py              # 10,000 orders of one cooperative
    python benchmarks/export.py --orders 20000 --repeats 5

The database `<--database>_export` is made once as a copy of --database (PostgreSQL's CREATE
DATABASE ... TEMPLATE); the cooperative with the most orders gets copies of its own orders
(and their lines) until it has --orders. Runs the app in-process (Flask test client, the
admin's session set directly), asks for /kelola/<slug>/pesanan.csv and reads the whole
streamed body. Prints the orders, the size and the median and worst time in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def export_database(source: str) -> str:
    name = f"{source}_export"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def top_up(coop_id: int, wanted: int) -> int:
    """Copy the cooperative's orders (with new numbers) and their lines up to `wanted`."""
    from marketplace.extensions import db
    from marketplace.orders.models import Order, OrderLine

    orders, lines = Order.__table__, OrderLine.__table__
    originals = [dict(r._mapping) for r in db.session.execute(
        select(orders).where(orders.c.cooperative_id == coop_id))]  # fmt: skip
    by_order: dict[int, list[dict]] = {}
    for row in db.session.execute(
        select(lines).where(lines.c.order_id.in_([o["id"] for o in originals]))
    ):
        by_order.setdefault(row.order_id, []).append(dict(row._mapping))
    have, copy = len(originals), 0
    while have < wanted:
        copy += 1
        for original in originals[: wanted - have]:
            values = {k: v for k, v in original.items() if k != "id"}
            values["number"] = f"{original['number']}-C{copy}"
            if values.get("idempotency_key"):
                values["idempotency_key"] = f"{values['idempotency_key'][:40]}-C{copy}"
            new_id = db.session.execute(insert(orders).values(values)).inserted_primary_key[0]
            for line in by_order.get(original["id"], []):
                copied = {k: v for k, v in line.items() if k != "id"}
                db.session.execute(insert(lines).values(copied | {"order_id": new_id}))
            have += 1
    db.session.commit()
    return have


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="bench_speed")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--orders", type=int, default=10_000)
    args = parser.parse_args()
    from marketplace import create_app
    from marketplace.cooperatives.models import Cooperative, Membership
    from marketplace.extensions import db
    from marketplace.orders.models import Order

    url = export_database(args.database)
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        coop_id, orders = db.session.execute(
            select(Order.cooperative_id, func.count(Order.id))
            .group_by(Order.cooperative_id)
            .order_by(func.count(Order.id).desc())
            .limit(1)
        ).one()
        if orders < args.orders:
            orders = top_up(coop_id, args.orders)
        slug = db.session.get(Cooperative, coop_id).slug
        admin_id = db.session.scalar(
            select(Membership.user_id).where(
                Membership.cooperative_id == coop_id, Membership.role == "admin"
            )
        )
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = str(admin_id), True
    times, size = [], 0
    for _ in range(args.repeats):
        started = time.perf_counter()
        response = client.get(f"/kelola/{slug}/pesanan.csv")
        size = len(response.get_data())
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    print(
        f"CSV export of {orders:,} orders ({slug}): {size / 1024:,.0f} KiB, "
        f"median {statistics.median(times):,.0f} ms, worst {max(times):,.0f} ms"
    )


if __name__ == "__main__":
    main()
