"""Small builders for test data. They write rows directly; services are tested through their own calls."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth import get_user_model

from partners.choices import MeetingKind, MeetingVisibility, ParticipationRole
from partners.models import (
    Coalition,
    CoalitionCoordinator,
    Contact,
    Meeting,
    Membership,
    Organization,
    Participation,
    Partnership,
    Profile,
    Sector,
)
from partners.vocabularies import SECTORS

_n = itertools.count(1)


def sector(slug: str = "ngo-victim-services") -> Sector:
    """A seeded sector. Recreated from the vocabulary when a transactional test flushed the
    rows the data migration wrote."""
    found = Sector.objects.filter(slug=slug).first()
    if found is None:
        _slug, name, description, colour = next(s for s in SECTORS if s[0] == slug)
        found = Sector.objects.create(slug=slug, name=name, description=description, colour=colour)
    return found


def organization(name: str | None = None, *, sector_slug: str = "ngo-victim-services", **fields) -> Organization:
    name = name or f"Organisation {next(_n)}"
    fields.setdefault("country", "US")
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    org = Organization.objects.create(name=name, primary_sector=sector(sector_slug), **fields)
    org.sectors.add(org.primary_sector)
    return org


def contact(org: Organization, name: str = "Alex Example", **fields) -> Contact:
    return Contact.objects.create(organization=org, name=name, **fields)


def coalition(name: str | None = None, **fields) -> Coalition:
    name = name or f"Coalition {next(_n)}"
    fields.setdefault("kind", "task_force")
    fields.setdefault("scope", "local")
    fields.setdefault("slug", name.lower().replace(" ", "-"))
    return Coalition.objects.create(name=name, **fields)


def membership(org, coal, role="member", start=datetime.date(2020, 1, 1), end=None) -> Membership:
    return Membership.objects.create(organization=org, coalition=coal, role=role, start_date=start, end_date=end)


def partnership(orgs, title=None, **fields) -> Partnership:
    fields.setdefault("kind", "mou")
    p = Partnership.objects.create(title=title or f"Partnership {next(_n)}", **fields)
    p.organizations.set(orgs)
    return p


def meeting(orgs, *, date=datetime.date(2024, 3, 1), kind=MeetingKind.COALITION_MEETING, hosts=(), **fields) -> Meeting:
    fields.setdefault("title", f"Meeting {next(_n)}")
    fields.setdefault("visibility", MeetingVisibility.COALITION)
    m = Meeting.objects.create(date=date, kind=kind, **fields)
    Participation.objects.bulk_create(
        [
            Participation(
                meeting=m,
                organization=o,
                role=ParticipationRole.HOST if o in hosts else ParticipationRole.PARTICIPANT,
            )
            for o in orgs
        ]
    )
    return m


def user(
    username: str, *, org: Organization | None = None, coordinates=(), admin: bool = False, password="pw-for-tests-1"
):
    u = get_user_model().objects.create_user(username=username, password=password, email=f"{username}@example.org")
    if admin:
        u.is_superuser = u.is_staff = True
        u.save()
    Profile.objects.create(user=u, organization=org)
    for c in coordinates:
        CoalitionCoordinator.objects.create(user=u, coalition=c)
    return u
