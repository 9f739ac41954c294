"""The stored answers to API retries join partners, whose API writes them.

State only: the table `audit_idempotencyrecord`, created by audit's first migration, stays as it
is, with its rows. audit.0003 removes the model from audit's state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_statuschange"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotencyRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=255)),
                        ("method", models.CharField(max_length=10)),
                        ("path", models.CharField(max_length=2000)),
                        ("fingerprint", models.CharField(help_text="SHA-256 of method, path and body.", max_length=64)),
                        ("status_code", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("content", models.BinaryField(blank=True, default=b"")),
                        ("headers", models.JSONField(blank=True, default=dict)),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "audit_idempotencyrecord",
                        "ordering": ["-created_at"],
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "key"), name="idempotency_key_once_per_user")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
