"""`?format=csv` and `?format=xlsx` on the API's list endpoints: the same filters, no pagination.

The export formats are not DRF renderers: an export streams rows from the database rather than
rendering serializer data, so the list action hands the filtered queryset to `export_response`.
Errors (an invalid filter, say) still answer as JSON. The parameter is left out of the OpenAPI
schema, which describes JSON bodies only; the README and docs/samples/README.md describe it.
"""

from __future__ import annotations

from rest_framework.renderers import JSONRenderer

from partners.exports.response import FORMATS, export_response

# The router's basename of each exportable list -> the export resource.
RESOURCE_OF_BASENAME = {
    "organization": "organizations",
    "coalition": "coalitions",
    "contact": "contacts",
    "membership": "memberships",
    "partnership": "partnerships",
    "meeting": "meetings",
    "action-item": "action_items",
}


class ExportNegotiationMixin:
    """Takes `?format=csv|xlsx` out of content negotiation for the views that export."""

    export_format: str | None = None

    def export_resource_name(self) -> str | None:
        return None

    def perform_content_negotiation(self, request, force=False):
        fmt = request.query_params.get("format")
        if fmt in FORMATS and self.export_resource_name():
            self.export_format = fmt
            renderer = JSONRenderer()  # for error responses; a successful export is a file
            return renderer, renderer.media_type
        self.export_format = None
        return super().perform_content_negotiation(request, force)


class ExportListMixin(ExportNegotiationMixin):
    """For viewsets: the list action answers `?format=csv|xlsx` with the whole filtered list."""

    def export_resource_name(self) -> str | None:
        if getattr(self, "action", None) != "list":
            return None
        return RESOURCE_OF_BASENAME.get(getattr(self, "basename", ""))

    def list(self, request, *args, **kwargs):
        if self.export_format:
            queryset = self.filter_queryset(self.get_queryset())
            return export_response(
                request=request, queryset=queryset, resource=self.export_resource_name(), fmt=self.export_format
            )
        return super().list(request, *args, **kwargs)
