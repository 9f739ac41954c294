"""Optional TOTP two-factor sign-in (django-otp): who needs it, and the set-up and verify pages."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.events import record
from audit.models import AuditAction
from audit.sessions import TWO_FACTOR_NEEDED
from partners import permissions as perms


def two_factor_needed(user) -> bool:
    """A user verifies a second factor when their role requires it or they turned it on."""
    return perms.two_factor_required(user) or user_has_device(user, confirmed=True)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show the status; create an unconfirmed device and confirm it with a first code."""
    confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    pending = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    form = TokenForm(request.POST or None)
    if request.method == "POST" and confirmed is None:
        if pending is None or "start" in request.POST:
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            pending = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
            form = TokenForm()
        elif form.is_valid():
            if pending.verify_token(form.cleaned_data["token"]):
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
                otp_login(request, pending)
                request.session[TWO_FACTOR_NEEDED] = True
                record(request.user, AuditAction.TWO_FACTOR, {"change": "enabled"}, request=request)
                return redirect("audit:two_factor_setup")
            form.add_error("token", _("That code is not valid. Check the clock on your phone and try again."))
    context = {
        "confirmed": confirmed,
        "pending": pending,
        "form": form,
        "required": perms.two_factor_required(request.user),
        "secret": _base32(pending) if pending else "",
    }
    return render(request, "audit/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code after the password; without a device, send the user to set one up."""
    if not user_has_device(request.user, confirmed=True):
        return redirect("audit:two_factor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
            if device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid. Check the clock on your phone and try again."))
    return render(request, "audit/two_factor_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    if perms.two_factor_required(request.user):
        raise PermissionDenied(_("Your role requires two-factor sign-in."))
    if not request.user.is_verified():
        return redirect("audit:two_factor_verify")
    TOTPDevice.objects.filter(user=request.user).delete()
    request.session[TWO_FACTOR_NEEDED] = False
    record(request.user, AuditAction.TWO_FACTOR, {"change": "disabled"}, request=request)
    return redirect("audit:two_factor_setup")


def _base32(device: TOTPDevice) -> str:
    from base64 import b32encode

    return b32encode(device.bin_key).decode().rstrip("=")
