"""One exception handler: Django ValidationError → 400 naming the field; stale saves → 412."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from partners.exceptions import StaleObjectError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    elif isinstance(exc, StaleObjectError):
        return Response(
            {
                "detail": str(exc),
                "changed_fields": exc.changed_fields,
                "current_version": exc.current.version,
            },
            status=status.HTTP_412_PRECONDITION_FAILED,
        )
    return drf_exception_handler(exc, context)
