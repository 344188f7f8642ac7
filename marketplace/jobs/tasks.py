"""The jobs. Each is safe to run twice: the outbox skips what was sent, and every housekeeping
service only acts on rows still in the state it changes (under its row locks)."""

from __future__ import annotations

import logging

from marketplace import outbox
from marketplace.fulfilment.services import expire_overdue
from marketplace.offtake.services import run_due
from marketplace.orders.services import complete_due, expire_unpaid, receive_overdue, remind_unpaid
from marketplace.queue import celery, is_eager
from marketplace.webhooks.delivery import retry_due

log = logging.getLogger(__name__)
MAX_RETRIES = 10
REMIND_WITHIN_HOURS = 24


def backoff_seconds(retries: int) -> int:
    """30 s, 1 min, 2 min … capped at an hour: about a day of tries before giving up."""
    return min(30 * 2**retries, 3600)


@celery.task(name=outbox.DELIVER_TASK, bind=True, max_retries=MAX_RETRIES)
def deliver_message(self, message_id: int) -> bool:
    try:
        return outbox.deliver(message_id)
    except Exception as exc:
        if is_eager():  # in-process: never block the request; the sweeper tries again
            log.warning("Message %s not delivered now: %s", message_id, type(exc).__name__)
            return False
        raise self.retry(exc=exc, countdown=backoff_seconds(self.request.retries)) from exc


@celery.task(name="marketplace.sweep_outbox")
def sweep_outbox() -> int:
    """Hand over again what was written but not sent (broker or worker were down)."""
    ids = outbox.unsent()
    for message_id in ids:
        outbox.dispatch(message_id)
    return len(ids)


@celery.task(name="marketplace.expire_unpaid")
def expire_unpaid_orders() -> int:
    return len(expire_unpaid())


@celery.task(name="marketplace.remind_unpaid")
def remind_unpaid_orders() -> int:
    return len(remind_unpaid(REMIND_WITHIN_HOURS))


@celery.task(name="marketplace.receive_overdue")
def receive_overdue_shipments() -> int:
    return len(receive_overdue()) + len(complete_due())


@celery.task(name="marketplace.expire_overdue_answers")
def expire_overdue_answers() -> int:
    return expire_overdue()


@celery.task(name="marketplace.run_due_call_offs")
def run_due_call_offs() -> int:
    """Order the call-offs whose cut-off has come; each once, however often it runs."""
    return len(run_due().ordered)


@celery.task(name="marketplace.retry_webhooks")
def retry_webhooks() -> int:
    """Send again the webhook deliveries whose backoff has passed; each delivered once."""
    return retry_due()
