"""Public pages under load against a bare Flask page under the same gunicorn settings.

    python benchmarks/web.py                      # 10x data in `bench_speed`, 8 s per page
    python benchmarks/web.py --seconds 20 --rounds 3 --connections 20
    python benchmarks/web.py --reseed --scale 10  # build the data set afresh

The PostgreSQL database (--database, made on first use) is migrated, seeded with the demo and
then with --scale times its size: (scale - 1) x 1,000 more published products with price tiers
over 60 more cooperatives (benchmarks/search.py's generator) and (scale - 1) times the demo's
order history (marketplace/demo_reports.build_history). A database that already holds the data
set is reused (its scale is kept in a table `bench_web`); --reseed rebuilds it.

Then the app (deploy/gunicorn.conf.py, production settings, Redis db 12 for limits and the page
cache) and benchmarks/bare_app.py are started with the same gunicorn settings, and `wrk`
(--connections connections, 2 threads) is run on each page for --seconds, --rounds times,
interleaved with the bare page. Prints per page: requests/s, p50/p95/p99 in milliseconds, the
share of the bare page's requests/s, and whether the goal (at least 30%, p95 under 50 ms) is met.
Anonymous visitors only: no cookie is sent. `--no-cache` serves with the page cache off.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
GOAL_SHARE, GOAL_P95_MS = 0.30, 50.0
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %f %f %f %f %d\\n", summary.requests,
    summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout))
end
"""


def database_url(name: str) -> str:
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


def seeded_scale(name: str) -> int | None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    if not exists:
        return None
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}") as conn:
        if conn.execute("SELECT to_regclass('bench_web')").fetchone()[0] is None:
            return None
        return conn.execute("SELECT scale FROM bench_web").fetchone()[0]


def seed(name: str, scale: int, env: dict) -> None:
    """Drop and rebuild the database with `scale` times the demo's size."""
    started = time.perf_counter()
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    for step in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([BIN / "flask", *step], env=env, check=True, capture_output=True)
    if scale > 1:
        _seed_more(database_url(name), scale)
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}", autocommit=True) as c:
        c.execute("CREATE TABLE bench_web (scale integer NOT NULL)")
        c.execute("INSERT INTO bench_web VALUES (%s)", (scale,))
        c.execute("ANALYZE")
    print(f"seeded x{scale} in {time.perf_counter() - started:.0f} s")


def _seed_more(url: str, scale: int) -> None:
    from marketplace import create_app
    from marketplace.demo_reports import build_history

    spec = importlib.util.spec_from_file_location("bench_search", ROOT / "benchmarks/search.py")
    products = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(products)
    app = create_app("testing", {"SQLALCHEMY_DATABASE_URI": url})
    products.seed(app, (scale - 1) * 1000)
    with app.app_context():
        build_history(scale=scale - 1, password_hash="!", seed=99)


