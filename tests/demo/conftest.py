"""The demo region, seeded once for a module and rolled back after it (seeding takes seconds)."""

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone


@pytest.fixture(scope="module")
def demo_region(django_db_setup, django_db_blocker):
    """Seed the demo for the module's tests; each test still runs in its own rolled-back transaction."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield timezone.localdate()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(demo_region, db):
    """Today's date, with the demo region in the database."""
    return demo_region
