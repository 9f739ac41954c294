"""Planning demo data on top of the demo region (demo.region): upcoming meetings with times,
agendas, invitations and replies, a cancelled one, one held yesterday awaiting its attendance,
and a held one with minutes and open, overdue, done and dropped action items.

Dates count from today, so the demo always has something ahead and something overdue. Written
straight to the tables (no invitation e-mails go out for demo data); idempotent: a second call
adds nothing.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from partners.choices import ActionItemStatus, InvitationReply, MeetingKind, MeetingVisibility, ParticipationRole
from partners.models import (
    ActionItem,
    AgendaItem,
    Coalition,
    Invitation,
    Meeting,
    Membership,
    Organization,
    Participation,
)
from partners.models.coalitions import membership_current_q

COALITION = "harbor-county-task-force"
TIME_ZONE = "America/New_York"
MARKER = "Task force planning session"  # the title that says the planning demo is present

# (days from today, start hour, minutes, title, kind, visibility, place, link, agenda, invitees or None
# for all current members, replies {slug: reply}, cancelled)
UPCOMING = [
    (
        6,
        10,
        120,
        MARKER,
        MeetingKind.COALITION_MEETING,
        MeetingVisibility.COALITION,
        "Port Aurora City Hall, room 2.14",
        "https://meet.example.org/hctf-monthly",
        [
            ("Welcome and round of introductions", None),
            ("Referral protocol: one year on", "beacon"),
            ("Labour trafficking indicators for inspectors", "state-labor"),
            ("Rotating the chair for next quarter", None),
        ],
        None,
        {"papd-htu": "attending", "beacon": "attending", "hc-da": "maybe", "harbor-house": "not_attending"},
        False,
    ),
    (
        13,
        14,
        90,
        "Referral protocol working session",
        MeetingKind.CASE_COORDINATION,
        MeetingVisibility.PARTICIPANTS,
        "",
        "https://meet.example.org/referral-protocol",
        [("Gaps in after-hours referrals", "hc-dss"), ("Shelter capacity reporting", "harbor-house")],
        ["papd-htu", "beacon", "hc-dss", "harbor-house"],
        {"beacon": "attending", "hc-dss": "maybe"},
        False,
    ),
    (
        20,
        9,
        180,
        "Joint training on labour indicators",
        MeetingKind.TRAINING,
        MeetingVisibility.COALITION,
        "Harbor County Library, hall B",
        "",
        [("Indicators in agriculture and hospitality", "state-labor")],
        ["papd-htu", "state-labor", "beacon"],
        {"state-labor": "attending"},
        True,
    ),
]
HELD_DAYS_AGO = 9
AWAITING_DAYS_AGO = 1
DECISIONS = (
    "Adopt the revised interview protocol (advocate present by default).\n"
    "Rotate hosting: Beacon hosts next quarter.\n(Demo record: no case details are ever entered here.)"
)
# (title, owner slug, owner username or None, due in days (negative: past), status)
ACTION_ITEMS = [
    ("Circulate the revised interview protocol to all members", "beacon", "member", -3, ActionItemStatus.OPEN),
    ("Book the room for next quarter's meeting", "papd-htu", "coordinator", 10, ActionItemStatus.OPEN),
    ("Send after-hours referral numbers to the shelters", "hc-dss", None, -12, ActionItemStatus.OPEN),
    ("Share the training evaluation summary", "papd-htu", None, -5, ActionItemStatus.DONE),
    ("Draft a joint press statement", "beacon", None, 5, ActionItemStatus.DROPPED),
]


def planning_demo_present() -> bool:
    return Meeting.objects.filter(title=MARKER, starts_at__isnull=False).exists()


def _at(day: datetime.date, hour: int, zone) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)), zone)


def build_planning_demo(*, today: datetime.date | None = None) -> bool:
    """Add the planning demo to a database holding the demo region; returns whether it added anything."""
    coalition = Coalition.objects.filter(slug=COALITION).first()
    if coalition is None or planning_demo_present():
        return False
    today = today or timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["coordinator", "member"])}
    organizer = users.get("coordinator")
    members = list(
        Organization.objects.filter(
            pk__in=Membership.objects.filter(membership_current_q(), coalition=coalition).values("organization_id")
        ).order_by("name")
    )
    orgs = {o.slug: o for o in Organization.objects.all().only("pk", "slug", "name")}
    now = timezone.now()
    with transaction.atomic():
        coalition.time_zone = TIME_ZONE
        coalition.save(update_fields=["time_zone"])
        zone = coalition.tzinfo
        for days, hour, minutes, title, kind, visibility, place, link, agenda, invitees, replies, cancelled in UPCOMING:
            starts = _at(today + datetime.timedelta(days=days), hour, zone)
            meeting = Meeting.objects.create(
                title=title,
                kind=kind,
                visibility=visibility,
                coalition=coalition,
                date=starts.astimezone(zone).date(),
                starts_at=starts,
                ends_at=starts + datetime.timedelta(minutes=minutes),
                duration_minutes=minutes,
                place=place,
                online_link=link,
                logged_by=organizer,
                cancelled_at=now if cancelled else None,
                sequence=1 if cancelled else 0,
            )
            AgendaItem.objects.bulk_create(
                [
                    AgendaItem(meeting=meeting, position=n, title=text, presenter=orgs.get(slug) if slug else None)
                    for n, (text, slug) in enumerate(agenda, start=1)
                ]
            )
            invited = members if invitees is None else [orgs[s] for s in invitees if s in orgs]
            Invitation.objects.bulk_create(
                [
                    Invitation(
                        meeting=meeting,
                        organization=org,
                        reply=replies.get(org.slug, InvitationReply.PENDING),
                        replied_at=now - datetime.timedelta(hours=3) if org.slug in replies else None,
                        replied_by=users.get("member") if org.slug == "beacon" and org.slug in replies else None,
                    )
                    for org in invited
                ]
            )
        # Held yesterday, attendance still to record (the organiser sees a "Record attendance" button).
        starts = _at(today - datetime.timedelta(days=AWAITING_DAYS_AGO), 15, zone)
        awaiting = Meeting.objects.create(
            title="Outreach debrief with faith partners",
            kind=MeetingKind.OUTREACH,
            visibility=MeetingVisibility.COALITION,
            coalition=coalition,
            date=starts.astimezone(zone).date(),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            duration_minutes=60,
            place="Interfaith Council office",
            logged_by=organizer,
        )
        Invitation.objects.bulk_create(
            [
                Invitation(meeting=awaiting, organization=orgs[s], reply=r)
                for s, r in (("papd-htu", "attending"), ("interfaith-council", "attending"), ("beacon", "maybe"))
                if s in orgs
            ]
        )
        # Held nine days ago: attendance recorded, minutes and action items.
        starts = _at(today - datetime.timedelta(days=HELD_DAYS_AGO), 10, zone)
        held = Meeting.objects.create(
            title="Task force quarterly review",
            kind=MeetingKind.COALITION_MEETING,
            visibility=MeetingVisibility.COALITION,
            coalition=coalition,
            date=starts.astimezone(zone).date(),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            duration_minutes=120,
            place="Port Aurora City Hall, room 2.14",
            logged_by=organizer,
            decisions=DECISIONS,
            attendance_recorded_at=starts + datetime.timedelta(hours=3),
        )
        came = [s for s in ("papd-htu", "beacon", "hc-dss", "harbor-house", "hc-da") if s in orgs]
        Invitation.objects.bulk_create(
            [Invitation(meeting=held, organization=orgs[s], reply=InvitationReply.ATTENDING) for s in came]
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=held, position=1, title="Quarter in figures", presenter=orgs.get("papd-htu")),
                AgendaItem(meeting=held, position=2, title="Interview protocol revision", presenter=orgs.get("beacon")),
            ]
        )
        Participation.objects.bulk_create(
            [
                Participation(
                    meeting=held,
                    organization=orgs[s],
                    role=ParticipationRole.HOST if s == "papd-htu" else ParticipationRole.PARTICIPANT,
                )
                for s in came
            ]
        )
        ActionItem.objects.bulk_create(
            [
                ActionItem(
                    meeting=held,
                    coalition=coalition,
                    title=title,
                    owner_organization=orgs[slug],
                    owner_user=users.get(username) if username else None,
                    due_on=today + datetime.timedelta(days=due),
                    status=status,
                    closed_at=None if status == ActionItemStatus.OPEN else now - datetime.timedelta(days=1),
                    created_by=organizer,
                )
                for title, slug, username, due, status in ACTION_ITEMS
                if slug in orgs
            ]
        )
    return True
