"""Pages for planned meetings (plan, change, cancel, reply, attendance, minutes) and action
items (mine and my organisation's, a meeting's, a coalition's overdue ones). Thin: forms for the
shape, services for the rules, selectors for the reads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners import permissions as perms
from partners.choices import ActionItemStatus, InvitationReply
from partners.exceptions import StaleObjectError
from partners.exports.pages import list_download
from partners.filtersets import ActionItemFilterSet
from partners.forms import prepare_filter_form
from partners.forms_minutes import ActionItemForm, AttendanceForm, MinutesForm
from partners.forms_planning import MeetingPlanForm
from partners.selectors import directory
from partners.selectors import planning as selectors
from partners.services import action_items
from partners.services import planning as services
from partners.views.common import paginate, stale_edit


def meeting_detail_context(request: HttpRequest, meeting) -> dict:
    """What the meeting page shows of the plan: the times in the coalition's zone, who may do
    what, the viewer's organisation's invitation and, for the organiser and coordinators, every reply."""
    user = request.user
    now = timezone.now()
    org_id = perms.organization_id_of(user)
    invitations = list(meeting.invitations.all())
    mine = next((i for i in invitations if i.organization_id == org_id), None)
    can_manage = perms.can_manage_planned_meeting(user, meeting)
    cancelled = meeting.cancelled_at is not None
    started = meeting.starts_at is not None and meeting.starts_at <= now
    held = not cancelled and not meeting.is_planned and meeting.date <= timezone.localdate()
    return {
        "planned": meeting.is_planned and not cancelled,
        "cancelled": cancelled,
        "held": held,
        "invitations": invitations,
        "my_invitation": mine if meeting.is_planned and not cancelled else None,
        "reply_choices": [c for c in InvitationReply.choices if c[0] != InvitationReply.PENDING],
        "can_manage": can_manage and meeting.is_planned and not cancelled,
        "can_see_replies": can_manage,
        "can_record_attendance": perms.can_record_attendance(user, meeting)
        and started
        and meeting.starts_at is not None,
        "can_write_minutes": held and perms.can_write_minutes(user, meeting),
        "action_rows": _with_update_rights(user, meeting.action_items.all()),
        "can_add_action_item": not cancelled and perms.can_add_action_item(user, meeting=meeting, coalition=None),
        "time_zone": str(meeting.tzinfo),
        "today": timezone.localdate(),
    }


def _refused(form, exc: PermissionDenied) -> int:
    form.add_error(None, str(exc) or _("You are not allowed to do this."))
    return 403


@login_required
@require_http_methods(["GET", "POST"])
def meeting_plan_view(request: HttpRequest) -> HttpResponse:
    status = 200
    if request.method == "POST":
        form = MeetingPlanForm(request.POST, user=request.user)
        status = 400
        if form.is_valid():
            try:
                meeting = services.meeting_plan(
                    actor=request.user,
                    agenda=form.cleaned_data["agenda_inputs"],
                    invitations=form.cleaned_data["invitation_inputs"],
                    **form.service_data(),
                )
            except PermissionDenied as exc:
                status = _refused(form, exc)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(
                    request, _("Meeting planned: %(title)s. The invitees will hear of it.") % {"title": meeting.title}
                )
                return redirect(meeting.get_absolute_url())
    else:
        initial = {"coalition": request.GET["coalition"]} if request.GET.get("coalition") else {}
        form = MeetingPlanForm(user=request.user, initial=initial)
    context = {"form": form, "picked": form.picked_rows(), "agenda_rows": form.agenda_rows(), "nav_section": "meetings"}
    return render(request, "partners/meeting_plan_form.html", context, status=status)


def _managed_plan(request: HttpRequest, pk: int):
    meeting = selectors.meeting_detail_get(viewer=request.user, pk=pk)
    if not perms.can_manage_planned_meeting(request.user, meeting):
        raise PermissionDenied
    return meeting


@require_http_methods(["GET", "POST"])
def meeting_plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_plan(request, pk)
    if meeting.cancelled_at is not None or not meeting.is_planned:
        messages.error(request, _("Only a meeting still being planned can be changed here."))
        return redirect(meeting.get_absolute_url())
    stale, status = None, 200
    if request.method == "POST":
        form = MeetingPlanForm(request.POST, user=request.user, meeting=meeting)
        status = 400
        if form.is_valid():
            try:
                services.meeting_plan_update(
                    actor=request.user,
                    meeting=meeting,
                    agenda=form.cleaned_data["agenda_inputs"],
                    invitations=form.cleaned_data["invitation_inputs"],
                    expected_version=form.cleaned_data.get("version"),
                    **form.service_data(),
                )
            except StaleObjectError as exc:
                stale = stale_edit(request, exc)
                status = 409
            except PermissionDenied as exc:
                status = _refused(form, exc)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The meeting was saved."))
                return redirect(meeting.get_absolute_url())
    else:
        form = MeetingPlanForm(user=request.user, meeting=meeting)
    context = {
        "form": form,
        "meeting": meeting,
        "stale": stale,
        "picked": form.picked_rows(),
        "agenda_rows": form.agenda_rows(),
        "nav_section": "meetings",
    }
    return render(request, "partners/meeting_plan_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _managed_plan(request, pk)
    if request.method == "POST":
        try:
            services.meeting_cancel(actor=request.user, meeting=meeting)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The meeting was cancelled; the invitees will hear of it."))
        return redirect(meeting.get_absolute_url())
    return render(request, "partners/meeting_cancel.html", {"meeting": meeting, "nav_section": "meetings"})


@require_POST
def meeting_reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not perms.is_signed_in(request.user):
        return redirect_to_login(reverse("partners:meeting_detail", kwargs={"pk": pk}))
    meeting = selectors.meeting_detail_get(viewer=request.user, pk=pk)
    org_id = perms.organization_id_of(request.user)
    invitation = next((i for i in meeting.invitations.all() if i.organization_id == org_id), None)
    if invitation is None:
        raise PermissionDenied(_("Your organisation is not invited to this meeting."))
    try:
        services.invitation_reply(actor=request.user, invitation=invitation, reply=request.POST.get("reply", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Your organisation's reply: %(reply)s.") % {"reply": InvitationReply(invitation.reply).label}
        )
    target = request.POST.get("next") or meeting.get_absolute_url()
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = meeting.get_absolute_url()
    return redirect(target)


@require_http_methods(["GET", "POST"])
def meeting_attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail_get(viewer=request.user, pk=pk)
    if not perms.can_record_attendance(request.user, meeting):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = AttendanceForm(request.POST, user=request.user, meeting=meeting)
        status = 400
        if form.is_valid():
            try:
                services.meeting_attendance_record(
                    actor=request.user, meeting=meeting, participations=form.cleaned_data["participation_inputs"]
                )
            except PermissionDenied as exc:
                status = _refused(form, exc)
            except ValidationError as exc:
                form.add_error("participations", exc.messages)
            else:
                messages.success(request, _("Attendance recorded."))
                return redirect(meeting.get_absolute_url())
    else:
        form = AttendanceForm(user=request.user, meeting=meeting)
        form.initial_others()
    context = {
        "form": form,
        "meeting": meeting,
        "invitees": form.invitee_rows(),
        "picked": form.picked_rows(),
        "nav_section": "meetings",
    }
    return render(request, "partners/meeting_attendance.html", context, status=status)


@require_http_methods(["GET", "POST"])
def meeting_minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail_get(viewer=request.user, pk=pk)
    if not perms.can_write_minutes(request.user, meeting):
        raise PermissionDenied
    stale, status = None, 200
    if request.method == "POST":
        form = MinutesForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                services.meeting_minutes_update(
                    actor=request.user,
                    meeting=meeting,
                    decisions=form.cleaned_data["decisions"],
                    outcomes=form.cleaned_data["outcomes"],
                    expected_version=form.cleaned_data.get("version"),
                )
            except StaleObjectError as exc:
                stale = stale_edit(request, exc)
                status = 409
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("The minutes were saved."))
                return redirect(meeting.get_absolute_url())
    else:
        form = MinutesForm(
            initial={"decisions": meeting.decisions, "outcomes": meeting.outcomes, "version": meeting.version}
        )
    context = {"form": form, "meeting": meeting, "stale": stale, "nav_section": "meetings"}
    return render(request, "partners/meeting_minutes.html", context, status=status)


@require_http_methods(["GET", "POST"])
def action_item_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.meeting_detail_get(viewer=request.user, pk=pk)
    if not perms.can_add_action_item(request.user, meeting=meeting, coalition=None):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ActionItemForm(request.POST, meeting=meeting)
        status = 400
        if form.is_valid():
            try:
                action_items.action_item_create(actor=request.user, meeting=meeting, **form.service_data())
            except PermissionDenied as exc:
                status = _refused(form, exc)
            except ValidationError as exc:
                form.add_service_errors(exc)
            else:
                messages.success(request, _("Action item added."))
                if "save_another" in request.POST:
                    return redirect(reverse("partners:action_item_create", kwargs={"pk": meeting.pk}))
                return redirect(meeting.get_absolute_url() + "#action-items-h")
    else:
        form = ActionItemForm(meeting=meeting)
    context = {"form": form, "meeting": meeting, "nav_section": "meetings"}
    return render(request, "partners/action_item_form.html", context, status=status)


@require_POST
def action_item_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Close (done or dropped) or reopen an action item, from any list that shows it."""
    if not perms.is_signed_in(request.user):
        return redirect_to_login(reverse("partners:action_item_list"))
    item = selectors.action_item_get(viewer=request.user, pk=pk)
    if not perms.can_update_action_item(request.user, item):
        raise PermissionDenied
    value = request.POST.get("status", "")
    if value not in ActionItemStatus.values:
        messages.error(request, _("Choose open, done or dropped."))
    else:
        try:
            action_items.action_item_update(actor=request.user, item=item, status=value)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("“%(title)s” is now %(status)s.")
                % {"title": item.title, "status": item.get_status_display().lower()},
            )
    target = request.POST.get("next") or reverse("partners:action_item_list")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("partners:action_item_list")
    return redirect(target)


