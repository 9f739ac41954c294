"""Running a check or an import as a background task, so a large file neither hits the web
server's timeout nor leaves the person staring at a blank page.

The page's script asks for this (header `X-Import-Background: 1`): the view claims the job
(`claim`) and queues `imports.tasks.import_job_run`; a worker takes the run (`run_claimed`),
beating while it works, and the page polls the progress endpoint until the job's status
changes. Without the script the same work runs inside the request. The job's row is the record
of the run: a run whose worker stopped beating is shown as failed (`expire_if_stale`).
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from imports import services
from imports.models import ImportJob, ImportStatus
from partners.jobs import CONNECTION_ERRORS, Heartbeat, stale_after

BACKGROUND_HEADER = "X-Import-Background"
logger = logging.getLogger(__name__)


def claim(job: ImportJob) -> bool:
    """Mark the job running for a new run, unless another run got there first (a double click,
    a second tab). The run's id goes to the task, so only that run's task does the work."""
    now = timezone.now()
    run_id = uuid.uuid4()
    claimed = ImportJob.objects.filter(pk=job.pk, status=job.status).exclude(status=ImportStatus.RUNNING)
    fields = {"previous_status": job.status, "run_id": run_id, "started_at": None, "heartbeat_at": now}
    if not claimed.update(status=ImportStatus.RUNNING, progress={}, error="", **fields):
        return False
    job.status = ImportStatus.RUNNING
    for name, value in fields.items():
        setattr(job, name, value)
    return True


def run_claimed(*, job_id, run_id, user_id: int, commit: bool) -> None:
    """Do the claimed run once: a run already taken by a worker, finished, failed or replaced by a
    newer run is left alone, so a task delivered twice does no harm."""
    now = timezone.now()
    taken = ImportJob.objects.filter(pk=job_id, status=ImportStatus.RUNNING, run_id=run_id, started_at=None)
    if not taken.update(started_at=now, heartbeat_at=now):
        logger.info("Import %s run %s: already taken, finished or replaced; nothing to do.", job_id, run_id)
        return
    try:
        actor = get_user_model().objects.get(pk=user_id)
        # The audit history names the person who imported, as it does for a request.
        HistoricalRecords.context.request = SimpleNamespace(user=actor, META={})
        job = ImportJob.objects.get(pk=job_id)
        job.status = job.previous_status or ImportStatus.UPLOADED
        with Heartbeat(ImportJob, job.pk) as beat:
            services.import_job_run(job=job, actor=actor, commit=commit, progress=beat.progress)
    except CONNECTION_ERRORS:
        # Give the run back so the retry can take it; the rows were rolled back with the connection.
        with contextlib.suppress(DatabaseError):
            ImportJob.objects.filter(pk=job_id, run_id=run_id).update(started_at=None)
        raise
    except Exception:
        logger.exception("Import %s stopped unexpectedly.", job_id)
        fail(job_id, run_id=run_id, message=_("The run stopped unexpectedly; nothing was saved. Try again."))
    finally:
        if hasattr(HistoricalRecords.context, "request"):
            del HistoricalRecords.context.request


def fail(job_id, *, run_id, message: str) -> bool:
    """End the run as failed: the job returns to where it stood before, with the reason."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.RUNNING, run_id=run_id).first()
    if job is None:
        return False
    report = {"rows": [], "counts": {}, "committed": False, "notices": []}
    return bool(
        ImportJob.objects.filter(pk=job_id, status=ImportStatus.RUNNING, run_id=run_id).update(
            status=job.previous_status or ImportStatus.UPLOADED, report=report, error=message, run_id=None
        )
    )


def expire_if_stale(job: ImportJob) -> ImportJob:
    """A running job whose worker has not been heard of for too long is failed (and said so)."""
    if job.status != ImportStatus.RUNNING or not job.heartbeat_is_stale():
        return job
    minutes = max(1, round(stale_after().total_seconds() / 60))
    message = _(
        "The worker running this file stopped answering (nothing heard for %(minutes)d minutes); "
        "nothing was saved. Try again."
    ) % {"minutes": minutes}
    fail(job.pk, run_id=job.run_id, message=message)
    job.refresh_from_db()
    return job
