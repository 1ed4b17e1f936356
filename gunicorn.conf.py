"""gunicorn settings for Kulturplan (read by `gunicorn kulturplan.wsgi` from the project folder).

Every value can be overridden by an environment variable, so one file serves a 2-core and an
8-core host (docs/operations.md, "gunicorn"). The app is mostly waiting on PostgreSQL, so a
few threads per worker keep a slow report from holding a whole worker.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# 2 workers per core plus one, as gunicorn's documentation suggests, capped for small hosts.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# The proxy gives up after 60 s; a request must never outlive it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "55"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak in a library cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
