"""`export_response`: the current filtered list as a CSV or XLSX download."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone

from partners.exports.columns import Resource, get_resource
from partners.exports.writers import csv_lines, xlsx_file

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    return response
