"""`export_response`: the current filtered list as a CSV or XLSX download; `export_record`: the one
call every download (lists, network files, reports) makes so that it is kept in the audit trail."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone

from partners.exports.columns import Resource, get_resource
from partners.exports.writers import csv_lines, xlsx_file

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Who writes a download into the audit trail. The audit app registers itself when it starts
# (audit.apps), so partners, the bottom layer, records exports without importing audit.
ExportRecorder = Callable[[HttpRequest, dict[str, str]], None]
_recorders: list[ExportRecorder] = []


def export_recorder_register(recorder: ExportRecorder) -> None:
    if recorder not in _recorders:
        _recorders.append(recorder)


def export_record(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Record that `response` hands a file to the user: who, what (path and filters), which format.

    Returns the response, so a view can end with `return export_record(request, response)`.
    """
    if not _recorders:
        raise ImproperlyConfigured("No export recorder is registered: add 'audit' to INSTALLED_APPS.")
    # A DRF Response sets its Content-Type header only when rendered, after the view.
    content_type = getattr(response, "content_type", None) or response.get("Content-Type", "")
    detail = {
        "path": request.path,
        "query": request.GET.urlencode()[:1000],
        "content_type": content_type.split(";")[0].strip(),
        "file": response.get("Content-Disposition", "").partition("filename=")[2].strip('"')[:200],
    }
    for recorder in _recorders:
        recorder(request, detail)
    return response


def export_filename(resource: Resource, fmt: str) -> str:
    return f"{resource.name}-{timezone.localdate():%Y-%m-%d}.{fmt}"


def export_response(
    *, request: HttpRequest, queryset: QuerySet, resource: str | Resource, fmt: str
) -> HttpResponseBase:
    """Download `queryset` (already restricted to what the viewer may see, and filtered).

    CSV streams: the first bytes leave before the database has read the last row. XLSX cannot
    stream (a workbook is a zip with its index at the end), so it is written row by row in
    write-only mode to a temporary file.
    """
    resource = get_resource(resource)
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; use 'csv' or 'xlsx'.")
    filename = export_filename(resource, fmt)
    if fmt == "csv":
        lines = csv_lines(resource, resource.iter_text_rows(queryset, request))
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        objects = resource.iter_rows(queryset, request)
        response = FileResponse(xlsx_file(resource, objects), as_attachment=True, filename=filename)
        response["Content-Type"] = XLSX_TYPE
    # Exports hold members-only data: never let a shared cache keep a copy.
    response["Cache-Control"] = "private, no-store"
    return export_record(request, response)
