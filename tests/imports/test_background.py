"""Checks and imports run as background tasks when the page's script asks, so large files
neither hit the web server's timeout nor leave the page blank. Without a broker (the tests,
`make run`) the task runs at once; tests/imports/test_worker.py runs one through a real worker."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from imports import background, tasks
from imports.models import ImportJob, ImportStatus
from partners.models import Organization
from tests.conftest import as_user
from tests.imports.helpers import staged

HEADERS = {"X-Import-Background": "1"}
CSV = b"slug,name,primary_sector,country\nbg-org,Background Org,health-care,US\n"


def test_background_check_then_import_report_through_the_progress_endpoint(transactional_db, client, world):
    client = as_user(client, world.admin)
    job = staged(client, "organizations", CSV)

    response = client.post(f"/imports/{job.pk}/check/", headers=HEADERS)
    assert response.status_code == 202
    assert response.json()["job_url"] == f"/imports/{job.pk}/"
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    assert job.report["counts"]["new"] == 1
    state = client.get(f"/imports/{job.pk}/progress/").json()
    assert (state["status"], state["phase"], state["done"], state["failed"]) == ("checked", "done", 1, False)
    assert not Organization.objects.filter(slug="bg-org").exists()

    assert client.post(f"/imports/{job.pk}/confirm/", headers=HEADERS).status_code == 202
    job.refresh_from_db()
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
    assert client.post(f"/imports/{job.pk}/check/", headers=HEADERS).status_code == 302  # follows the run
    assert not Organization.objects.filter(slug="bg-org").exists()


def test_a_task_delivered_twice_runs_the_import_once(client, world):
    job = staged(as_user(client, world.admin), "organizations", CSV)
    assert background.claim(job)
    job.status = ImportStatus.CHECKED  # what the check alone would have done; now import for real
    ImportJob.objects.filter(pk=job.pk).update(previous_status=ImportStatus.CHECKED)
    tasks.import_job_run.delay(str(job.pk), str(job.run_id), world.admin.pk, True)
    tasks.import_job_run.delay(str(job.pk), str(job.run_id), world.admin.pk, True)  # redelivered
    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    assert Organization.objects.filter(slug="bg-org").count() == 1
    assert Organization.objects.get(slug="bg-org").history.count() == 1


def test_a_task_for_another_run_does_nothing(client, world):
    job = staged(as_user(client, world.admin), "organizations", CSV)
    assert background.claim(job)
    tasks.import_job_run.delay(str(job.pk), "00000000-0000-0000-0000-000000000000", world.admin.pk, True)
    job.refresh_from_db()
    assert job.status == ImportStatus.RUNNING and job.started_at is None
    assert not Organization.objects.filter(slug="bg-org").exists()


@pytest.mark.parametrize("heard_of", ["never", "long ago"])
def test_a_job_whose_worker_died_is_shown_as_failed_not_running(client, world, settings, heard_of):
    settings.BACKGROUND_JOB_STALE_AFTER = datetime.timedelta(minutes=2)
    client = as_user(client, world.admin)
    job = staged(client, "organizations", CSV)
    assert background.claim(job)
    now = timezone.now()
    # The worker took the run, beat for a while, then died: nothing heard for three minutes.
    last = None if heard_of == "never" else now - datetime.timedelta(minutes=3)
    ImportJob.objects.filter(pk=job.pk).update(started_at=now - datetime.timedelta(minutes=5), heartbeat_at=last)

    state = client.get(f"/imports/{job.pk}/progress/").json()
    assert state["status"] == ImportStatus.UPLOADED and state["failed"] is True
    assert "stopped answering" in state["error"] and "2 minutes" in state["error"]
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "The last run failed." in page and "stopped answering" in page
    assert "data-running" not in page and "Check the file" in page
    # Checked again, it runs and the failure is forgotten.
    assert client.post(f"/imports/{job.pk}/check/", headers=HEADERS).status_code == 202
    job.refresh_from_db()
    assert (job.status, job.error) == (ImportStatus.CHECKED, "")


def test_a_running_job_heard_of_recently_stays_running(client, world, settings):
    settings.BACKGROUND_JOB_STALE_AFTER = datetime.timedelta(minutes=2)
    client = as_user(client, world.admin)
    job = staged(client, "organizations", CSV)
    assert background.claim(job)
    ImportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - datetime.timedelta(seconds=90))
    ImportJob.objects.filter(pk=job.pk).update(progress={"phase": "check", "done": 0, "total": 1})
    state = client.get(f"/imports/{job.pk}/progress/").json()
    assert (state["status"], state["phase"], state["failed"]) == ("running", "check", False)


def test_a_run_that_raises_is_failed_with_its_message(client, world, monkeypatch):
    job = staged(as_user(client, world.admin), "organizations", CSV)
    assert background.claim(job)

    def explode(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("imports.services.import_job_run", explode)
    tasks.import_job_run.delay(str(job.pk), str(job.run_id), world.admin.pk, False)
    job.refresh_from_db()
    assert job.status == ImportStatus.UPLOADED
    assert "stopped unexpectedly" in job.error
