"""What the worker and the scheduler load:

    celery -A celery_worker worker
    celery -A celery_worker beat

They read the same environment as the web processes (production settings unless FLASK_CONFIG
says otherwise); CELERY_BROKER_URL names the broker (Redis).
"""

import os

from marketplace import create_app
from marketplace.queue import celery

flask_app = create_app(os.environ.get("FLASK_CONFIG", "production"))
app = celery  # what `celery -A celery_worker` looks for
