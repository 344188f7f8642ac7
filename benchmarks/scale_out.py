"""Two web instances behind nginx under load; one is killed and restarted: no order is lost
or placed twice.

    python benchmarks/scale_out.py                 # needs PostgreSQL, Redis and nginx
    python benchmarks/scale_out.py --seconds 30 --clients 6

Starts the stack of deploy/serve.sh (nginx, two gunicorn instances, a worker) on a fresh
database `pasar_scale_out` with the demo data. Buyer clients log in through nginx and place
orders through the order form, each with its own idempotency key, as fast as they can; a client
whose request fails (the instance died under it) sends the same form again, as a person
pressing the button again would. A third of the way in, one gunicorn instance is killed
(SIGKILL, master and workers); it is restarted a few seconds later. Then, in the database:

- every order a client was told about exists, once;
- no idempotency key made more than one order;
- every order in the database was reported to its client (none placed behind a lost reply that
  a retry did not recover).

Prints the requests, their outcomes and the errors (only for requests in flight to the killed
instance, or sent in the moment nginx takes to notice); exit status 1 if an order was lost or
duplicated.

Second phase (benchmarks/worker_kill.py; `--phase jobs` runs it alone): a Celery worker is
killed with SIGKILL in the middle of a job; another worker runs the job again and its effect
(an email) happens once. Exit status 1 if not.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import worker_kill  # noqa: E402
from tests.fuzz.site import parse_page  # noqa: E402

BIN = ROOT / ".venv" / "bin"
DATABASE = "pasar_scale_out"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BUYER = ("pembeli@demo.pasarkoperasi.id", "demo12345")
PRODUCT_PATH = "/pesan/ksu-palu/kelapa-butir"
PRODUCT_SLUG = "kelapa-butir"
ADDRESS = {
    "recipient_name": "Hotel Nusantara",
    "recipient_phone": "081311112222",
    "province": "DKI Jakarta",
    "regency": "Kota Jakarta Pusat",
    "district": "Menteng",
    "village": "Menteng",
    "delivery_address": "Jl. M.H. Thamrin No. 1",
    "street_address": "Jl. M.H. Thamrin No. 1",
    "postal_code": "10310",
}
ORDER_PAGE = re.compile(r"/pesanan/([A-Z0-9-]+)$")


@dataclass
class Tally:
    placed: dict[str, str] = field(default_factory=dict)  # idempotency key -> order number
    outcomes: Counter = field(default_factory=Counter)
    errors: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Browser:
    """A client that keeps its cookies itself: the production cookies are Secure, and this
    local stack speaks plain HTTP on 127.0.0.1."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.cookies: dict[str, str] = {}
        self.http = requests.Session()

    def _send(self, method: str, path: str, data: dict | None = None) -> requests.Response:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(
            method,
            self.base + path,
            data=data,
            headers={"Cookie": cookie} if cookie else {},
            allow_redirects=False,
            timeout=30,
        )
        for name, value in response.cookies.items():
            self.cookies[name] = value
        return response

    def get(self, path: str) -> requests.Response:
        return self._send("GET", path)

    def post(self, path: str, data: dict) -> requests.Response:
        return self._send("POST", path, data)


def post_form(browser: Browser, page: str, fill: dict) -> tuple[dict, requests.Response]:
    response = browser.get(page)
    response.raise_for_status()
    forms = [f for f in parse_page(response.text).forms if f[0] == "POST" and f[2]]
    fields = max(forms, key=lambda f: len(f[2]))[2]  # the page's main form
    data = {f.name: f.value for f in fields if f.kind != "submit"}  # no refine buttons
    data.update({k: v for k, v in fill.items() if k in data and not data[k].strip()})
    return data, browser.post(page, data)


def client(base: str, until: float, tally: Tally) -> None:
    browser = Browser(base)
    _, response = post_form(browser, "/akun/masuk", {"email": BUYER[0], "password": BUYER[1]})
    if response.status_code != 302:
        raise SystemExit(f"log-in failed: {response.status_code}")
    while time.monotonic() < until:
        data, response = None, None
        try:
            data, response = post_form(browser, PRODUCT_PATH, ADDRESS)
        except requests.RequestException as exc:
            if data is None:  # the form page itself failed: nothing was sent
                _count(tally, "page error", str(type(exc).__name__))
                continue
        _settle(browser, data, response, tally)


def _settle(browser: Browser, data: dict, response, tally: Tally) -> None:
    """Record the order the reply names; after a failed reply, send the same form again."""
    for attempt in range(5):
        if response is not None:
            match = ORDER_PAGE.search(response.headers.get("Location", ""))
            if response.status_code == 302 and match:
                with tally.lock:
                    key = data["idempotency_key"]
                    known = tally.placed.setdefault(key, match.group(1))
                    tally.outcomes["placed" if attempt == 0 else "placed on retry"] += 1
                    if known != match.group(1):
                        tally.outcomes["DIFFERENT ORDER FOR ONE KEY"] += 1
                return
            _count(tally, "reply", f"HTTP {response.status_code}")
        time.sleep(0.2 * (attempt + 1))
        try:
            response = browser.post(PRODUCT_PATH, data)
        except requests.RequestException as exc:
            response = None
            _count(tally, "retry error", type(exc).__name__)
    _count(tally, "gave up", data["idempotency_key"])


def _count(tally: Tally, what: str, detail: str) -> None:
    with tally.lock:
        tally.outcomes[what] += 1
        tally.errors.append((time.monotonic(), f"{what}: {detail}"))


