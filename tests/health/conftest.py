"""A task force with exactly one case of each needs-attention kind, dated back from today.

Members since 400 days ago: police (law enforcement, lead), ngo, shelter, bank (business),
union (labour); clinic joined 30 days ago. The complementary-sector table holds only two pairs:
law enforcement–NGO (police and ngo work together) and business–labour (bank and union never
do). The task force looks after 90 quiet days and 2 missed meetings.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from health.models import CheckIn, ComplementarySectorPair, RepairLogEntry
from health.services import quarter_start
from partners.choices import MeetingKind
from partners.models import Sector
from tests import factories as f

TODAY = timezone.localdate()


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def previous_quarter(day: datetime.date) -> datetime.date:
    start = quarter_start(day)
    return quarter_start(start - datetime.timedelta(days=1))


def rate(partnership, org, period, scores):
    if isinstance(scores, int):
        scores = (scores,) * 6
    return CheckIn.objects.create(
        partnership=partnership, organization=org, period=period, **dict(zip(CheckIn.ITEMS, scores, strict=True))
    )


@dataclass
class TaskForce:
    coalition: object
    police: object
    ngo: object
    shelter: object
    bank: object
    union: object
    clinic: object
    quiet: object
    renewal: object
    strained: object
    falling: object
    disagree: object
    high_inactive: object
    healthy: object
    ended: object
    dormant: object
    coordinator: object
    ngo_staff: object
    bank_staff: object
    outsider: object
    admin: object
    repair: object


@pytest.fixture
def task_force(db) -> TaskForce:
    ComplementarySectorPair.objects.all().delete()
    sector = {s.slug: s for s in Sector.objects.all()}
    ComplementarySectorPair.objects.create(sector_a=sector["law-enforcement"], sector_b=sector["ngo-victim-services"])
    ComplementarySectorPair.objects.create(
        sector_a=sector["business"], sector_b=sector["labour-unions"], why="Supply chains."
    )

    c = f.coalition("Task Force", quiet_after_days=90, absent_after_meetings=2)
    police = f.organization("Police", sector_slug="law-enforcement")
    ngo = f.organization("NGO", sector_slug="ngo-victim-services")
    shelter = f.organization("Shelter", sector_slug="shelters-housing")
    bank = f.organization("Bank", sector_slug="business")
    union = f.organization("Union", sector_slug="labour-unions")
    clinic = f.organization("Clinic", sector_slug="health-care")
    elsewhere = f.organization("Elsewhere", sector_slug="media")
    for org, role in ((police, "lead"), (ngo, "co_chair"), (shelter, "member"), (bank, "member"), (union, "member")):
        f.membership(org, c, role=role, start=ago(400))
    f.membership(clinic, c, start=ago(30))

    # Coalition meetings: the bank came to the one 80 days ago, not to the last two.
    f.meeting([police, ngo, shelter, bank, union], date=ago(80), coalition=c, hosts=[police])
    f.meeting([police, ngo, shelter, union], date=ago(50), coalition=c, hosts=[police])
    f.meeting([police, ngo, shelter, union], date=ago(20), coalition=c, hosts=[police])
    f.meeting([police, ngo, shelter, union, bank], date=TODAY + datetime.timedelta(days=10), coalition=c)  # planned

    def partnership(title, orgs, **fields):
        fields.setdefault("start_date", ago(400))
        return f.partnership(orgs, title, coalition=c, **fields)

    quiet = partnership("Quiet", [police, shelter])
    f.meeting([police, shelter], date=ago(120), kind=MeetingKind.TRAINING, coalition=c)
    renewal = partnership("Renewal", [police, ngo], renewal_date=TODAY + datetime.timedelta(days=30))
    f.meeting([police, ngo], date=ago(10), kind=MeetingKind.CASE_COORDINATION, coalition=c)
    strained = partnership("Strained", [ngo, shelter], status="strained")
    f.meeting([ngo, shelter], date=ago(5), kind=MeetingKind.REFERRAL, coalition=c)
    falling = partnership("Falling", [ngo, union])
    f.meeting([ngo, union], date=ago(5), kind=MeetingKind.OUTREACH, coalition=c)
    rate(falling, ngo, previous_quarter(TODAY), 4)
    rate(falling, union, previous_quarter(TODAY), 3)
    rate(falling, ngo, quarter_start(TODAY), 3)
    rate(falling, union, quarter_start(TODAY), (3, 3, 3, 2, 2, 2))  # 3.5 → 2.75: fell 0.75
    disagree = partnership("Disagree", [shelter, union])
    f.meeting([shelter, union], date=ago(5), kind=MeetingKind.OUTREACH, coalition=c)
    rate(disagree, shelter, quarter_start(TODAY), 4)
    rate(disagree, union, quarter_start(TODAY), 2)  # a gap of 2 points
    high_inactive = partnership("High but inactive", [ngo, clinic], start_date=ago(60))
    rate(high_inactive, ngo, quarter_start(TODAY), 4)
    rate(high_inactive, clinic, quarter_start(TODAY), (4, 4, 3, 3, 3, 3))
    healthy = partnership("Healthy", [police, ngo], renewal_date=TODAY + datetime.timedelta(days=200))
    rate(healthy, police, previous_quarter(TODAY), 3)
    rate(healthy, ngo, previous_quarter(TODAY), 3)
    rate(healthy, police, quarter_start(TODAY), 3)
    rate(healthy, ngo, quarter_start(TODAY), (3, 3, 3, 3, 3, 2))  # fell 0.08 only
    ended = partnership("Ended", [police, bank], status="ended", renewal_date=ago(100))
    dormant = partnership("Dormant", [shelter, bank], status="dormant")

    repair = RepairLogEntry.objects.create(
        partnership=strained, cause="priorities", action="mediation", notes="Secret mediation notes"
    )
    return TaskForce(
        coalition=c,
        police=police,
        ngo=ngo,
        shelter=shelter,
        bank=bank,
        union=union,
        clinic=clinic,
        quiet=quiet,
        renewal=renewal,
        strained=strained,
        falling=falling,
        disagree=disagree,
        high_inactive=high_inactive,
        healthy=healthy,
        ended=ended,
        dormant=dormant,
        coordinator=f.user("tf-coordinator", coordinates=[c]),
        ngo_staff=f.user("ngo-staff", org=ngo),
        bank_staff=f.user("bank-staff", org=bank),
        outsider=f.user("outsider", org=elsewhere),
        admin=f.user("admin", admin=True),
        repair=repair,
    )
