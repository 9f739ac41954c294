"""TOTP two-factor sign-in (django-otp): who needs it, enrolment, the verify step and recovery codes.

Roles named in TWO_FACTOR_REQUIRED_FOR (both admins and coordinators unless the environment says
otherwise) must enrol: after the password, the middleware (audit/middleware.py) keeps them on these
pages until they have. Anyone else may turn it on. Enrolment ends with ten recovery codes, shown
once (audit/recovery_codes.py); each signs in once in place of an authenticator code.
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import quote, urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.events import record
from audit.models import AuditAction
from audit.recovery_codes import (
    recovery_code_use,
    recovery_codes_delete,
    recovery_codes_left,
    recovery_codes_replace,
)
from audit.sessions import RECOVERY_CODES_TO_SHOW, TWO_FACTOR_NEEDED
from partners import permissions as perms

NOT_VALID = gettext_lazy("That code is not valid. Check the clock on your phone and try again.")


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


class VerifyForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app, or one of your recovery codes"),
        min_length=6,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _safe_next(request: HttpRequest) -> str:
    """The page the user was going to (`next`), when it is on this site; else ""."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _next_url(request: HttpRequest) -> str:
    return _safe_next(request) or settings.LOGIN_REDIRECT_URL


def _with_next(name: str, request: HttpRequest) -> str:
    """The URL of page `name`, passing on the page the user was going to, if any."""
    target = _safe_next(request)
    return reverse(name) + (f"?{urlencode({'next': target})}" if target else "")


def _new_device(user) -> TOTPDevice:
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Show the status; create an unconfirmed device and confirm it with a first code.

    A role that must use a second factor gets its key at once, with no extra click to start.
    """
    user = request.user
    required = perms.two_factor_required(user)
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    pending = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    form = TokenForm(request.POST or None)
    if confirmed is None and pending is None and required and request.method == "GET":
        pending = _new_device(user)
    if request.method == "POST" and confirmed is None:
        if pending is None or "start" in request.POST:
            pending = _new_device(user)
            form = TokenForm()
        elif form.is_valid():
            if pending.verify_token(form.cleaned_data["token"]):
                pending.confirmed = True
                pending.save(update_fields=["confirmed"])
                otp_login(request, pending)
                request.session[TWO_FACTOR_NEEDED] = True
                request.session[RECOVERY_CODES_TO_SHOW] = recovery_codes_replace(user=user)
                record(user, AuditAction.TWO_FACTOR, {"change": "enabled"}, request=request)
                return redirect(_with_next("audit:recovery_codes", request))
            form.add_error("token", NOT_VALID)
    context = {
        "confirmed": confirmed,
        "pending": pending,
        "form": form,
        "required": required,
        "secret": _base32(pending) if pending else "",
        "qr_svg": _qr_svg(pending.config_url) if pending else "",
        "codes_left": recovery_codes_left(user=user) if confirmed else 0,
        "next": _safe_next(request),
    }
    return render(request, "audit/two_factor_setup.html", context)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code after the password; without a device, send the user to set one up."""
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect(_with_next("audit:two_factor_setup", request))
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        if token.isdigit():
            for device in devices:
                if device.verify_token(token):
                    otp_login(request, device)
                    return redirect(_next_url(request))
        elif _recovery_code_accepted(request, devices[0], token):
            return redirect(_next_url(request))
        form.add_error("token", NOT_VALID)
    return render(request, "audit/two_factor_verify.html", {"form": form, "next": _safe_next(request)})


def _recovery_code_accepted(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Sign in with a recovery code in place of the app's code, under the same throttle."""
    allowed, _detail = device.verify_is_allowed()
    if not allowed:
        return False
    if not recovery_code_use(user=request.user, code=code):
        device.throttle_increment()
        return False
    device.throttle_reset()
    otp_login(request, device)
    left = recovery_codes_left(user=request.user)
    record(request.user, AuditAction.TWO_FACTOR, {"change": "recovery code used", "left": left}, request=request)
    messages.warning(
        request,
        _("You signed in with a recovery code; it cannot be used again. %(left)s codes are left.") % {"left": left}
        + (" " + _("Make new codes under your account.") if left <= 3 else ""),
    )
    return True


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Show new recovery codes once (they leave the session as they are shown); POST: "I have saved them"."""
    if request.method == "POST":
        return redirect(_next_url(request))
    codes = request.session.pop(RECOVERY_CODES_TO_SHOW, None)
    context = {"codes": codes, "next": _safe_next(request)}
    if codes:
        text = _("Coalition Tracker recovery codes for %(user)s. Each signs in once.") % {
            "user": request.user.get_username()
        }
        context["download"] = "data:text/plain;charset=utf-8," + quote("\n".join([text, "", *codes, ""]))
    return render(request, "audit/two_factor_recovery_codes.html", context)


@login_required
@require_POST
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("audit:two_factor_setup")
    if not request.user.is_verified():
        return redirect(f"{reverse('audit:two_factor_verify')}?next={reverse('audit:two_factor_setup')}")
    request.session[RECOVERY_CODES_TO_SHOW] = recovery_codes_replace(user=request.user)
    record(request.user, AuditAction.TWO_FACTOR, {"change": "recovery codes regenerated"}, request=request)
    return redirect("audit:recovery_codes")


@login_required
@require_POST
def two_factor_disable(request: HttpRequest) -> HttpResponse:
    if perms.two_factor_required(request.user):
        raise PermissionDenied(_("Your role requires two-factor sign-in."))
    if not request.user.is_verified():
        return redirect("audit:two_factor_verify")
    TOTPDevice.objects.filter(user=request.user).delete()
    recovery_codes_delete(user=request.user)
    request.session[TWO_FACTOR_NEEDED] = False
    record(request.user, AuditAction.TWO_FACTOR, {"change": "disabled"}, request=request)
    return redirect("audit:two_factor_setup")


def _qr_svg(url: str) -> str:
    """The set-up link as an inline SVG QR code (no script, no image request, no third party)."""
    title = _("QR code of the set-up link: scan it with your authenticator app")
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=4, title=title, light="#fff"))  # noqa: S308


def _base32(device: TOTPDevice) -> str:
    """The key to type into an app, in groups of four (apps ignore the spaces)."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))
