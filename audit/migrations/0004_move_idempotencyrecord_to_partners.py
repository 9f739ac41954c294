"""The stored answers to API retries now belong to partners (partners.0004): drop the model from
audit's state only, keeping the table and its rows, and carry its content type (and so its
permissions) over to partners."""

from django.db import migrations


def move_content_type(apps, schema_editor, *, source: str, target: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label=target, model="idempotencyrecord").exists():
        return  # already created for the target (e.g. by a migrate that ran post_migrate in between)
    ContentType.objects.using(db).filter(app_label=source, model="idempotencyrecord").update(app_label=target)


def forwards(apps, schema_editor) -> None:
    move_content_type(apps, schema_editor, source="audit", target="partners")


def backwards(apps, schema_editor) -> None:
    move_content_type(apps, schema_editor, source="partners", target="audit")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("audit", "0003_append_only_audit_trail"),
        ("partners", "0004_idempotencyrecord"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IdempotencyRecord")],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
