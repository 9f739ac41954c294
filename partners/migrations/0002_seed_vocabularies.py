"""Seed the starting sectors, areas of work, forms of trafficking and populations served."""

from django.db import migrations

from partners.vocabularies import AREAS_OF_WORK, POPULATIONS, SECTORS, TRAFFICKING_FORMS


def seed(apps, schema_editor):
    Sector = apps.get_model("partners", "Sector")
    for position, (slug, name, description, colour) in enumerate(SECTORS):
        Sector.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "colour": colour, "position": position}
        )
    for model_name, terms in (
        ("AreaOfWork", AREAS_OF_WORK),
        ("TraffickingForm", TRAFFICKING_FORMS),
        ("Population", POPULATIONS),
    ):
        model = apps.get_model("partners", model_name)
        for position, (slug, name, description) in enumerate(terms):
            model.objects.get_or_create(slug=slug, defaults={"name": name, "description": description, "position": position})


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
