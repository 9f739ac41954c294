"""Pre-aggregated collaboration counts that the analytics read instead of scanning participations.

Every table is keyed by the dimensions a viewer's visibility and the analytics filters need
(date, kind, coalition, visibility class), so a read sums a few index ranges instead of joining
every participation twice. Database triggers (see analytics/triggers.py) keep the tables in step
with every write to meetings and participations, in the writer's own transaction; the
`rebuild_rollups` command recomputes them from scratch after bulk loads.

`coalition` is 0 for activities without a coalition, so that the unique keys (and the
upserts that maintain them) never meet a NULL.
"""

from django.db import models

from partners.models import Organization
from partners.permissions import NO_COALITION  # noqa: F401 - activities without a coalition


class CoveringIndex(models.Index):
    """An index that also carries `covering` columns on databases that support them
    (PostgreSQL's INCLUDE), and is a plain index elsewhere.

    Django's own `include=` asks every database for a covering index, and on SQLite (which has
    none) the system checks warn with models.W040 each time `migrate` runs; this index asks
    only the databases that can."""

    def __init__(self, *args, covering: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.covering = tuple(covering)

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        return "analytics.models.CoveringIndex", args, {**kwargs, "covering": self.covering}

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if self.covering and schema_editor.connection.features.supports_covering_indexes:
            _path, args, options = super().deconstruct()
            covering = models.Index(*args, **{**options, "include": self.covering})
            return covering.create_sql(model, schema_editor, using=using, **kwargs)
        return super().create_sql(model, schema_editor, using=using, **kwargs)


class PairDay(models.Model):
    """How many activities of one day, kind, coalition and visibility two organisations shared."""

    org_a = models.ForeignKey(Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    org_b = models.ForeignKey(Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    date = models.DateField()
    kind = models.CharField(max_length=20)
    coalition = models.IntegerField()
    visibility = models.CharField(max_length=15)
    # 0 on the plain rows. On a participants-only activity, the id of a participant for whom
    # this row counts a pair among the *other* participants: what that participant, and
    # nobody else of their visibility class, may see.
    via = models.BigIntegerField(default=0)
    activities = models.PositiveIntegerField()

    class Meta:
        ordering = ["org_a", "org_b", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["org_a", "org_b", "date", "kind", "coalition", "visibility", "via"], name="pairday_key"
            ),
            models.CheckConstraint(condition=models.Q(org_a__lt=models.F("org_b")), name="pairday_ordered"),
        ]
        indexes = [
            models.Index(fields=["org_b", "date"], name="pairday_b_date"),
            # Covering: a date-range read (the last 90 days) never visits the table.
            CoveringIndex(fields=["date", "via"], name="pairday_date_cover", covering=("org_a", "org_b", "activities")),
            models.Index(fields=["coalition", "date"], name="pairday_coalition_date"),
            models.Index(fields=["via", "date"], name="pairday_via_date", condition=models.Q(via__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.org_a_id}–{self.org_b_id} {self.date}: {self.activities}"


class OrgDay(models.Model):
    """How many collaborative activities of one day, kind, coalition and visibility an
    organisation took part in."""

    organization = models.ForeignKey(Organization, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+")
    date = models.DateField()
    kind = models.CharField(max_length=20)
    coalition = models.IntegerField()
    visibility = models.CharField(max_length=15)
    activities = models.PositiveIntegerField()

    class Meta:
        ordering = ["organization", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "date", "kind", "coalition", "visibility"], name="orgday_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.date}: {self.activities}"


class ActivityDay(models.Model):
    """How many collaborative activities (two or more organisations) of one day, kind,
    coalition and visibility took place."""

    date = models.DateField()
    kind = models.CharField(max_length=20)
    coalition = models.IntegerField()
    visibility = models.CharField(max_length=15)
    activities = models.PositiveIntegerField()

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["date", "kind", "coalition", "visibility"], name="activityday_key")
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.activities}"


class ChangeStamp(models.Model):
    """A counter per coalition (0: activities without one) raised by every write that changes
    its collaboration figures; caches of derived results key on it."""

    coalition = models.IntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["coalition"]

    def __str__(self) -> str:
        return f"coalition {self.coalition}: v{self.version}"
