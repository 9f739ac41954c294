"""Content negotiation: which formats the API answers in, and which request bodies it reads.

Answers: an unknown `?format=` is a 400 naming the parameter (not a 404).

Request bodies: every write takes JSON (settings.REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]),
because nested lists such as a meeting's participations cannot travel as form fields. A view
that receives a file declares `parser_classes = UPLOAD_PARSERS`: multipart/form-data alone, as
a urlencoded form cannot carry a file. The OpenAPI schema is generated from the same
declarations, so it advertises exactly what the server reads (tests/api/test_schema.py);
any other Content-Type answers 415 naming the accepted ones.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework.exceptions import UnsupportedMediaType, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser

# A file travels as multipart/form-data; a form without a file has no reason not to be JSON.
UPLOAD_PARSERS = [MultiPartParser]


class ContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            formats = ", ".join(sorted({r.format for r in renderers}))
            param = self.settings.URL_FORMAT_OVERRIDE or "format"
            raise ValidationError({param: [f"Unknown format; use one of: {formats}."]})

    def select_parser(self, request, parsers):
        parser = super().select_parser(request, parsers)
        if parser is None:
            accepted = ", ".join(dict.fromkeys(p.media_type for p in parsers))
            media_type = (request.content_type or "")[: self.max_media_type_length]
            raise UnsupportedMediaType(
                media_type,
                detail=f'Unsupported media type "{media_type}" in request; send one of: {accepted}.',
            )
        return parser
