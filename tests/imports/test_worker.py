"""An import run by a real Celery worker through the Redis broker, as in production.

The worker runs in a thread of the test process (Celery's embedded test worker, solo pool) and
takes tasks from a queue of its own, so parallel test processes sharing one Redis do not take
each other's tasks. It needs a running Redis named by TEST_REDIS_URL (CI starts one: .ci/run);
without it the test is skipped with the reason, except in CI, where it fails.
"""

from __future__ import annotations

import os
import time
import uuid

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from coalition.celery import app
from imports.models import ImportJob, ImportStatus
from partners.models import Organization
from tests.conftest import as_user
from tests.imports.helpers import staged

CSV = b"slug,name,primary_sector,country\nworker-org,Worker Org,health-care,US\n"


def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        return url
    reason = "TEST_REDIS_URL is not set (CI sets it to a running Redis), so no real worker can run"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; CI must run this test: start Redis and set TEST_REDIS_URL (see .ci/run).")
    print(f"\nSkipped: {reason}.")
    pytest.skip(reason)


@pytest.fixture
def worker():
    """A worker on a queue of its own, with tasks sent through Redis instead of run at once.

    A second Celery app, configured like the project's but with the broker, stands in for it
    during the test, so the project's app is left as it was for the tests that follow."""
    url = redis_url()
    queue = f"test-{uuid.uuid4().hex[:12]}"
    broker_app = Celery("coalition-test", set_as_current=False)
    broker_app.config_from_object("django.conf:settings", namespace="CELERY")
    broker_app.conf.update(
        broker_url=url, task_always_eager=False, task_default_queue=queue, broker_connection_retry_on_startup=False
    )
    broker_app.autodiscover_tasks(force=True)
    broker_app.set_current()
    try:
        with start_worker(broker_app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30) as w:
            yield w
    finally:
        app.set_current()
        broker_app.close()


def wait_until_done(job: ImportJob, *, timeout: float = 120) -> ImportJob:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status != ImportStatus.RUNNING:
            return job
        time.sleep(0.2)
    raise AssertionError(f"the worker did not finish the job in {timeout} s: {job.status}, {job.progress}")


def test_a_real_worker_checks_and_imports_a_file_sent_through_redis(worker, transactional_db, client, world):
    client = as_user(client, world.admin)
    job = staged(client, "organizations", CSV)
    headers = {"X-Import-Background": "1"}

    assert client.post(f"/imports/{job.pk}/check/", headers=headers).status_code == 202
    job = wait_until_done(job)
    assert (job.status, job.report["counts"]["new"], job.error) == (ImportStatus.CHECKED, 1, "")
    assert job.started_at is not None and job.heartbeat_at is not None  # a worker took it and beat

    assert client.post(f"/imports/{job.pk}/confirm/", headers=headers).status_code == 202
    job = wait_until_done(job)
    assert job.status == ImportStatus.IMPORTED
    assert Organization.objects.get(slug="worker-org").history.first().history_user == world.admin
