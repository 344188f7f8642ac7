"""Time catalogue searches (catalogue/search.py: one page with every filter count) on 10,000
products, on SQLite and, with TEST_DATABASE_URL (or BENCH_DATABASE_URL) set, on PostgreSQL.

    python benchmarks/search.py                 # 10,000 products
    python benchmarks/search.py --products 2000 --repeats 5

SQLite runs on a new file in a temporary folder. A PostgreSQL database's schema is DROPPED and
migrated afresh. 60 verified cooperatives in 20 regencies, products named from word lists
(coffee, batik, dolls, fish, ...) with descriptions, one to three price tiers, certificates
and supply offers. Prints the median and worst time of each search in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

REGIONS = [
    ("Sulawesi Tengah", "Kota Palu"),
    ("Sulawesi Tengah", "Kabupaten Donggala"),
    ("Jawa Timur", "Kabupaten Probolinggo"),
    ("Jawa Timur", "Kota Malang"),
    ("Jawa Barat", "Kota Bekasi"),
    ("Jawa Barat", "Kabupaten Garut"),
    ("Banten", "Kota Tangerang Selatan"),
    ("Bengkulu", "Kota Bengkulu"),
    ("Bali", "Kabupaten Gianyar"),
    ("Aceh", "Kabupaten Aceh Tengah"),
    ("Sumatera Utara", "Kabupaten Karo"),
    ("Jawa Tengah", "Kota Pekalongan"),
    ("Jawa Tengah", "Kabupaten Jepara"),
    ("DI Yogyakarta", "Kabupaten Bantul"),
    ("Nusa Tenggara Timur", "Kabupaten Sikka"),
    ("Kalimantan Barat", "Kota Pontianak"),
    ("Sulawesi Selatan", "Kabupaten Toraja Utara"),
    ("Papua", "Kabupaten Jayawijaya"),
    ("Maluku", "Kota Ambon"),
    ("Lampung", "Kabupaten Lampung Barat"),
]
NAMES = {
    "perkebunan": (
        ["Kopi", "Kakao", "Cengkeh", "Pala", "Vanili"],
        ["Robusta", "Arabika", "Grade 1", "Fermentasi", "Premium"],
    ),
    "batik": (
        ["Batik", "Kain", "Syal", "Kemeja"],
        ["Tulis", "Cap", "Kombinasi", "Motif Mangrove", "Motif Parang"],
    ),
    "boneka": (["Boneka", "Mainan"], ["Beruang", "Kelinci", "Kayu", "Flanel", "Rajut"]),
    "kuliner": (
        ["Keripik", "Sambal", "Bawang Goreng", "Abon", "Kue"],
        ["Pisang", "Ikan", "Pedas", "Original", "Kelapa"],
    ),
    "perikanan": (["Ikan", "Udang", "Rumput Laut", "Cumi"], ["Kering", "Segar", "Asin", "Beku"]),
    "kriya": (["Tas", "Anyaman", "Ukiran", "Gerabah"], ["Rotan", "Pandan", "Jati", "Bambu"]),
    "pertanian": (["Beras", "Jagung", "Bawang Merah", "Cabai"], ["Organik", "Pulen", "Lokal"]),
    "fotografi": (["Foto", "Video"], ["Produk UMKM", "Acara", "Pernikahan"]),
}
FILLER = [
    "hasil",
    "anggota",
    "koperasi",
    "dikemas",
    "rapi",
    "siap",
    "kirim",
    "mutu",
    "terjamin",
    "dipanen",
    "dibuat",
    "tangan",
]
SEARCHES = [
    ("kopi palu", {}),
    ("batik tulis probolinggo", {}),
    ("kopi plau (typo)", {"query": "kopi plau"}),
    ("batk tuls (typo)", {"query": "batk tuls"}),
    ("browse, newest", {"query": ""}),
    (
        "kopi, halal, by price",
        {"query": "kopi", "certifications": frozenset({"halal"}), "sort": "termurah"},
    ),
    ("category + province", {"query": "", "category": "batik", "province": "Jawa Timur"}),
    ("kopi, available in 30 days", {"query": "kopi", "available_in_days": 30}),
    ("nothing (qwxzqq)", {"query": "qwxzqq"}),
]


def make_app(url: str):
    from marketplace import create_app

    return create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})


def fresh_schema(app) -> None:
    from marketplace.extensions import db

    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        db.session.remove()


def seed(app, products: int) -> None:
    from marketplace.catalogue.models import PriceTier, Product
    from marketplace.catalogue.services import ensure_categories
    from marketplace.cooperatives.models import Cooperative
    from marketplace.db import utcnow
    from marketplace.extensions import db

    rnd = random.Random(13)
    with app.app_context():
        categories = {c.slug: c.id for c in ensure_categories()}
        coops = []
        for n in range(60):
            province, regency = REGIONS[n % len(REGIONS)]
            coops.append(
                dict(
                    slug=f"bench-{n}",
                    name=f"Koperasi {rnd.choice(FILLER).title()} {regency.split()[-1]} {n}",
                    kind="producer",
                    legal_entity_number=f"AHU-{n}",
                    nib=f"{9500000000000 + n}",
                    province=province,
                    regency=regency,
                    status="verified",
                    verified_at=utcnow(),
                    bank_name="BRI",
                    bank_account_number="1",
                    bank_account_holder="K",
                )
            )
        db.session.execute(insert(Cooperative), coops)
        mine = "SELECT id FROM cooperatives WHERE slug LIKE 'bench-%' ORDER BY id"
        coop_ids = list(db.session.scalars(text(mine)))
        rows = []
        for n in range(products):
            slug = rnd.choice(list(NAMES))
            first, second = NAMES[slug]
            name = f"{rnd.choice(first)} {rnd.choice(second)} {n}"
            rows.append(
                dict(
                    cooperative_id=rnd.choice(coop_ids),
                    category_id=categories[slug],
                    slug=f"p-{n}",
                    name=name,
                    kind="goods",
                    unit="pcs",
                    order_step=1,
                    min_order_quantity=rnd.choice([1, 5, 10, 20, 50, 100]),
                    lead_time_days=rnd.choice([2, 7, 14, 30]),
                    description=" ".join(rnd.choices(FILLER, k=20)),
                    status="published",
                    halal_number="ID123" if rnd.random() < 0.3 else None,
                    pirt_number="2067271010123" if rnd.random() < 0.3 else None,
                    sni_number="SNI 8124" if slug == "boneka" else None,
                )
            )
        for start in range(0, len(rows), 1000):
            db.session.execute(insert(Product), rows[start : start + 1000])
        mine = "SELECT id FROM products WHERE slug LIKE 'p-%' ORDER BY id"
        product_ids = list(db.session.scalars(text(mine)))
        tiers = [
            dict(product_id=pid, min_quantity=q, unit_price=rnd.randint(5, 500) * 1000 - i * 500)
            for pid in product_ids
            for i, q in enumerate([1, 100, 1000][: rnd.randint(1, 3)])
        ]
        for start in range(0, len(tiers), 2000):
            db.session.execute(insert(PriceTier), tiers[start : start + 2000])
        db.session.commit()
        # Planner statistics, as autovacuum (PostgreSQL) or a routine ANALYZE would leave them.
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        db.session.remove()


def median_ms(app, filters, repeats: int) -> tuple[float, float, int]:
    from marketplace.catalogue.search import search
    from marketplace.extensions import db

    times, total = [], 0
    with app.test_request_context():
        for _ in range(repeats):
            start = time.perf_counter()
            total = search(filters).page.total
            times.append((time.perf_counter() - start) * 1000)
            db.session.remove()
    return statistics.median(times), max(times), total


def run(url: str, products: int, repeats: int) -> None:
    from marketplace.catalogue.search import SearchFilters, catalogue_today

    app = make_app(url)
    fresh_schema(app)
    start = time.perf_counter()
    seed(app, products)
    dialect = url.split(":", 1)[0].split("+")[0]
    print(f"{dialect}: {products:,} products seeded in {time.perf_counter() - start:.1f} s")
    print(f"  {'search':32} {'median ms':>10} {'worst ms':>10} {'found':>7}")
    for label, spec in SEARCHES:
        spec = dict(spec)
        query = spec.pop("query", label)
        days = spec.pop("available_in_days", None)
        if days is not None:
            spec["available_by"] = catalogue_today() + timedelta(days=days)
        median, worst, found = median_ms(app, SearchFilters(query=query, **spec), repeats)
        print(f"  {label:32} {median:10.1f} {worst:10.1f} {found:7,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.sqlite3", args.products, args.repeats)
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    if url:
        run(url.replace("postgresql://", "postgresql+psycopg://", 1), args.products, args.repeats)


if __name__ == "__main__":
    main()
