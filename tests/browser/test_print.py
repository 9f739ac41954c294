"""The profile, coalition, equity and report pages print cleanly on A4 and Letter: only the
content (no navigation or forms), nothing wider than the printable width, a PDF that opens."""

from __future__ import annotations

import datetime

import pytest

from tests import factories as f

pytestmark = pytest.mark.browser

# The printable width at 96 CSS px per inch with print.css's 12 mm side margins.
MM = 96 / 25.4
PAPERS = {"A4": round((210 - 24) * MM), "Letter": round((215.9 - 24) * MM)}


@pytest.fixture
def printed_world(world):
    today = datetime.date.today()
    long_name = f.organization(
        "Regional Inter-Agency Anti-Trafficking Coordination and Survivor Services Network",
        sector_slug="shelters-housing",
        website="https://example.org/a/very/long/address/that/would/otherwise/run/off/the/page",
    )
    f.membership(long_name, world.coalition_a)
    for days in (10, 40, 70):
        f.meeting(
            [world.org_a, world.org_b, long_name],
            coalition=world.coalition_a,
            date=today - datetime.timedelta(days=days),
        )
    return world


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_the_main_pages_fit_the_paper_and_print_only_their_content(printed_world, page, url, sign_in, paper):
    w = printed_world
    sign_in(w.coordinator)
    width = PAPERS[paper]
    page.set_viewport_size({"width": width, "height": 1000})
    page.emulate_media(media="print")
    pages = [
        f"/organizations/{w.org_a.slug}/",
        f"/coalitions/{w.coalition_a.slug}/",
        f"/coalitions/{w.coalition_a.slug}/equity/",
        f"/coalitions/{w.coalition_a.slug}/report/",
    ]
    for path in pages:
        page.goto(url(path))
        assert page.locator("h1").first.is_visible(), path
        assert not page.locator(".site-header").is_visible(), f"{path}: the navigation prints"
        assert not page.locator("main form").first.is_visible() if page.locator("main form").count() else True
        for details in page.locator("main details").all():
            assert details.locator(":scope > :not(summary)").first.is_visible(), (
                f"{path}: a folded section does not print"
            )
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{path} is {scroll_width}px wide on {paper} ({width}px printable)"
        pdf = page.pdf(format=paper, print_background=True)
        assert pdf.startswith(b"%PDF-") and len(pdf) > 1000
