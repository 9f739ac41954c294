"""Every page of the site, as every persona, fits a 360 px phone: no sideways scrolling, and no
filter box offers "---------" for its empty choice.

The pages are the routes of the authorisation matrix (tests/security/matrix.py) that answer a
persona with an HTML page, their URLs filled with the matrix's objects, so a new page is covered
as soon as it is in the matrix. Wide tables scroll inside their own box (.table-scroll), which
does not widen the page. A failure names the page, the persona and the elements that stick out.
"""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests import factories as f
from tests.security.matrix import PERSONAS, all_routes, build_url, declared_methods, matrix_objects

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 780}

# The elements whose right edge passes the screen's, innermost first, to name in a failure.
OVERFLOWING = """() => {
  const width = window.innerWidth, out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      let inScroller = false;
      for (let p = el.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden'].includes(style.overflowX)) { inScroller = true; break; }
      }
      const name = typeof el.className === 'string' && el.className.trim()
        ? el.tagName.toLowerCase() + '.' + el.className.trim().split(/\\s+/).join('.')
        : el.tagName.toLowerCase();
      if (!inScroller) out.push(name + ' → ' + Math.round(box.right) + 'px');
    }
  }
  return out.slice(-6);
}"""


def html_pages(objects) -> list[tuple[str, str]]:
    pages = []
    for route in all_routes():
        methods = declared_methods(route)
        if methods is not None and "GET" not in methods:
            continue
        if route.pattern.startswith("api/") or "format" in route.pattern:
            continue
        pages.append((route.name, build_url(route, objects)))
    return pages


def test_every_page_fits_a_360_px_phone_for_every_persona(world, browser, live_server):
    objects = matrix_objects(world)
    # Long words do not widen a page: an unbroken 181-character title, a long organisation name.
    wordy = f.organization(
        "Interinstitutional-Coordination-Roundtable-Against-Trafficking-In-Persons", sector_slug="government"
    )
    f.membership(wordy, world.coalition_a)
    f.meeting(
        [world.org_a, world.org_b, wordy], coalition=world.coalition_a, title="x" * 181, date=datetime.date.today()
    )
    f.partnership([world.org_a, wordy], coalition=world.coalition_a, title="Memorandum-" * 16)
    pages = html_pages(objects)
    problems, visited = [], 0
    for persona in PERSONAS:
        user = None if persona == "anonymous" else getattr(world, persona)
        client = Client(raise_request_exception=False)
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        if user is not None:
            client.force_login(user)
            context.add_cookies(
                [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
            )
        page = context.new_page()
        for name, url in pages:
            response = client.get(url)
            if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
                continue
            page.goto(live_server.url + url)
            page.wait_for_load_state("load")
            visited += 1
            dashes = page.locator("form[method=get] select option", has_text="---------").count()
            if dashes:
                problems.append(f"{persona} {url} ({name}): a filter box offers '---------' instead of words")
            if page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"):
                width = page.evaluate("() => document.documentElement.scrollWidth")
                problems.append(f"{persona} {url} ({name}): {width}px: {page.evaluate(OVERFLOWING)}")
        context.close()
    assert visited > 100, f"only {visited} pages were visited"
    assert problems == [], "\n".join(problems)


def test_a_table_wider_than_the_phone_scrolls_in_its_box_with_a_hint_and_takes_the_keyboard(world, page, url, sign_in):
    from imports.models import ImportJob

    for n in range(3):
        ImportJob.objects.create(
            created_by=world.admin, kind="organizations", filename=f"organisations-{n}.csv", content=b"name\n"
        )
    sign_in(world.admin)
    page.set_viewport_size(PHONE)
    page.goto(url("/imports/"))
    box = page.locator(".table-scroll").first
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert box.evaluate("(el) => el.scrollWidth > el.clientWidth")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    assert page.locator(".scroll-hint").first.is_visible()
    box.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(el) => el.scrollLeft > 0", arg=box.element_handle())

    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => !document.querySelector('.scroll-hint')")
    assert box.get_attribute("tabindex") is None
