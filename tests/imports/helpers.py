"""Driving the import pages as a user would: upload, check, confirm."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from imports.models import ImportJob


def upload(client, kind: str, content: bytes, filename: str = "file.csv"):
    return client.post("/imports/", {"kind": kind, "file": SimpleUploadedFile(filename, content)})


def staged(client, kind: str, content: bytes, filename: str = "file.csv") -> ImportJob:
    response = upload(client, kind, content, filename)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.order_by("-created_at").first()
    assert response["Location"] == f"/imports/{job.pk}/"
    return job


def check(client, job: ImportJob) -> dict:
    assert client.post(f"/imports/{job.pk}/check/").status_code == 302
    job.refresh_from_db()
    return job.report


def confirm(client, job: ImportJob) -> dict:
    assert client.post(f"/imports/{job.pk}/confirm/").status_code == 302
    job.refresh_from_db()
    return job.report


def import_file(client, kind: str, content: bytes, filename: str = "file.csv") -> dict:
    """Upload, check and confirm; returns the import's report (asserting the check was clean)."""
    job = staged(client, kind, content, filename)
    report = check(client, job)
    errors = [r for r in report["rows"] if r["status"] == "error"]
    assert not errors, errors[:5]
    if report["counts"]["new"] or report["counts"]["update"]:
        report = confirm(client, job)
        assert report["committed"], report
    return report


def errors_of(report: dict) -> list[tuple[int, str, str]]:
    return [(r["line"], e["column"], e["message"]) for r in report["rows"] for e in r.get("errors", [])]
