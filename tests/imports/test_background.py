"""Checks and imports run beside the request when the page's script asks, so large files
neither hit the web server's timeout nor leave the page blank."""

from __future__ import annotations

import threading

import pytest

from imports import background
from imports.models import ImportJob, ImportStatus
from partners.models import Organization
from tests.conftest import as_user
from tests.imports.helpers import staged

HEADERS = {"X-Import-Background": "1"}


@pytest.fixture(autouse=True)
def vocabularies(django_db_setup, django_db_blocker):
    """A transactional test empties every table, the seeded sectors too: seed them before and
    after, so the tests that follow find the database as the migrations left it."""
    from tests.browser.conftest import _seed_vocabularies

    with django_db_blocker.unblock():
        _seed_vocabularies()
    yield
    with django_db_blocker.unblock():
        _seed_vocabularies()


CSV = b"slug,name,primary_sector,country\nbg-org,Background Org,health-care,US\n"


def wait_for(job: ImportJob) -> ImportJob:
    for thread in threading.enumerate():
        if thread.name == f"import-{job.pk}":
            thread.join(timeout=30)
    job.refresh_from_db()
    return job


def test_background_check_then_import_report_through_the_progress_endpoint(transactional_db, client, world):
    client = as_user(client, world.admin)
    job = staged(client, "organizations", CSV)

    response = client.post(f"/imports/{job.pk}/check/", headers=HEADERS)
    assert response.status_code == 202
    assert response.json()["job_url"] == f"/imports/{job.pk}/"
    job = wait_for(job)
    assert job.status == ImportStatus.CHECKED
    assert job.report["counts"]["new"] == 1
    assert client.get(f"/imports/{job.pk}/progress/").json()["status"] == "checked"
    assert not Organization.objects.filter(slug="bg-org").exists()

    assert client.post(f"/imports/{job.pk}/confirm/", headers=HEADERS).status_code == 202
    job = wait_for(job)
    assert job.status == ImportStatus.IMPORTED
    org = Organization.objects.get(slug="bg-org")
    assert org.history.first().history_user == world.admin  # the audit names who imported


def test_a_job_is_run_once_at_a_time(transactional_db, client, world):
    job = staged(as_user(client, world.admin), "organizations", CSV)
    stale_copy = ImportJob.objects.get(pk=job.pk)
    assert background.claim(job)
    assert not background.claim(stale_copy)
    job.refresh_from_db()
    assert (job.status, job.previous_status) == (ImportStatus.RUNNING, ImportStatus.UPLOADED)
    # While it runs, the page follows it and offers neither confirm nor discard.
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "data-running" in page and "Discard" not in page
    assert client.post(f"/imports/{job.pk}/confirm/").status_code == 302
    assert not Organization.objects.filter(slug="bg-org").exists()
