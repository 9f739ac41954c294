"""API pagination: page numbers with a capped, caller-chosen page size, and keyset cursors.

Keyset (cursor) pagination serves the activity log, the one list deep enough for OFFSET to
hurt: a deep page there must cost what the first page costs.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections import OrderedDict

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

MAX_PAGE_SIZE = 500


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (up to 500; a larger value is capped, not refused)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        try:
            size = int(raw)
        except (TypeError, ValueError):
            raise ValidationError({self.page_size_query_param: [_("Enter a whole number.")]})
        if size < 1:
            raise ValidationError({self.page_size_query_param: [_("Enter a number of at least 1.")]})
        return min(size, self.max_page_size)

    def paginate_queryset(self, queryset, request, view=None):
        page = request.query_params.get(self.page_query_param)
        if page not in (None, "", "last") and not page.isdigit():
            raise ValidationError({self.page_query_param: [_("Enter a page number.")]})
        return super().paginate_queryset(queryset, request, view)


class KeysetPagination:
    """Keyset pagination over `(-date, -id)`: the cursor holds the last row's date and id, so
    each page is one indexed range read whatever its depth, and rows added meanwhile never
    shift a page. The cursor is opaque to callers; a malformed one is a 400 naming `cursor`."""

    cursor_query_param = "cursor"

    def __init__(self, page_size: int):
        self.page_size = page_size

    # --- cursor encoding --------------------------------------------------------------------

    @staticmethod
    def encode(date: datetime.date, pk: int, backwards: bool) -> str:
        raw = json.dumps({"d": date.isoformat(), "i": pk, "b": int(backwards)}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, value: str) -> tuple[datetime.date, int, bool]:
        try:
            padded = value + "=" * (-len(value) % 4)
            data = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
            date = datetime.date.fromisoformat(data["d"])
            pk = int(data["i"])
            backwards = bool(int(data.get("b", 0)))
        except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError, AttributeError):
            raise ValidationError({cls.cursor_query_param: [_("This cursor is not valid; start again from page one.")]})
        return date, pk, backwards

    # --- paging -----------------------------------------------------------------------------

    def paginate_queryset(self, queryset: QuerySet, request) -> list:
        self.request = request
        raw = request.query_params.get(self.cursor_query_param) or ""
        position = self.decode(raw) if raw else None
        qs = queryset.order_by("-date", "-id")
        backwards = False
        if position is not None:
            date, pk, backwards = position
            if backwards:
                # The redundant bound lets the database start an index range on (date, id).
                qs = queryset.filter(Q(date__gte=date), Q(date__gt=date) | Q(date=date, id__gt=pk)).order_by(
                    "date", "id"
                )
            else:
                qs = qs.filter(Q(date__lte=date), Q(date__lt=date) | Q(date=date, id__lt=pk))
        rows = list(qs[: self.page_size + 1])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
            self.has_next, self.has_previous = bool(rows), more
        else:
            self.has_next, self.has_previous = more, position is not None and bool(rows)
        self.first, self.last = (rows[0], rows[-1]) if rows else (None, None)
        return rows

    def _link(self, cursor: str) -> str:
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_next_link(self) -> str | None:
        if not self.has_next or self.last is None:
            return None
        return self._link(self.encode(self.last.date, self.last.pk, backwards=False))

    def get_previous_link(self) -> str | None:
        if not self.has_previous or self.first is None:
            return None
        return self._link(self.encode(self.first.date, self.first.pk, backwards=True))

    def get_paginated_response(self, data) -> Response:
        return Response(
            OrderedDict([("next", self.get_next_link()), ("previous", self.get_previous_link()), ("results", data)])
        )


class ActivityPagination(PageNumberPagination):
    """Page numbers by default; keyset pagination (newest first) when the caller passes
    `?cursor=` or `?pagination=cursor`. Keyset pages carry no `count`, which is what keeps them
    cheap at any depth."""

    mode_query_param = "pagination"

    def paginate_queryset(self, queryset, request, view=None):
        mode = request.query_params.get(self.mode_query_param) or ""
        if mode not in ("", "page", "cursor"):
            raise ValidationError({self.mode_query_param: [_("Use 'page' or 'cursor'.")]})
        self.keyset = None
        if mode == "cursor" or request.query_params.get(KeysetPagination.cursor_query_param):
            if mode == "page":
                raise ValidationError({self.mode_query_param: [_("A cursor needs pagination=cursor.")]})
            if request.query_params.get("ordering"):
                raise ValidationError({"ordering": [_("Cursor pagination always lists newest first.")]})
            if request.query_params.get(self.page_query_param):
                raise ValidationError({self.page_query_param: [_("Use either a page number or a cursor.")]})
            self.keyset = KeysetPagination(self.get_page_size(request))
            return self.keyset.paginate_queryset(queryset, request)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.keyset is not None:
            return self.keyset.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        described["required"] = ["results"]
        described["properties"]["count"]["description"] = "Total number of results (page-number mode only)."
        described["properties"]["next"]["description"] = "URL of the next page, or null on the last page."
        return described

    def get_schema_operation_parameters(self, view):
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.mode_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "`cursor` for keyset pagination, newest first (by date, then id): each page costs "
                    "the same whatever its depth, and the response has `next`/`previous` links but no "
                    "`count`. Default `page`."
                ),
                "schema": {"type": "string", "enum": ["page", "cursor"]},
            },
            {
                "name": KeysetPagination.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "An opaque cursor from a previous response's `next` or `previous` link; implies "
                    "`pagination=cursor`. Not combinable with `page` or `ordering`."
                ),
                "schema": {"type": "string"},
            },
        ]
