"""Each model and service rule rejects bad input with a message on the field, and saves nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from partners.models import Coalition, Meeting, Membership, Organization, Participation, Partnership, Sector
from partners.services.coalitions import membership_create, membership_update
from partners.services.meetings import ParticipationInput, meeting_create, meeting_update
from partners.services.organizations import organization_create, organization_update
from partners.services.partnerships import partnership_create
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_membership_ending_before_it_starts_is_rejected(world):
    with pytest.raises(ValidationError) as excinfo:
        membership_create(
            actor=world.coordinator,
            coalition=world.coalition_a,
            organization=world.org_d,
            start_date=D(2024, 5, 1),
            end_date=D(2024, 4, 1),
        )
    assert "end_date" in errors_of(excinfo)
    assert not Membership.objects.filter(organization=world.org_d).exists()


@pytest.mark.parametrize(
    "start, end",
    [(D(2019, 6, 1), D(2020, 6, 1)), (D(2021, 1, 1), None), (D(2019, 1, 1), None)],
)
def test_overlapping_membership_spans_are_rejected(world, start, end):
    # org A has been in coalition A since 2020-01-01 with an open end.
    with pytest.raises(ValidationError) as excinfo:
        membership_create(
            actor=world.admin, coalition=world.coalition_a, organization=world.org_a, start_date=start, end_date=end
        )
    assert "overlaps" in errors_of(excinfo)["start_date"][0]
    assert Membership.objects.filter(organization=world.org_a).count() == 1


def test_back_to_back_membership_spans_are_allowed(world):
    membership_create(
        actor=world.admin,
        coalition=world.coalition_b,
        organization=world.org_d,
        start_date=D(2020, 1, 1),
        end_date=D(2020, 12, 31),
    )
    membership_create(
        actor=world.admin, coalition=world.coalition_b, organization=world.org_d, start_date=D(2021, 1, 1)
    )
    assert Membership.objects.filter(organization=world.org_d).count() == 2


def test_updating_a_membership_into_an_overlap_is_rejected_and_unchanged(world):
    early = f.membership(world.org_d, world.coalition_b, start=D(2018, 1, 1), end=D(2018, 12, 31))
    f.membership(world.org_d, world.coalition_b, start=D(2020, 1, 1))
    with pytest.raises(ValidationError):
        membership_update(actor=world.admin, membership=early, end_date=D(2020, 6, 1))
    early.refresh_from_db()
    assert early.end_date == D(2018, 12, 31)


def test_partnership_needs_two_distinct_organisations(world):
    for orgs in ([world.org_a], [world.org_a, world.org_a]):
        with pytest.raises(ValidationError) as excinfo:
            partnership_create(actor=world.admin, organizations=orgs, title="X", kind="mou")
        assert "organizations" in errors_of(excinfo)
    assert Partnership.objects.count() == 0


@pytest.mark.parametrize(
    "dates, field",
    [
        ({"start_date": D(2024, 1, 1), "end_date": D(2023, 1, 1)}, "end_date"),
        ({"start_date": D(2024, 1, 1), "renewal_date": D(2023, 12, 1)}, "renewal_date"),
    ],
)
def test_partnership_dates_are_in_order(world, dates, field):
    with pytest.raises(ValidationError) as excinfo:
        partnership_create(actor=world.admin, organizations=[world.org_a, world.org_b], title="X", kind="mou", **dates)
    assert field in errors_of(excinfo)
    assert Partnership.objects.count() == 0


def test_unknown_partnership_kind_is_rejected(world):
    with pytest.raises(ValidationError) as excinfo:
        partnership_create(actor=world.admin, organizations=[world.org_a, world.org_b], title="X", kind="marriage")
    assert "kind" in errors_of(excinfo)


def _meeting(world, orgs, **data):
    data.setdefault("date", D(2024, 3, 1))
    data.setdefault("kind", "coalition_meeting")
    data.setdefault("title", "Monthly meeting")
    return meeting_create(actor=world.admin, participations=[ParticipationInput(o) for o in orgs], **data)


def test_joint_meeting_with_one_organisation_is_rejected_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as excinfo:
        _meeting(world, [world.org_a])
    assert "participations" in errors_of(excinfo)
    assert Meeting.objects.count() == 0 and Participation.objects.count() == 0


def test_a_training_run_by_one_organisation_may_be_logged(world):
    meeting = _meeting(world, [world.org_a], kind="training")
    assert meeting.participations.count() == 1


def test_meeting_listing_an_organisation_twice_is_rejected(world):
    with pytest.raises(ValidationError) as excinfo:
        _meeting(world, [world.org_a, world.org_a, world.org_b])
    assert "participations" in errors_of(excinfo)
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize("day", [D(1985, 1, 1), D(2100, 1, 1)])
def test_meeting_date_out_of_range_is_rejected(world, day):
    with pytest.raises(ValidationError) as excinfo:
        _meeting(world, [world.org_a, world.org_b], date=day)
    assert "date" in errors_of(excinfo)
    assert Meeting.objects.count() == 0


def test_meeting_with_unknown_kind_or_visibility_is_rejected(world):
    with pytest.raises(ValidationError) as excinfo:
        _meeting(world, [world.org_a, world.org_b], kind="party", visibility="everyone")
    assert {"kind", "visibility"} <= set(errors_of(excinfo))


def test_meeting_is_written_whole_participations_included(world):
    meeting = _meeting(world, [world.org_a, world.org_b, world.org_c])
    assert set(meeting.participations.values_list("organization__name", flat=True)) == {"Org A", "Org B", "Org C"}
    assert meeting.logged_by == world.admin


def test_failed_meeting_update_leaves_the_old_participations(world):
    meeting = _meeting(world, [world.org_a, world.org_b])
    with pytest.raises(ValidationError):
        meeting_update(actor=world.admin, meeting=meeting, participations=[ParticipationInput(world.org_a)])
    assert meeting.participations.count() == 2


def test_services_refuse_fields_they_do_not_own(world):
    with pytest.raises(ValidationError) as excinfo:
        _meeting(world, [world.org_a, world.org_b], logged_by=world.outsider)
    assert "logged_by" in errors_of(excinfo)


def test_organisation_founded_in_the_future_is_rejected(world):
    with pytest.raises(ValidationError) as excinfo:
        organization_update(actor=world.admin, organization=world.org_a, founded_year=3000)
    assert "founded_year" in errors_of(excinfo)
    world.org_a.refresh_from_db()
    assert world.org_a.founded_year is None


def test_leadership_share_is_a_percentage(world):
    with pytest.raises(ValidationError) as excinfo:
        organization_update(actor=world.admin, organization=world.org_a, leadership_women_pct=140)
    assert "leadership_women_pct" in errors_of(excinfo)


def test_organisation_country_must_be_an_iso_code(world):
    with pytest.raises(ValidationError) as excinfo:
        organization_create(actor=world.admin, name="Nowhere Org", primary_sector=Sector.objects.first(), country="XX")
    assert "country" in errors_of(excinfo)
    assert not Organization.objects.filter(name="Nowhere Org").exists()


def test_new_organisation_gets_a_unique_slug_and_its_primary_sector(world):
    sector = Sector.objects.get(slug="media")
    org = organization_create(actor=world.admin, name="Org A", primary_sector=sector, country="US")
    assert org.slug == "org-a-2"
    assert list(org.sectors.all()) == [sector]


def test_sector_colour_must_be_a_hex_colour():
    sector = Sector(name="Test", slug="test", colour="red")
    with pytest.raises(ValidationError) as excinfo:
        sector.full_clean()
    assert "colour" in errors_of(excinfo)


def test_coalition_quiet_threshold_has_sane_bounds(world):
    coalition = Coalition(name="C", slug="c", kind="network", scope="local", quiet_after_days=0)
    with pytest.raises(ValidationError) as excinfo:
        coalition.full_clean()
    assert "quiet_after_days" in errors_of(excinfo)
