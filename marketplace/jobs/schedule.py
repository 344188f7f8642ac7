"""When the scheduler (celery beat) runs each periodic job, the cron lines of the README."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "sweep-outbox": {"task": "marketplace.sweep_outbox", "schedule": 60.0},
    "expire-unpaid": {"task": "marketplace.expire_unpaid", "schedule": crontab(minute="*/15")},
    "expire-overdue-answers": {
        "task": "marketplace.expire_overdue_answers",
        "schedule": crontab(minute="*/15"),
    },
    "remind-unpaid": {"task": "marketplace.remind_unpaid", "schedule": crontab(minute=5)},
    "receive-overdue": {"task": "marketplace.receive_overdue", "schedule": crontab(minute=10)},
    "run-due-call-offs": {"task": "marketplace.run_due_call_offs", "schedule": crontab(minute=20)},
    "retry-webhooks": {"task": "marketplace.retry_webhooks", "schedule": 60.0},
}
