"""The notification pages: a person's preferences, and the unsubscribe link of every e-mail.

The unsubscribe address answers without a sign-in: its signed token is the permission. GET
shows a page with one button (a link scanner that follows links must not unsubscribe anyone);
POST turns the topic off, whether it comes from that button or, as RFC 8058 describes, from the
mail program's own "Unsubscribe" (`List-Unsubscribe-Post: List-Unsubscribe=One-Click`), which
carries no CSRF token.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from notifications.choices import Topic
from notifications.forms import PreferenceForm
from notifications.services import preference_get, preference_update, unsubscribe_apply
from notifications.tokens import unsubscribe_read
from partners import permissions as perms


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    preference = preference_get(user=request.user)
    coordinator = perms.is_coordinator(request.user)
    status = 200
    if request.method == "POST":
        form = PreferenceForm(request.POST, instance=preference, is_coordinator=coordinator)
        if form.is_valid():
            try:
                preference_update(actor=request.user, **{name: form.cleaned_data[name] for name in form.fields})
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                status = 400
            else:
                messages.success(request, _("Your e-mail preferences were saved."))
                return redirect("notifications:preferences")
        else:
            status = 400
    else:
        form = PreferenceForm(instance=preference, is_coordinator=coordinator)
    context = {"form": form, "nav_section": "account", "has_email": bool(request.user.email)}
    return render(request, "notifications/preferences.html", context, status=status)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    asked = unsubscribe_read(token)
    if asked is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=404)
    topic_label = Topic(asked.topic).label
    who = asked.address
    if asked.user_id is not None:
        user = get_user_model().objects.filter(pk=asked.user_id).first()
        if user is None:
            return render(request, "notifications/unsubscribe_invalid.html", status=404)
        who = user.email or user.get_username()
    context = {"topic_label": topic_label, "who": who, "done": False, "token": token}
    if request.method == "POST":
        unsubscribe_apply(request=asked)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)
