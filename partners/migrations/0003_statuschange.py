"""The partnership status history joins the partnership aggregate.

State only: the table `health_statuschange`, created by health's first migration, stays as it is,
with its rows. health.0003 removes the model from health's state.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATUSES = [
    ("forming", "Forming"),
    ("active", "Active"),
    ("strained", "Strained"),
    ("dormant", "Dormant"),
    ("ended", "Ended"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_seed_vocabularies"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="StatusChange",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "from_status",
                            models.CharField(
                                blank=True,
                                choices=STATUSES,
                                help_text="Empty when created.",
                                max_length=10,
                                verbose_name="from",
                            ),
                        ),
                        ("to_status", models.CharField(choices=STATUSES, max_length=10, verbose_name="to")),
                        (
                            "changed_at",
                            models.DateTimeField(
                                db_index=True, default=django.utils.timezone.now, verbose_name="changed at"
                            ),
                        ),
                        (
                            "reason",
                            models.CharField(
                                blank=True,
                                help_text=(
                                    "Never enter names, case details or anything else that could identify a victim"
                                    " or survivor."
                                ),
                                max_length=300,
                                verbose_name="reason",
                            ),
                        ),
                        (
                            "changed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "partnership",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="status_changes",
                                to="partners.partnership",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "status change",
                        "db_table": "health_statuschange",
                        "ordering": ["-changed_at", "-id"],
                        "indexes": [
                            models.Index(fields=["partnership", "changed_at"], name="health_stat_partner_fe1090_idx")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
