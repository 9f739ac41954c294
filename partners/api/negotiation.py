"""Content negotiation: which formats the API answers in, and which request bodies it reads.

Answers: an unknown `?format=` is a 400 naming the parameter (not a 404).

Request bodies: every write takes JSON (settings.REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]),
because nested lists such as a meeting's participations cannot travel as form fields. A view
that receives a file takes multipart for those actions only (`UploadParsersMixin`, or
`parser_classes = UPLOAD_PARSERS` on a plain view). The OpenAPI schema is generated from the
same declarations, so it advertises exactly what the server reads; any other Content-Type
answers 415 naming the accepted ones.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework.exceptions import UnsupportedMediaType, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.settings import api_settings

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


class UploadParsersMixin:
    """For a viewset whose `upload_actions` (default: create) receive a file: those actions
    read multipart/form-data only, every other action JSON only.

    Parsers are chosen before DRF sets `self.action`, so the action is found from the method
    (at run time) or taken as set (by the schema generator)."""

    upload_actions: frozenset[str] = frozenset({"create"})

    def get_parsers(self):
        action = getattr(self, "action", None)
        if action is None:
            request = getattr(self, "request", None)
            method = request.method.lower() if request is not None and request.method else ""
            action = getattr(self, "action_map", {}).get(method)
        classes = UPLOAD_PARSERS if action in self.upload_actions else api_settings.DEFAULT_PARSER_CLASSES
        return [parser() for parser in classes]
