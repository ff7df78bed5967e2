"""Gunicorn settings for running Introsak in production.

    gunicorn -c gunicorn.conf.py introsak.wsgi:application

Behind a TLS-terminating reverse proxy (set ``INTROSAK_TRUSTED_PROXIES``). Every value can
be overridden on the command line or with the environment variables below.

Processes rather than threads carry the load: a request is mostly Python (templates, the
ORM, the rules engine), and threads of one process take turns on one interpreter lock, so
a short request waiting behind a long one in the same process is delayed by it. Two threads
per process keep a worker responsive while one request waits for the database.
``benchmarks/workspace_benchmark.py`` measures with this file (docs/benchmarks/workspace.md).
"""

import multiprocessing
import os

bind = os.environ.get("INTROSAK_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("INTROSAK_WORKERS", 2 * multiprocessing.cpu_count() + 1))
worker_class = "gthread"
threads = int(os.environ.get("INTROSAK_THREADS", "2"))
keepalive = 60  # seconds; the proxy keeps connections open to the workers
timeout = 60  # a request running longer than this is killed and logged
graceful_timeout = 30
max_requests = 5000  # recycle workers now and then (bounded memory over weeks)
max_requests_jitter = 500
# Access logs carry no personal data: paths hold case numbers only as database ids, and
# identity numbers are refused in addresses (docs/security.md).
accesslog = os.environ.get("INTROSAK_ACCESS_LOG", "-") or None  # empty: no access log
errorlog = "-"
loglevel = os.environ.get("INTROSAK_LOG_LEVEL", "info").lower()
