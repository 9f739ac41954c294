"""Pages of the reports app: the coalition report (page and PDF), the HSDS download and calendar feeds.

Views are thin: they parse the request, fetch through the selectors (visibility first) and
hand the result to a template or a file writer.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partners import permissions as perms
from partners.choices import MeetingVisibility, ParticipationRole
from partners.exports.response import export_record
from partners.selectors import directory
from reports import ical, pdf_jobs, tasks
from reports.forms import ReportPeriodForm
from reports.hsds import export as hsds
from reports.models import CalendarFeed, ReportJob, ReportJobStatus
from reports.rendering import report_context, report_filename, report_pdf
from reports.selectors import coalition_report as build_report
from reports.services import calendar_feed_issue, calendar_feed_revoke


def _coalition_url(coalition) -> str | None:
    try:
        return reverse("partners:coalition_detail", kwargs={"slug": coalition.slug})
    except NoReverseMatch:  # the coalition page is optional for the report
        return None


def _viewer_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _period_form(request: HttpRequest) -> ReportPeriodForm:
    data = {k: request.GET.get(k, "").strip() for k in ("since", "until")}
    return ReportPeriodForm(data)


@login_required
@require_GET
def coalition_report(request: HttpRequest, slug: str) -> HttpResponse:
    """The report as a page; a bad period gives the form back with the message beside the field."""
    coalition = directory.coalition_get(viewer=request.user, slug=slug)
    form = _period_form(request)
    context = {"coalition": coalition, "form": form, "coalition_url": _coalition_url(coalition), "report": None}
    if not form.is_valid():
        return render(request, "reports/coalition_report.html", context, status=400)
    report = build_report(viewer=request.user, coalition=coalition, period=form.period)
    period = {"since": form.period.since.isoformat(), "until": form.period.until.isoformat()}
    context.update(report_context(report, viewer_name=_viewer_name(request.user)))
    context.update(
        {
            "form": ReportPeriodForm(initial={"since": form.period.since, "until": form.period.until}),
            "query": urlencode(period),
            "network_query": urlencode({"coalition": coalition.slug, **period}),
            "period": period,
            "pdf_job": pdf_jobs.report_job_latest(actor=request.user, coalition=coalition, period=form.period),
        }
    )
    return render(request, "reports/coalition_report.html", context)


@login_required
@require_GET
def coalition_report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    """The same report as a PDF download."""
    coalition = directory.coalition_get(viewer=request.user, slug=slug)
    form = _period_form(request)
    if not form.is_valid():
        context = {"coalition": coalition, "form": form, "coalition_url": _coalition_url(coalition), "report": None}
        return render(request, "reports/coalition_report.html", context, status=400)
    report = build_report(viewer=request.user, coalition=coalition, period=form.period)
    response = HttpResponse(report_pdf(report, viewer_name=_viewer_name(request.user)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report_filename(report)}"'
    response["Cache-Control"] = "private, no-store"
    return export_record(request, response)


# --- the PDF prepared in the background ----------------------------------------------------------


def _pdf_job_state(job: ReportJob) -> dict:
    slug, pk = job.coalition.slug, job.pk
    state = {
        "id": str(pk),
        "status": job.status,
        "status_label": job.get_status_display(),
        "phase": (job.progress or {}).get("phase", ""),
        "error": job.error,
        "status_url": reverse("reports:coalition_report_pdf_job", kwargs={"slug": slug, "job": pk}),
        "download_url": None,
    }
    if job.status == ReportJobStatus.DONE:
        state["download_url"] = reverse("reports:coalition_report_pdf_download", kwargs={"slug": slug, "job": pk})
    return state


def _own_pdf_job(request: HttpRequest, slug: str, job) -> ReportJob:
    """One of the viewer's own PDF jobs for a coalition they may see; anyone else's answers 404."""
    coalition = directory.coalition_get(viewer=request.user, slug=slug)
    found = get_object_or_404(ReportJob.objects.defer("pdf"), pk=job, coalition=coalition, requested_by=request.user)
    found.coalition = coalition
    return pdf_jobs.report_job_expire_if_stale(found)


@login_required
@require_POST
def coalition_report_pdf_prepare(request: HttpRequest, slug: str) -> HttpResponse:
    """Ask for the report's PDF: a job prepares it in the background (the one under way is reused)."""
    coalition = directory.coalition_get(viewer=request.user, slug=slug)
    form = ReportPeriodForm({k: request.POST.get(k, "").strip() for k in ("since", "until")})
    if not form.is_valid():
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        context = {"coalition": coalition, "form": form, "coalition_url": _coalition_url(coalition), "report": None}
        return render(request, "reports/coalition_report.html", context, status=400)
    job, created = pdf_jobs.report_job_request(actor=request.user, coalition=coalition, period=form.period)
    if created:
        tasks.report_pdf_prepare.delay(str(job.pk))
        job.refresh_from_db(fields=["status", "progress", "error"])
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(_pdf_job_state(job), status=202 if created else 200)
    period = {"since": form.period.since.isoformat(), "until": form.period.until.isoformat()}
    return redirect(reverse("reports:coalition_report", kwargs={"slug": slug}) + "?" + urlencode(period))


