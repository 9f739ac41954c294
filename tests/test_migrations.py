"""Migrations apply on the configured database, seed the vocabularies, and match the models."""

import io

import pytest
from django.core.management import call_command

from partners.models import AreaOfWork, Population, Sector, TraffickingForm
from partners.vocabularies import AREAS_OF_WORK, POPULATIONS, SECTORS, TRAFFICKING_FORMS

pytestmark = pytest.mark.django_db


def test_data_migration_seeds_every_vocabulary_term():
    assert set(Sector.objects.values_list("slug", flat=True)) == {s[0] for s in SECTORS}
    assert AreaOfWork.objects.count() == len(AREAS_OF_WORK)
    assert TraffickingForm.objects.count() == len(TRAFFICKING_FORMS)
    assert Population.objects.count() == len(POPULATIONS)


def test_sectors_stay_editable_data():
    sector = Sector.objects.get(slug="media")
    sector.name = "Media and journalism"
    sector.save()
    assert Sector.objects.get(slug="media").name == "Media and journalism"


def test_models_and_migrations_agree():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migrations_unapply_and_reapply():
    call_command("migrate", "partners", "zero", verbosity=0)
    call_command("migrate", verbosity=0)
    assert Sector.objects.count() == len(SECTORS)
