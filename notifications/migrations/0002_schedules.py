"""Schedule the reminders (daily) and the coordinators' digest (weekly) with django-celery-beat."""

from django.db import migrations

# name: (task, crontab fields). Times are UTC, after the daily housekeeping (03:15-03:40). Each
# message is recorded per period or event (notifications/delivery.py), so a schedule that fires
# twice sends nothing twice. The digest runs daily too: its period is the ISO week, so the first
# run of a week (Monday's) sends it, and a Monday the workers missed is caught up on Tuesday.
SCHEDULES = {
    "Daily reminders (renewals, action items, meetings, contacts)": (
        "notifications.tasks.reminders_send",
        {"minute": "50", "hour": "3", "day_of_week": "*"},
    ),
    "Weekly digest for coordinators (sent by the first run of each week)": (
        "notifications.tasks.digests_send",
        {"minute": "55", "hour": "3", "day_of_week": "*"},
    ),
}


def schedule(apps, schema_editor):
    """Create the schedules, or bring them back to these (running the migration again is harmless)."""
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, (task, when) in SCHEDULES.items():
        crontab, _created = CrontabSchedule.objects.get_or_create(
            day_of_month="*", month_of_year="*", timezone="UTC", **when
        )
        PeriodicTask.objects.update_or_create(
            name=name, defaults={"task": task, "crontab": crontab, "interval": None, "enabled": True}
        )


def unschedule(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=list(SCHEDULES)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(schedule, unschedule)]
