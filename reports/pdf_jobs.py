"""Report PDFs prepared in the background: asking for one (or joining the one under way),
preparing it in a worker, following it, and forgetting it after a day.

Rendering a coalition's PDF takes seconds (WeasyPrint), too long for a request: the page asks
for a job, `reports.tasks.report_pdf_prepare` prepares it, and the page polls its status.
"""

from __future__ import annotations

import contextlib
import datetime
import logging

from django.db import DatabaseError
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.jobs import CONNECTION_ERRORS, Heartbeat, stale_after
from partners.models import Coalition
from partners.selectors import directory
from reports.models import ReportJob, ReportJobStatus
from reports.rendering import report_filename, report_pdf
from reports.selectors import Period
from reports.selectors import coalition_report as build_report

KEPT_FOR = datetime.timedelta(days=1)
logger = logging.getLogger(__name__)


def report_job_request(*, actor, coalition: Coalition, period: Period) -> tuple[ReportJob, bool]:
    """The job preparing this report for `actor`: the one under way for the same coalition and
    period if there is one (a second click, a second tab), else a new one; returns (job, created).

    The caller has fetched `coalition` through the visibility rules for `actor`.
    """
    params = {"requested_by": actor, "coalition": coalition, "since": period.since, "until": period.until}
    for job in ReportJob.objects.filter(status__in=ReportJob.UNDER_WAY, **params).defer("pdf"):
        if report_job_expire_if_stale(job).status != ReportJobStatus.FAILED:
            return job, False
    return ReportJob.objects.create(heartbeat_at=timezone.now(), **params), True


def report_job_latest(*, actor, coalition: Coalition, period: Period) -> ReportJob | None:
    """The last PDF job of `actor` for this report, to show on the report page."""
    params = {"requested_by": actor, "coalition": coalition, "since": period.since, "until": period.until}
    job = ReportJob.objects.filter(created_at__gte=timezone.now() - KEPT_FOR, **params).defer("pdf").first()
    return report_job_expire_if_stale(job) if job is not None else None


def report_job_run(*, job_id) -> None:
    """Prepare the PDF once: a job already taken by a worker, done or failed is left alone."""
    now = timezone.now()
    taken = ReportJob.objects.filter(pk=job_id, status=ReportJobStatus.QUEUED)
    running = {"status": ReportJobStatus.RUNNING, "progress": {"phase": "figures"}}
    if not taken.update(started_at=now, heartbeat_at=now, **running):
        logger.info("Report PDF %s: already taken, done or failed; nothing to do.", job_id)
        return
    job = ReportJob.objects.select_related("requested_by", "coalition").defer("pdf").get(pk=job_id)
    viewer = job.requested_by
    try:
        with Heartbeat(ReportJob, job.pk) as beat:
            beat.progress("figures")
            # Visibility is checked again when the work runs: a role may have changed meanwhile.
            coalition = directory.coalition_get(viewer=viewer, slug=job.coalition.slug)
            report = build_report(viewer=viewer, coalition=coalition, period=Period(job.since, job.until))
            beat.progress("pdf")
            ReportJob.objects.filter(pk=job.pk).update(progress={"phase": "pdf"}, heartbeat_at=timezone.now())
            pdf = report_pdf(report, viewer_name=viewer.get_full_name() or viewer.get_username())
        ReportJob.objects.filter(pk=job.pk, status=ReportJobStatus.RUNNING).update(
            status=ReportJobStatus.DONE,
            pdf=pdf,
            filename=report_filename(report),
            finished_at=timezone.now(),
            progress={"phase": "done"},
        )
    except CONNECTION_ERRORS:
        # Give the job back so the retry can take it.
        with contextlib.suppress(DatabaseError):
            ReportJob.objects.filter(pk=job.pk, status=ReportJobStatus.RUNNING).update(status=ReportJobStatus.QUEUED)
        raise
    except Exception:
        logger.exception("Report PDF %s could not be prepared.", job_id)
        _fail(job.pk, _("The PDF could not be prepared. Try again; if it fails again, tell an admin."))


def _fail(job_id, message: str) -> None:
    ReportJob.objects.filter(pk=job_id, status__in=ReportJob.UNDER_WAY).update(
        status=ReportJobStatus.FAILED, error=message, finished_at=timezone.now()
    )


def report_job_expire_if_stale(job: ReportJob) -> ReportJob:
    """A job under way whose worker has not been heard of for too long is failed, and said so."""
    if job.status not in ReportJob.UNDER_WAY or not job.heartbeat_is_stale():
        return job
    minutes = max(1, round(stale_after().total_seconds() / 60))
    if job.status == ReportJobStatus.QUEUED:
        message = _("No worker took the PDF within %(minutes)d minutes. Try again later.") % {"minutes": minutes}
    else:
        message = _(
            "The worker preparing the PDF stopped answering (nothing heard for %(minutes)d minutes). Try again."
        ) % {"minutes": minutes}
    ReportJob.objects.filter(pk=job.pk, status=job.status, heartbeat_at=job.heartbeat_at).update(
        status=ReportJobStatus.FAILED, error=message, finished_at=timezone.now()
    )
    job.refresh_from_db(fields=["status", "error", "finished_at", "heartbeat_at", "progress"])
    return job


def report_jobs_purge() -> int:
    """Delete report PDFs older than a day (they hold what their requester could see)."""
    return ReportJob.objects.filter(created_at__lt=timezone.now() - KEPT_FOR).delete()[0]
