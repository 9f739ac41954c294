"""Health pages: a partnership's health, its repair log and check-ins, needs attention, equity.

Thin views: selectors read, services write. Restricted records answer 404 to outsiders (as if
they did not exist) and 403 to insiders who may see but not do.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from health import permissions as hperms
from health.choices import AttentionKind
from health.forms import (
    AttentionAssignForm,
    AttentionResolveForm,
    AttentionSnoozeForm,
    CheckInForm,
    EquityPeriodForm,
    RepairEntryForm,
    StatusChangeForm,
)
from health.selectors.attention import attach_work, attention_item_get, coalition_attention, organization_attention
from health.selectors.attention.work import attention_assignees, attention_in_state
from health.selectors.equity import coalition_equity
from health.selectors.partnership import partnership_health, repair_log
from health.services import (
    attention_acknowledge,
    attention_assign,
    attention_reopen,
    attention_resolve,
    attention_snooze,
    checkin_submit,
    partnership_status_change,
    repair_entry_create,
    repair_entry_delete,
    repair_entry_update,
)
from partners import permissions as perms
from partners.exceptions import StaleObjectError
from partners.figures import last_12_months
from partners.selectors.directory import coalition_get, organization_get, partnership_get
from partners.selectors.scope import activity_scope
from partners.views.common import stale_edit


def _signed_in(view):
    """Anonymous visitors are sent to sign in (health records are never public)."""

    def wrapper(request: HttpRequest, *args, **kwargs):
        if not perms.is_signed_in(request.user):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _form_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError beside the form's fields (or on top, when unknown)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _insider_partnership(request: HttpRequest, pk: int):
    """The partnership, if the user is one of its insiders; otherwise 404, as if it did not exist."""
    partnership = partnership_get(viewer=request.user, pk=pk)
    if not hperms.is_insider(request.user, partnership):
        raise Http404("No partnership found.")
    return partnership


# --- one partnership -----------------------------------------------------------------------------


def _health_page(request, partnership, *, status_form=None, checkin_form=None, repair_form=None, status=200):
    context = partnership_health(viewer=request.user, partnership=partnership)
    context.update(
        {
            "status_form": status_form
            or StatusChangeForm(initial={"status": partnership.status, "version": partnership.version}),
            "checkin_form": checkin_form or CheckInForm(),
            "repair_form": repair_form or RepairEntryForm(),
            "nav_section": "partnerships",
        }
    )
    return render(request, "health/partnership_health.html", context, status=status)


@require_GET
@_signed_in
def partnership_health_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _health_page(request, partnership_get(viewer=request.user, pk=pk))


@require_POST
@_signed_in
def partnership_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = partnership_get(viewer=request.user, pk=pk)
    if not hperms.can_change_status(request.user, partnership):
        raise PermissionDenied(_("Only the partners, the coalition's coordinators and admins change the status."))
    form = StatusChangeForm(request.POST)
    if form.is_valid():
        try:
            partnership_status_change(
                actor=request.user,
                partnership=partnership,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except StaleObjectError as exc:
            form.add_error(None, stale_edit(request, exc).message)
        else:
            messages.success(request, _("Status changed to %(status)s.") % {"status": partnership.get_status_display()})
            return redirect("health:partnership_health", pk=partnership.pk)
    partnership.refresh_from_db()
    return _health_page(request, partnership, status_form=form, status=400)


@require_POST
@_signed_in
def checkin_view(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _insider_partnership(request, pk)
    if hperms.rating_organization_id(request.user, partnership) is None:
        raise PermissionDenied(
            _("Only staff of a partner organisation rate a partnership, for their own organisation.")
        )
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            checkin_submit(
                actor=request.user, partnership=partnership, scores=form.scores(), comment=form.cleaned_data["comment"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, _("Thank you: your organisation's check-in is saved for this quarter."))
            return redirect("health:partnership_health", pk=partnership.pk)
    return _health_page(request, partnership, checkin_form=form, status=400)


# --- the tension and repair log -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@_signed_in
def repair_log_view(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = _insider_partnership(request, pk)
    form = RepairEntryForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                repair_entry_create(actor=request.user, partnership=partnership, **form.service_data())
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("The entry is added to the repair log."))
                return redirect("health:repair_log", pk=partnership.pk)
        status = 400
    context = {
        "partnership": partnership,
        "entries": repair_log(viewer=request.user, partnership=partnership),
        "form": form,
        "nav_section": "partnerships",
    }
    return render(request, "health/repair_log.html", context, status=status)


def _entry(request: HttpRequest, pk: int, entry_pk: int):
    partnership = _insider_partnership(request, pk)
    entry = repair_log(viewer=request.user, partnership=partnership).filter(pk=entry_pk).first()
    if entry is None:
        raise Http404("No entry found.")
    return partnership, entry


@require_http_methods(["GET", "POST"])
@_signed_in
def repair_entry_edit_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    partnership, entry = _entry(request, pk, entry_pk)
    form = RepairEntryForm(request.POST or None, instance=entry, initial={"version": entry.version})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            # The form validated a copy; the service applies the fields to a fresh one.
            _partnership, fresh = _entry(request, pk, entry_pk)
            try:
                repair_entry_update(
                    actor=request.user,
                    entry=fresh,
                    expected_version=form.cleaned_data["version"],
                    **form.service_data(),
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            except StaleObjectError as exc:
                form.add_error(None, stale_edit(request, exc).message)
            else:
                messages.success(request, _("The entry is updated."))
                return redirect("health:repair_log", pk=partnership.pk)
        status = 400
    context = {"partnership": partnership, "entry": entry, "form": form, "nav_section": "partnerships"}
    return render(request, "health/repair_entry_form.html", context, status=status)


@require_POST
@_signed_in
def repair_entry_delete_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    partnership, entry = _entry(request, pk, entry_pk)
    try:
        repair_entry_delete(actor=request.user, entry=entry)
    except StaleObjectError as exc:
        messages.error(request, stale_edit(request, exc).message)
    else:
        messages.success(request, _("The entry is deleted."))
    return redirect("health:repair_log", pk=partnership.pk)


# --- needs attention and equity ---------------------------------------------------------------------


WORK_STATES = ("snoozed", "resolved")


def _attention_page(request, items, *, title: str, coalition=None, organization=None) -> HttpResponse:
    kind = request.GET.get("kind") or ""
    state = request.GET.get("state") or ""
    state = state if state in WORK_STATES else ""
    attach_work(items, viewer=request.user)
    states = {s: len(attention_in_state(items, s)) for s in WORK_STATES}
    items = attention_in_state(items, state or "active")
    counts = dict.fromkeys(AttentionKind.values, 0)
    for item in items:
        counts[item.kind] += 1
    shown = [i for i in items if i.kind == kind] if kind in AttentionKind.values else items
    context = {
        "title": title,
        "coalition": coalition,
        "organization": organization,
        "items": shown,
        "total": len(items),
        "state": state,
        "states": states,
        "today": timezone.localdate(),
        "next_url": request.get_full_path(),
        "kinds": [(k, label, counts[k]) for k, label in AttentionKind.choices],
        "kind": kind if kind in AttentionKind.values else "",
        "nav_section": "coalitions" if coalition else "directory",
        "figures_scope": activity_scope(
            request.user, coalition=coalition, organization=organization, **vars(last_12_months(timezone.localdate()))
        ),
    }
    return render(request, "health/attention.html", context)


@require_GET
@_signed_in
def coalition_attention_view(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = coalition_get(viewer=request.user, slug=slug)
    items = coalition_attention(viewer=request.user, coalition=coalition)
    return _attention_page(request, items, title=coalition.name, coalition=coalition)


@require_GET
@_signed_in
def organization_attention_view(request: HttpRequest, slug: str) -> HttpResponse:
    organization = organization_get(viewer=request.user, slug=slug)
    items = organization_attention(viewer=request.user, organization=organization)
    return _attention_page(request, items, title=organization.name, organization=organization)


@require_GET
@_signed_in
def coalition_equity_view(request: HttpRequest, slug: str) -> HttpResponse:
    coalition = coalition_get(viewer=request.user, slug=slug)
    form = EquityPeriodForm(request.GET or None)
    period = form.cleaned_data if form.is_bound and form.is_valid() else {}
    equity = coalition_equity(
        viewer=request.user, coalition=coalition, since=period.get("since"), until=period.get("until")
    )
    if not form.is_bound:  # the picker shows the period the figures cover
        form = EquityPeriodForm(initial={"since": equity["since"], "until": equity["until"]})
    composition = equity["leadership_composition"]
    context = {
        "coalition": coalition,
        "figures_scope": activity_scope(
            request.user, coalition=coalition, since=equity["since"], until=equity["until"]
        ),
        "form": form,
        "equity": equity,
        "composition_overall": [composition["overall"]] if composition["shown"] else [],
        "nav_section": "coalitions",
    }
    return render(request, "health/equity.html", context, status=400 if form.is_bound and form.errors else 200)


# --- the work on one needs-attention item --------------------------------------------------------------


def _item_page(request, item, *, forms=None, status=200) -> HttpResponse:
    forms = forms or {}
    assignees = attention_assignees(item) if item.can_work else None
    context = {
        "item": item,
        "history": list(item.work.events.all()) if item.work is not None and item.can_work else [],
        "assign_form": forms.get("assign")
        or AttentionAssignForm(assignees=assignees, initial={"assignee": item.assignee}),
        "snooze_form": forms.get("snooze") or AttentionSnoozeForm(),
        "resolve_form": forms.get("resolve") or AttentionResolveForm(),
        "next_url": request.POST.get("next") or request.GET.get("next") or "",
        "nav_section": "coalitions" if item.coalition else "partnerships",
    }
    return render(request, "health/attention_item.html", context, status=status)


def _item(request, key: str):
    item = attention_item_get(viewer=request.user, key=key)
    attach_work([item], viewer=request.user, history=True)
    return item


@require_GET
@_signed_in
def attention_item_view(request: HttpRequest) -> HttpResponse:
    """One item: its state, who is on it, its history, and the forms to work on it."""
    return _item_page(request, _item(request, request.GET.get("key", "")))


@require_POST
@_signed_in
def attention_act_view(request: HttpRequest) -> HttpResponse:
    """Acknowledge, assign (to oneself or another), snooze, resolve or reopen an item."""
    item = _item(request, request.POST.get("key", ""))
    if not item.can_work:
        raise PermissionDenied(_("Only the coalition's coordinators, the organisations concerned and admins do this."))
    action = request.POST.get("action", "")
    forms = {
        "assign": AttentionAssignForm(request.POST, assignees=attention_assignees(item))
        if action == "assign"
        else None,
        "snooze": AttentionSnoozeForm(request.POST) if action == "snooze" else None,
        "resolve": AttentionResolveForm(request.POST) if action == "resolve" else None,
    }
    form = forms.get(action)
    done = {
        "acknowledge": _("Acknowledged."),
        "assign": _("Assigned."),
        "assign_me": _("You are on it."),
        "unassign": _("Nobody is on it now."),
        "snooze": _("Snoozed: it comes back by itself on the day you chose."),
        "resolve": _("Resolved: it comes back only if the situation recurs."),
        "reopen": _("Open again."),
    }
    if action not in done:
        return _item_page(request, item, status=400)
    if form is None or form.is_valid():
        data = form.cleaned_data if form is not None else {}
        try:
            if action == "acknowledge":
                attention_acknowledge(actor=request.user, item=item)
            elif action in ("assign", "assign_me", "unassign"):
                assignee = {"assign": data.get("assignee"), "assign_me": request.user, "unassign": None}[action]
                attention_assign(actor=request.user, item=item, assignee=assignee)
            elif action == "snooze":
                attention_snooze(actor=request.user, item=item, until=data["until"], reason=data["reason"])
            elif action == "resolve":
                attention_resolve(actor=request.user, item=item, note=data["note"])
            else:
                attention_reopen(actor=request.user, item=item)
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return _item_page(request, item, status=400)
            _form_errors(form, exc)
        else:
            messages.success(request, done[action])
            target = request.POST.get("next") or ""
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = f"{reverse('health:attention_item')}?{urlencode({'key': item.key})}"
            return redirect(target)
    return _item_page(request, item, forms={action: form}, status=400)
