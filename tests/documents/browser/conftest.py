"""The browser fixtures of tests/browser (Chromium, live server, sign-in cookie)."""

from tests.browser.conftest import (  # noqa: F401 - re-exported as fixtures
    browser_context_args,
    browser_type_launch_args,
    sign_in,
    url,
    vocabularies,
)
