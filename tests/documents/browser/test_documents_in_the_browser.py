"""In a real browser: a member uploads an agreement to a partnership from its page, then
downloads it; the section works at 390 px wide."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from audit.models import AuditEvent
from documents.models import Document
from tests import factories as f
from tests.browser.helpers import axe_violations, has_horizontal_scroll
from tests.documents.conftest import pdf_bytes

pytestmark = pytest.mark.browser


def test_a_member_uploads_a_document_and_downloads_it(world, page, url, sign_in, live_server):
    partnership = f.partnership([world.org_a, world.org_b], coalition=world.coalition_a, title="Referral MOU")
    sign_in(world.member)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(url(f"/partnerships/{partnership.pk}/"))
    section = page.locator("section#documents")
    expect(section.get_by_text("No documents yet.")).to_be_visible()  # loaded into the page by htmx
    section.get_by_text("Add a document").click()
    section.get_by_label("Title").fill("Signed MOU 2025")
    section.get_by_label("Kind").select_option("mou")
    section.get_by_label("File").set_input_files(
        {"name": "Signed MOU.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    section.get_by_role("button", name="Add the document").click()
    expect(page.get_by_text("The document is added.")).to_be_visible()
    expect(page.get_by_role("heading", name="Signed MOU 2025")).to_be_visible()
    assert not has_horizontal_scroll(page)
    page.get_by_text("1 version").click()
    page.get_by_text("Upload a new version").click()
    assert axe_violations(page, live_server.url) == []
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the current version").click()
    download = info.value
    assert download.suggested_filename == "Signed-MOU.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == pdf_bytes()
    assert Document.objects.get().current.number == 1
    assert AuditEvent.objects.filter(action="document_download", actor=world.member).count() == 1


def test_a_wrong_file_gets_a_message_beside_the_field(world, page, url, sign_in):
    partnership = f.partnership([world.org_a, world.org_b], coalition=world.coalition_a, title="Referral MOU")
    sign_in(world.member)
    page.goto(url(f"/partnerships/{partnership.pk}/documents/"))
    page.get_by_text("Add a document").click()
    page.get_by_label("Title").fill("Not a document")
    page.get_by_label("File").set_input_files({"name": "mou.pdf", "mimeType": "application/pdf", "buffer": b"MZ.."})
    page.get_by_role("button", name="Add the document").click()
    expect(page.locator(".field-file .errorlist")).to_contain_text("is not a PDF")
    assert not Document.objects.exists()
