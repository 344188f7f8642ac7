"""Background jobs: delivering the outbox and the periodic housekeeping, on Celery.

`marketplace/queue.py` holds the Celery app; this package registers its tasks and the beat
schedule. The worker and the scheduler load `celery_worker`.
"""

from flask import Flask

from marketplace import queue
from marketplace.jobs import schedule, tasks  # noqa: F401  (tasks registers the jobs)


def init_app(app: Flask) -> None:
    queue.configure(app)
    queue.celery.conf.beat_schedule = schedule.BEAT_SCHEDULE
