"""The import flow in a real browser: upload, automatic check with progress, preview, confirm."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from partners.models import Organization
from tests import factories as f

pytestmark = pytest.mark.browser

SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "organizations.csv"


def test_admin_uploads_checks_and_confirms_a_sample_file(transactional_db, page, sign_in, url):
    admin = f.user("admin", admin=True)
    sign_in(admin)
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)

    page.goto(url("/imports/"))
    page.get_by_label("What the file holds").select_option("organizations")
    page.get_by_label("File (.csv or .xlsx)").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Upload and check").click()

    # The check starts by itself (script), reports progress, then shows the preview.
    expect(page.get_by_role("heading", name="Preview (nothing saved yet)")).to_be_visible()
    expect(page.locator(".import-counts")).to_contain_text("3")
    assert not Organization.objects.filter(slug="riverside-legal-clinic").exists()

    page.get_by_role("button", name="Import these rows").click()
    expect(page.get_by_text("The file was imported in full.")).to_be_visible()
    assert Organization.objects.filter(slug__in=["riverside-legal-clinic", "harbor-nurses-network"]).count() == 2
    assert problems == []


def test_a_rejected_file_shows_the_message_beside_the_field(transactional_db, page, sign_in, url, tmp_path):
    sign_in(f.user("admin", admin=True))
    bad = tmp_path / "orgs.csv"
    bad.write_bytes("slug\tname\n".encode("utf-16"))
    page.goto(url("/imports/"))
    page.get_by_label("File (.csv or .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.locator(".field-error")).to_contain_text("UTF-16")
