"""Partnership-health demo data on top of the demo region (demo.region): status histories,
repair-log entries and quarterly check-ins.

Deterministic for a given day (dates count back from today, like the region) and idempotent:
it runs once, in one transaction, and a second call adds nothing. Together with the region it
shows every needs-attention case: a strained partnership, renewals due, quiet partnerships,
absent members and suggested introductions (from the region), plus falling check-ins, partners
who disagree sharply, a partnership rated highly but inactive and one busy but rated low (here).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from health.choices import RepairAction, RepairOutcome, TensionCause
from health.models import CheckIn, RepairLogEntry
from health.services import quarter_start
from partners.models import Organization, Partnership, StatusChange

# Status histories: title → [(months ago, from, to, reason, username or None)], oldest first.
HISTORIES = {
    "Hotel staff identification training": [
        (14, "", "forming", "Hotels and the union asked the police unit for joint staff training.", "coordinator"),
        (12, "forming", "active", "Curriculum agreed; first sessions scheduled.", "coordinator"),
        (3, "active", "strained", "Disagreement over who reports suspected cases, and when.", "coordinator"),
    ],
    "Binational prosecution cooperation": [
        (26, "", "forming", "Exploratory talks between the two prosecution offices.", None),
        (22, "forming", "active", "Memorandum signed.", None),
        (5, "active", "strained", "Evidence-sharing requests left unanswered for months.", None),
    ],
    "National data collaborative": [
        (40, "", "active", "Shared indicators agreed.", None),
        (10, "active", "dormant", "Funding for the data analyst ended.", None),
    ],
    "Media reporting guidelines": [
        (30, "", "active", "Guidelines drafted with survivor leaders.", None),
        (12, "active", "ended", "Guidelines published; the work is done.", None),
    ],
    "PAPD–Beacon victim-services MOU": [
        (50, "", "forming", "Police unit and victim-service provider start an Enhanced Collaborative Model MOU.", None),
        (48, "forming", "active", "MOU signed.", "coordinator"),
        (9, "active", "strained", "Interviews scheduled without an advocate present.", "member"),
        (7, "strained", "active", "Revised interview protocol agreed.", "coordinator"),
    ],
    "Housing first pilot": [
        (1, "", "forming", "Pilot proposed by social services.", None),
    ],
}

# Repair log: (title, months ago raised, cause, action, outcome, months ago resolved or None, notes)
REPAIRS = [
    (
        "PAPD–Beacon victim-services MOU",
        9,
        TensionCause.PRIORITIES,
        RepairAction.REVISED_PROTOCOL,
        RepairOutcome.RESOLVED,
        7,
        "Interviews were being scheduled at short notice without an advocate. The revised protocol "
        "gives 48 hours' notice and an advocate at every interview.",
    ),
    (
        "Hotel staff identification training",
        3,
        TensionCause.INFORMATION_SHARING,
        RepairAction.LEADERSHIP_MEETING,
        RepairOutcome.ONGOING,
        None,
        "Hotels want reports to go through their security managers; the union wants staff to be able to "
        "report directly. Leadership meeting held; a draft reporting flow is being reviewed.",
    ),
    (
        "Binational prosecution cooperation",
        5,
        TensionCause.COMMUNICATION,
        RepairAction.MEDIATION,
        RepairOutcome.PARTLY_RESOLVED,
        None,
        "Mediated call between the two offices; a named liaison on each side now tracks requests.",
    ),
    (
        "Task force referral protocol",
        2,
        TensionCause.CREDIT,
        RepairAction.FACILITATED_DIALOGUE,
        RepairOutcome.ONGOING,
        None,
        "Partners felt the annual report credited only the police unit for referrals.",
    ),
]

# Check-ins: title → {quarters ago: {org slug: (reliability, openness, shared mission, resources,
# involvement, influence)}}. 0 is the current quarter.
CHECKINS = {
    # Falling: about 3.3 two quarters running, then about 2.4 now.
    "Task force referral protocol": {
        2: {"papd-htu": (4, 3, 3, 4, 3, 4), "beacon": (3, 3, 3, 3, 4, 3), "hc-dss": (3, 3, 4, 3, 3, 3)},
        1: {"papd-htu": (4, 3, 4, 4, 3, 3), "beacon": (3, 3, 3, 3, 3, 3), "harbor-house": (3, 4, 3, 3, 3, 3)},
        0: {"papd-htu": (3, 2, 3, 3, 2, 3), "beacon": (2, 2, 3, 2, 2, 2), "harbor-house": (2, 2, 2, 2, 3, 2)},
    },
    # Sharp disagreement: the police unit rates it highly, the victim-service provider does not.
    "PAPD–Beacon victim-services MOU": {
        1: {"papd-htu": (4, 4, 4, 3, 4, 4), "beacon": (3, 3, 3, 3, 3, 2)},
        0: {"papd-htu": (4, 4, 4, 4, 4, 3), "beacon": (2, 2, 3, 2, 3, 1)},
    },
    # Rated highly, yet no joint activity in a year.
    "Youth shelter placement protocol": {
        1: {"safe-harbor-youth": (4, 3, 4, 3, 3, 3), "youth-lifeline": (3, 4, 4, 3, 3, 3)},
        0: {"safe-harbor-youth": (4, 4, 4, 3, 3, 4), "youth-lifeline": (4, 3, 4, 3, 4, 3)},
    },
    # Busy but rated low: many joint reviews, little felt value.
    "Forensic nursing referral pathway": {
        0: {"pa-general-forensic": (2, 2, 2, 2, 2, 1), "beacon": (2, 2, 2, 1, 2, 2), "new-dawn": (2, 2, 3, 2, 2, 2)},
    },
    # Steady and healthy, for contrast.
    "Legal aid and social services agreement": {
        1: {"harbor-legal-aid": (3, 3, 4, 3, 3, 3), "hc-dss": (3, 3, 3, 3, 3, 3)},
        0: {"harbor-legal-aid": (3, 3, 4, 3, 3, 3), "hc-dss": (3, 4, 3, 3, 3, 3)},
    },
}

COMMENTS = {
    ("PAPD–Beacon victim-services MOU", "beacon", 0): "Advocates are still not told about interviews in time.",
    ("Task force referral protocol", "harbor-house", 0): "Referrals arrive without the agreed notice.",
}


def _months_ago(today: datetime.date, months: int) -> datetime.datetime:
    day = today - datetime.timedelta(days=round(months * 30.44))
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))


def _quarters_ago(today: datetime.date, n: int) -> datetime.date:
    start = quarter_start(today)
    month = start.month - 3 * n
    year = start.year
    while month < 1:
        month += 12
        year -= 1
    return datetime.date(year, month, 1)


def health_demo_present() -> bool:
    return CheckIn.objects.filter(partnership__title__in=CHECKINS).exists()


def build_health_demo(*, today: datetime.date | None = None) -> bool:
    """Add the health demo to a database holding the demo region; returns whether it added anything."""
    titles = set(HISTORIES) | set(CHECKINS) | {r[0] for r in REPAIRS}
    partnerships = {p.title: p for p in Partnership.objects.filter(title__in=titles)}
    if len(partnerships) < len(titles) or health_demo_present():
        return False
    today = today or timezone.localdate()
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["coordinator", "member", "admin"])}
    orgs = {
        o.slug: o
        for o in Organization.objects.filter(slug__in={s for q in CHECKINS.values() for r in q.values() for s in r})
    }
    with transaction.atomic():
        # The region's build left one "created" row per partnership, dated today: replace those
        # of the partnerships given a history here.
        StatusChange.objects.filter(partnership__title__in=HISTORIES).delete()
        StatusChange.objects.bulk_create(
            [
                StatusChange(
                    partnership=partnerships[title],
                    from_status=before,
                    to_status=after,
                    changed_at=_months_ago(today, months),
                    changed_by=users.get(username) if username else None,
                    reason=reason,
                )
                for title, steps in HISTORIES.items()
                for months, before, after, reason, username in steps
            ]
        )
        RepairLogEntry.objects.bulk_create(
            [
                RepairLogEntry(
                    partnership=partnerships[title],
                    raised_on=_months_ago(today, raised).date(),
                    cause=cause,
                    action=action,
                    outcome=outcome,
                    resolved_on=_months_ago(today, resolved).date() if resolved is not None else None,
                    notes=notes,
                    logged_by=users.get("coordinator"),
                )
                for title, raised, cause, action, outcome, resolved, notes in REPAIRS
            ]
        )
        rows = []
        for title, quarters in CHECKINS.items():
            for ago, ratings in quarters.items():
                period = _quarters_ago(today, ago)
                for slug, scores in ratings.items():
                    submitter = {"beacon": users.get("member"), "papd-htu": users.get("coordinator")}.get(slug)
                    rows.append(
                        CheckIn(
                            partnership=partnerships[title],
                            organization=orgs[slug],
                            period=period,
                            **dict(zip(CheckIn.ITEMS, scores, strict=True)),
                            comment=COMMENTS.get((title, slug, ago), ""),
                            submitted_by=submitter,
                            submitted_at=timezone.make_aware(
                                datetime.datetime.combine(
                                    min(period + datetime.timedelta(days=20), today), datetime.time(9)
                                )
                            ),
                        )
                    )
        CheckIn.objects.bulk_create(rows)
    return True
