"""Benchmark-only settings: the real settings plus a per-request query counter and a bare view.

Never used in production or by the tests. Differences from production, each needed to measure:
plain HTTP on 127.0.0.1 (no TLS redirect), no API throttling (the load test would meet it),
static files without the manifest (no collectstatic step), persistent database connections.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-never-used-elsewhere-0123456789")

from coalition.settings import *  # noqa: E402,F403
from coalition.settings import DATABASES, MIDDLEWARE, REST_FRAMEWORK  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "1000000000/minute"),
}
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
