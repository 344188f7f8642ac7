"""Time every report page on 10x the demo history, through the Flask test client.

    python benchmarks/reports.py                 # PostgreSQL: $BENCH_DATABASE_URL or test_reports
    python benchmarks/reports.py --scale 20      # more history
    python benchmarks/reports.py --runs 10       # more timed requests per page

The database is emptied, migrated, seeded with the demo and then `--scale` times its history
(bulk inserts: at least 10,000 orders at the default scale). Each page is asked for once to
warm up, then `--runs` times; the median and the slowest are printed in milliseconds. The goal
is under 200 ms per page on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test_reports"
GOAL_MS = 200


def _create_database(url: str) -> None:
    """Make the PostgreSQL database in `url` if it is not there yet (the first run)."""
    from sqlalchemy import create_engine, make_url, text

    target = make_url(url)
    if not target.drivername.startswith("postgresql"):
        return
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
        )
        if not found:
            conn.exec_driver_sql(f'CREATE DATABASE "{target.database}"')
    admin.dispose()


def _prepare(app, scale: int) -> int:
    from flask_migrate import upgrade

    from marketplace.demo import seed_demo
    from marketplace.demo_reports import build_history
    from marketplace.extensions import db
    from marketplace.orders.models import Order

    db.drop_all()
    with db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    upgrade()
    seed_demo()  # the demo with its history once
    started = time.perf_counter()
    build_history(scale=scale - 1, password_hash="!", seed=99)
    print(f"history x{scale - 1} written in {time.perf_counter() - started:.1f} s")
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("ANALYZE")
    return db.session.scalar(select(func.count(Order.id)))


def _login(app, email: str):
    client = app.test_client()
    response = client.post("/akun/masuk", data={"email": email, "password": "demo12345"})
    assert response.status_code == 302, f"cannot log in as {email}"
    return client


def _time(client, url: str, runs: int) -> tuple[float, float]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        response.get_data()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), max(times)


PAGES = [
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan/produk"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan/anggota"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan/pembeli"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan/kinerja-anggota"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan/kinerja-produk"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan/penjualan.csv"),
    ("pengurus@demo.pasarkoperasi.id", "/kelola/kopbon-bekasi/laporan/produk.xlsx"),
    ("anggota@demo.pasarkoperasi.id", "/anggota/kopbon-bekasi/laporan"),
    ("admin@demo.pasarkoperasi.id", "/admin/aktivitas"),
    ("admin@demo.pasarkoperasi.id", "/admin/statistik"),
    ("admin@demo.pasarkoperasi.id", "/admin/statistik?provinsi=Jawa%20Barat"),
    ("admin@demo.pasarkoperasi.id", "/admin/akun?q=demo"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    _create_database(url)

    from marketplace import create_app

    app = create_app(
        "testing",
        {"SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False},
    )
    with app.app_context():
        orders = _prepare(app, args.scale)
    print(f"database: {url.split('@')[-1]}, {orders:,} orders")
    # Outside any app context: each request has its own, as behind a real server (an outer
    # context would keep the first user logged in for every client).
    clients = {}
    slow = []
    print(f"{'page':<56} {'median ms':>10} {'max ms':>8}")
    for email, page in PAGES:
        client = clients.get(email) or clients.setdefault(email, _login(app, email))
        median, worst = _time(client, page, args.runs)
        flag = "" if median < GOAL_MS else "  over the goal"
        slow += [page] if flag else []
        print(f"{page:<56} {median:>10.1f} {worst:>8.1f}{flag}")
    print(f"{len(PAGES) - len(slow)} of {len(PAGES)} pages under {GOAL_MS} ms (median)")


if __name__ == "__main__":
    main()
