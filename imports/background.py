"""Running a check or an import beside the request, so a large file neither hits the web
server's timeout nor leaves the person staring at a blank page.

The page's script asks for this (header `X-Import-Background: 1`); it then polls the progress
endpoint until the job's status changes. Without the script the same work runs inside the
request. Progress goes through the cache (shared by the workers in production: see
docs/samples/README.md); the job's status, in the database, is what tells the page it is done.
"""

from __future__ import annotations

import logging
import threading
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.db import connections
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from imports.models import ImportJob, ImportStatus

BACKGROUND_HEADER = "X-Import-Background"
logger = logging.getLogger(__name__)


def claim(job: ImportJob) -> bool:
    """Mark the job running, unless another run got there first (a double click, a second tab)."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=job.status).exclude(status=ImportStatus.RUNNING)
    return bool(claimed.update(status=ImportStatus.RUNNING, previous_status=job.status))


def start(job: ImportJob, *, user_id: int, commit: bool, run) -> threading.Thread:
    """Run `run(job, actor, commit=...)` in a thread; the job must have been claimed."""
    thread = threading.Thread(target=_work, args=(job.pk, user_id, commit, run), name=f"import-{job.pk}", daemon=False)
    thread.start()
    return thread


def _work(job_id, user_id: int, commit: bool, run) -> None:
    try:
        actor = get_user_model().objects.get(pk=user_id)
        # The audit history names the person who imported, as it does for a request.
        HistoricalRecords.context.request = SimpleNamespace(user=actor, META={})
        job = ImportJob.objects.get(pk=job_id)
        job.status = job.previous_status or ImportStatus.UPLOADED
        try:
            run(job, actor, commit=commit)
        except Exception:
            ImportJob.objects.filter(pk=job_id).update(
                status=job.previous_status or ImportStatus.UPLOADED,
                report={
                    "rows": [],
                    "counts": {},
                    "committed": False,
                    "notices": [_("The run stopped unexpectedly; nothing was saved. Try again.")],
                },
            )
            logger.exception("Import %s stopped unexpectedly.", job_id)
    finally:
        if hasattr(HistoricalRecords.context, "request"):
            del HistoricalRecords.context.request
        connections.close_all()
