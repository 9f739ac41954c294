"""Domain exceptions raised by services and turned into responses by the API and the pages."""

from __future__ import annotations

from django.db import models


class StaleObjectError(Exception):
    """A save was made on a stale copy: someone else changed the record since it was read."""

    def __init__(self, current: models.Model, changed_fields: list[str] | None = None):
        self.current = current
        self.changed_fields = changed_fields or []
        super().__init__(f"{current._meta.verbose_name} was changed by someone else since you opened it.")
