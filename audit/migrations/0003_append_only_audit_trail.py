"""The audit trail is append-only: on PostgreSQL a trigger refuses UPDATE and DELETE on its tables
unless the retention purge set the transaction-local `coalition.audit_purge` (see
`audit.models.audit_purge`). On SQLite this migration adds nothing but the two new actions: the
ORM guards in audit/models.py are the only lock there.
"""

from django.db import migrations, models

# The tables as they stand at this migration; a table added to the trail later gets its own.
TABLES = ("audit_auditevent",)
FUNCTION = "audit_refuse_change"
TRIGGER = "audit_append_only"

CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('coalition.audit_purge', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    -- Deleting an account clears the event's actor (on_delete=SET_NULL) and changes nothing else:
    -- the event stays, with the username it was recorded under.
    IF TG_OP = 'UPDATE' AND to_jsonb(NEW) ->> 'actor_id' IS NULL
            AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % on % is refused.', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Only manage.py purge_expired and manage.py erase_contact remove audit records.';
END
$$
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, params=None)  # no parameters: its % are plpgsql's
    for table in TABLES:
        quoted = schema_editor.quote_name(table)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quoted}")
        schema_editor.execute(
            f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {quoted} FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {schema_editor.quote_name(table)}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_account_and_health_history"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("sign_in", "signed in"),
                    ("sign_in_failed", "sign-in failed"),
                    ("sign_out", "signed out"),
                    ("locked_out", "locked out"),
                    ("two_factor", "two-factor change"),
                    ("export", "exported data"),
                    ("restore", "restored a record"),
                    ("erase", "erased personal data"),
                    ("password_reset", "password reset requested"),
                    ("purge", "purged expired records"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="action",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
