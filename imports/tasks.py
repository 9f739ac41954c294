"""Background tasks of the imports app: thin, idempotent, retried when a connection was lost."""

from __future__ import annotations

from celery import shared_task

from imports import background, services
from partners.jobs import CONNECTION_ERRORS


@shared_task(autoretry_for=CONNECTION_ERRORS, retry_backoff=True, retry_backoff_max=300, max_retries=5)
def import_job_run(job_id: str, run_id: str, user_id: int, commit: bool) -> None:
    """Check (commit=False) or import a staged file for the run the page claimed."""
    background.run_claimed(job_id=job_id, run_id=run_id, user_id=user_id, commit=commit)


@shared_task(autoretry_for=CONNECTION_ERRORS, retry_backoff=True, max_retries=5)
def import_uploads_purge() -> int:
    """Delete staged uploads past their keeping time (they hold contacts: personal data)."""
    return services.import_uploads_purge()
