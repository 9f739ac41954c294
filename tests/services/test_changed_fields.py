"""Each model's editable fields are declared once, and an update writes only the fields that changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from health.forms import RepairEntryForm
from health.services import REPAIR_EDITABLE_FIELDS
from partners.api.serializers.activities import MeetingSerializer, PartnershipSerializer
from partners.api.serializers.coalitions import CoalitionSerializer, MembershipSerializer
from partners.api.serializers.directory import ContactSerializer, OrganizationSerializer
from partners.forms import OrganizationForm
from partners.models import Membership
from partners.services.coalitions import (
    COALITION_EDITABLE_FIELDS,
    MEMBERSHIP_EDITABLE_FIELDS,
    coalition_update,
    membership_update,
)
from partners.services.meetings import MEETING_EDITABLE_FIELDS, meeting_update
from partners.services.organizations import (
    CONTACT_EDITABLE_FIELDS,
    ORGANIZATION_EDITABLE_FIELDS,
    organization_update,
)
from partners.services.partnerships import PARTNERSHIP_EDITABLE_FIELDS, partnership_update
from tests import factories as f

pytestmark = pytest.mark.django_db


def _written_columns(queries, table: str) -> set[str]:
    """The columns set by the UPDATE statements on `table` (other than the version claim)."""
    columns = set()
    for query in queries:
        sql = query["sql"]
        if sql.startswith(f'UPDATE "{table}" SET') and "WHERE" in sql:
            assignments = sql.split(" SET ", 1)[1].split(" WHERE ", 1)[0]
            columns |= {part.split("=")[0].strip().strip('"') for part in assignments.split(", ")}
    return columns


def test_form_serializer_and_service_share_one_list_of_editable_fields():
    assert OrganizationForm._meta.fields == list(ORGANIZATION_EDITABLE_FIELDS)
    assert RepairEntryForm._meta.fields == list(REPAIR_EDITABLE_FIELDS)
    writable = {
        OrganizationSerializer: ORGANIZATION_EDITABLE_FIELDS,
        ContactSerializer: CONTACT_EDITABLE_FIELDS,
        CoalitionSerializer: COALITION_EDITABLE_FIELDS,
        MembershipSerializer: MEMBERSHIP_EDITABLE_FIELDS,
        PartnershipSerializer: PARTNERSHIP_EDITABLE_FIELDS,
        MeetingSerializer: MEETING_EDITABLE_FIELDS,
    }
    for serializer, editable in writable.items():
        assert set(editable) <= set(serializer.Meta.fields), serializer


def test_an_organisation_update_writes_only_the_changed_field_with_version_and_stamp(world):
    with CaptureQueriesContext(connection) as queries:
        organization_update(actor=world.admin, organization=world.org_a, city="Port Aurora", name="Org A")
    written = _written_columns(queries.captured_queries, "partners_organization")
    assert written == {"city", "version", "updated_at"}
    world.org_a.refresh_from_db()
    assert (world.org_a.city, world.org_a.version) == ("Port Aurora", 2)


def test_coalition_membership_partnership_and_meeting_updates_write_only_what_changed(world):
    with CaptureQueriesContext(connection) as queries:
        coalition_update(actor=world.admin, coalition=world.coalition_a, quiet_after_days=30)
    assert _written_columns(queries.captured_queries, "partners_coalition") == {
        "quiet_after_days",
        "version",
        "updated_at",
    }
    membership = Membership.objects.get(organization=world.org_b, coalition=world.coalition_a)
    with CaptureQueriesContext(connection) as queries:
        membership_update(actor=world.admin, membership=membership, role="observer")
    assert _written_columns(queries.captured_queries, "partners_membership") == {"role", "version", "updated_at"}
    partnership = f.partnership([world.org_a, world.org_b], title="Referrals")
    with CaptureQueriesContext(connection) as queries:
        partnership_update(actor=world.admin, partnership=partnership, description="Monthly referrals.")
    assert _written_columns(queries.captured_queries, "partners_partnership") == {
        "description",
        "version",
        "updated_at",
    }
    meeting = f.meeting([world.org_a, world.org_b], coalition=world.coalition_a)
    with CaptureQueriesContext(connection) as queries:
        meeting_update(actor=world.admin, meeting=meeting, outcomes="Agreed a referral form.")
    assert _written_columns(queries.captured_queries, "partners_meeting") == {"outcomes", "version", "updated_at"}


def test_a_failed_update_does_not_hide_its_fields_from_the_next_save_of_the_same_copy(world):
    from django.core.exceptions import ValidationError

    org = world.org_a
    with pytest.raises(ValidationError):
        organization_update(actor=world.admin, organization=org, city="Port Aurora", founded_year=1200)
    organization_update(actor=world.admin, organization=org, founded_year=1990)
    org.refresh_from_db()
    assert (org.city, org.founded_year) == ("Port Aurora", 1990)
