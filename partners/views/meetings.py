"""Meeting and activity pages: the filtered list, one activity, the fast logging form, edit and delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from partners import permissions as perms
from partners.exceptions import StaleObjectError
from partners.exports.pages import list_download
from partners.filtersets import MeetingFilterSet
from partners.forms import MeetingForm, prepare_filter_form
from partners.selectors.directory import meeting_get, meeting_list
from partners.selectors.planning import meeting_detail_get
from partners.services.meetings import meeting_create, meeting_delete, meeting_update
from partners.views.common import list_context, paginate, render_list, stale_edit


@require_GET
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    if not perms.is_signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    filterset = MeetingFilterSet(request.GET or None, queryset=meeting_list(viewer=request.user), request=request)
    if (download := list_download(request, filterset, "meetings")) is not None:
        return download
    prepare_filter_form(filterset.form)
    page = paginate(request, filterset.qs)
    context = list_context(request, filterset, page)
    context["nav_section"] = "meetings"
    context["can_log"] = perms.is_signed_in(request.user)
    return render_list(request, "partners/meeting_list.html", "partners/_meeting_results.html", context)


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from partners.views.planning import meeting_detail_context

    meeting = meeting_detail_get(viewer=request.user, pk=pk)
    context = {
        "meeting": meeting,
        "can_edit": perms.can_edit_meeting(request.user, meeting) and not meeting.is_planned,
        "nav_section": "meetings",
        **meeting_detail_context(request, meeting),
    }
    return render(request, "partners/meeting_detail.html", context)


def _form_context(form: MeetingForm, **extra) -> dict:
    return {"form": form, "picked": form.picked_rows(), "nav_section": "meetings", **extra}


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = MeetingForm(request.POST, user=request.user)
        status = 400
        if form.is_valid():
            try:
                meeting = meeting_create(
                    actor=request.user,
                    participations=form.cleaned_data["participation_inputs"],
                    **form.service_data(),
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You are not allowed to do this."))
                status = 403
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Activity logged: %(title)s.") % {"title": meeting.title})
                if "save_another" in request.POST:
                    return redirect(reverse("partners:meeting_create"))
                return redirect(meeting.get_absolute_url())
    else:
        # The form starts from the user's one coalition, or the one named in the link.
        initial = {"coalition": request.GET["coalition"]} if request.GET.get("coalition") else {}
        form = MeetingForm(user=request.user, initial=initial)
        # Start with the user's own organisation and any named in the link (?participant=slug).
        own = perms.organization_id_of(request.user)
        picked = [o.slug for o in perms.organizations_visible_to(request.user).filter(pk=own)] if own else []
        picked += [s for s in request.GET.getlist("participant") if s not in picked]
        form.initial_picked = picked
        status = 200
    return render(request, "partners/meeting_form.html", _form_context(form), status=status)


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(viewer=request.user, pk=pk)
    if not perms.can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    stale = None
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, user=request.user, meeting=meeting)
        if form.is_valid():
            try:
                meeting_update(
                    actor=request.user,
                    meeting=meeting,
                    participations=form.cleaned_data["participation_inputs"],
                    expected_version=form.cleaned_data.get("version"),
                    **form.service_data(),
                )
            except StaleObjectError as exc:
                stale = stale_edit(request, exc)
                form = MeetingForm(stale.data, user=request.user, meeting=meeting_get(viewer=request.user, pk=pk))
                form.is_valid()
                status = 409
            except PermissionDenied as exc:
                form.add_error(None, str(exc) or _("You are not allowed to do this."))
                status = 403
            except ValidationError as exc:
                form.add_service_errors(exc)
                status = 400
            else:
                messages.success(request, _("The activity was saved."))
                return redirect(meeting.get_absolute_url())
        else:
            status = 400
    else:
        form = MeetingForm(user=request.user, meeting=meeting)
    return render(
        request, "partners/meeting_form.html", _form_context(form, meeting=meeting, stale=stale), status=status
    )


@require_http_methods(["GET", "POST"])
def meeting_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(viewer=request.user, pk=pk)
    if not perms.can_edit_meeting(request.user, meeting):
        raise PermissionDenied
    if request.method == "POST":
        try:
            version = int(request.POST.get("version") or meeting.version)
        except ValueError:
            version = meeting.version
        try:
            meeting_delete(actor=request.user, meeting=meeting, expected_version=version)
        except StaleObjectError as exc:
            message = _("Someone changed this activity since you opened it; check it before deleting.")
            messages.error(request, stale_edit(request, exc, message=message).message)
            return redirect(meeting.get_absolute_url())
        messages.success(request, _("The activity was deleted."))
        return redirect("partners:meeting_list")
    return render(request, "partners/meeting_confirm_delete.html", {"meeting": meeting, "nav_section": "meetings"})
