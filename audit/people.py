"""The users page for admins: the accounts with their organisation, roles, last sign-in and second
factor (one query for a page of them), its filters, and deactivating or reactivating an account.

A deactivated account stops at once everywhere: its sessions are ended, its API tokens deleted,
and token authentication and calendar feeds refuse an inactive owner (partners/api/authentication.py,
reports/views.py calendar_feed).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.events import record
from audit.models import AuditAction
from partners import permissions as perms
from partners.models import ApiToken, CoalitionCoordinator, Organization

User = get_user_model()


def user_list(*, viewer) -> QuerySet:
    """Every account with what the users page shows, for admins only (others get no rows)."""
    if not perms.can_manage_accounts(viewer):
        return User.objects.none()
    confirmed_device = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        User.objects.select_related("profile__organization")
        .prefetch_related(
            Prefetch(
                "coordinator_roles",
                queryset=CoalitionCoordinator.objects.select_related("coalition").order_by("coalition__name"),
            )
        )
        .annotate(has_second_factor=Exists(confirmed_device))
        .order_by("username", "pk")
    )


ROLE_CHOICES = [
    ("admin", gettext_lazy("Admins")),
    ("coordinator", gettext_lazy("Coordinators")),
    ("member", gettext_lazy("Members of an organisation")),
    ("none", gettext_lazy("No role")),
]
STATUS_CHOICES = [("active", gettext_lazy("Active")), ("inactive", gettext_lazy("Deactivated"))]


class UserFilterSet(django_filters.FilterSet):
    """Filters of the users page: text search, role, active or not, organisation."""

    q = django_filters.CharFilter(
        label=gettext_lazy("Search"),
        method="search",
        max_length=100,
        help_text=gettext_lazy("Part of a username, name or e-mail address."),
    )
    role = django_filters.ChoiceFilter(
        label=gettext_lazy("Role"), choices=ROLE_CHOICES, method="by_role", empty_label=gettext_lazy("Any role")
    )
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=STATUS_CHOICES, method="by_status", empty_label=gettext_lazy("Any status")
    )
    organization = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Organisation"),
        field_name="profile__organization",
        to_field_name="slug",
        queryset=Organization.objects.order_by("name"),
    )

    class Meta:
        model = User
        fields = ["q", "role", "status", "organization"]

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(email__icontains=word)
            )
        return queryset

    def by_role(self, queryset, name, value):
        coordinates = Exists(CoalitionCoordinator.objects.filter(user=OuterRef("pk")))
        if value == "admin":
            return queryset.filter(is_superuser=True)
        if value == "coordinator":
            return queryset.filter(coordinates)
        if value == "member":
            return queryset.filter(profile__organization__isnull=False)
        return queryset.filter(~coordinates, is_superuser=False).exclude(profile__organization__isnull=False)

    def by_status(self, queryset, name, value):
        return queryset.filter(is_active=value == "active")

    @property
    def form(self) -> forms.Form:
        form = super().form
        for field in form.fields.values():
            field.required = False
        return form


def _account(actor, user_id: int):
    if not perms.can_manage_accounts(actor):
        raise PermissionDenied(_("Only admins manage accounts."))
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise Http404("No account found.")
    return user


def _end_sessions(user) -> int:
    """Delete the user's stored sessions (database-backed engines), so no open page stays signed in.

    Even without this, Django's authentication backend refuses an inactive user on their next
    request; this makes it certain and immediate.
    """
    if settings.SESSION_ENGINE not in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        return 0
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            ended.append(session.session_key)
    if ended:
        from django.contrib.sessions.backends.cached_db import SessionStore

        for key in ended:
            SessionStore(session_key=key).delete()
    return len(ended)


def user_deactivate(*, actor, user_id: int, request=None):
    """Deactivate an account: it can no longer sign in, its sessions end and its API tokens go."""
    user = _account(actor, user_id)
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not user.is_active:
        return user
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        tokens = ApiToken.objects.filter(user=user).delete()[0]
        sessions = _end_sessions(user)
        record(
            actor,
            AuditAction.DEACTIVATE,
            {"user": user.pk, "username": user.get_username(), "tokens_deleted": tokens, "sessions_ended": sessions},
            request=request,
        )
    return user


def user_reactivate(*, actor, user_id: int, request=None):
    """Let a deactivated account sign in again (it makes new API tokens and feeds as needed)."""
    user = _account(actor, user_id)
    if user.is_active:
        return user
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        record(actor, AuditAction.REACTIVATE, {"user": user.pk, "username": user.get_username()}, request=request)
    return user
