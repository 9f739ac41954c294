"""Pages about people: inviting a person, accepting an invitation, and the admins' users page
(pending invitations, deactivating and reactivating accounts)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.events import client_ip
from audit.invitations import (
    InvitationUnusable,
    accept_rate_limited,
    can_invite,
    coalitions_invitable_by,
    invitation_accept,
    invitation_create,
    invitation_from_link,
    invitation_resend,
    invitation_revoke,
    organizations_invitable_by,
    pending_invitations,
)
from audit.models import InvitationRole
from audit.people import UserFilterSet, user_deactivate, user_list, user_reactivate
from partners import permissions as perms
from partners.forms import prepare_filter_form
from partners.models import Coalition, Membership
from partners.selectors.directory import coalition_list
from partners.views.common import list_context, paginate

# --- inviting ----------------------------------------------------------------------------------


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        help_text=gettext_lazy("We send the invitation here. The link works once, for 7 days."),
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=InvitationRole.choices, initial=InvitationRole.MEMBER)
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=None,
        to_field_name="slug",
        required=False,
        help_text=gettext_lazy("Where the person works. A member sees and edits what their organisation may."),
    )
    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalition to coordinate"),
        queryset=None,
        to_field_name="slug",
        required=False,
        help_text=gettext_lazy("For a coordinator only (admins invite coordinators)."),
    )

    def __init__(self, *args, user, within: Coalition | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = organizations_invitable_by(user)
        if within is not None:  # from a coalition's page: its current members first and only
            current = Membership.objects.current().filter(coalition=within).values("organization_id")
            organizations = organizations.filter(pk__in=current)
        self.fields["organization"].queryset = organizations
        coalitions = coalitions_invitable_by(user)
        self.fields["coalition"].queryset = coalitions
        if not perms.is_admin(user):
            # Coordinators invite members only: no role to choose, no coalition to pick.
            self.fields["role"].choices = [(InvitationRole.MEMBER, InvitationRole.MEMBER.label)]
            del self.fields["coalition"]

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.add_error(None, error.messages)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create_view(request: HttpRequest) -> HttpResponse:
    if not can_invite(request.user):
        raise PermissionDenied(_("Only admins and coordinators can invite people."))
    initial = {}
    if slug := request.GET.get("organization"):
        initial["organization"] = slug
    within = None
    if slug := request.GET.get("coalition"):
        within = coalition_list(viewer=request.user).filter(slug=slug).first()
    form = InvitationForm(request.POST or None, user=request.user, initial=initial, within=within)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = invitation_create(
                actor=request.user,
                email=data["email"],
                role=data["role"],
                organization=data.get("organization"),
                coalition=data.get("coalition"),
                base_url=_base_url(request),
                request=request,
            )
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s. The link works for 7 days.") % {"email": invitation.email},
            )
            return redirect("audit:invitation_create")
    context = {
        "form": form,
        "within": within,
        "pending": pending_invitations(viewer=request.user)[:50],
        "nav_section": "people",
    }
    return render(request, "audit/invitation_form.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    return redirect("audit:user_list" if perms.can_manage_accounts(request.user) else "audit:invitation_create")


@login_required
@require_POST
def invitation_resend_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_invite(request.user):
        raise PermissionDenied
    try:
        invitation = invitation_resend(
            actor=request.user, invitation_id=pk, base_url=_base_url(request), request=request
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("A new link was sent to %(email)s; the old one no longer works.") % {"email": invitation.email}
        )
    return _back(request)


@login_required
@require_POST
def invitation_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_invite(request.user):
        raise PermissionDenied
    invitation = invitation_revoke(actor=request.user, invitation_id=pk, request=request)
    messages.success(
        request, _("The invitation to %(email)s was revoked; its link no longer works.") % {"email": invitation.email}
    )
    return _back(request)


# --- accepting ---------------------------------------------------------------------------------


class AcceptForm(UserCreationForm):
    """Choose a username and a password (Django's password validators apply)."""

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.email = email  # the validators compare the password with the address too
        self.fields["username"].help_text = _("What you type to sign in. Letters, digits and @ . + - _ only.")


INVALID_MESSAGES = {
    "invalid": gettext_lazy(
        "This invitation link is not valid. It may have been copied incompletely, or a newer invitation "
        "replaced it. Ask the person who invited you to send it again."
    ),
    "expired": gettext_lazy(
        "This invitation has expired: links work for 7 days. Ask the person who invited you to send a new one."
    ),
    "used": gettext_lazy(
        "This invitation has already been used to make an account. If that was you, sign in; otherwise ask "
        "the person who invited you."
    ),
    "revoked": gettext_lazy(
        "This invitation was withdrawn. Ask the person who invited you if you think that is a mistake."
    ),
}


def _unusable(request: HttpRequest, reason: str) -> HttpResponse:
    status = 404 if reason == "invalid" else 410
    context = {"reason": reason, "message": INVALID_MESSAGES[reason]}
    return render(request, "audit/invitation_invalid.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    if request.user.is_authenticated:
        messages.info(request, _("You are signed in already. Sign out first to accept an invitation for someone else."))
        return redirect("partners:dashboard")
    try:
        opened = invitation_from_link(token)
    except InvitationUnusable as exc:
        return _unusable(request, exc.reason)
    invitation = opened.invitation
    form = AcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST":
        if accept_rate_limited(client_ip(request)):
            return render(
                request,
                "audit/invitation_invalid.html",
                {
                    "reason": "limited",
                    "message": _("Too many attempts from your address. Wait 15 minutes and try again."),
                },
                status=429,
            )
        if form.is_valid():
            try:
                invitation_accept(
                    opened=opened,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    request=request,
                )
            except InvitationUnusable as exc:
                return _unusable(request, exc.reason)
            except ValidationError as exc:  # e.g. the username was taken a moment ago
                for field, errors in (exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Your account is ready. Sign in with the username and password you chose."))
                return redirect(f"{reverse('login')}?next={reverse('partners:dashboard')}")
    context = {
        "form": form,
        "invitation": invitation,
        "second_factor": invitation.role == InvitationRole.COORDINATOR and "coordinator" in _required(),
    }
    return render(request, "audit/invitation_accept.html", context)


def _required() -> set[str]:
    from django.conf import settings

    return set(getattr(settings, "TWO_FACTOR_REQUIRED_FOR", ()))


# --- the users page ----------------------------------------------------------------------------


def _require_admin(request: HttpRequest) -> None:
    if not perms.can_manage_accounts(request.user):
        raise PermissionDenied(_("Only admins manage accounts."))


@login_required
@require_GET
def user_list_view(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    filterset = UserFilterSet(request.GET or None, queryset=user_list(viewer=request.user), request=request)
    prepare_filter_form(filterset.form)
    page = paginate(request, filterset.qs)
    context = list_context(request, filterset, page)
    context.update(
        {
            "pending": pending_invitations(viewer=request.user)[:100],
            "two_factor_roles": _required(),
            "nav_section": "people",
        }
    )
    return render(request, "audit/user_list.html", context)


@login_required
@require_POST
def user_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    try:
        user = user_deactivate(actor=request.user, user_id=pk, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("%(name)s can no longer sign in; their sessions, API tokens and calendar feeds stopped.")
            % {"name": user.get_username()},
        )
    return redirect("audit:user_list")


@login_required
@require_POST
def user_reactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    user = user_reactivate(actor=request.user, user_id=pk, request=request)
    messages.success(request, _("%(name)s can sign in again.") % {"name": user.get_username()})
    return redirect("audit:user_list")
