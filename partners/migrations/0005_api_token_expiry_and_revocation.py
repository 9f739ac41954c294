"""API tokens expire, and record their owner's credentials so a password change or a newly
enrolled second factor revokes them.

Existing tokens expire their lifetime after they were made, keep working until their owner's
next password change, and count as made after any second factor enrolled before them.
"""

import datetime
import hashlib

from django.conf import settings
from django.db import migrations, models


def stamp_existing_tokens(apps, schema_editor):
    ApiToken = apps.get_model("partners", "ApiToken")
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    lifetime = datetime.timedelta(days=int(getattr(settings, "API_TOKEN_LIFETIME_DAYS", 90)))
    for token in ApiToken.objects.select_related("user").iterator():
        devices = TOTPDevice.objects.filter(user_id=token.user_id, confirmed=True, created_at__lte=token.created_at)
        token.expires_at = token.created_at + lifetime
        token.password_fingerprint = hashlib.sha256(f"api-token:{token.user.password}".encode()).hexdigest()
        token.last_device_id = devices.aggregate(newest=models.Max("pk"))["newest"] or 0
        token.save(update_fields=["expires_at", "password_fingerprint", "last_device_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_idempotencyrecord"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="expires at"),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="last_device_id",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text="The owner's newest confirmed two-factor device when the token was made (0: none).",
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="password_fingerprint",
            field=models.CharField(
                default="",
                editable=False,
                help_text="A hash of the owner's password hash when the token was made.",
                max_length=64,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(stamp_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(editable=False, verbose_name="expires at"),
        ),
    ]
