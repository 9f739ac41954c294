"""`generate_dataset` builds the asked sizes with the intended shape, and rollups that match."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from partners.models import Coalition, Meeting, Membership, Organization, Participation
from tests.analytics.test_rollups_match_rebuild import assert_matches_rebuild

pytestmark = pytest.mark.django_db


def test_generates_the_asked_sizes_with_two_to_eight_organisations_per_activity():
    out = io.StringIO()
    call_command("generate_dataset", orgs=40, meetings=300, seed=7, stdout=out)
    assert Organization.objects.count() == 40
    assert Meeting.objects.count() == 300
    assert Coalition.objects.count() == 10 and Membership.objects.exists()
    sizes = Meeting.objects.annotate(n=Count("participations")).values_list("n", flat=True)
    assert min(sizes) >= 2 and max(sizes) <= 8
    assert Meeting.objects.filter(visibility="participants").exists()
    # Heavy-tailed: the busiest organisation takes part far more often than the median one.
    counts = sorted(Organization.objects.annotate(n=Count("participations")).values_list("n", flat=True))
    assert counts[-1] >= 3 * max(1, counts[len(counts) // 2])
    assert Participation.objects.count() == sum(sizes)
    assert "activities" in out.getvalue() and "rollups rebuilt" in out.getvalue()
    assert_matches_rebuild()


def test_refuses_a_database_that_already_holds_organisations(world):
    with pytest.raises(CommandError, match="fresh database"):
        call_command("generate_dataset", orgs=20, meetings=10, stdout=io.StringIO())
