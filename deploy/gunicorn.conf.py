"""gunicorn settings for Pasar Koperasi: `gunicorn -c deploy/gunicorn.conf.py wsgi:app`.

Workers are processes with one thread each (`sync`). Under CPython 3.11, threads serving the
catalogue in one process crash it with a segmentation fault (measured: 9-15 crashes a minute
with 2 workers x 4 threads, none with the same code on CPython 3.12); on this 2-core machine
sync workers were also faster. `flask check-config` refuses threads on Python before 3.12.
Every setting can be changed from the environment.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5  # behind nginx, which keeps connections to us open
# Replace a worker now and then, so that a slow leak never grows without bound. Not too
# often: a new worker loads the whole app (2-3 s of a core), and with cached pages at 1,000
# requests/s a limit of 5,000 restarted each worker every few seconds (benchmarks/web.py:
# dropped connections and p95 spikes). Memory per worker stays flat under load (~130 MiB).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "100000"))
max_requests_jitter = max_requests // 10
# The app writes its own JSON access line with the request id (marketplace/ops/logs.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = os.environ.get("GUNICORN_NAME", "pasar-koperasi")
# Only nginx on this machine may say which address and scheme a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
