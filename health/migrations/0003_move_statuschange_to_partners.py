"""The partnership status history now belongs to partners (partners.0003): drop it from health's
state only, keeping the table and its rows, and carry its content type (and so its permissions)
over to partners."""

from django.db import migrations


def move_content_type(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=target, model="statuschange").exists():
        return  # already created for the target (e.g. by a migrate that ran post_migrate in between)
    ContentType.objects.using(db).filter(app_label=source, model="statuschange").update(app_label=target)


def forwards(apps, schema_editor) -> None:
    move_content_type(apps, schema_editor, source="health", target="partners")


def backwards(apps, schema_editor) -> None:
    move_content_type(apps, schema_editor, source="partners", target="health")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("health", "0002_seed_complementary_pairs"),
        ("partners", "0003_statuschange"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="StatusChange")],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
