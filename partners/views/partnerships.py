"""Partnership pages: the filtered list, one partnership, create and edit."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from partners import permissions as perms
from partners.exceptions import StaleObjectError
from partners.exports.pages import list_download
from partners.filtersets import PartnershipFilterSet
from partners.forms import PartnershipForm, prepare_filter_form
from partners.selectors.directory import meeting_list, partnership_get, partnership_list
from partners.services.partnerships import partnership_create, partnership_update
from partners.views.common import list_context, paginate, render_list, stale_edit

LINKED_MEETINGS = 20


@require_GET
def partnership_list_view(request: HttpRequest) -> HttpResponse:
    if not perms.is_signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    filterset = PartnershipFilterSet(
        request.GET or None, queryset=partnership_list(viewer=request.user), request=request
    )
    if (download := list_download(request, filterset, "partnerships")) is not None:
        return download
    prepare_filter_form(filterset.form)
    page = paginate(request, filterset.qs)
    context = list_context(request, filterset, page)
    context["nav_section"] = "partnerships"
    return render_list(request, "partners/partnership_list.html", "partners/_partnership_results.html", context)


@require_GET
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = partnership_get(viewer=request.user, pk=pk)
    context = {
        "partnership": partnership,
        "meetings": meeting_list(viewer=request.user).filter(partnership=partnership)[:LINKED_MEETINGS],
        "can_edit": perms.can_edit_partnership(request.user, partnership),
        "nav_section": "partnerships",
    }
    return render(request, "partners/partnership_detail.html", context)


def _save(request, form: PartnershipForm, partnership=None):
    """Call the service; on failure put the error on the form and return None."""
    try:
        if partnership is None:
            return partnership_create(
                actor=request.user, organizations=form.picked_organizations(), **form.service_data()
            )
        return partnership_update(
            actor=request.user,
            partnership=partnership,
            organizations=form.picked_organizations(),
            expected_version=form.cleaned_data.get("version"),
            **form.service_data(),
        )
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("You are not allowed to do this."))
        form.forbidden = True
    except ValidationError as exc:
        form.add_service_errors(exc)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def partnership_create_view(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = PartnershipForm(request.POST, user=request.user)
        if form.is_valid():
            partnership = _save(request, form)
            if partnership is not None:
                messages.success(request, _("Partnership created."))
                return redirect(partnership.get_absolute_url())
        status = 403 if getattr(form, "forbidden", False) else 400
    else:
        form = PartnershipForm(user=request.user)
    context = {"form": form, "picked": form.picked_rows(), "nav_section": "partnerships"}
    return render(request, "partners/partnership_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def partnership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = partnership_get(viewer=request.user, pk=pk)
    if not perms.can_edit_partnership(request.user, partnership):
        raise PermissionDenied
    stale, status = None, 200
    if request.method == "POST":
        form = PartnershipForm(request.POST, user=request.user, partnership=partnership)
        if form.is_valid():
            try:
                saved = _save(request, form, partnership)
            except StaleObjectError as exc:
                stale = stale_edit(request, exc)
                form = PartnershipForm(
                    stale.data, user=request.user, partnership=partnership_get(viewer=request.user, pk=pk)
                )
                form.is_valid()
                status = 409
            else:
                if saved is not None:
                    messages.success(request, _("The partnership was saved."))
                    return redirect(saved.get_absolute_url())
                status = 403 if getattr(form, "forbidden", False) else 400
        else:
            status = 400
    else:
        form = PartnershipForm(user=request.user, partnership=partnership)
    context = {
        "form": form,
        "picked": form.picked_rows(),
        "partnership": partnership,
        "stale": stale,
        "nav_section": "partnerships",
    }
    return render(request, "partners/partnership_form.html", context, status=status)
