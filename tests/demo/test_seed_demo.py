"""The demo region: large and varied enough to be believable, and a second run adds nothing."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from demo.region import demo_counts
from partners.choices import ParticipationRole, PartnershipKind, PartnershipStatus
from partners.models import Coalition, Meeting, Organization, Participation, Partnership, Sector

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_region_with_every_sector_and_three_coalitions(seeded):
    assert Organization.objects.count() >= 60
    sectors_used = set(Organization.objects.values_list("primary_sector__slug", flat=True))
    assert sectors_used == set(Sector.objects.values_list("slug", flat=True))
    assert sorted(Coalition.objects.values_list("scope", flat=True)) == ["local", "national", "transnational"]
    assert {p.kind for p in Partnership.objects.all()} == set(PartnershipKind.values)
    assert {p.status for p in Partnership.objects.all()} == set(PartnershipStatus.values)


def test_seed_demo_members_overlap_between_coalitions(seeded):
    in_several = Organization.objects.annotate(n=Count("memberships__coalition", distinct=True)).filter(n__gt=1)
    assert in_several.count() >= 5


def test_big_agencies_host_most_demo_meetings(seeded):
    hosts = Participation.objects.filter(role=ParticipationRole.HOST)
    large = hosts.filter(organization__budget_band__in=["1m-10m", "over-10m"]).count()
    assert large > hosts.count() / 2


def test_demo_has_a_weekly_pair_and_participants_only_activities(seeded):
    weekly = Meeting.objects.filter(title="Weekly case coordination").count()
    assert weekly == 104
    assert Meeting.objects.filter(visibility="participants").exists()


def test_seed_demo_twice_adds_nothing(seeded, capsys):
    before = demo_counts()
    call_command("seed_demo")
    assert demo_counts() == before
    assert "nothing added" in capsys.readouterr().out