def start(command: list[str], env: dict, log) -> subprocess.Popen:
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=log, stderr=log, start_new_session=True
    )


def kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def fresh_database(env: dict) -> None:
    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    for step in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run([BIN / "flask", *step], env=env, check=True, capture_output=True)
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        # Enough supply that no order of the run is refused for want of it.
        connection.execute(
            "UPDATE supply_offers SET units_available = 10000000 WHERE product_id IN "
            "(SELECT id FROM products WHERE slug = %s)",
            (PRODUCT_SLUG,),
        )


def orders_in_database(since_id: int) -> list[tuple[str, str]]:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        return connection.execute(
            "SELECT idempotency_key, number FROM orders WHERE id > %s", (since_id,)
        ).fetchall()


def last_order_id() -> int:
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{DATABASE}") as connection:
        return connection.execute("SELECT coalesce(max(id), 0) FROM orders").fetchone()[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--port", type=int, default=8095)
    parser.add_argument("--phase", choices=["all", "web", "jobs"], default="all")
    args = parser.parse_args()
    run_dir = Path(os.environ.get("RUN_DIR", "/tmp/pasar-scale-out"))
    run_dir.mkdir(parents=True, exist_ok=True)
    env = os.environ | {
        "FLASK_APP": "wsgi",
        "FLASK_CONFIG": "production",
        "SECRET_KEY": os.urandom(32).hex(),
        "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:5432/{DATABASE}",
        "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/12",
        "RATELIMIT_KEY_PREFIX": f"scale-out-{os.getpid()}",
        "CELERY_BROKER_URL": "redis://127.0.0.1:6379/13",
        "CELERY_QUEUE": f"scale-out-{os.getpid()}",
        "PROXY_COUNT": "1",
        "LOG_LEVEL": "WARNING",
    }
    fresh_database(env)
    failed = 0
    if args.phase in ("all", "web"):
        failed |= web_phase(args, env, run_dir)
    if args.phase in ("all", "jobs"):
        with open(run_dir / "worker-kill.log", "w") as log:
            failed |= worker_kill.run(env, start, kill_group, log)
    return failed


def web_phase(args, env: dict, run_dir: Path) -> int:
    web_ports = [args.port + 1, args.port + 2]
    log = open(run_dir / "stack.log", "w")  # noqa: SIM115 (kept open for the processes)

    def web(port: int) -> subprocess.Popen:
        command = [BIN / "gunicorn", "-c", ROOT / "deploy/gunicorn.conf.py", "wsgi:app"]
        return start(command, env | {"GUNICORN_BIND": f"127.0.0.1:{port}"}, log)

    webs = {port: web(port) for port in web_ports}
    worker = start([BIN / "celery", "-A", "celery_worker", "worker", "--concurrency=1"], env, log)
    conf = subprocess.run(
        [BIN / "python", ROOT / "deploy/nginx_conf.py", "--listen", str(args.port),
         *[a for p in web_ports for a in ("--upstream", f"127.0.0.1:{p}")],
         "--run-dir", run_dir],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    (run_dir / "nginx.conf").write_text(conf)
    nginx = start(["nginx", "-c", run_dir / "nginx.conf", "-p", run_dir], env, log)
    base = f"http://127.0.0.1:{args.port}"
    try:
        _wait_ready(base)
        first_id = last_order_id()
        tally = Tally()
        started = time.monotonic()
        until = started + args.seconds
        threads = [
            threading.Thread(target=client, args=(base, until, tally)) for _ in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 3)
        victim = web_ports[0]
        killed_at = time.monotonic()
        kill_group(webs[victim])
        time.sleep(3)
        webs[victim] = web(victim)
        restarted_at = time.monotonic()
        for thread in threads:
            thread.join()
        return report(tally, orders_in_database(first_id), started, killed_at, restarted_at)
    finally:
        for process in [nginx, worker, *webs.values()]:
            kill_group(process)
        log.close()


def _wait_ready(base: str) -> None:
    for _ in range(120):
        try:
            if requests.get(base + "/readyz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise SystemExit("the stack did not become ready")


def report(tally: Tally, rows, started: float, killed_at: float, restarted_at: float) -> int:
    by_key = Counter(key for key, _ in rows)
    duplicated = [key for key, n in by_key.items() if n > 1]
    in_db = {key: number for key, number in rows}
    lost = [k for k, n in tally.placed.items() if in_db.get(k) != n]
    unreported = [k for k in in_db if k not in tally.placed]
    print(f"orders placed (told to clients): {len(tally.placed)}; in the database: {len(rows)}")
    for what, n in sorted(tally.outcomes.items()):
        print(f"  {what}: {n}")
    print(f"killed one instance at {killed_at - started:.1f} s, restarted at "
          f"{restarted_at - started:.1f} s")  # fmt: skip
    if tally.errors:
        first, last = tally.errors[0][0] - started, tally.errors[-1][0] - started
        print(f"errors between {first:.1f} s and {last:.1f} s: {len(tally.errors)}")
        for moment, what in tally.errors[:5]:
            print(f"  at {moment - started:.1f} s: {what}")
    print(f"lost: {len(lost)}, duplicated keys: {len(duplicated)}, unreported: {len(unreported)}")
    return 1 if lost or duplicated or unreported or not tally.placed else 0


if __name__ == "__main__":
    sys.exit(main())
