"""Soak: gunicorn under steady load on the catalogue for ten minutes; count worker crashes.

    python benchmarks/soak.py                               # 10 minutes, sync workers
    python benchmarks/soak.py --minutes 1 --worker-class gthread --threads 4   # the 3.11 crash

Serves the demo data from a PostgreSQL database (`pasar_soak`, made afresh) with the settings
of deploy/gunicorn.conf.py, sends requests from --clients threads to the catalogue home,
search, a category, page 2, a product and a cooperative page, and reads gunicorn's log for
workers that died (a signal such as SIGSEGV, or an exit gunicorn did not ask for). Prints
requests, errors, requests/s and the crashes; exit status 1 on any crash.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
DATABASE = "pasar_soak"
PAGES = [
    "/",
    "/?q=batik",
    "/?q=kopi",
    "/?page=2",
    "/koperasi/kopbon-bekasi",
    "/koperasi/ksu-palu",
]
CRASH = re.compile(r"Worker \(pid:\d+\) (was sent (SIG\w+)|exited with code \d+)")


def fresh_database(env: dict) -> None:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{DATABASE}"')
    for step in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([BIN / "flask", *step], env=env, check=True, capture_output=True)


def product_pages(base: str) -> list[str]:
    html = requests.get(base + "/", timeout=30).text
    return sorted(set(re.findall(r'href="(/produk/[^"]+)"', html)))[:4]


def load(base: str, paths: list[str], until: float, tally: Counter, lock) -> None:
    http = requests.Session()
    i = 0
    while time.monotonic() < until:
        path = paths[i % len(paths)]
        i += 1
        try:
            status = http.get(base + path, timeout=30).status_code
            key = "ok" if status == 200 else f"HTTP {status}"
        except requests.RequestException as exc:
            key = type(exc).__name__
        with lock:
            tally[key] += 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--port", type=int, default=8099)
    args = parser.parse_args()
    env = os.environ | {
        "FLASK_APP": "wsgi",
        "FLASK_CONFIG": "production",
        "SECRET_KEY": os.urandom(32).hex(),
        "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:5432/{DATABASE}",
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/12",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "WEB_CONCURRENCY": str(args.workers),
        "GUNICORN_WORKER_CLASS": args.worker_class,
        "GUNICORN_THREADS": str(args.threads),
    }
    fresh_database(env)
    log_path = Path(os.environ.get("SOAK_LOG", "/tmp/pasar-soak.log"))
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [BIN / "gunicorn", "-c", ROOT / "deploy/gunicorn.conf.py", "wsgi:app"],
            env=env, stdout=log, stderr=log,
        )  # fmt: skip
        base = f"http://127.0.0.1:{args.port}"
        try:
            for _ in range(120):
                try:
                    if requests.get(base + "/healthz", timeout=2).ok:
                        break
                except requests.RequestException:
                    time.sleep(0.5)
            paths = PAGES + product_pages(base)
            tally, lock = Counter(), threading.Lock()
            started = time.monotonic()
            until = started + args.minutes * 60
            threads = [
                threading.Thread(target=load, args=(base, paths, until, tally, lock))
                for _ in range(args.clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    crashes = CRASH.findall(log_path.read_text())
    total = sum(tally.values())
    setup = f"{args.workers} x {args.worker_class} ({args.threads} thread(s))"
    print(
        f"python {sys.version.split()[0]}, {setup}, {args.clients} clients, {elapsed / 60:.1f} min"
    )
    print(f"requests: {total} ({total / elapsed:.0f}/s); outcomes: {dict(tally)}")
    print(f"worker crashes: {len(crashes)} {[c[1] or c[0] for c in crashes][:5]}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