def wait_until_up(base: str, path: str) -> None:
    for _ in range(240):
        try:
            if requests.get(base + path, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{base}{path} did not come up")


def start(args: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = open(log, "w")  # noqa: SIM115  (kept open for the server's lifetime)
    return subprocess.Popen(args, env=env, stdout=handle, stderr=handle, cwd=ROOT)


def measure(url: str, seconds: float, connections: int, script: Path) -> dict:
    """One wrk run on `url`: requests/s and latency percentiles in milliseconds."""
    out = subprocess.run(
        ["wrk", f"-c{connections}", "-t2", f"-d{max(1, round(seconds))}s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    match = re.search(r"RESULT (\d+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) (\d+)", out)
    requests_, duration, p50, p95, p99, errors = match.groups()
    return dict(
        rps=int(requests_) / float(duration),
        p50=float(p50), p95=float(p95), p99=float(p99), errors=int(errors),
    )  # fmt: skip


def pages(base: str) -> list[tuple[str, str]]:
    """The public pages measured: catalogue home, a search, a category, a cooperative, a
    product (the first of the home page)."""
    html = requests.get(base + "/", timeout=30).text
    product = re.search(r'href="(/produk/[^"]+)"', html).group(1)
    return [
        ("catalogue home", "/"),
        ("search ?q=batik", "/?q=batik"),
        ("category kuliner", "/?kategori=kuliner"),
        ("page 5", "/?page=5"),
        ("cooperative page", "/koperasi/ksu-palu"),
        ("product page", product),
    ]


def report(results: dict[str, list[dict]], rounds: int) -> bool:
    def best(label):  # the median round by requests/s
        runs = sorted(results[label], key=lambda r: r["rps"])
        return runs[len(runs) // 2]

    bare = best("bare Flask page")
    print(f"\n{'page':22} {'req/s':>8} {'p50':>7} {'p95':>7} {'p99':>7} {'share':>7} {'err':>5}")
    ok = True
    for label in results:
        r = best(label)
        share = r["rps"] / bare["rps"]
        goal = share >= GOAL_SHARE and r["p95"] < GOAL_P95_MS
        gated = label in GATED
        ok = ok and (goal or not gated)
        mark = ("ok" if goal else "MISSED") if gated else ""
        print(
            f"{label:22} {r['rps']:8.0f} {r['p50']:7.1f} {r['p95']:7.1f} {r['p99']:7.1f} "
            f"{share:6.1%} {r['errors']:5} {mark}"
        )
    print(f"(median of {rounds} round(s); ms; goal: share >= 30% and p95 < 50 ms)")
    return ok


GATED = {"catalogue home", "search ?q=batik", "category kuliner", "cooperative page"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="bench_speed")
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--no-cache", action="store_true", help="serve without the page cache")
    parser.add_argument("--port", type=int, default=8121)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    env = os.environ | {
        "FLASK_APP": "wsgi",
        "FLASK_CONFIG": "production",
        "SECRET_KEY": os.urandom(32).hex(),
        "DATABASE_URL": database_url(args.database),
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/12",
        "RATELIMIT_KEY_PREFIX": f"bench-web-{os.getpid()}",
        "PAGE_CACHE_URL": "" if args.no_cache else "redis://127.0.0.1:6379/12",
        "PAGE_CACHE_PREFIX": f"bench-web-{os.getpid()}",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_LOG_LEVEL": "warning",
    }
    if args.reseed or seeded_scale(args.database) != args.scale:
        seed(args.database, args.scale, env)
    else:  # the code's migrations (indexes) on the data set kept from an earlier run
        subprocess.run([BIN / "flask", "db", "upgrade"], env=env, check=True, capture_output=True)
    app_base, bare_base = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
    gunicorn = [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py")]
    run_dir = Path(tempfile.mkdtemp(prefix="bench-web-"))
    servers = [
        start([*gunicorn, "wsgi:app"], env | {"GUNICORN_BIND": app_base[7:]}, run_dir / "app.log"),
        start(
            [*gunicorn, "--chdir", str(ROOT / "benchmarks"), "bare_app:app"],
            env | {"GUNICORN_BIND": bare_base[7:]},
            run_dir / "bare.log",
        ),
    ]
    try:
        wait_until_up(app_base, "/healthz")
        wait_until_up(bare_base, "/")
        script = run_dir / "report.lua"
        script.write_text(WRK_SCRIPT)
        measured = pages(app_base)
        for _, path in measured:  # warm up: connections, caches, compiled templates
            measure(app_base + path, 1, args.connections, script)
        results: dict[str, list[dict]] = {"bare Flask page": []}
        results |= {label: [] for label, _ in measured}
        for _ in range(args.rounds):
            for label, path in measured:
                results["bare Flask page"].append(
                    measure(bare_base + "/", args.seconds / 2, args.connections, script)
                )
                results[label].append(
                    measure(app_base + path, args.seconds, args.connections, script)
                )
        print(f"x{args.scale} data, {args.connections} connections, cache "
              f"{'off' if args.no_cache else 'on'}, logs in {run_dir}")  # fmt: skip
        return 0 if report(results, args.rounds) else 1
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
