"""Idempotent API writes: a write sent with an `Idempotency-Key` runs once; a retry gets the stored answer.

Part of the write path of every service viewset (partners.api.views.base). The caller is the
user DRF's own authentication found for the view, so a key belongs to whoever sent it, by
session or by token. The record, the write and the stored answer commit in one transaction: a
crash or a database outage half-way leaves neither the write nor a record, and the retry runs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBase, JsonResponse
from django.utils import timezone

from partners.models import IdempotencyRecord

IDEMPOTENT_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
REPLAYED_HEADERS = ("Content-Type", "Location", "ETag")
IDEMPOTENCY_TTL = timedelta(days=1)
MAX_KEY_LENGTH = IdempotencyRecord._meta.get_field("key").max_length


@dataclass
class _Request:
    key: str
    fingerprint: str
    record: IdempotencyRecord | None = None


class _Answer(Exception):
    """Carries a finished answer out of the view: a replay, or a server error to roll back."""

    def __init__(self, response: HttpResponseBase):
        self.response = response


class IdempotentWritesMixin:
    """For an APIView: writes carrying `Idempotency-Key` are answered once and replayed for a day.

    A view whose answer holds a secret shown once (a new API token's key) sets
    `idempotent_replay_withheld` to the message a replay gets instead (409): its answer is never
    written to the store, so the secret exists nowhere but in the first response.
    """

    _idempotency: _Request | None = None
    idempotent_replay_withheld: str | None = None

    def dispatch(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key or request.method not in IDEMPOTENT_METHODS:
            return super().dispatch(request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            return JsonResponse({"Idempotency-Key": [f"Use at most {MAX_KEY_LENGTH} characters."]}, status=400)
        # Read the body before the view parses it: a parsed stream cannot be read again.
        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.get_full_path().encode(), request.body])
        ).hexdigest()
        self._idempotency = _Request(key=key, fingerprint=fingerprint)
        try:
            with transaction.atomic():
                response = super().dispatch(request, *args, **kwargs)
                record = self._idempotency.record
                if record is None:  # an anonymous caller, or a replay
                    return response
                if response.status_code >= 500:
                    raise _Answer(response)
                if 200 <= response.status_code < 300 and not response.streaming:
                    if hasattr(response, "render"):
                        response.render()
                    if self.idempotent_replay_withheld is None:
                        record.status_code = response.status_code
                        record.content = response.content
                        record.headers = {h: response[h] for h in REPLAYED_HEADERS if h in response}
                    else:
                        record.status_code = 409
                        record.content = JsonResponse({"detail": self.idempotent_replay_withheld}).content
                        record.headers = {"Content-Type": "application/json"}
                    record.save(update_fields=["status_code", "content", "headers"])
                else:
                    record.delete()  # a refusal is not remembered: the corrected retry must run
                return response
        except _Answer as answer:
            return answer.response

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # authentication, permissions, throttling
        state = self._idempotency
        if state is None or not request.user.is_authenticated:
            return
        user = request.user
        IdempotencyRecord.objects.filter(
            user=user, key=state.key, created_at__lt=timezone.now() - IDEMPOTENCY_TTL
        ).delete()
        try:
            with transaction.atomic():
                state.record = IdempotencyRecord.objects.create(
                    user=user,
                    key=state.key,
                    method=request.method,
                    path=request.path[:2000],
                    fingerprint=state.fingerprint,
                )
        except IntegrityError:
            raise _Answer(_replay(user, state)) from None

    def handle_exception(self, exc):
        if isinstance(exc, _Answer):
            return exc.response
        return super().handle_exception(exc)


def _replay(user, state: _Request) -> HttpResponse:
    record = IdempotencyRecord.objects.filter(user=user, key=state.key).first()
    if record is None or record.status_code is None:
        return JsonResponse({"detail": "A request with this Idempotency-Key is still in progress."}, status=409)
    if record.fingerprint != state.fingerprint:
        return JsonResponse(
            {"Idempotency-Key": ["This key was already used for a different request; use a new key."]},
            status=422,
        )
    response = HttpResponse(bytes(record.content), status=record.status_code)
    for header, value in record.headers.items():
        response[header] = value
    response["Idempotent-Replayed"] = "true"
    return response
