"""Settings for the test suite: the real settings with test-friendly defaults."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-long-enough-for-the-start-up-check")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop

from coalition.settings import *  # noqa: E402,F403
from coalition.settings import DATABASES, REST_FRAMEWORK  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded documents go to a scratch folder, never the project's media/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="ct-test-media-")
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
}

# Tests speak plain HTTP to the test client.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Django's test client `login()` passes no request; force_login and the sign-in page are unaffected.
AUTHENTICATION_BACKENDS = ["audit.backends.TestClientAxesBackend", "django.contrib.auth.backends.ModelBackend"]
# A second alias to test the read-replica router against (a mirror of the test database).
DATABASES = {**DATABASES, "replica": {**DATABASES["default"], "TEST": {"MIRROR": "default"}}}
# Most tests sign admins and coordinators in with force_login and no second factor; the tests of
# two-factor sign-in (tests/security/test_two_factor*.py) set the production default back.
TWO_FACTOR_REQUIRED_FOR: list[str] = []
