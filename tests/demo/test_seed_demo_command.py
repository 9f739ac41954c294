"""`seed_demo` on a database of its own: it leaves existing data alone and prints the demo accounts."""

import pytest
from django.core.management import call_command

from partners.models import Coalition, Organization, Sector

pytestmark = pytest.mark.django_db


def test_seed_demo_if_empty_leaves_a_database_with_data_alone(db, capsys):
    Organization.objects.create(name="Existing", slug="existing", primary_sector=Sector.objects.first(), country="US")
    call_command("seed_demo", "--if-empty")
    assert Organization.objects.count() == 1
    assert Coalition.objects.count() == 0


def test_seed_demo_prints_the_demo_accounts(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    for username in ("admin", "coordinator", "member"):
        assert f"  {username} " in out
