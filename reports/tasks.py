"""Background tasks of the reports app: thin, idempotent, retried when a connection was lost."""

from __future__ import annotations

from celery import shared_task

from partners.jobs import CONNECTION_ERRORS
from reports import pdf_jobs


@shared_task(autoretry_for=CONNECTION_ERRORS, retry_backoff=True, retry_backoff_max=300, max_retries=5)
def report_pdf_prepare(job_id: str) -> None:
    """Prepare the coalition report PDF of one job."""
    pdf_jobs.report_job_run(job_id=job_id)


@shared_task(autoretry_for=CONNECTION_ERRORS, retry_backoff=True, max_retries=5)
def report_jobs_purge() -> int:
    """Delete report PDFs past their keeping time."""
    return pdf_jobs.report_jobs_purge()