@login_required
@require_GET
def coalition_report_pdf_job(request: HttpRequest, slug: str, job) -> JsonResponse:
    """Where a PDF job stands, for the report page's script to poll."""
    response = JsonResponse(_pdf_job_state(_own_pdf_job(request, slug, job)))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def coalition_report_pdf_download(request: HttpRequest, slug: str, job) -> HttpResponse:
    """The prepared PDF, for the person who asked for it, while they may still see the coalition."""
    found = _own_pdf_job(request, slug, job)
    if found.status != ReportJobStatus.DONE:
        raise Http404("The PDF is not ready.")
    pdf = ReportJob.objects.values_list("pdf", flat=True).get(pk=found.pk)
    response = HttpResponse(bytes(pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{found.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- HSDS export ------------------------------------------------------------------------------


def _admin_only(request: HttpRequest) -> None:
    if not perms.can_export_directory(request.user):
        raise PermissionDenied(_("Only admins can download the directory export."))


@login_required
@require_GET
def hsds_export(request: HttpRequest) -> HttpResponse:
    """What the HSDS export holds, and the two downloads."""
    _admin_only(request)
    export = hsds.build_export()
    context = {
        "counts": export.counts(),
        "organisations_total": directory.organization_list(viewer=request.user).count(),
        "nav_section": "exports",
    }
    return render(request, "reports/hsds_export.html", context)


@login_required
@require_GET
def hsds_json(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    response = HttpResponse(hsds.json_bytes(hsds.build_export()), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="directory-hsds-{timezone.localdate():%Y-%m-%d}.json"'
    return export_record(request, response)


@login_required
@require_GET
def hsds_csv_zip(request: HttpRequest) -> HttpResponse:
    _admin_only(request)
    response = HttpResponse(hsds.csv_package_zip(hsds.build_export()), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="directory-hsds-csv-{timezone.localdate():%Y-%m-%d}.zip"'
    return export_record(request, response)


# --- calendar feeds ---------------------------------------------------------------------------

FEED_PAST_DAYS = 30
FEED_MAX_EVENTS = 1000


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feeds(request: HttpRequest) -> HttpResponse:
    """The user's calendar addresses, one per coalition: create, regenerate, revoke."""
    new_address = None
    new_for = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "issue":
            coalition = directory.coalition_get(viewer=request.user, slug=request.POST.get("coalition", ""))
            _feed, key = calendar_feed_issue(actor=request.user, coalition=coalition)
            new_address = request.build_absolute_uri(reverse("reports:calendar_feed", kwargs={"token": key}))
            new_for = coalition
        elif action == "revoke":
            try:
                feed_id = int(request.POST.get("feed", ""))
            except ValueError:
                raise Http404("No calendar feed found.") from None
            calendar_feed_revoke(actor=request.user, feed_id=feed_id)
            messages.success(request, _("The calendar address was revoked; it no longer works."))
            return redirect("reports:calendar_feeds")
        else:
            return HttpResponseBadRequest(_("Unknown action."))
    feeds = {f.coalition_id: f for f in CalendarFeed.objects.filter(user=request.user)}
    rows = [{"coalition": c, "feed": feeds.get(c.pk)} for c in directory.coalition_list(viewer=request.user)]
    context = {"rows": rows, "new_address": new_address, "new_for": new_for, "nav_section": "account"}
    return render(request, "reports/calendar_feeds.html", context)


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed behind a secret address: the coalition's meetings its owner may see.

    Unknown, revoked or regenerated keys, inactive owners and coalitions the owner may no
    longer see all answer the same 404.
    """
    feed = (
        CalendarFeed.objects.select_related("user", "coalition").filter(key_hash=CalendarFeed.hash_key(token)).first()
    )
    if feed is None or not perms.is_signed_in(feed.user):
        raise Http404("No calendar found.")
    coalition = directory.coalition_get(viewer=feed.user, slug=feed.coalition.slug)
    today = timezone.localdate()
    meetings = directory.meeting_list(viewer=feed.user).filter(
        coalition=coalition, date__gte=today - datetime.timedelta(days=FEED_PAST_DAYS)
    )
    events = [_event(request, m) for m in meetings.order_by("date", "id")[:FEED_MAX_EVENTS]]
    body = ical.calendar(
        name=f"{coalition.name} – meetings",
        description=_("Meetings and joint activities of %(name)s (Coalition Tracker).") % {"name": coalition.name},
        events=events,
    )
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > datetime.timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)  # at most hourly: no write per poll
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{coalition.slug}.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _event(request: HttpRequest, meeting) -> ical.Event:
    hosts = [p.organization.name for p in meeting.participations.all() if p.role == ParticipationRole.HOST]
    guests = [p.organization.name for p in meeting.participations.all() if p.role != ParticipationRole.HOST]
    lines = [str(meeting.get_kind_display())]
    if hosts:
        lines.append(_("Hosted by: %(names)s") % {"names": ", ".join(hosts)})
    if guests:
        lines.append(_("With: %(names)s") % {"names": ", ".join(guests)})
    if meeting.duration_minutes:
        lines.append(_("Planned length: %(minutes)d minutes") % {"minutes": meeting.duration_minutes})
    if meeting.online_link:
        lines.append(_("Online: %(link)s") % {"link": meeting.online_link})
    if meeting.cancelled_at:
        lines.insert(0, _("Cancelled."))
    confidential = meeting.visibility == MeetingVisibility.PARTICIPANTS
    if confidential:
        lines.append(_("Participants only: do not share."))
    try:
        url = request.build_absolute_uri(meeting.get_absolute_url())
    except NoReverseMatch:
        url = ""
    return ical.Event(
        uid=meeting.ical_uid,  # the same UID as the invitations e-mailed for the meeting
        start=meeting.date,
        summary=meeting.title,
        stamp=meeting.updated_at,
        last_modified=meeting.updated_at,
        sequence=meeting.version - 1,
        description="\n".join(lines),
        url=url,
        categories=(str(meeting.get_kind_display()),),
        confidential=confidential,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.place,
        cancelled=meeting.cancelled_at is not None,
    )
