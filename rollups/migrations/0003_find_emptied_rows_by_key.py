"""Reinstall the rollup triggers: emptied organisation rows are now found through their key."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from rollups import triggers

    vendor = schema_editor.connection.vendor
    for statement in triggers.drop_sql(vendor) + triggers.create_sql(vendor):
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("rollups", "0002_rollup_triggers")]

    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
