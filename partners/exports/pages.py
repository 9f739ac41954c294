"""`?format=csv` and `?format=xlsx` on the list pages: the list the page shows, whole, as a file."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase

from partners.exports.response import FORMATS, export_response


def list_download(request: HttpRequest, filterset, resource: str) -> HttpResponseBase | None:
    """The download the query string asks for, or None to render the page as usual.

    With invalid filters the page is rendered instead, so its form shows the errors beside the
    fields rather than a file silently ignoring them.
    """
    fmt = request.GET.get("format")
    if fmt not in FORMATS:
        return None
    if filterset.is_bound and not filterset.is_valid():
        return None
    return export_response(request=request, queryset=filterset.qs, resource=resource, fmt=fmt)
