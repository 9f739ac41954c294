"""Import pages (upload, preview, confirm, progress), template downloads and stand-alone exports.

Imports are for admins and coordinators; the services decide what each row may change, and a
coordinator's rows must name a coalition they coordinate.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from imports import background, examples, services, tasks
from imports.forms import UploadForm
from imports.models import ImportJob, ImportKind, ImportStatus
from partners import permissions as perms
from partners.exports.lists import export_queryset
from partners.exports.response import FORMATS, export_response

PREVIEW_ROWS = 500


def _require_importer(request: HttpRequest) -> None:
    if not perms.can_import(request.user):
        raise PermissionDenied(_("Only admins and coalition coordinators can import data."))


def _job(request: HttpRequest, pk) -> ImportJob:
    """The user's own staged upload; anyone else's answers 404, as if it did not exist."""
    _require_importer(request)
    return background.expire_if_stale(get_object_or_404(ImportJob, pk=pk, created_by=request.user))


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.import_uploads_purge()
        job = ImportJob.objects.create(
            created_by=request.user,
            kind=form.cleaned_data["kind"],
            filename=form.cleaned_data["file"].name[:255],
            content=form.data_bytes,
            size=len(form.data_bytes),
            row_count=len(form.table.rows),
        )
        return redirect("imports:job", pk=job.pk)
    jobs = ImportJob.objects.filter(created_by=request.user).defer("content")[:10]
    context = {"form": form, "jobs": jobs, "kinds": ImportKind.choices, "nav_section": "imports"}
    return render(request, "imports/start.html", context, status=400 if form.is_bound else 200)


@login_required
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    job = _job(request, pk)
    report = job.report or {}
    rows = report.get("rows", [])
    errors = [r for r in rows if r["status"] == "error"]
    others = [r for r in rows if r["status"] != "error"]
    context = {
        "job": job,
        "report": report,
        "counts": report.get("counts", {}),
        "error_rows": errors,
        "preview_rows": others[:PREVIEW_ROWS],
        "hidden_rows": max(0, len(others) - PREVIEW_ROWS),
        "can_confirm": job.status == ImportStatus.CHECKED and rows and not errors and _has_changes(report),
        "nav_section": "imports",
    }
    return render(request, "imports/job.html", context)


def _has_changes(report: dict) -> bool:
    counts = report.get("counts", {})
    return bool(counts.get("new") or counts.get("update"))


def _check_or_import(request: HttpRequest, job: ImportJob, *, commit: bool) -> HttpResponse:
    if request.headers.get(background.BACKGROUND_HEADER) == "1":
        if not background.claim(job):
            return JsonResponse({"status": ImportJob.objects.get(pk=job.pk).status}, status=409)
        tasks.import_job_run.delay(str(job.pk), str(job.run_id), request.user.pk, commit)
        return JsonResponse({"status": ImportStatus.RUNNING, "job_url": job_url(job)}, status=202)
    services.import_job_run(job=job, actor=request.user, commit=commit)
    return redirect("imports:job", pk=job.pk)


def job_url(job: ImportJob) -> str:
    return reverse("imports:job", kwargs={"pk": job.pk})


@login_required
@require_POST
def job_check(request: HttpRequest, pk) -> HttpResponse:
    job = _job(request, pk)
    if job.status not in (ImportStatus.UPLOADED, ImportStatus.CHECKED):
        return redirect("imports:job", pk=job.pk)
    return _check_or_import(request, job, commit=False)


@login_required
@require_POST
def job_confirm(request: HttpRequest, pk) -> HttpResponse:
    job = _job(request, pk)
    if job.status != ImportStatus.CHECKED:
        return redirect("imports:job", pk=job.pk)
    return _check_or_import(request, job, commit=True)


@login_required
@require_POST
def job_discard(request: HttpRequest, pk) -> HttpResponse:
    job = _job(request, pk)
    if job.status != ImportStatus.RUNNING:
        job.delete()
    return redirect("imports:start")


@login_required
@require_GET
def job_progress(request: HttpRequest, pk) -> JsonResponse:
    job = _job(request, pk)
    state = job.progress or {"phase": "waiting", "done": 0, "total": job.row_count}
    # A failed run is back at the status it started from, with `error` saying why.
    response = JsonResponse({**state, "status": job.status, "failed": bool(job.error), "error": job.error})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def template_download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """An empty-but-for-examples file with the columns the importer reads (and exports write)."""
    _require_importer(request)
    if kind not in ImportKind.values or fmt not in FORMATS:
        raise Http404("No such template.")
    resource, rows = examples.template(kind)
    response = export_response(request=request, queryset=rows, resource=resource, fmt=fmt)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.{fmt}"'
    return response


@require_GET
def export_download(request: HttpRequest, resource: str, fmt: str) -> HttpResponse:
    """Any list as CSV or XLSX, with the same filters (query parameters) as its page and API."""
    if fmt not in FORMATS:
        raise Http404("No such format.")
    if not perms.can_download_list(request.user, resource):
        if perms.is_signed_in(request.user):
            raise PermissionDenied(_("Only coordinators and admins can download this list."))
        return redirect_to_login(request.get_full_path())
    try:
        queryset = export_queryset(request=request, resource=resource)
    except ValueError:
        raise Http404("No such list.") from None
    except ValidationError as exc:
        return JsonResponse({"errors": exc.message_dict if hasattr(exc, "error_dict") else exc.messages}, status=400)
    return export_response(request=request, queryset=queryset, resource=resource, fmt=fmt)
