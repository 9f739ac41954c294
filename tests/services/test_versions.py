"""A save made on a stale copy is refused and says which fields changed meanwhile."""

import pytest

from partners.exceptions import StaleObjectError
from partners.models import Organization
from partners.services.organizations import organization_update

pytestmark = pytest.mark.django_db


def test_each_update_raises_the_version(world):
    org = organization_update(actor=world.admin, organization=world.org_a, city="Port Aurora")
    assert org.version == 2
    assert Organization.objects.get(pk=org.pk).version == 2


def test_second_save_on_a_stale_copy_is_refused_naming_the_changed_field(world):
    first = Organization.objects.get(pk=world.org_a.pk)
    second = Organization.objects.get(pk=world.org_a.pk)
    organization_update(actor=world.admin, organization=first, expected_version=1, city="Millbrook")
    with pytest.raises(StaleObjectError) as excinfo:
        organization_update(actor=world.admin, organization=second, expected_version=1, city="Eastvale")
    assert excinfo.value.changed_fields == ["city"]
    assert Organization.objects.get(pk=world.org_a.pk).city == "Millbrook"
