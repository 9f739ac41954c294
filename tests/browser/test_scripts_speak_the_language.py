"""The scripts' messages come from Django's JavaScript catalogue in the page's language."""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_the_personal_data_warning_speaks_spanish_on_a_spanish_page(world, browser, live_server):
    context = browser.new_context(locale="es-ES", extra_http_headers={"Accept-Language": "es"})
    client = Client()
    client.force_login(world.member)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/meetings/new/")
    page.wait_for_function("() => typeof window.gettext === 'function'")
    assert page.evaluate("() => window.gettext('Table')") == "Tabla"
    outcomes = page.locator("textarea[name=outcomes]")
    warning = page.locator("#" + (outcomes.get_attribute("id") or "outcomes") + "-pii-warning")
    outcomes.fill("Contact: someone@example.org")
    expect(warning).to_contain_text("Esto parece una dirección de correo electrónico.")
    context.close()
