"""Pages that compose several apps: the dashboard (the directory, the activity log, the
analytics' "what changed" figures for coordinators and the health app's needs-attention list)
and, for visitors, the landing page with the public directory."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from analytics.figures import coalition_trends
from health.selectors.attention import attention_for_dashboard
from partners import permissions as perms
from partners.choices import InvitationReply
from partners.selectors.directory import meeting_list, organization_list
from partners.selectors.planning import upcoming_invitations
from partners.views.pages import my_coalitions

TREND_COALITIONS = 3  # a coordinator of more sees the first three here, the rest on their pages
RECENT_ACTIVITIES = 8
UPCOMING_ACTIVITIES = 5
PUBLIC_DIRECTORY_SHOWN = 12


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not perms.is_signed_in(user):
        orgs = organization_list(viewer=user)
        context = {"public_organizations": orgs[:PUBLIC_DIRECTORY_SHOWN], "public_count": orgs.count()}
        return render(request, "partners/landing.html", context)
    recent = (
        meeting_list(viewer=user)
        .filter(date__lte=timezone.localdate())
        .annotate(org_count=Count("participations__organization", distinct=True))
        .filter(org_count__gte=2)[:RECENT_ACTIVITIES]
    )
    upcoming = (
        meeting_list(viewer=user)
        .filter(date__gt=timezone.localdate(), cancelled_at__isnull=True)
        .filter(perms.meetings_involving_q(user))
        .order_by("date", "id")[:UPCOMING_ACTIVITIES]
    )
    coordinated = perms.coordinated_coalition_ids(user)
    trends = [
        coalition_trends(viewer=user, coalition=c)
        for c in my_coalitions(user).filter(pk__in=coordinated)[:TREND_COALITIONS]
    ]
    context = {
        "trends": trends,
        "upcoming_meetings": upcoming,
        "invitations": upcoming_invitations(viewer=user),
        "reply_choices": [c for c in InvitationReply.choices if c[0] != InvitationReply.PENDING],
        "coalitions": my_coalitions(user),
        "recent_meetings": recent,
        "attention": attention_for_dashboard(viewer=user),
        "organization_id": perms.organization_id_of(user),
        "nav_section": "dashboard",
    }
    return render(request, "partners/dashboard.html", context)
