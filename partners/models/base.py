"""Shared model pieces: timestamps, the optimistic-lock version, and the no-personal-data help text."""

from django.db import models
from django.utils.translation import gettext_lazy as _

NO_PERSONAL_DATA = _("Never enter names, case details or anything else that could identify a victim or survivor.")


class Timestamped(models.Model):
    """Created/updated stamps and a version number that each update raises by one.

    The version lets the pages and the API refuse a save made on a stale copy.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
