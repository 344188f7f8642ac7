"""A worker killed in the middle of a job: another worker runs the job again, and its effect
happens once.

    python benchmarks/scale_out.py               # its second phase, after the web instances
    python benchmarks/scale_out.py --phase jobs  # this phase alone

A real Celery worker (`celery -A celery_worker worker --pool=solo`, Redis broker) is given an
email through the outbox. The SMTP server it talks to (a fake one in this process) holds the
first connection without answering, so the job is stuck in the middle of sending; then the
worker is killed with SIGKILL (no warm shutdown, no ack). The job's transaction dies with the
worker's database connection. A second worker, started once the broker's visibility timeout
(CELERY_VISIBILITY_TIMEOUT, here a few seconds) has passed, gets the job back (acks_late,
reject_on_worker_lost) and sends the mail. Checks: the SMTP server saw two connections (the
job ran twice), received one message (its effect happened once), and the outbox row is marked
sent once. Exit status 1 otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.smtp import FakeSMTP, _SMTPHandler  # noqa: E402

BIN = ROOT / ".venv" / "bin"
DATABASE = "pasar_scale_out"
VISIBILITY_SECONDS = 4
ENQUEUE = """
from marketplace import create_app
from marketplace.mail import queue_mail
from marketplace.outbox import OutboxMessage
from marketplace.extensions import db
from marketplace.transaction import transaction
app = create_app("production")
with app.app_context():
    with transaction():
        queue_mail("pembeli@example.com", "Worker kill check", "Sent once, whatever happens.")
    print(db.session.query(db.func.max(OutboxMessage.id)).scalar())
"""


class StallingSMTP(FakeSMTP):
    """The fake SMTP server; its first connection gets no greeting until the client is gone."""

    def __init__(self) -> None:
        super().__init__()
        self.RequestHandlerClass = _StallFirst
        self.connections = 0
        self.first_connected = threading.Event()
        self.lock = threading.Lock()


class _StallFirst(_SMTPHandler):
    def handle(self):
        with self.server.lock:
            self.server.connections += 1
            first = self.server.connections == 1
        if first:
            self.server.first_connected.set()
            self.rfile.readline()  # until the killed worker's socket closes
            return
        super().handle()


def _outbox_row(message_id: int) -> tuple:
    url = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT sent_at, attempts FROM outbox_messages WHERE id = %s", (message_id,)
        ).fetchone()


def run(env: dict, start, kill_group, log) -> int:
    """The phase, with scale_out.py's environment (database, Redis) and process helpers."""
    smtp = StallingSMTP()
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    env = env | {
        "CELERY_QUEUE": f"worker-kill-{os.getpid()}",
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(smtp.server_address[1]),
    }
    worker = [BIN / "celery", "-A", "celery_worker", "worker", "--pool=solo", "-l", "INFO"]
    workers = [start(worker, env, log)]
    try:
        enqueued = subprocess.run(
            [BIN / "python", "-c", ENQUEUE], env=env, cwd=ROOT,
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        message_id = int(enqueued.stdout.strip().splitlines()[-1])
        if not smtp.first_connected.wait(60):
            print("worker kill: the job never reached the SMTP server")
            return 1
        time.sleep(1)  # the job is in the middle of sending
        kill_group(workers[0])
        killed_at = time.monotonic()
        stuck = _outbox_row(message_id)
        time.sleep(VISIBILITY_SECONDS + 1)
        workers.append(start(worker, env, log))
        sent_at, attempts = None, None
        while time.monotonic() - killed_at < 90 and sent_at is None:
            time.sleep(0.5)
            sent_at, attempts = _outbox_row(message_id)
        time.sleep(3)  # a second delivery, if any, would land now
        return _report(smtp, stuck, _outbox_row(message_id), time.monotonic() - killed_at)
    finally:
        for process in workers:
            kill_group(process)
        smtp.shutdown()
        smtp.server_close()


def _report(smtp: StallingSMTP, stuck: tuple, final: tuple, seconds: float) -> int:
    sent_at, attempts = final
    print(
        f"worker killed mid-job: outbox row then sent_at={stuck[0]}; after another worker "
        f"({seconds:.0f} s): sent={sent_at is not None}, attempts={attempts}, SMTP "
        f"connections={smtp.connections}, messages received={len(smtp.messages)}"
    )
    ok = stuck[0] is None and sent_at is not None and smtp.connections >= 2
    ok = ok and len(smtp.messages) == 1
    print("worker kill: " + ("the job ran again and its effect happened once" if ok else "FAILED"))
    return 0 if ok else 1
