"""The account page: the user's roles and their personal API tokens (create, list, revoke)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from partners import permissions as perms
from partners.forms import ApiTokenForm
from partners.models import ApiToken, CoalitionCoordinator, Organization
from partners.services.accounts import api_token_create, api_token_revoke


def _account_context(request: HttpRequest, form: ApiTokenForm, new_key: str | None = None) -> dict:
    user = request.user
    org_id = perms.organization_id_of(user)
    return {
        "organization": Organization.objects.filter(pk=org_id).first() if org_id else None,
        "coordinated": CoalitionCoordinator.objects.filter(user=user).select_related("coalition"),
        "is_admin_user": perms.is_admin(user),
        "tokens": ApiToken.objects.filter(user=user).order_by("-created_at"),
        "form": form,
        "new_key": new_key,
        "nav_section": "account",
    }


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """GET shows the page; POST creates a token and shows its key once, in this response only."""
    new_key = None
    status = 200
    if request.method == "POST":
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                token, new_key = api_token_create(actor=request.user, name=form.cleaned_data["name"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
                status = 400
            else:
                form = ApiTokenForm()
                messages.success(request, _("Token “%(name)s” created.") % {"name": token.name})
        else:
            status = 400
    else:
        form = ApiTokenForm()
    return render(request, "partners/account.html", _account_context(request, form, new_key), status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404("No token found.")  # another user's token is as good as missing
    api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("partners:account")
