"""The sample spreadsheets in docs/samples import cleanly into the demo region, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from partners.models import Contact, Meeting, Membership, Organization
from tests.imports.helpers import check, import_file, staged

pytestmark = pytest.mark.django_db

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
FILES = [
    ("organizations", "organizations.csv", 3),
    ("contacts", "contacts.csv", 2),
    ("memberships", "memberships.csv", 3),
    ("meetings", "meetings.xlsx", 3),
]


def test_samples_import_into_the_demo_and_a_second_time_change_nothing(client):
    call_command("seed_demo", verbosity=0)
    client.force_login(get_user_model().objects.get(username="admin"))
    for kind, name, rows in FILES:
        report = import_file(client, kind, (SAMPLES / name).read_bytes(), name)
        assert report["counts"] == {"new": rows, "update": 0, "unchanged": 0, "error": 0}, name
    assert Organization.objects.get(slug="kitchen-workers-centre").survivor_led
    assert Contact.objects.filter(organization__slug="riverside-legal-clinic").count() == 1
    assert Membership.objects.filter(organization__slug="harbor-nurses-network", role="observer").exists()
    training = Meeting.objects.get(title="Emergency-room identification training")
    assert {(p.organization.slug, p.role, p.attendees) for p in training.participations.all()} == {
        ("harbor-nurses-network", "host", 3),
        ("hc-sheriff", "participant", 2),
        ("beacon", "participant", None),
    }
    for kind, name, rows in FILES:
        report = check(client, staged(client, kind, (SAMPLES / name).read_bytes(), name))
        assert report["counts"] == {"new": 0, "update": 0, "unchanged": rows, "error": 0}, name
