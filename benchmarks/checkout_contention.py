"""100 buyers check out the last units of one product at the same moment, on PostgreSQL.

    python benchmarks/checkout_contention.py                    # 100 buyers, 60 units
    BENCH_DATABASE_URL=postgresql+psycopg://... python benchmarks/checkout_contention.py

Database: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else
postgresql+psycopg://postgres@127.0.0.1:5432/test. Its schema is DROPPED and migrated afresh.

Every buyer has the product in the cart (1 unit) and submits the checkout form's service call
from its own thread, app context, session and connection, all released together by a barrier.
Prints the checkouts placed per second and the oversold units (must be 0: exit status 1
otherwise).

    python benchmarks/checkout_contention.py --rate 5 --weeks 12   # capacity over time

With `--rate`, the offer also makes that many units a week and the buyers ask for delivery
in `--weeks` weeks: what may be sold is the availability by that date (units + rate x weeks,
read before the run), and oversold units are counted against it.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def database_url() -> str:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL") or DEFAULT_URL
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    if not url.startswith("postgresql"):
        sys.exit(f"checkout_contention needs PostgreSQL, not {url.split(':', 1)[0]}")
    return url


def make_app(url: str, connections: int):
    from marketplace import create_app

    return create_app(
        "testing",
        {
            "SQLALCHEMY_DATABASE_URI": url,
            # Buyers beyond the pool wait for a connection, as requests wait for a worker.
            "SQLALCHEMY_ENGINE_OPTIONS": {
                "pool_size": connections,
                "max_overflow": 0,
                "pool_timeout": 50,
            },
        },
    )


def fresh_schema(app) -> None:
    from marketplace.extensions import db

    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        db.session.remove()


def seed(app, buyers: int, units: int, rate: int = 0) -> tuple[int, int, list[int]]:
    """A verified cooperative, one product with `units` offered, `buyers` buyers with 1 unit of
    it in their carts. Returns (product id, cooperative id, buyer ids)."""
    from marketplace.accounts.models import User
    from marketplace.catalogue.models import Category, PriceTier, Product
    from marketplace.checkout.models import CartItem
    from marketplace.cooperatives.models import Cooperative, Membership, SupplyOffer
    from marketplace.db import utcnow
    from marketplace.extensions import db

    with app.app_context():
        coop = Cooperative(
            slug="bench",
            name="Koperasi Bench",
            kind="producer",
            legal_entity_number="AHU-1",
            nib="1234567890123",
            province="Jawa Barat",
            regency="Kota Bekasi",
            bank_name="Bank BRI",
            bank_account_number="0123456789",
            bank_account_holder="KOPERASI BENCH",
            status="verified",
            verified_at=utcnow(),
        )
        member = User(email="member@bench.example", password_hash="x", name="Member")
        category = Category(slug="boneka", name_id="Boneka", name_en="Dolls")
        product = Product(
            cooperative=coop,
            category=category,
            slug="boneka",
            name="Boneka",
            unit="pcs",
            order_step=1,
            min_order_quantity=1,
            lead_time_days=0,
            status="published",
            price_tiers=[PriceTier(min_quantity=1, unit_price=50_000)],
        )
        membership = Membership(user=member, cooperative=coop, member_number="M-1")
        db.session.add_all([coop, member, category, product, membership])
        db.session.add(
            SupplyOffer(
                membership=membership, product=product, units_available=units, rate_per_week=rate
            )
        )
        users = [
            User(email=f"buyer{i}@bench.example", password_hash="x", name=f"Buyer {i}")
            for i in range(buyers)
        ]
        db.session.add_all(users)
        db.session.flush()
        db.session.add_all(
            CartItem(buyer_id=u.id, product_id=product.id, quantity=1) for u in users
        )
        db.session.commit()
        result = product.id, coop.id, [u.id for u in users]
        db.session.remove()
        return result


def delivery_day(weeks: int):
    from marketplace.db import utcnow

    return utcnow().date() + timedelta(days=7 * weeks)


def available_then(app, product_id: int, day) -> int:
    from marketplace.cooperatives.availability import available_by_date
    from marketplace.extensions import db

    with app.app_context():
        available = available_by_date([product_id], day)[product_id]
        db.session.remove()
        return available


def run(app, product_id: int, coop_id: int, buyer_ids: list[int], day) -> tuple[float, dict]:
    from marketplace.accounts.models import User
    from marketplace.checkout.services import Delivery, checkout_cart
    from marketplace.errors import InsufficientCapacity
    from marketplace.extensions import db

    delivery = Delivery(
        delivery_date=day,
        recipient_name="Dewi",
        recipient_phone="+6281311112222",
        province="DKI Jakarta",
        regency="Kota Jakarta Pusat",
        district="Menteng",
        village="Gondangdia",
        street_address="Jl. Melati 12",
        postal_code="10310",
    )
    barrier = threading.Barrier(len(buyer_ids) + 1)
    outcomes: dict[str, int] = {}
    lock = threading.Lock()

    def buyer(i: int, buyer_id: int) -> None:
        with app.app_context():
            barrier.wait()
            try:
                user = db.session.get(User, buyer_id)  # as a request loads the logged-in user
                checkout_cart(user, delivery, {coop_id: "bank_transfer"}, f"bench-{i:010d}")
                outcome = "placed"
            except InsufficientCapacity:
                outcome = "sold out"
            except Exception as exc:  # reported, and fails the run
                outcome = f"error {type(exc).__name__}: {exc}"
            finally:
                db.session.remove()
        with lock:
            outcomes[outcome] = outcomes.get(outcome, 0) + 1

    threads = [threading.Thread(target=buyer, args=(i, bid)) for i, bid in enumerate(buyer_ids)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start, outcomes


def sold_units(app, product_id: int) -> int:
    from marketplace.extensions import db
    from marketplace.orders.models import OrderLine

    with app.app_context():
        sold = db.session.scalar(
            select(func.coalesce(func.sum(OrderLine.quantity), 0)).where(
                OrderLine.product_id == product_id
            )
        )
        db.session.remove()
        return int(sold)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--buyers", type=int, default=100)
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--rate", type=int, default=0, help="units made per week")
    parser.add_argument("--weeks", type=int, default=1, help="delivery in this many weeks")
    args = parser.parse_args()
    url = database_url()
    app = make_app(url, connections=min(args.buyers, 40))
    fresh_schema(app)
    product_id, coop_id, buyer_ids = seed(app, args.buyers, args.units, args.rate)
    day = delivery_day(args.weeks)
    available = available_then(app, product_id, day)
    elapsed, outcomes = run(app, product_id, coop_id, buyer_ids, day)
    sold = sold_units(app, product_id)
    oversold = max(sold - available, 0)
    placed = outcomes.get("placed", 0)
    print(f"database: {url.rsplit('@', 1)[-1]}")
    print(
        f"buyers: {args.buyers}, units ready: {args.units}, rate per week: {args.rate}, "
        f"delivery: {day.isoformat()}, available by then: {available}"
    )
    print(f"outcomes: {dict(sorted(outcomes.items()))}")
    print(f"elapsed: {elapsed:.3f} s")
    print(
        f"orders per second: {placed / elapsed:.1f} (checkouts handled per second: "
        f"{args.buyers / elapsed:.1f})"
    )
    print(f"units sold: {sold}")
    print(f"oversold units: {oversold}")
    errors = sum(n for k, n in outcomes.items() if k.startswith("error"))
    return 1 if oversold or errors or sold != min(available, args.buyers) else 0


if __name__ == "__main__":
    sys.exit(main())
