"""Install the triggers that keep the rollup tables in step with meetings and participations."""

from django.db import migrations


def install(apps, schema_editor):
    from rollups import triggers

    vendor = schema_editor.connection.vendor
    for statement in triggers.drop_sql(vendor) + triggers.create_sql(vendor):
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    from rollups import triggers

    for statement in triggers.drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def rebuild(apps, schema_editor):
    from rollups.rebuild import rebuild_rollups

    rebuild_rollups(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("rollups", "0001_rollup_tables")]

    operations = [
        migrations.RunPython(install, uninstall),
        # A database that already holds activities starts with rollups that match them.
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
