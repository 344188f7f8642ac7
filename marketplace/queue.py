"""The job queue: one Celery app, configured from the Flask app.

With `CELERY_BROKER_URL` set (Redis in production) jobs go to the broker and a worker
(`celery -A celery_worker worker`) runs them; without it (`make run`, the tests) they
run in-process at once, so nothing needs a server. Tasks run inside a Flask app context.
"""

from __future__ import annotations

from celery import Celery, Task
from flask import Flask, has_app_context
from kombu import pools


class FlaskTask(Task):
    abstract = True

    def __call__(self, *args, **kwargs):
        if has_app_context():  # run in-process (eager): already inside the caller's context
            return self.run(*args, **kwargs)
        with self.app.flask_app.app_context():
            return self.run(*args, **kwargs)


celery = Celery("marketplace", task_cls=FlaskTask)
celery.flask_app = None


def is_eager() -> bool:
    return bool(celery.conf.task_always_eager)


def _drop_connections() -> None:
    """Forget connections made to an earlier broker (Celery keeps its pools once used), so a
    reconfigured app (tests switch brokers) really sends to the broker it now names."""
    if celery._pool is not None:
        celery._pool.force_close_all()
        celery._pool = None
    celery.amqp._producer_pool = None
    pools.reset()  # kombu's process-wide producer pools would hand back the closed ones
    for cached in ("queues", "_rtable", "router"):  # the queue names of the last configuration
        celery.amqp.__dict__.pop(cached, None)


def configure(app: Flask) -> None:
    broker = app.config.get("CELERY_BROKER_URL") or ""
    celery.flask_app = app
    _drop_connections()
    celery.conf.update(
        broker_url=broker or "memory://localhost/",
        task_always_eager=not broker,
        task_eager_propagates=False,
        task_default_queue=app.config.get("CELERY_QUEUE", "pasar"),
        task_acks_late=True,  # a job whose worker dies is run again...
        task_reject_on_worker_lost=True,  # ...by another worker
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": 3600},
        broker_connection_timeout=2,
        # A web request never waits long on a broker that is down: the outbox keeps the message.
        task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.5},
        timezone="UTC",
        enable_utc=True,
    )
    app.extensions["celery"] = celery
