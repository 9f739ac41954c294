"""Pages of the audit app: an object's history, restoring versions and deleted records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from audit.history import (
    RESTORABLE_MODELS,
    deleted_label,
    deleted_records,
    history_subject,
    model_by_label,
    object_history,
    record_restore,
    version_restore,
)
from partners import permissions as perms


@login_required
@require_GET
def history_page(request: HttpRequest, model_name: str, pk: int) -> HttpResponse:
    obj = history_subject(viewer=request.user, model_name=model_name, pk=pk)
    if request.headers.get("HX-Request"):
        # The recent changes, loaded into the object's own page (templates/audit/_history_lazy.html).
        context = {
            "history": object_history(viewer=request.user, obj=obj, limit=5),
            "history_url": reverse("audit:history", kwargs={"model_name": model_name, "pk": pk}),
        }
        return render(request, "audit/_history.html", context)
    context = {
        "object": obj,
        "model_name": model_name,
        "history": object_history(viewer=request.user, obj=obj),
        "can_restore": perms.can_restore_records(request.user),
    }
    return render(request, "audit/history.html", context)


@login_required
@require_POST
def version_restore_view(request: HttpRequest, model_name: str, pk: int, history_id: int) -> HttpResponse:
    obj = history_subject(viewer=request.user, model_name=model_name, pk=pk)
    try:
        version_restore(actor=request.user, obj=obj, history_id=history_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The earlier version was restored as a new version."))
    return redirect(reverse("audit:history", kwargs={"model_name": model_name, "pk": pk}))


def _require_admin(request: HttpRequest) -> None:
    if not perms.can_restore_records(request.user):
        raise PermissionDenied(_("Only admins can restore deleted records."))


@login_required
@require_GET
def deleted_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    groups = [
        {
            "model": model._meta.verbose_name_plural,
            "label": model._meta.label_lower,
            "records": [(row, deleted_label(row)) for row in deleted_records(model, limit=50)],
        }
        for model in RESTORABLE_MODELS
    ]
    return render(request, "audit/deleted_list.html", {"groups": [g for g in groups if g["records"]]})


@login_required
@require_POST
def deleted_restore(request: HttpRequest, label: str, history_id: int) -> HttpResponse:
    _require_admin(request)
    model = model_by_label(label)
    try:
        restored = record_restore(actor=request.user, model=model, history_id=history_id)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Restored %(object)s.") % {"object": restored})
    return redirect("audit:deleted_list")
