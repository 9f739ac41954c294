"""Writes of the imports app: running a staged file's check or import and recording the outcome."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone

from imports.engine import read_file, run_import
from imports.models import ImportJob, ImportStatus
from imports.parsing import FileRejected

Progress = Callable[..., None]
# Staged uploads hold copies of personal data (contacts): keep them no longer than needed.
STAGED_FOR = datetime.timedelta(days=2)


def import_uploads_purge() -> int:
    """Delete staged uploads older than STAGED_FOR; returns how many."""
    return ImportJob.objects.filter(created_at__lt=timezone.now() - STAGED_FOR).delete()[0]


def import_job_run(*, job: ImportJob, actor, commit: bool, progress: Progress | None = None) -> ImportJob:
    """Re-read the staged file and check (commit=False) or import it; the preview's verdict is
    never reused. `progress(phase, done, total)` hears how far the rows got."""
    phase = "import" if commit else "check"

    def rows_done(done: int, total: int) -> None:
        if progress is not None:
            progress(phase, done, total)

    rows_done(0, job.row_count)
    job.error, job.run_id = "", None
    try:
        table = read_file(bytes(job.content), job.filename, job.kind)
    except FileRejected as exc:
        job.report = {"rows": [], "notices": [str(exc)], "counts": {}, "committed": False, "rejected": True}
        job.status = ImportStatus.UPLOADED
        job.save(update_fields=["report", "status", "error", "run_id"])
        return job
    report = run_import(kind=job.kind, table=table, actor=actor, commit=commit, progress=rows_done)
    job.report = report.as_json()
    now = timezone.now()
    if report.committed:
        job.status, job.imported_at = ImportStatus.IMPORTED, now
    else:
        job.status, job.checked_at = ImportStatus.CHECKED, now
    job.progress = {"phase": "done", "done": len(table.rows), "total": len(table.rows)}
    job.save(update_fields=["report", "status", "imported_at", "checked_at", "progress", "error", "run_id"])
    return job
