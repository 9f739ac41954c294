"""Schedule the daily housekeeping, purge_expired, that docs/data-protection.md promises (django-celery-beat)."""

from django.db import migrations

NAME = "Daily housekeeping (purge_expired)"
TASK = "audit.tasks.purge_expired"


def schedule(apps, schema_editor):
    """Create the daily schedule, or bring it back to this one (running the migration again is harmless)."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _created = CrontabSchedule.objects.get_or_create(
        minute="15", hour="3", day_of_week="*", day_of_month="*", month_of_year="*", timezone="UTC"
    )
    PeriodicTask.objects.update_or_create(
        name=NAME, defaults={"task": TASK, "crontab": crontab, "interval": None, "enabled": True}
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0004_move_idempotencyrecord_to_partners"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
