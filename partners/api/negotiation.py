"""Content negotiation that answers an unknown `?format=` with a 400 naming the parameter."""

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = ", ".join(sorted({r.format for r in renderers}))
            param = self.settings.URL_FORMAT_OVERRIDE or "format"
            raise ValidationError({param: [f"Unknown format; use one of: {formats}."]})