def _with_update_rights(user, items) -> list:
    """Rows for the item list template: each item and whether the user may close it."""
    return [{"item": i, "can_update": perms.can_update_action_item(user, i)} for i in items]


@require_GET
def action_item_list_view(request: HttpRequest) -> HttpResponse:
    """ "My action items" (owned by me) and "our action items" (owned by my organisation)."""
    if not perms.is_signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    whose = request.GET.get("whose") or "mine"
    org_id = perms.organization_id_of(request.user)
    if whose == "ours" and org_id is not None:
        base = selectors.action_items_of(viewer=request.user, organization_id=org_id)
    elif whose == "all":
        base = selectors.action_item_list(viewer=request.user)
    else:
        whose = "mine"
        base = selectors.action_items_of(viewer=request.user, user=request.user)
    data = request.GET.copy()
    if "status" not in data and not request.GET.get("filtered"):
        data.setlist("status", [ActionItemStatus.OPEN])
    filterset = ActionItemFilterSet(data, queryset=base, request=request)
    if (download := list_download(request, filterset, "action_items")) is not None:
        return download
    prepare_filter_form(filterset.form)
    page = paginate(request, filterset.qs if filterset.is_valid() else base.none())
    context = {
        "filter": filterset,
        "page": page,
        "rows": _with_update_rights(request.user, page.object_list),
        "whose": whose,
        "has_organization": org_id is not None,
        "query": request.GET.urlencode(),
        "today": timezone.localdate(),
        "nav_section": "action_items",
    }
    return render(request, "partners/action_item_list.html", context, status=200 if filterset.is_valid() else 400)


@require_GET
def coalition_overdue_action_items(request: HttpRequest, slug: str) -> HttpResponse:
    """The coalition's overdue action items, for its coordinators (and admins)."""
    if not perms.is_signed_in(request.user):
        return redirect_to_login(request.get_full_path())
    coalition = directory.coalition_get(viewer=request.user, slug=slug)
    if not perms.can_edit_coalition(request.user, coalition):
        raise PermissionDenied(_("The overdue action items are for the coalition's coordinators."))
    items = selectors.action_items_overdue(viewer=request.user, coalition=coalition)
    page = paginate(request, items)
    context = {
        "coalition": coalition,
        "page": page,
        "rows": _with_update_rights(request.user, page.object_list),
        "today": timezone.localdate(),
        "nav_section": "coalitions",
    }
    return render(request, "partners/coalition_overdue_action_items.html", context)
